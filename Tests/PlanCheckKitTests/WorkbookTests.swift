import Foundation
import Testing
@testable import PlanCheckKit

/// The SpreadsheetML reader: every cell kind, dates in both systems, sheets, the record path
/// (same validation, `file.xlsx[sheet]:row:column`), and files that are not .xlsx.
@Suite("Workbook (.xlsx) reader")
struct WorkbookTests {
    /// What Excel shows of a stored number: 15 significant digits.
    @Test("numbers as Excel shows them", arguments: [
        ("12.000000000000002", "12"), ("17.999999999999996", "18"), ("0.30000000000000004", "0.3"), ("20", "20"),
        ("12.5", "12.5"), ("1.2345678901234568E+17", "1.2345678901234568e+17"), ("13812345678", "13812345678"), ("-3.0000000000000004", "-3"),
    ])
    func excelNumberText(_ raw: String, _ shown: String) {
        #expect(Workbook.numberText(raw, Double(raw)!) == shown)
    }

    static let kindsRows = """
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>行内</t></is></c>\
    <c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本</t></r></is></c>\
    <c r="E1"><v>42</v></c><c r="F1" t="b"><v>1</v></c><c r="G1" t="e"><v>#N/A</v></c><c r="H1" t="b"><v>0</v></c></row>
    <row r="3"><c r="A3"><f>1+2</f><v>3</v></c><c r="B3" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="C3"><v>2.5</v></c>\
    <c r="D3" s="4"><v>12.0</v></c><c r="E3" t="s"><v>1</v></c><c r="F3"/><c r="G3" t="s"><v>2</v></c></row>
    <row r="4"><c r="A4" s="1"><v>44562</v></c><c r="B4" s="1"><v>44562.375</v></c><c r="C4" s="2"><v>61</v></c>\
    <c r="D4" s="1"><v>60</v></c><c r="E4" s="1"><v>59</v></c><c r="F4" s="1"><v>1</v></c><c r="G4" s="1"><v>2958465</v></c>\
    <c r="H4" s="3"><v>0.5</v></c><c r="I4" s="1"><v>44562.50001</v></c></row>
    <row r="5"/>
    <row r="6"><c r="B6" t="inlineStr"><is><t>a &amp; b &lt;c&gt; &#20013;&#x6587;</t></is></c></row>
    <row><c t="inlineStr"><is><t>no r</t></is></c><c><v>7</v></c></row>
    """

    static func kinds(date1904: Bool = false) -> [UInt8] {
        var b = XLSXBuilder()
        b.date1904 = date1904
        b.shared = ["<t>共享</t>", "<r><t>带</t></r><r><t>注音</t></r><rPh sb=\"0\" eb=\"1\"><t>dai</t></rPh>", "<t/>"]
        b.sheet("Kinds", kindsRows)
        return b.build()
    }

    static func rows(_ bytes: [UInt8], sheet: String? = nil) throws -> [(Int, [String])] {
        let wb = try Workbook(bytes: bytes, path: "k.xlsx")
        var out: [(Int, [String])] = []
        try wb.rows(try wb.sheet(named: sheet)) { out.append(($0, $1)) }
        return out
    }

