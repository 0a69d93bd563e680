import Foundation
import Testing
@testable import PlanCheckKit

/// Hostile workbooks (issue 25): references past Excel's grid, shared strings that are not there,
/// stray end tags, endless tags, oversized files, sparse cells in plans and rosters, a lying ZIP
/// directory. Each ends with an error naming the file and sheet (and the cell or offset), or
/// with a bounded result; never a trap.
@Suite("Hostile workbooks")
struct WorkbookHostileTests {
    static func book(_ rows: String, shared: [String] = ["<t>甲</t>"]) -> [UInt8] {
        var b = XLSXBuilder()
        b.shared = shared
        b.sheet("台账", rows)
        return b.build()
    }

    static func error(_ rows: String, shared: [String] = ["<t>甲</t>"]) -> Error? {
        do { _ = try WorkbookTests.rows(book(rows, shared: shared)); return nil } catch { return error }
    }

    @Test("row numbers outside 1…1048576 are refused with the sheet and the reference (a row counted on past the last too)", arguments: [
        "<row r=\"9223372036854775807\"><c><v>1</v></c></row><row><c><v>2</v></c></row>",
        "<row r=\"99999999999999999999\"><c><v>1</v></c></row>",
        "<row r=\"0\"><c><v>1</v></c></row>",
        "<row r=\"-5\"><c><v>1</v></c></row>",
        "<row r=\"1048577\"><c><v>1</v></c></row>",
        "<row r=\"1048576\"><c><v>1</v></c></row><row><c><v>2</v></c></row>",
        "<row r=\"x\"><c><v>1</v></c></row>",
    ])
    func rowNumbers(rows: String) throws {
        let e = try #require(Self.error(rows) as? WorkbookError)
        guard case let .badReference(path, _, _) = e else { Issue.record("\(e)"); return }
        #expect(path == "k.xlsx[台账]")
        #expect(e.message(.zh).contains("A1 到 XFD1048576"))
    }

    @Test("the last row and the last column are read", arguments: [
        ("<row r=\"1048576\"><c r=\"XFD1048576\"><v>7</v></c></row>", 1_048_576, 16_384),
        ("<row r=\"3\"><c r=\"c3\"><v>7</v></c></row>", 3, 3),
    ])
    func lastCell(rows: String, row: Int, width: Int) throws {
        let r = try WorkbookTests.rows(Self.book(rows))
        #expect(r.count == 1 && r[0].0 == row && r[0].1.count == width && r[0].1.last == "7")
    }

    @Test("cell references past XFD or without letters are refused, naming the row and the reference", arguments: [
        "XFE1", "AAAA1", "ZZZ1", "1", "",
    ])
    func cellReferences(ref: String) throws {
        let e = try #require(Self.error("<row r=\"2\"><c r=\"\(ref)\"><v>1</v></c></row>") as? WorkbookError)
        #expect(e == .badReference(path: "k.xlsx[台账]", row: 2, reference: ref))
        #expect(e.message(.zh).hasPrefix("k.xlsx[台账]：第 2 行：单元格引用“\(ref)”无效"))
    }

    @Test("a stray end tag, a value outside a cell, or an unbalanced phonetic run is no trap")
    func strayTags() throws {
        let r = try WorkbookTests.rows(Self.book(
            "<row r=\"1\"><v>9</v></c><c r=\"B1\"><v>1</v></c></c></row>"
            + "<row r=\"2\"></rPh></rPh><c r=\"A2\" t=\"inlineStr\"><is><t>见</t></is></c></row>"
            + "<row r=\"3\"><c r=\"A3\"/><v>5</v></c></row>"))
        #expect(r.map(\.0) == [1, 2])
        #expect(r[0].1 == ["", "1"])
        #expect(r[1].1 == ["见"])
    }

    @Test("a shared string index outside the table is an error naming the sheet, the cell, the index and the count", arguments: [
        ("99", "C6"), ("-1", "C6"), ("1", "C6"), ("", "C6"), ("x", "C6"),
    ])
    func sharedStringOutOfRange(index: String, cell: String) throws {
        let e = try #require(Self.error("<row r=\"6\"><c r=\"A6\" t=\"s\"><v>0</v></c><c r=\"C6\" t=\"s\"><v>\(index)</v></c></row>") as? WorkbookError)
        #expect(e == .badSharedString(path: "k.xlsx[台账]", cell: cell, index: index, count: 1))
        #expect(e.message(.zh).contains("单元格 \(cell) 引用第 \(index) 项共享文本，但工作簿只有 1 项"))
    }

