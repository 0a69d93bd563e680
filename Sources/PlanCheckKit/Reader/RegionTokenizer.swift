#if canImport(Glibc)
import Glibc
#endif

/// Tokenizes the complete rows of one in-memory region without copying them: the parallel
/// reader's per-chunk parser.
///
/// The region must start at a row start and end just after an LF. Fields are spans of the buffer
/// itself; a quoted field whose text is not one contiguous run (a doubled quote, text after the
/// closing quote) is unescaped into the buffer's spare area after `sideFrom`. The semantics are
/// ``CSVTokenizer``'s. Parsing stops early, before the row concerned, at anything it leaves to
/// the streaming tokenizer: a row that does not end inside the region (an LF inside quotes), a
/// row over the byte or column limit (so that the streaming tokenizer reports it).
final class RegionTokenizer {
    let delimiter: UInt8
    let maxRowBytes: Int
    let maxColumns: Int
    /// The current row's fields (room for one more than `maxColumns`).
    let spans: UnsafeMutablePointer<FieldSpan>

    init(delimiter: UInt8, maxRowBytes: Int, maxColumns: Int) {
        self.delimiter = delimiter
        self.maxRowBytes = min(maxRowBytes, CSVTokenizer.rowBytesCeiling)
        self.maxColumns = maxColumns
        spans = .allocate(capacity: maxColumns + 2)
    }

    deinit { spans.deallocate() }

    /// What a parse covered.
    struct Outcome {
        /// Offset just past the last row handed out (or where parsing began).
        var end: Int
        /// Line breaks (CR, LF or CRLF, quoted ones included) before `end`.
        var lines: Int
        /// Whether the byte before `end` is a CR that was a line break by itself.
        var endedWithCR: Bool
    }

    /// Parses `base[from..<to]`, calling `emit` with each non-blank row and its line relative to
    /// `from` (1 = the line holding `from`). Unescaped text goes to `base + side…`, which must have
    /// room for `to - from` bytes.
    func parse(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int, side sideStart: Int,
               _ emit: (CSVTokenizer.Row) throws -> Void) rethrows -> Outcome {
        if delimiter < 0x30 { return try parseRows(base, from: from, to: to, side: sideStart, emit) }
        return try parseFields(base, from: from, to: to, side: sideStart, emit)
    }

    /// A blank line (CR, LF or CRLF) at `i`: skipped, counted, and the outcome moved past it.
    @inline(__always)
    static func skipBlank(_ base: UnsafeMutablePointer<UInt8>, _ i: inout Int, _ line: inout Int, _ last: inout Outcome) -> Bool {
        let c0 = base[i]
        guard c0 == 0x0A || c0 == 0x0D else { return false }
        i += 1
        if c0 == 0x0D && base[i] == 0x0A { i += 1 }   // base[to - 1] is an LF: i < to here
        line += 1
        last = Outcome(end: i, lines: line - 1, endedWithCR: c0 == 0x0D && base[i - 1] == 0x0D)
        return true
    }

    /// The bytes of the word at `w` below `below`'s (one above the delimiter or CR, whichever is
    /// higher) flagged 0x80, as ``CSVTokenizer/scan(_:from:delimiter:)`` flags them: every byte
    /// that can end a field, plus false alarms (spaces, quotes, a borrow's), which the caller
    /// compares exactly. Past `to` the word is read as zeros.
    @inline(__always)
    static func flags(_ base: UnsafeMutablePointer<UInt8>, _ w: Int, to: Int, below: UInt64) -> UInt64 {
        // The last word of a region byte by byte: a copy into a local made that local live in
        // memory, a store and a load on every word.
        let v = w &+ 8 <= to ? UnsafeRawPointer(base + w).loadUnaligned(as: UInt64.self) : partialWord(base, w, to)
        return (v &- below) & ~v & 0x8080_8080_8080_8080
    }

    /// `base[w..<to]` (fewer than eight bytes) as the low bytes of a word.
    static func partialWord(_ base: UnsafeMutablePointer<UInt8>, _ w: Int, _ to: Int) -> UInt64 {
        var v: UInt64 = 0, k: UInt64 = 0, j = w
        while j < to { v |= UInt64(base[j]) &<< k; j &+= 1; k &+= 8 }
        return v
    }

