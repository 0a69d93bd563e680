import Testing
@testable import PlanCheckKit

/// The parallel reader's per-chunk parser: its one-scan-per-row parse (comma, tab) against its
/// field-by-field parse, over generated regions with every kind of quoting, line break and limit.
@Suite struct RegionTokenizerTests {
    /// What a parse gave: each row as its line and fields, then where it ended.
    static func parse(_ input: [UInt8], delimiter: UInt8, rowsParse: Bool, maxRowBytes: Int = 1 << 20,
                      maxColumns: Int = 64) -> [String] {
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * input.count + 16)
        defer { base.deallocate() }
        base.initialize(repeating: 0x22, count: 2 * input.count + 16)   // quotes past the region: never read as text
        base.update(from: input, count: input.count)
        let t = RegionTokenizer(delimiter: delimiter, maxRowBytes: maxRowBytes, maxColumns: maxColumns)
        var out: [String] = []
        let emit: (CSVTokenizer.Row) -> Void = { row in
            out.append("\(row.line):" + (0..<row.count).map { "[" + row.string($0) + "]" }.joined())
        }
        let o = rowsParse
            ? t.parseRows(base, from: 0, to: input.count, side: input.count, emit)
            : t.parseFields(base, from: 0, to: input.count, side: input.count, emit)
        out.append("end \(o.end) lines \(o.lines) cr \(o.endedWithCR)")
        return out
    }

    /// A region of rows built from pieces that end fields, open and close quotes, double them,
    /// put text after them or inside unquoted fields, break lines every way, and leave blank lines.
    static func region(seed: UInt64, delimiter: UInt8) -> [UInt8] {
        var rng = TestRNG(state: seed)
        let d = String(UnicodeScalar(delimiter))
        let pieces = ["a", "学习", "研判会议", " ", "Q3", "\"", "\"\"", d, d, d, "\n", "\r\n", "\r", ",", "\t", "x\"y", "\"q\"", "\"q\"z",
                      "\"a\(d)b\"", "\"多行\n文本\"", "\"\r\n\"", "0123456789abcdef", "\u{1}", "+-"]
        var out = ""
        for _ in 0..<(20 + rng.below(60)) {
            if rng.chance(50) { out += rng.pick(pieces) } else { out += rng.pick(["a", "研判", "7"]) + d }
        }
        out += "\n"   // a region ends just after an LF
        return Array(out.utf8)
    }

    @Test(arguments: [UInt8(0x2C), 0x09])
    func oneScanPerRowMatchesFieldByField(delimiter: UInt8) {
        for seed in UInt64(1)...3000 {
            let input = Self.region(seed: seed, delimiter: delimiter)
            let a = Self.parse(input, delimiter: delimiter, rowsParse: true)
            let b = Self.parse(input, delimiter: delimiter, rowsParse: false)
            #expect(a == b, "seed \(seed): \(String(decoding: input, as: UTF8.self).debugDescription)")
            if a != b { return }
        }
    }

    @Test(arguments: [(3, 1 << 20), (64, 12), (2, 5)])
    func limitsStopAtTheSameRow(maxColumns: Int, maxRowBytes: Int) {
        for seed in UInt64(1)...1000 {
            let input = Self.region(seed: seed, delimiter: 0x2C)
            let a = Self.parse(input, delimiter: 0x2C, rowsParse: true, maxRowBytes: maxRowBytes, maxColumns: maxColumns)
            let b = Self.parse(input, delimiter: 0x2C, rowsParse: false, maxRowBytes: maxRowBytes, maxColumns: maxColumns)
            #expect(a == b, "seed \(seed)")
            if a != b { return }
        }
    }

    @Test func longRowsCrossManyWords() {
        // Fields longer than a word, a row ending in a region's last, partial word.
        let row = (0..<9).map { String(repeating: $0 % 2 == 0 ? "党建" : "x", count: 3 + 5 * $0) }.joined(separator: ",")
        let input = Array((row + "\n" + row + "\r\n\n" + row + ",\n").utf8)
        let a = Self.parse(input, delimiter: 0x2C, rowsParse: true)
        #expect(a == Self.parse(input, delimiter: 0x2C, rowsParse: false))
        #expect(a.count == 4 && a[2].hasPrefix("4:[党建党建党建]"))
    }
}
