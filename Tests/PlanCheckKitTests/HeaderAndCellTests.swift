import Foundation
import Testing
@testable import PlanCheckKit

/// Headers people write, `--column`, the nearest names for a missing column, and optional cells
/// that cannot be read (the row is kept, the cell noted).
@Suite("Headers and optional cells")
struct HeaderAndCellTests {
    @Test("headers of 党建 apps and clerks' sheets map to the fields", arguments: [
        ("组织名称", RecordField.org), ("党组织名称", .org), ("标题", .title), ("活动内容", .title), ("活动日期", .date),
        ("类型", .type), ("活动形式", .type), ("参加人数", .participants), ("参会人数", .participants),
        ("负责人", .lead), ("主讲人", .lead), ("开展时间", .date), ("所属支部", .org),
    ])
    func aliases(header: String, field: RecordField) {
        #expect(RowValidator.mapHeaders([header], overrides: [:]).columns[field] == 0)
    }

    @Test("--column names a header's field, over the aliases")
    func column() throws {
        let path = TestSupport.write("时间,党组,活动,备注\n2022-03-01,甲社区党支部,党课,无\n")
        let bad = TestSupport.run(["inspect", path])
        #expect(bad.code == 2)
        #expect(bad.err.contains("--column 党组=org") && bad.err.contains("--column 活动=type"), "\(bad.err)")
        let ok = TestSupport.run(["inspect", "--format", "csv", "--column", "党组=org", "--column", "活动=类型", path])
        #expect(ok.code == 0, "\(ok.err)")
        #expect(ok.out.contains(",2022-03-01,甲社区党支部,党课,"), "\(ok.out)")
        let wrong = TestSupport.run(["inspect", "--column", "党组=单位名", path])
        #expect(wrong.code == 2 && wrong.err.contains("HEADER=FIELD"))
    }

    @Test("a bad optional cell keeps its row with a warning at its place; Chinese numerals are counts")
    func badCellKept() throws {
        let path = TestSupport.write("日期,组织名称,活动形式,标题,参会人数\n2022-03-01,甲社区党支部,党课,学习,十八\n2022-03-02,甲社区党支部,党课,学习二,很多\n2022-03-03,甲社区党支部,党课,学习三,一百二十人次\n")
        var counts: [Int?] = []
        for threads in [1, 2] {
            var o = ReaderOptions()
            o.threads = threads
            o.chunkSize = 16
            counts = []
            let s = try RecordReader(options: o).read([.file(path)]) { counts.append($0.participants) }
            #expect(counts == [18, nil, 120])
            #expect(s.rejected == 0)
            #expect(s.cellWarningCount == 1)
            #expect(s.cellWarnings.map(\.location) == ["\(path):3:5"])
        }
        let r = TestSupport.run(["inspect", path])
        #expect(r.out.contains("\(path):3:5"), "\(r.out)")
    }

    @Test("a bad optional cell is named by file:line:column in every check report", arguments: ["txt", "csv", "json", "html"])
    func badCellInReports(format: String) throws {
        let dir = TestSupport.tempDir()
        let records = TestSupport.write("日期,组织名称,活动形式,标题,参加人数\n2022-03-01,甲社区党支部,党课,学习,十八x\n", dir: dir)
        let plan = TestSupport.write("id,title,checker,types,threshold,period,scope,source\nR1,党课,count,党课,1,year,all,计划\n", name: "plan.csv", dir: dir)
        let report = dir + "/report." + format
        let r = TestSupport.run(["check", "--plan", plan, "--as-of", "2022-12-31", "-o", report, records])
        #expect(r.code == 0, "\(r.err)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("\(records):2:5"), "\(text)")
    }

    /// --strict means "the data must be clean" (README: it turns a rejected row into exit 2): a
    /// participants cell that could not be read keeps its row but fails a strict run the same way,
    /// with its place named and no report written.
    @Test("--strict fails on a cell warning as on a rejected row", arguments: ["check", "stats", "inspect"])
    func strictCellWarning(_ command: String) throws {
        let dir = TestSupport.tempDir()
        let records = TestSupport.write("日期,组织名称,活动形式,标题,参加人数\n2022-03-01,甲社区党支部,党课,学习,约二十\n", dir: dir)
        let plan = TestSupport.write("id,title,checker,types,threshold,period,scope,source\nR1,党课,count,党课,1,year,all,计划\n", name: "plan.csv", dir: dir)
        let args = [command] + (command == "inspect" ? [] : ["--plan", plan, "--as-of", "2022-12-31"])
        let report = dir + "/report.csv"
        let loose = TestSupport.run(args + (command == "inspect" ? [] : ["-o", report]) + [records])
        #expect(loose.code == 0, "\(loose.err)")
        try? FileManager.default.removeItem(atPath: report)
        let strict = TestSupport.run(args + ["--strict"] + (command == "inspect" ? [] : ["-o", report]) + [records])
        #expect(strict.code == 2)
        #expect(strict.err.contains("--strict：有 0 行被拒绝、1 处单元格无法读懂") && strict.err.contains("\(records):2:5"), "\(strict.err)")
        #expect(!FileManager.default.fileExists(atPath: report))
        let en = TestSupport.run(args + ["--strict", "--lang", "en", records])
        #expect(en.code == 2 && en.err.contains("0 rejected rows and 1 cell warning"), "\(en.err)")
    }

    @Test("--as-of takes the date forms records use")
    func asOf() {
        func run(_ a: String) -> (Int32, String) {
            let r = TestSupport.run(["check", "--plan", TestSupport.root + "/Checks/000-street-party-building-2022.csv", "--as-of", a,
                                     "--format", "csv", TestSupport.root + "/SampleData/records"])
            return (r.code, r.out)
        }
        let iso = run("2022-11-21")
        #expect(iso.0 == 1)
        #expect(run("2022/11/21") == iso)
        #expect(run("2022年11月21日") == iso)
        #expect(run("2022-11-31").0 == 2)
    }
}