    /// The parse for a delimiter below `0` (comma, tab): one scan per row instead of one per field.
    /// Each word of the row is tested once (``flags(_:_:to:below:)``) and its flagged bytes taken
    /// in order, so a field ends at the next flagged delimiter or line break without the word being
    /// loaded again; a field that starts with a quote goes to ``quotedField(_:_:at:to:side:line:)``
    /// and the scan resumes after it. The same rows, spans and lines as ``parseFields``, which the
    /// tests compare over every kind of quoting. Offsets stay below 2²⁹ (a chunk is at most 256 MiB,
    /// its side area as much again), so the index arithmetic wraps instead of testing for overflow.
    func parseRows(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int, side sideStart: Int,
                   _ emit: (CSVTokenizer.Row) throws -> Void) rethrows -> Outcome {
        let d = delimiter
        let below = UInt64(max(d, 0x0D) + 1) &* 0x0101_0101_0101_0101
        var i = from
        var line = 1
        var side = sideStart
        var last = Outcome(end: from, lines: 0, endedWithCR: false)
        rows: while i < to {
            let rowLine = line
            let rowStart = i
            if RegionTokenizer.skipBlank(base, &i, &line, &last) { continue }
            var fields = 0
            var lo = i
            var w = i
            var m = RegionTokenizer.flags(base, w, to: to, below: below)
            while true {
                var t: UInt8
                if base[lo] == 0x22 {
                    guard let q = quotedField(base, to: to, at: lo, side: &side, line: &line) else { break rows }
                    spans[fields] = q.span
                    i = q.end
                    if i >= to { break rows }
                    t = base[i]
                    w = i &+ 1
                    m = w < to ? RegionTokenizer.flags(base, w, to: to, below: below) : 0
                } else {
                    // The next flagged byte that is the delimiter or a line break (the row's own
                    // LF, at the latest, is before `to`).
                    while true {
                        while m == 0 {
                            w &+= 8
                            if w >= to { break rows }
                            m = RegionTokenizer.flags(base, w, to: to, below: below)
                        }
                        i = w &+ m.trailingZeroBitCount &>> 3
                        m &= m &- 1
                        t = base[i]
                        if t == d || t == 0x0A || t == 0x0D { break }
                    }
                    spans[fields] = FieldSpan(lo: Int32(truncatingIfNeeded: lo), hi: Int32(truncatingIfNeeded: i))
                }
                fields &+= 1
                // Over the column limit: the streaming tokenizer takes it from here and reports it.
                if fields > maxColumns { break rows }
                i &+= 1
                if t == d { lo = i; continue }
                if t == 0x0D && base[i] == 0x0A { i &+= 1 }
                // Over the byte limit (the row's bytes bound its fields'): counted exactly, and if so
                // left to the streaming tokenizer as well.
                if i &- rowStart > maxRowBytes {
                    var bytes = 0
                    for f in 0..<fields { bytes += Int(spans[f].hi - spans[f].lo) }
                    if bytes > maxRowBytes { break rows }
                }
                line &+= 1
                try emit(CSVTokenizer.Row(base: UnsafePointer(base), spans: UnsafeBufferPointer(start: spans, count: fields), line: rowLine))
                last = Outcome(end: i, lines: line - 1, endedWithCR: t == 0x0D && base[i - 1] == 0x0D)
                break
            }
        }
        return last
    }

