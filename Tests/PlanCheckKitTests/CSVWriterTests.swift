import Testing
@testable import PlanCheckKit

/// The byte-level CSV writer every CSV report goes through: what it writes reads back, cell for
/// cell, through the reader's own tokenizer; numbers and days come out as `String` would write them.
@Suite("CSV writer")
struct CSVWriterTests {
    static func readBack(_ bytes: [UInt8]) throws -> [[String]] {
        var rows: [[String]] = []
        try bytes.withUnsafeBufferPointer { b in
            var t = CSVTokenizer(path: "out.csv")
            try t.feed(b) { r in rows.append((0..<r.count).map { r.string($0) }) }
            try t.finish { r in rows.append((0..<r.count).map { r.string($0) }) }
        }
        return rows
    }

    /// Random cells of commas, quotes, CR, LF, formula starters and Chinese text, written with and
    /// without the guard, every way the writer takes a cell.
    @Test(arguments: [1, 2, 3])
    func roundTrip(seed: UInt64) throws {
        var rng = TestRNG(state: seed)
        let pieces = [",", "\"", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "党支部", "a", "1", " ", "'"]
        for guarded in [true, false] {
            let out = MemoryOutput()
            let w = CSVWriter(sink: out, bom: false, formulaGuard: guarded)
            var expected: [[String]] = []
            for _ in 0..<200 {
                var row: [String] = []
                for k in 0..<(1 + rng.below(6)) {
                    var cell = ""
                    for _ in 0..<rng.below(5) { cell += rng.pick(pieces) }
                    if k == 0 && cell.isEmpty { cell = "x" }   // a row of one empty cell reads back as a blank line
                    row.append(cell)
                }
                switch rng.below(3) {
                case 0: w.row(row)
                case 1: w.escapedRow(row.map(w.escape))
                default:
                    for c in row { w.cell(scratch: ByteLine()) { var out = $0; out.append(string: c) } }
                    w.endRow()
                }
                expected.append(row.map { guarded && SpreadsheetSafetyTests.formulaLike($0) ? "'" + $0 : $0 })
            }
            #expect(try Self.readBack(out.bytes) == expected)
        }
    }

    /// The word-at-a-time test for a byte that needs quoting agrees with the byte-by-byte one on
    /// random cells of every length around the word size, the special byte at every position
    /// (after bytes that borrow, such as spaces and `#`, and before Chinese text).
    @Test(arguments: [1, 2, 3])
    func needsQuotes(seed: UInt64) {
        var rng = TestRNG(state: seed)
        let bytes: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x20, 0x23, 0x2B, 0x2D, 0x2E, 0x00, 0x01, 0x41, 0x7F, 0x80, 0xE5, 0xFF]
        var quoted = 0
        for _ in 0..<20_000 {
            let n = rng.below(40)
            let cell = (0..<n).map { _ in rng.below(4) == 0 ? rng.pick(bytes) : UInt8(truncatingIfNeeded: 0x30 + rng.below(0xD0)) }
            let expected = cell.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            cell.withUnsafeBufferPointer { #expect(CSVWriter.needsQuotes($0) == expected, "\(cell)") }
            if expected { quoted += 1 }
        }
        #expect(quoted > 5_000 && quoted < 15_000)
    }

    @Test(arguments: [0, 7, 9, 10, 99, 100, 12_345, -1, -10, Int.max, Int.min])
    func numbers(n: Int) {
        let out = MemoryOutput()
        let w = CSVWriter(sink: out, bom: false)
        w.cell(n)
        w.cell(n)
        w.endRow()
        #expect(out.text == "\(n),\(n)\r\n")
    }

    @Test(arguments: [(2022, 1, 5), (2022, 12, 31), (999, 3, 4), (1000, 10, 10), (9999, 12, 31), (1, 1, 1)])
    func days(y: Int, m: Int, d: Int) {
        let day = Day(year: y, month: m, day: d)!
        let pad = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        #expect(day.iso == "\(y)-\(pad(m))-\(pad(d))")
    }
}

/// Terminal widths and the aligned tables of the text reports.
@Suite("Display width and text tables")
struct DisplayWidthTests {
    /// Width by summing each scalar's width: what ``DisplayWidth/of(_:)`` computes from the bytes.
    static func reference(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + DisplayWidth.width($1) } }

    @Test("width from UTF-8 bytes is the sum of the scalars' widths", arguments: [
        "", "abc", "党建工作汇报", "S000-01", "第01231社区党支部", "é", "e\u{301}", "😀", "\u{FEFF}x", "a\u{0}b", "\u{200B}",
        "ｱ全角", "한국어", "𠀀𪛖", "\u{10FFFF}", "·—“”", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
    ])
    func widthAgrees(s: String) {
        #expect(DisplayWidth.of(s) == Self.reference(s))
    }

    @Test("table: columns padded to the widest cell by display width, right-aligned ones on the left, no trailing spaces")
    func table() {
        let rows = [["  状态", "规则", "实际", "说明"], ["  met", "S000-01", "12", ""], ["  missed", "党建", "3", "还差 9 次"]]
        let lines = DisplayWidth.tableLines(rows, rightAligned: [2])
        #expect(lines == ["  状态    规则     实际  说明",
                          "  met     S000-01    12",
                          "  missed  党建        3  还差 9 次"])
        #expect(DisplayWidth.table(rows, rightAligned: [2]) == lines.map { $0 + "\n" }.joined())
        #expect(DisplayWidth.tableLines([]) == [])
    }
}
