#if canImport(Glibc)
import Glibc
#endif

/// Writes RFC 4180 CSV: fields quoted when they hold the delimiter, a quote, CR or LF (quotes
/// doubled), rows ended by CRLF, and — unless turned off — cells that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or CR) prefixed with `'`, as OWASP recommends.
public struct CSVWriter {
    /// Whether to neutralise formula-like cells (on by default; `--no-formula-guard` turns it off).
    public var formulaGuard: Bool
    let sink: OutputSink
    let line = LineBuffer()

    /// The row being written, as bytes (reused from row to row).
    final class LineBuffer {
        let bytes = ByteLine()
        var cells = 0
    }

    /// Creates a writer; with `bom` a UTF-8 byte order mark is written first (for Excel).
    public init(sink: OutputSink, bom: Bool, formulaGuard: Bool = true) {
        self.sink = sink
        self.formulaGuard = formulaGuard
        if bom { sink.write("\u{FEFF}") }
    }

    /// Writes one row.
    public func row(_ fields: [String]) {
        for f in fields { cell(f) }
        endRow()
    }

    /// Writes one row whose cells are already escaped with ``escape(_:formulaGuard:)`` (for
    /// texts repeated on many rows, escaped once).
    public func escapedRow(_ cells: [String]) {
        for c in cells { cell(escaped: c) }
        endRow()
    }

    // Cell by cell: a report of hundreds of thousands of rows is written without a `String` per
    // cell or per row (building them was a third of a million-record check).

    @inline(__always)
    func nextCell() {
        if line.cells > 0 { line.bytes.append(byte: UInt8(ascii: ",")) }
        line.cells += 1
    }

    /// Appends a cell, escaped.
    @inline(__always)
    public func cell(_ s: String) {
        var s = s
        s.withUTF8 { cell(bytes: $0) }
    }

    /// Appends a cell given as UTF-8 bytes, escaped.
    @inline(__always)
    public func cell(bytes b: UnsafeBufferPointer<UInt8>) {
        nextCell()
        var out = line.bytes
        CSVWriter.appendEscaped(b, formulaGuard: formulaGuard, to: &out)
    }

    /// Appends a cell already escaped (or needing no escaping: digits, fixed words).
    @inline(__always)
    public func cell(escaped s: String) {
        nextCell()
        var out = line.bytes
        out.append(string: s)
    }

    /// Appends a cell already escaped, as bytes.
    @inline(__always)
    public func cell(escaped b: [UInt8]) {
        nextCell()
        var out = line.bytes
        out.append(array: b)
    }

    /// Appends a cell whose bytes `fill` appends as they are (they must need no escaping, like
    /// an ISO day).
    @inline(__always)
    public func cell(unescaped fill: (ByteLine) -> Void) {
        nextCell()
        fill(line.bytes)
    }

    /// Appends a number.
    @inline(__always)
    public func cell(_ n: Int) {
        nextCell()
        var out = line.bytes
        CSVWriter.appendDecimal(n, to: &out)
    }

    /// Appends a cell whose bytes `fill` appends unescaped; they are escaped here.
    public func cell(scratch: ByteLine, _ fill: (ByteLine) -> Void) {
        scratch.removeAll()
        fill(scratch)
        cell(bytes: scratch.bytes)
    }

    /// Ends the row (CRLF) and hands it to the sink.
    public func endRow() {
        line.bytes.append(byte: 0x0D)
        line.bytes.append(byte: 0x0A)
        sink.write(bytes: line.bytes.bytes)
        line.bytes.removeAll()
        line.cells = 0
    }

    /// Appends `n` in decimal.
    static func appendDecimal<B: ByteAppending>(_ n: Int, to out: inout B) {
        if n < 0 {
            out.append(byte: UInt8(ascii: "-"))
            if n == Int.min { out.append(string: String(String(n).dropFirst())); return }
            appendDecimal(-n, to: &out)
            return
        }
        var power = 1
        while power <= n / 10 { power *= 10 }
        var rest = n
        while power > 0 {
            out.append(byte: UInt8(rest / power) + 0x30)
            rest %= power
            power /= 10
        }
    }

    /// `s` escaped with this writer's formula guard.
    public func escape(_ s: String) -> String { CSVWriter.escape(s, formulaGuard: formulaGuard) }