    /// The quoted field whose opening quote is at `q`: its span (unescaped into the side area at
    /// `side` when it is not one run: a doubled quote, text after the closing quote) and the offset
    /// of the delimiter or line break that ends it, counting the line breaks inside it; nil when it
    /// does not end inside the region.
    @inline(__always)
    func quotedField(_ base: UnsafeMutablePointer<UInt8>, to: Int, at q: Int, side: inout Int, line: inout Int)
        -> (span: FieldSpan, end: Int)? {
        let d = delimiter
        let buf = UnsafeBufferPointer(start: UnsafePointer(base), count: to)
        // Runs up to a quote that is not doubled.
        var seg = q + 1
        var copying = false
        var sideLo = side
        var j = seg
        while true {
            while j < to {
                j = CSVTokenizer.scan(buf, from: j, delimiter: 0x22)
                if j == to { break }
                let x = base[j]
                if x == 0x22 { break }
                if x == 0x0D { line += 1 } else if x == 0x0A && base[j - 1] != 0x0D { line += 1 }
                j += 1
            }
            if j >= to { return nil }   // the quote closes beyond the region
            let next = base[j + 1]      // j < to - 1: base[to - 1] is an LF
            if next == 0x22 {
                // A doubled quote: keep one; the field is no longer one run.
                if !copying { copying = true; sideLo = side }
                let n = j + 1 - seg
                memmove(base + side, base + seg, n)
                side += n
                seg = j + 2; j = seg
                continue
            }
            if next == d || next == 0x0A || next == 0x0D {
                if copying {
                    let n = j - seg
                    memmove(base + side, base + seg, n)
                    side += n
                    return (FieldSpan(lo: Int32(truncatingIfNeeded: sideLo), hi: Int32(truncatingIfNeeded: side)), j + 1)
                }
                return (FieldSpan(lo: Int32(truncatingIfNeeded: seg), hi: Int32(truncatingIfNeeded: j)), j + 1)
            }
            // Text after the closing quote joins the field, up to the next delimiter or line break
            // (a quote there is literal).
            if !copying { copying = true; sideLo = side }
            var n = j - seg
            memmove(base + side, base + seg, n)
            side += n
            let k = CSVTokenizer.fieldEnd(buf, from: j + 1, delimiter: d)
            n = k - (j + 1)
            memmove(base + side, base + j + 1, n)
            side += n
            return (FieldSpan(lo: Int32(truncatingIfNeeded: sideLo), hi: Int32(truncatingIfNeeded: side)), k)
        }
    }

    /// The parse for any other delimiter (`;`, `|`): field by field, each scanned by
    /// ``CSVTokenizer/fieldEnd(_:from:delimiter:)`` (a word test for three bytes).
    func parseFields(_ base: UnsafeMutablePointer<UInt8>, from: Int, to: Int, side sideStart: Int,
                     _ emit: (CSVTokenizer.Row) throws -> Void) rethrows -> Outcome {
        let d = delimiter
        let buf = UnsafeBufferPointer(start: UnsafePointer(base), count: to)
        var i = from
        var line = 1
        var side = sideStart
        var last = Outcome(end: from, lines: 0, endedWithCR: false)
        rows: while i < to {
            let rowLine = line
            if RegionTokenizer.skipBlank(base, &i, &line, &last) { continue }
            var fields = 0
            var rowBytes = 0
            while true {
                if i >= to { break rows }
                let span: FieldSpan
                if base[i] == 0x22 {
                    guard let q = quotedField(base, to: to, at: i, side: &side, line: &line) else { break rows }
                    span = q.span
                    i = q.end
                } else {
                    let j = CSVTokenizer.fieldEnd(buf, from: i, delimiter: d)
                    span = FieldSpan(lo: Int32(truncatingIfNeeded: i), hi: Int32(truncatingIfNeeded: j))
                    i = j
                }
                spans[fields] = span
                fields += 1
                rowBytes += Int(span.hi - span.lo)
                // Over a limit: the streaming tokenizer takes it from here and reports it.
                if fields > maxColumns || rowBytes > maxRowBytes { break rows }
                if i >= to { break rows }
                let t = base[i]
                i += 1
                if t == d { continue }
                if t == 0x0D && base[i] == 0x0A { i += 1 }
                line &+= 1
                try emit(CSVTokenizer.Row(base: UnsafePointer(base), spans: UnsafeBufferPointer(start: spans, count: fields), line: rowLine))
                last = Outcome(end: i, lines: line - 1, endedWithCR: t == 0x0D && base[i - 1] == 0x0D)
                break
            }
        }
        return last
    }
}
