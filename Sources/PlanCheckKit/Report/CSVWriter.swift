/// Writes RFC 4180 CSV: fields quoted when they hold the delimiter, a quote, CR or LF (quotes
/// doubled), rows ended by CRLF, and — unless turned off — cells that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, tab or CR) prefixed with `'`, as OWASP recommends.
public struct CSVWriter {
    /// Whether to neutralise formula-like cells (on by default; `--no-formula-guard` turns it off).
    public var formulaGuard: Bool
    let sink: OutputSink

    /// Creates a writer; with `bom` a UTF-8 byte order mark is written first (for Excel).
    public init(sink: OutputSink, bom: Bool, formulaGuard: Bool = true) {
        self.sink = sink
        self.formulaGuard = formulaGuard
        if bom { sink.write("\u{FEFF}") }
    }

    /// Writes one row.
    public func row(_ fields: [String]) {
        var line = ""
        for (i, f) in fields.enumerated() {
            if i > 0 { line += "," }
            line += CSVWriter.escape(f, formulaGuard: formulaGuard)
        }
        line += "\r\n"
        sink.write(line)
    }

    /// Writes one row whose cells are already escaped with ``escape(_:formulaGuard:)`` (for
    /// texts repeated on many rows, escaped once).
    public func escapedRow(_ cells: [String]) {
        var line = ""
        line.reserveCapacity(cells.reduce(2 + cells.count) { $0 + $1.utf8.count })
        for (i, c) in cells.enumerated() {
            if i > 0 { line += "," }
            line += c
        }
        line += "\r\n"
        sink.write(line)
    }

    /// `s` escaped with this writer's formula guard.
    public func escape(_ s: String) -> String { CSVWriter.escape(s, formulaGuard: formulaGuard) }

    /// Neutralises formula-like text: `'` before a leading `=`, `+`, `-`, `@`, tab or CR. A cell
    /// of that one character alone (`-` for standard input) is no formula and is left as it is.
    public static func neutralise(_ s: String) -> String {
        guard let c = s.utf8.first, s.utf8.count > 1 else { return s }
        switch c {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return "'" + s
        default: return s
        }
    }

    /// Quotes a field if needed (and neutralises it when `formulaGuard`).
    public static func escape(_ f: String, formulaGuard: Bool) -> String {
        let s = formulaGuard ? neutralise(f) : f
        var needs = false
        for c in s.utf8 where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == 0x0A || c == 0x0D {
            needs = true; break
        }
        if !needs { return s }
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out + "\""
    }
}

/// Display width in a terminal: East Asian wide and full-width characters take two columns.
public enum DisplayWidth {
    /// Columns `s` takes on a terminal.
    public static func of(_ s: String) -> Int {
        var w = 0
        for u in s.unicodeScalars { w += width(u) }
        return w
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

    /// `s` padded with spaces to `width` columns (left-aligned), or right-aligned when `right`.
    public static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let w = of(s)
        if w >= width { return s }
        let p = String(repeating: " ", count: width - w)
        return right ? p + s : s + p
    }

    /// Lays out rows as an aligned table (columns separated by two spaces).
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let n = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: n)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], of(c)) } }
        var out = ""
        for r in rows {
            var line = ""
            for (i, c) in r.enumerated() {
                let last = i == r.count - 1
                line += last && !rightAligned.contains(i) ? c : pad(c, widths[i], right: rightAligned.contains(i))
                if !last { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