    @Test("a date style on a text cell leaves the text as it is")
    func dateStyleOnText() throws {
        let r = try WorkbookTests.rows(Self.book(
            "<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\" t=\"str\"><v>2022年3月5日</v></c>"
            + "<c r=\"C1\" s=\"1\" t=\"inlineStr\"><is><t>44562</t></is></c><c r=\"D1\" s=\"1\"><v>abc</v></c>"
            + "<c r=\"E1\" s=\"1\"><v>1e308</v></c><c r=\"F1\" s=\"1\"><v>-3</v></c><c r=\"G1\" s=\"999999999999\"><v>44562</v></c></row>"))
        #expect(r[0].1 == ["甲", "2022年3月5日", "44562", "abc", "1e308", "-3", "44562"])
    }

    @Test("a dimension of A1:XFD1048576 reserves nothing: the rows are what the sheet holds")
    func dimension() throws {
        let r = try WorkbookTests.rows(XLSXBuilder.withDimension("A1:XFD1048576"))
        #expect(r.count == 1 && r[0].1 == ["1"])
    }

    @Test("one tag or text run longer than the construct limit is an error with the entry and the offset")
    func endlessTag() throws {
        var z = ZipBuilder()
        z.add("s.xml", "<a>ok</a><b x=\"" + String(repeating: "y", count: 5000))
        let zip = try ZipArchive(bytes: z.build(), path: "k.xlsx")
        #expect(throws: WorkbookError.xmlTooLong(path: "k.xlsx", entry: "s.xml", offset: 9, limit: 1000)) {
            _ = try XMLStream.run(zip, entry: "s.xml", maxConstruct: 1000) { _ in }
        }
        var t = ZipBuilder()
        t.add("s.xml", "<a>" + String(repeating: "文", count: 2000))
        let zip2 = try ZipArchive(bytes: t.build(), path: "k.xlsx")
        #expect(throws: WorkbookError.xmlTooLong(path: "k.xlsx", entry: "s.xml", offset: 3, limit: 1000)) {
            _ = try XMLStream.run(zip2, entry: "s.xml", maxConstruct: 1000) { _ in }
        }
        // Within the limit the same tag is read (and then found unfinished: damaged, not too long).
        #expect(throws: WorkbookError.badXML(path: "k.xlsx", entry: "s.xml")) {
            _ = try XMLStream.run(zip, entry: "s.xml", maxConstruct: 1 << 20) { _ in }
        }
        var c = ZipBuilder()
        c.add("s.xml", "<a>ok</a><b x=\"" + String(repeating: "y", count: 5000) + "\"/>")
        var n = 0
        _ = try XMLStream.run(try ZipArchive(bytes: c.build(), path: "k.xlsx"), entry: "s.xml", maxConstruct: 5100) { _ in n += 1 }
        #expect(n == 4)
        #expect(WorkbookError.xmlTooLong(path: "k.xlsx", entry: "s.xml", offset: 9, limit: 16 << 20).message(.zh)
                .contains("在解压后第 9 字节处有一个超过 16 MB 的标签"))
    }

    @Test("a workbook file past the size limit is refused before it is read")
    func fileTooLarge() throws {
        let path = TestSupport.write(Self.book("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"), name: "big.xlsx")
        let size = Int((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        #expect(throws: WorkbookError.fileTooLarge(path: path, size: size, limit: 100)) { _ = try Workbook.open(path: path, maxFileBytes: 100) }
        _ = try Workbook.open(path: path, maxFileBytes: size)
        #expect(WorkbookError.fileTooLarge(path: "a.xlsx", size: 3 << 30, limit: 1 << 30).message(.zh) == "a.xlsx：工作簿有 3072 MB，超过上限 1024 MB；请在 Excel/WPS 中另存为 CSV（CSV 边读边处理，没有大小上限）")
    }

    @Test("plan and roster sheets obey --max-columns and keep sparse rows unpadded")
    func sparseRosterRows() throws {
        func s(_ c: String, _ t: String) -> String { "<c r=\"\(c)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        // A header three columns wide plus one far cell: every row would be padded to its width.
        var b = XLSXBuilder()
        var rows = "<row r=\"1\">\(s("A1", "名称"))\(s("B1", "类别"))\(s("C1", "上级"))\(s("AMJ1", "备注"))</row>"
        for i in 2...200 { rows += "<row r=\"\(i)\">\(s("A\(i)", "支部\(i)"))\(s("B\(i)", "社区党支部"))</row>" }
        b.sheet("单位", rows)
        let path = TestSupport.write(b.build(), name: "roster.xlsx")
        let table = try TableFile.read(path, options: ReaderOptions()) { _ in true }
        #expect(table.headers.count == 1024)
        #expect(table.rows.count == 199)
        #expect(table.rows.allSatisfy { $0.cells.count == 2 && $0.width == 1024 })
        let roster = try Roster.read([path])
        #expect(roster.units.count == 199)
        // Past --max-columns (1024 by default, as for CSV plans and rosters): refused, naming the sheet.
        var c = XLSXBuilder()
        c.sheet("单位", "<row r=\"1\">\(s("A1", "名称"))\(s("AMK1", "备注"))</row>")
        let wide = TestSupport.write(c.build(), name: "wide.xlsx")
        #expect(throws: WorkbookError.tooManyColumns(path: wide + "[单位]", row: 1, limit: 1024)) {
            _ = try TableFile.read(wide, options: ReaderOptions()) { _ in true }
        }
    }

    @Test("damaged compressed data is said in the clerk's language, not as a Swift value")
    func damagedDataMessage() {
        let e = ZipError.badData(path: "b.xlsx", entry: "xl/worksheets/sheet1.xml", problem: .sizeMismatch(expected: 172, actual: 0))
        #expect(e.message(.zh) == "b.xlsx：工作簿的 xl/worksheets/sheet1.xml 数据已损坏（目录写明解压后 172 字节，实际 0 字节）；请用 Excel/WPS 打开并另存为 .xlsx 后再试")
        for p in [InflateError.truncated, .badBlockType, .badSymbol, .distanceTooFar, .tooLarge(limit: 9), .storedLengthMismatch, .badCodeLengths] {
            let m = ZipError.badData(path: "b.xlsx", entry: "e", problem: p).message(.zh)
            #expect(!m.contains("(") && !m.contains("truncated") && !m.contains("bad"), "\(m)")
        }
    }

    @Test("a lying ZIP directory: sizes past the file, overlapping entries, a huge declared size, offsets past the end")
    func lyingDirectory() throws {
        func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        let good = Self.book("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        // Patch every central-directory entry's field at `field` (offset inside the entry) to `value`.
        func patched(_ field: Int, _ value: Int) -> [UInt8] {
            var b = good
            var p = 0
            while p + 46 <= b.count {
                if b[p] == 0x50, b[p + 1] == 0x4B, b[p + 2] == 0x01, b[p + 3] == 0x02 {
                    for (k, x) in le(value, 4).enumerated() { b[p + field + k] = x }
                    p += 46
                } else { p += 1 }
            }
            return b
        }
        for (field, value) in [(20, 0x7FFF_FFFF), (24, 0xFFFF_FFFE), (42, 0x7FFF_FFFF), (42, 0), (20, 0), (24, 0)] {
            do { _ = try WorkbookTests.rows(patched(field, value)) } catch {
                #expect(error is ZipError || error is WorkbookError, "\(field)=\(value): \(error)")
                #expect(!(error as! LocalizedMessage).message(.zh).isEmpty)
            }
        }
    }
}

extension XLSXBuilder {
    /// A one-sheet workbook whose sheet starts with `<dimension ref="…"/>`, as Excel writes it.
    static func withDimension(_ ref: String) -> [UInt8] {
        var z = ZipBuilder()
        var b = XLSXBuilder()
        b.sheet("台账", "")
        let base = b.build()
        let zip = try! ZipArchive(bytes: base, path: "x")
        for name in zip.entryNames {
            var data = try! zip.data(name)!
            if name.hasSuffix("sheet1.xml") {
                data = Array("<?xml version=\"1.0\"?><worksheet><dimension ref=\"\(ref)\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>".utf8)
            }
            z.items.append(ZipBuilder.Item(name: name, data: data))
        }
        return z.build()
    }
}