    /// Whether a cell's first byte makes a spreadsheet run it as a formula: `=`, `+`, `-`, `@`,
    /// tab or CR, when the cell is more than that one character (`-` for standard input is no formula).
    @inline(__always)
    static func looksLikeFormula(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count > 1 else { return false }
        switch b[0] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Neutralises formula-like text: `'` before a leading `=`, `+`, `-`, `@`, tab or CR. A cell
    /// of that one character alone (`-` for standard input) is no formula and is left as it is.
    public static func neutralise(_ s: String) -> String {
        var s = s
        return s.withUTF8 { looksLikeFormula($0) } ? "'" + s : s
    }

    /// Appends a field, neutralised when `formulaGuard` and quoted when it holds a comma, a quote,
    /// CR or LF (quotes doubled). Works on bytes: no byte of a multi-byte UTF-8 sequence is ASCII.
    static func appendEscaped<B: ByteAppending>(_ b: UnsafeBufferPointer<UInt8>, formulaGuard: Bool, to out: inout B) {
        let needs = needsQuotes(b)
        if needs { out.append(byte: UInt8(ascii: "\"")) }
        if formulaGuard && looksLikeFormula(b) { out.append(byte: UInt8(ascii: "'")) }
        if needs {
            for c in b {
                if c == UInt8(ascii: "\"") { out.append(byte: c) }
                out.append(byte: c)
            }
            out.append(byte: UInt8(ascii: "\""))
        } else {
            out.append(bytes: b)
        }
    }

    /// Whether `b` holds a comma, a quote, CR or LF: the reader's word-at-a-time search for a
    /// field's end (comma, CR, LF) over the whole cell, and `memchr` for a quote (the evidence
    /// cells of a province's report are about 150 bytes a row; byte by byte was most of writing them).
    @inline(__always)
    static func needsQuotes(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return false }
        return CSVTokenizer.fieldEnd(b, from: 0, delimiter: UInt8(ascii: ",")) < b.count || memchr(p, 0x22, b.count) != nil
    }

    /// Quotes a field if needed (and neutralises it when `formulaGuard`).
    public static func escape(_ f: String, formulaGuard: Bool) -> String {
        var f = f
        var out: [UInt8] = []
        f.withUTF8 { appendEscaped($0, formulaGuard: formulaGuard, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Display width in a terminal: East Asian wide and full-width characters take two columns.
public enum DisplayWidth {
    /// Columns `s` takes on a terminal.
    public static func of(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { b in
            // The scalars decoded straight from the (valid) UTF-8: ASCII, the common case, is one
            // column without decoding.
            var w = 0, i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { w += c == 0 ? 0 : 1; i += 1; continue }
                var v: UInt32, len: Int
                if c < 0xE0 { v = UInt32(c & 0x1F); len = 2 }
                else if c < 0xF0 { v = UInt32(c & 0x0F); len = 3 }
                else { v = UInt32(c & 0x07); len = 4 }
                for k in 1..<len where i + k < n { v = v << 6 | UInt32(b[i + k] & 0x3F) }
                w += Unicode.Scalar(v).map(width) ?? 1
                i += len
            }
            return w
        }
    }

    static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 { return 0 }
        if v < 0x300 { return 1 }
        if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFEFF { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// Lays out rows as an aligned table (columns separated by two spaces), one line per row,
    /// ending in a line break.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var out = ""
        for line in tableLines(rows, rightAligned: rightAligned) {
            out += line
            out += "\n"
        }
        return out
    }

    /// ``table(_:rightAligned:)`` as its lines (without line breaks). Each cell's width is
    /// worked out once and each line is put together as bytes: a province's report has a
    /// hundred thousand of these lines.
    public static func tableLines(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        guard let n = rows.map(\.count).max() else { return [] }
        let cellWidths = rows.map { $0.map(of) }
        var widths = [Int](repeating: 0, count: n)
        for r in cellWidths { for (i, w) in r.enumerated() { widths[i] = max(widths[i], w) } }
        let right = (0..<n).map { rightAligned.contains($0) }
        var lines: [String] = []
        lines.reserveCapacity(rows.count)
        var line: [UInt8] = []
        for (ri, r) in rows.enumerated() {
            line.removeAll(keepingCapacity: true)
            for (i, c) in r.enumerated() {
                let last = i == r.count - 1
                let fill = last && !right[i] ? 0 : max(0, widths[i] - cellWidths[ri][i])
                if right[i] { line.append(contentsOf: repeatElement(0x20, count: fill)) }
                line.append(contentsOf: c.utf8)
                if !right[i] { line.append(contentsOf: repeatElement(0x20, count: fill)) }
                if !last { line.append(0x20); line.append(0x20) }
            }
            while line.last == 0x20 { line.removeLast() }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines
    }
}
