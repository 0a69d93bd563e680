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
        let d = delimiter
        let buf = UnsafeBufferPointer(start: UnsafePointer(base), count: to)
        var i = from
        var line = 1
        var side = sideStart
        var lastEnd = from, lastLines = 0, lastCR = false
        rows: while i < to {
            let rowLine = line
            let c0 = base[i]
            if c0 == 0x0A || c0 == 0x0D {   // blank line
                i += 1
                if c0 == 0x0D && base[i] == 0x0A { i += 1 }   // base[to - 1] is an LF: i < to here
                line += 1
                lastEnd = i; lastLines = line - 1; lastCR = c0 == 0x0D && base[i - 1] == 0x0D
                continue
            }
            var fields = 0
            var rowBytes = 0
            while true {
                if i >= to { break rows }
                var span: FieldSpan
                if base[i] == 0x22 {
                    // Quoted: runs up to a quote that is not doubled.
                    var seg = i + 1
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
                        if j >= to { break rows }   // the quote closes beyond the region
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
                                span = FieldSpan(lo: Int32(truncatingIfNeeded: sideLo), hi: Int32(truncatingIfNeeded: side))
                            } else {
                                span = FieldSpan(lo: Int32(truncatingIfNeeded: seg), hi: Int32(truncatingIfNeeded: j))
                            }
                            i = j + 1
                            break
                        }
                        // Text after the closing quote joins the field, up to the next delimiter
                        // or line break (a quote there is literal).
                        if !copying { copying = true; sideLo = side }
                        var n = j - seg
                        memmove(base + side, base + seg, n)
                        side += n
                        let k = CSVTokenizer.fieldEnd(buf, from: j + 1, delimiter: d)
                        n = k - (j + 1)
                        memmove(base + side, base + j + 1, n)
                        side += n
                        span = FieldSpan(lo: Int32(truncatingIfNeeded: sideLo), hi: Int32(truncatingIfNeeded: side))
                        i = k
                        break
                    }
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
                line += 1
                try emit(CSVTokenizer.Row(base: UnsafePointer(base), spans: UnsafeBufferPointer(start: spans, count: fields), line: rowLine))
                lastEnd = i; lastLines = line - 1; lastCR = t == 0x0D && base[i - 1] == 0x0D
                break
            }
        }
        return Outcome(end: lastEnd, lines: lastLines, endedWithCR: lastCR)
    }
}
