/// Where one field's bytes are: offsets from its row's base pointer.
public struct FieldSpan: Sendable {
    /// Offset of the first byte.
    public var lo: Int32
    /// Offset just past the last byte.
    public var hi: Int32
}

/// Streaming RFC 4180 tokenizer over UTF-8 bytes, tolerant in the ways Excel and Python's `csv` are.
///
/// Feed it chunks of any size; it calls back once per complete row with the row's fields as byte
/// slices (quotes removed, doubled quotes undone). It handles CRLF, LF and lone CR, newlines and
/// delimiters inside quotes, quotes spanning chunk boundaries, blank lines (skipped), and a missing
/// final newline. A quote inside an unquoted field is kept literally; text after a closing quote is
/// appended to the field (Python's `csv` does the same).
public struct CSVTokenizer {
    /// The fields of one row; valid only during the callback.
    ///
    /// Each field is a span of bytes from `base`: the tokenizer's own row buffer, or, for rows the
    /// parallel reader cut out of a chunk without copying, the chunk itself.
    public struct Row {
        let base: UnsafePointer<UInt8>?
        let spans: UnsafeBufferPointer<FieldSpan>
        /// Physical line (1-based) where the row starts.
        public let line: Int
        /// Number of fields.
        public var count: Int { spans.count }
        /// The bytes of field `i` (0-based).
        @inline(__always)
        public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            let s = spans[i]
            return UnsafeBufferPointer(start: base.map { $0 + Int(s.lo) }, count: Int(s.hi &- s.lo))
        }
        /// Field `i` decoded as UTF-8, invalid bytes replaced.
        public func string(_ i: Int) -> String { String(decoding: self[i], as: UTF8.self) }
    }

    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The field delimiter (`,` by default).
    public let delimiter: UInt8
    /// Largest row in bytes before ``CSVError/rowTooLarge`` is thrown.
    public let maxRowBytes: Int
    /// Most fields in one row before ``CSVError/tooManyColumns`` is thrown.
    public let maxColumns: Int
    let path: String
    /// The highest ``maxRowBytes`` honoured (1 GiB): field offsets are 32-bit.
    public static let rowBytesCeiling = 1 << 30

    var row: [UInt8] = []
    var ends: [FieldSpan] = []
    var state: State = .fieldStart
    var line = 1
    var rowLine = 1
    var rowHasContent = false
    var skipLF = false        // last byte was a CR that ended a line
    var quoteLine = 1         // where the current quoted field began (for errors)
    var quoteColumn = 1
    var lastChunkEndedCR = false

    /// Creates a tokenizer for one input.
    public init(delimiter: UInt8 = 0x2C, path: String, maxRowBytes: Int = 16 << 20, maxColumns: Int = 1024) {
        self.delimiter = delimiter
        self.path = path
        self.maxRowBytes = min(maxRowBytes, CSVTokenizer.rowBytesCeiling)
        self.maxColumns = maxColumns
        row.reserveCapacity(4096)
        ends.reserveCapacity(32)
    }

    @inline(__always)
    mutating func endField() throws {
        ends.append(FieldSpan(lo: ends.last?.hi ?? 0, hi: Int32(truncatingIfNeeded: row.count)))
        if ends.count > maxColumns { throw CSVError.tooManyColumns(path: path, line: rowLine, count: ends.count, limit: maxColumns) }
    }

    @inline(__always)
    mutating func endRow(_ emit: (Row) throws -> Void) throws {
        if rowHasContent {
            try endField()
            try row.withUnsafeBufferPointer { b in
                try ends.withUnsafeBufferPointer { e in try emit(Row(base: UnsafePointer(b.baseAddress), spans: e, line: rowLine)) }
            }
        }
        row.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        rowHasContent = false
        state = .fieldStart
    }

    /// Feeds the next chunk of UTF-8 bytes.
    public mutating func feed(_ buf: UnsafeBufferPointer<UInt8>, _ emit: (Row) throws -> Void) throws {
        let n = buf.count
        let d = delimiter
        var i = 0
        if skipLF && n > 0 {
            skipLF = false
            if buf[0] == 0x0A { i = 1 }
        }
        while i < n {
            switch state {
            case .fieldStart, .unquoted:
                let c = buf[i]
                if c == 0x22 && state == .fieldStart {
                    state = .quoted; rowHasContent = true
                    quoteLine = line; quoteColumn = ends.count + 1
                    i += 1
                    continue
                }
                // Scan an unquoted run (eight bytes at a time, then byte by byte).
                let j = CSVTokenizer.fieldEnd(buf, from: i, delimiter: d)
                if j > i {
                    row.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    rowHasContent = true
                    state = .unquoted
                    if row.count > maxRowBytes { throw CSVError.rowTooLarge(path: path, line: rowLine, column: ends.count + 1, limit: maxRowBytes, inQuotes: false) }
                }
                i = j
                if i == n { break }
                let x = buf[i]
                i += 1
                if x == d {
                    rowHasContent = true
                    try endField(); state = .fieldStart
                } else {
                    try endRow(emit)
                    line += 1; rowLine = line
                    if x == 0x0D {
                        if i < n { if buf[i] == 0x0A { i += 1 } } else { skipLF = true }
                    }
                }
            case .quoted:
                var j = i
                while j < n {
                    j = CSVTokenizer.scan(buf, from: j, delimiter: 0x22)
                    if j == n { break }
                    let x = buf[j]
                    if x == 0x22 { break }
                    if x == 0x0D { line += 1 } else if x == 0x0A && !(j > 0 ? buf[j - 1] == 0x0D : lastChunkEndedCR) { line += 1 }
                    j += 1
                }
                if j > i {
                    row.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    if row.count > maxRowBytes { throw CSVError.rowTooLarge(path: path, line: rowLine, column: quoteColumn, limit: maxRowBytes, inQuotes: true) }
                }
                i = j
                if i < n { state = .quoteInQuoted; i += 1 }
            case .quoteInQuoted:
                let x = buf[i]
                if x == 0x22 { row.append(0x22); state = .quoted; i += 1 }
                else if x == d { i += 1; try endField(); state = .fieldStart }
                else if x == 0x0A || x == 0x0D {
                    i += 1
                    try endRow(emit)
                    line += 1; rowLine = line
                    if x == 0x0D { if i < n { if buf[i] == 0x0A { i += 1 } } else { skipLF = true } }
                } else { state = .unquoted }  // text after a closing quote joins the field
            }
        }
        // A CRLF inside quotes split across two chunks is one line break, not two.
        if n > 0 { lastChunkEndedCR = buf[n - 1] == 0x0D }
    }

    /// Skips, eight bytes at a time, bytes that are none of `delimiter`, LF and CR: returns the
    /// offset of the first of them in a word, or where fewer than eight bytes remain (the caller
    /// finishes byte by byte).
    ///
    /// With a delimiter below the digit `0` (0x30: comma, tab, the quote of a quoted field's scan)
    /// one test per word finds every byte below `max(delimiter, CR) + 1` — a word of Chinese text,
    /// letters or digits has none, so it costs a subtraction and two ANDs instead of three equality
    /// tests — and each such byte (a space, `(`, …) is then compared exactly. The test flags exactly the lowest
    /// such byte of a word; above it a borrow may flag more (never fewer), and every flag is
    /// checked, so nothing is skipped and nothing is wrongly taken. Other delimiters (`;`, `|`)
    /// test for each of the three bytes (exact: the zero-byte test has no false positive below the
    /// first true one).
    @inline(__always)
    static func scan(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8) -> Int {
        let n = buf.count
        guard var p = buf.baseAddress, start + 8 <= n else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var j = start
        p += start
        if delimiter < 0x30 {
            let below = UInt64(max(delimiter, 0x0D) + 1) &* ones
            while j + 8 <= n {
                let v = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                var m = (v &- below) & ~v & highs
                while m != 0 {
                    let k = m.trailingZeroBitCount >> 3
                    let x = p[k]
                    if x == delimiter || x == 0x0A || x == 0x0D { return j + k }
                    m &= m &- 1
                }
                j += 8; p += 8
            }
            return j
        }
        let dm = UInt64(delimiter) &* ones, lf = 0x0A &* ones, cr = 0x0D &* ones
        while j + 8 <= n {
            let v = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let a = v ^ dm, b = v ^ lf, c = v ^ cr
            let m = ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c)
            let hit = m & highs
            if hit != 0 { return j + hit.trailingZeroBitCount >> 3 }
            j += 8; p += 8
        }
        return j
    }

    /// The offset of the first delimiter, LF or CR at or after `start`, or the buffer's end.
    @inline(__always)
    static func fieldEnd(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, delimiter d: UInt8) -> Int {
        var j = scan(buf, from: start, delimiter: d)
        while j < buf.count {
            let x = buf[j]
            if x == d || x == 0x0A || x == 0x0D { break }
            j += 1
        }
        return j
    }

    /// Ends the input: emits a last row without a final newline, or throws on an open quote.
    public mutating func finish(_ emit: (Row) throws -> Void) throws {
        if state == .quoted {
            throw CSVError.unterminatedQuote(path: path, line: quoteLine, column: quoteColumn)
        }
        try endRow(emit)
    }

    /// Whether the tokenizer stands at the start of a row: no field begun, no quote open, no CR
    /// waiting for its LF. The parallel reader checks this to confirm where a chunk's rows start.
    var atRowStart: Bool { state == .fieldStart && !rowHasContent && ends.isEmpty && row.isEmpty && !skipLF }

    /// Continues after `lines` line breaks that were tokenized elsewhere (a chunk's rows parsed by
    /// a worker), at a row start; `endedWithCR` says whether the last of them was a lone CR.
    mutating func skip(lines: Int, endedWithCR: Bool) {
        line += lines
        rowLine = line
        lastChunkEndedCR = endedWithCR
    }

    /// Guesses the delimiter from the first line: the most frequent of comma, tab, semicolon
    /// outside quotes (comma when none appear).
    public static func detectDelimiter(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var inQ = false
        var counts: [UInt8: Int] = [0x2C: 0, 0x09: 0, 0x3B: 0]
        for c in b {
            if c == 0x22 { inQ.toggle(); continue }
            if inQ { continue }
            if c == 0x0A || c == 0x0D { break }
            if c == 0x2C || c == 0x09 || c == 0x3B { counts[c, default: 0] += 1 }
        }
        let best = [UInt8(0x2C), 0x09, 0x3B].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > 0 ? best : 0x2C
    }
}