    @Test("every cell kind: shared, inline and rich strings, numbers, booleans, errors, formulas, skipped columns, dates")
    func cellKinds() throws {
        let r = try Self.rows(Self.kinds())
        #expect(r.map(\.0) == [1, 3, 4, 6, 7])
        #expect(r[0].1 == ["共享", "行内", "富 文本", "", "42", "TRUE", "#N/A", "FALSE"])
        #expect(r[1].1 == ["3", "ab", "2.5", "12", "带注音"])
        #expect(r[2].1 == ["2022-01-01", "2022-01-01 09:00", "1900-03-01", "1900-02-29", "1900-02-28", "1900-01-01",
                           "9999-12-31", "12:00", "2022-01-01 12:00:01"])
        #expect(r[3].1 == ["", "a & b <c> 中文"])
        #expect(r[4].1 == ["no r", "7"])
    }

    @Test("the 1904 date system")
    func date1904() throws {
        let r = try Self.rows(Self.kinds(date1904: true))
        #expect(r[2].1[0] == Day(year: 1904, month: 1, day: 1)!.adding(days: 44_562).iso)
        #expect(r[2].1[0] == "2026-01-02")
        #expect(r[2].1[3] == "1904-03-01")   // no fictitious day in 1904
    }

    @Test("serial dates: 1900's leap-year quirk and the ends of the range", arguments: [
        (1, "1900-01-01"), (59, "1900-02-28"), (61, "1900-03-01"), (25_569, "1970-01-01"),
        (44_562, "2022-01-01"), (2_958_465, "9999-12-31"),
    ])
    func serials(serial: Int, iso: String) {
        #expect(ExcelDate.day(serial: serial)?.iso == iso)
    }

    @Test("serials that are no date")
    func noDates() {
        #expect(ExcelDate.day(serial: 60) == nil)
        #expect(ExcelDate.day(serial: 0) == nil)
        #expect(ExcelDate.day(serial: 2_958_466) == nil)
        #expect(ExcelDate.text(-1) == nil)
        #expect(ExcelDate.day(serial: 0, date1904: true)?.iso == "1904-01-01")
        #expect(ExcelDate.isDateFormat(id: 0, code: "0.00;[Red]-0.00") == false)
        #expect(ExcelDate.isDateFormat(id: 0, code: "\"第\"0\"次\"") == false)
        #expect(ExcelDate.isDateFormat(id: 0, code: "[$-804]yyyy\"年\"m\"月\"d\"日\"") == true)
        #expect(ExcelDate.isDateFormat(id: 14, code: nil) == true)
        #expect(ExcelDate.isDateFormat(id: 49, code: nil) == false)
    }

    static func records(hidden: Bool = true) -> [UInt8] {
        var b = XLSXBuilder()
        if hidden { b.sheet("说明", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>填表说明</t></is></c></row>", hidden: true) }
        func s(_ c: String, _ t: String) -> String { "<c r=\"\(c)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        b.sheet("活动", "<row r=\"1\">\(s("A1", "2022年宝胜寺社区党支部活动台账"))</row>"
            + "<row r=\"2\">\(s("A2", "日期"))\(s("B2", "支部"))\(s("C2", "类型"))\(s("D2", "主题"))\(s("E2", "人数"))</row>"
            + "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>44630</v></c>\(s("B3", "宝胜寺社区党支部"))\(s("C3", "党员大会"))\(s("E3", "23人"))</row>"
            + "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>60</v></c>\(s("B4", "宝胜寺社区党支部"))\(s("C4", "党课"))</row>"
            + "<row r=\"6\">\(s("A6", "2022年3月9日"))\(s("B6", "宝胜寺社区党支部"))\(s("D6", "学习"))</row>"
            + "<row r=\"7\">\(s("A7", "2022/3/10"))\(s("B7", "宝胜寺社区党支部"))\(s("C7", "主题党日"))<c r=\"E7\"><v>12</v></c>\(s("F7", "多余"))</row>")
        b.sheet("第二", "<row r=\"1\">\(s("A1", "date"))\(s("B1", "org"))\(s("C1", "type"))</row>"
            + "<row r=\"2\">\(s("A2", "2022-05-01"))\(s("B2", "龙门社区党支部"))\(s("C2", "党课"))</row>")
        return b.build()
    }

    @Test("sheet rows take the record path: same validation, rejections at file.xlsx[sheet]:row:column")
    func recordPath() throws {
        let path = TestSupport.write(Self.records(), name: "宝胜寺.xlsx")
        var got: [String] = []
        let summary = try RecordReader().read([.file(path)]) { r in
            got.append("\(r.line) \(r.date.iso) \(r.string(.org)) \(r.string(.type)) \(r.participants.map(String.init) ?? "-")")
        }
        #expect(got == ["3 2022-03-10 宝胜寺社区党支部 党员大会 23"])
        let places = summary.rejections.map { "\($0.location) \($0.kind)" }
        #expect(places == ["\(path)[活动]:4:1 impossible date", "\(path)[活动]:6:3 missing type", "\(path)[活动]:7:6 wrong field count"])
        #expect(summary.files.first?.path == "\(path)[活动]")
    }

    @Test("--sheet picks a sheet; an unknown name lists the sheets")
    func sheets() throws {
        let path = TestSupport.write(Self.records(), name: "w.xlsx")
        var o = ReaderOptions()
        o.sheet = "第二"
        var orgs: [String] = []
        _ = try RecordReader(options: o).read([.file(path)]) { orgs.append($0.string(.org)) }
        #expect(orgs == ["龙门社区党支部"])
        o.sheet = "第三"
        #expect(throws: WorkbookError.sheetNotFound(path: path, sheet: "第三", available: ["说明", "活动", "第二"])) {
            _ = try RecordReader(options: o).read([.file(path)]) { _ in }
        }
        let r = TestSupport.run(["inspect", "--sheet", "第三", path])
        #expect(r.code == 2)
        #expect(r.err.contains("没有名为“第三”的工作表") && r.err.contains("说明、活动、第二"), "\(r.err)")
        let ok = TestSupport.run(["inspect", "--sheet", "第二", path])
        #expect(ok.code == 0 && ok.out.contains("w.xlsx[第二]"), "\(ok.err)")
    }

    @Test("files that are not .xlsx say how to save them as .xlsx", arguments: ["xls", "encrypted", "ods", "docx"])
    func otherFormats(kind: String) throws {
        var bytes: [UInt8]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        var z = ZipBuilder()
        switch kind {
        case "xls": bytes = ole + Array("Workbook".utf16.flatMap { [UInt8($0 & 0xFF), 0] })
        case "encrypted": bytes = ole + Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), 0] })
        case "ods": z.add("mimetype", "application/vnd.oasis.opendocument.spreadsheet"); z.add("content.xml", "<x/>"); bytes = z.build()
        default: z.add("word/document.xml", "<w/>"); bytes = z.build()
        }
        let path = TestSupport.write(bytes, name: "活动记录.xlsx")
        let expected: WorkbookError = kind == "xls" ? .legacyFormat(path: path) : kind == "encrypted" ? .encrypted(path: path)
            : kind == "ods" ? .openDocument(path: path) : .notWorkbook(path: path)
        #expect(throws: expected) { _ = try RecordReader().read([.file(path)]) { _ in } }
        let r = TestSupport.run(["inspect", path])
        #expect(r.code == 2)
        #expect(r.err.contains(path) && (r.err.contains(".xlsx") || r.err.contains("密码")), "\(r.err)")
        #expect(!r.err.contains("GB18030"))
    }

    @Test("a truncated workbook is an error naming the file, at every cut")
    func truncated() throws {
        let bytes = Self.records()
        for cut in stride(from: 8, to: bytes.count, by: max(1, bytes.count / 13)) {
            let path = TestSupport.write(Array(bytes[0..<cut]), name: "cut.xlsx")
            let r = TestSupport.run(["inspect", path])
            #expect(r.code == 2, "cut at \(cut)")
            #expect(r.err.contains(path), "cut at \(cut): \(r.err)")
        }
        let zh = TestSupport.run(["inspect", TestSupport.write(Array(bytes[0..<(bytes.count - 30)]), name: "cut.xlsx")])
        #expect(zh.err.contains("不完整"), "\(zh.err)")
    }

    @Test("a workbook is found by its content, whatever its name")
    func byContent() throws {
        let path = TestSupport.write(Self.records(hidden: false), name: "导出.csv")
        let r = TestSupport.run(["inspect", path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("导出.csv[活动]"))
    }

    @Test("plans and rosters read from workbooks the same as from CSV")
    func rosterAndPlan() throws {
        func s(_ c: String, _ t: String) -> String { "<c r=\"\(c)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        var b = XLSXBuilder()
        b.sheet("单位", "<row r=\"1\">\(s("A1", "名称"))\(s("B1", "类别"))\(s("C1", "上级"))</row>"
            + "<row r=\"2\">\(s("A2", "龙门街道党工委"))\(s("B2", "党工委"))</row>"
            + "<row r=\"3\">\(s("A3", "龙门社区党支部"))\(s("B3", "社区党支部"))\(s("C3", "龙门街道党工委"))</row>")
        let path = TestSupport.write(b.build(), name: "roster.xlsx")
        let roster = try Roster.read([path])
        #expect(roster.units.map(\.name) == ["龙门街道党工委", "龙门社区党支部"])
        #expect(roster.units.map(\.parent) == ["", "龙门街道党工委"])
    }

    /// A problem in a plan or roster workbook names the sheet, then row and column, as a rejected
    /// record of a workbook does (`file.xlsx[sheet]:row:column`): the clerk opens that tab in WPS.
    @Test("plan and roster problems in a workbook name the sheet")
    func problemsNameTheSheet() throws {
        func s(_ c: String, _ t: String) -> String { "<c r=\"\(c)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>" }
        var rb = XLSXBuilder()
        rb.sheet("单位", "<row r=\"1\">\(s("A1", "名称"))\(s("B1", "类别"))</row><row r=\"2\">\(s("A2", "龙门社区党支部"))</row>")
        let roster = TestSupport.write(rb.build(), name: "roster.xlsx")
        let r = TestSupport.run(["validate", "--roster", roster, TestSupport.root + "/Checks/000-street-party-building-2022.csv"])
        #expect(r.code == 2 && r.err.contains("roster.xlsx[单位]:2:2"), "\(r.err)")
        var pb = XLSXBuilder()
        let header = ["id", "title", "checker", "types", "threshold", "period", "scope", "source"]
        let cols = ["A", "B", "C", "D", "E", "F", "G", "H"]
        pb.sheet("计划", "<row r=\"1\">" + zip(cols, header).map { s($0 + "1", $1) }.joined() + "</row>"
            + "<row r=\"2\">" + zip(cols, ["R1", "党课", "count", "党课", "很多", "year", "all", "计划"]).map { s($0 + "2", $1) }.joined() + "</row>")
        let plan = TestSupport.write(pb.build(), name: "plan.xlsx")
        let v = TestSupport.run(["validate", plan])
        #expect(v.code == 2 && v.err.contains("plan.xlsx[计划]:2:5"), "\(v.err)")
    }
}
