import Foundation
import Testing
@testable import PlanCheckKit
#if canImport(Glibc)
import Glibc
#endif

/// Hostile and broken input at small scale (Tests/Scripts/hostile.sh runs the full sizes), bad
/// input files, atomic reports under SIGKILL, inputs never modified.
@Suite("Reliability: limits, bad inputs, interrupted runs")
struct ReliabilityTests {
    static let plan000 = "Checks/000-street-party-building-2022.csv"
    static let rosters = ["--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv"]
    static let header = "id,date,org,type,title,participants,lead,target\n"

    func checkArgs(_ more: [String]) -> [String] {
        ["check", "--plan", TestSupport.root + "/" + Self.plan000, "--as-of", "2022-12-31", "--fail-on", "never"] + more
    }

    @Test("--max-row-bytes 1000 stops a 1 MB line with no newline: exit 2, line and limit named, no report")
    func longLine() throws {
        let dir = TestSupport.tempDir("long")
        let path = TestSupport.write(Self.header + "1,2022-01-05,甲,党课," + String(repeating: "x", count: 1 << 20), dir: dir)
        var o = ReaderOptions()
        o.maxRowBytes = 1000
        #expect(throws: CSVError.rowTooLarge(path: path, line: 2, column: 5, limit: 1000, inQuotes: false)) { _ = try TestSupport.records(path, options: o) }
        let r = TestSupport.run(checkArgs(["--max-row-bytes", "1000", "-o", dir + "/r.csv", path]), env: ["PLANCHECK_LANG": "en"])
        #expect(r.code == 2)
        #expect(r.err.hasPrefix("Error: \(path):2:5: the row starting here is larger than 1000 bytes"), "\(r.err)")
        // A clerk reads it in Chinese, with the same place.
        let zh = TestSupport.run(checkArgs(["--max-row-bytes", "1000", "-o", dir + "/r.csv", path]))
        #expect(zh.err.hasPrefix("错误：\(path):2:5: 从这里开始的一行超过 1000 字节"), "\(zh.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.csv"))
        // The same file is fine with the default 16 MiB limit.
        #expect(TestSupport.run(checkArgs([path])).code == 0)
    }

    @Test("an unterminated quote swallowing the rest of the file stops at the row limit, naming where the quote opened")
    func openQuote() throws {
        let rows = (0..<20_000).map { "\($0),2022-01-06,甲,党课,t,1,a,\n" }.joined()
        let path = TestSupport.write(Self.header + "x,2022-01-05,甲,党课,\"never closed,1,a,\n" + rows)
        var o = ReaderOptions()
        o.maxRowBytes = 4096
        #expect(throws: CSVError.rowTooLarge(path: path, line: 2, column: 5, limit: 4096, inQuotes: true)) { _ = try TestSupport.records(path, options: o) }
        // Below the limit the whole rest of the file is one field: the error names the quote's start.
        #expect(throws: CSVError.unterminatedQuote(path: path, line: 2, column: 5)) { _ = try TestSupport.records(path) }
    }

    @Test("2,000 columns: an error past --max-columns (header or data row), read normally when the limit is raised")
    func wide() throws {
        let extra = (0..<1997).map { "c\($0)" }.joined(separator: ",")
        let values = Array(repeating: "v", count: 1997).joined(separator: ",")
        let path = TestSupport.write("date,org,type,\(extra)\n2022-01-05,甲,党课,\(values)\n")
        #expect(throws: CSVError.tooManyColumns(path: path, line: 1, count: 1025, limit: 1024)) { _ = try TestSupport.records(path) }
        var o = ReaderOptions()
        o.maxColumns = 2000
        let (rows, s) = try TestSupport.records(path, options: o)
        #expect(rows.count == 1 && s.files[0].headers.count == 2000 && s.files[0].unmapped.count == 1997)
        let r = TestSupport.run(["inspect", "--max-columns", "1500", path], env: ["PLANCHECK_LANG": "en"])
        #expect(r.code == 2 && r.err.contains("\(path):1:1: the row has 1501 or more columns, more than the limit of 1500"))
        // A data row wider than the limit (header normal) is also an error for the whole file.
        let wideRow = TestSupport.write(Self.header + "1,2022-01-05,甲,党课,t,1,a,b," + values + "\n")
        #expect(throws: CSVError.tooManyColumns(path: wideRow, line: 2, count: 1025, limit: 1024)) { _ = try TestSupport.records(wideRow) }
    }

    @Test("NUL bytes reject their row (reason given), the rows around them are read")
    func nulBytes() throws {
        var bytes = Array((Self.header + "1,2022-01-05,甲,党课,ok,1,a,\n").utf8)
        bytes += Array("2,2022-01-06,乙,党课,t".utf8) + [0] + Array("x,1,a,\n".utf8)
        bytes += Array("3,2022-01-07,丙".utf8) + [0, 0] + Array(",党课,t,1,a,\n".utf8)
        bytes += Array("4,2022-01-08,丁,党课,ok,1,a,\n".utf8)
        let (rows, s) = try TestSupport.records(TestSupport.write(bytes))
        #expect(rows.map { $0[2] } == ["甲", "丁"])
        #expect(s.rejections.map(\.line) == [3, 4] && s.rejections.map(\.column) == [5, 3])
        #expect(s.rejectionCounts == ["NUL byte": 2])
        #expect(s.rejections[0].reason.contains("NUL"))
        #expect(s.rowsRead == 4 && s.accepted == 2 && s.rejected == 2)
    }

    @Test("a BOM in the middle (two exports concatenated): the second header is one rejected row, every record read")
    func bomInTheMiddle() throws {
        let part = "\u{FEFF}日期,支部,类型,主题,人数,主讲人\n2022年3月5日,宝胜寺社区党支部,廉政专题学习,学习,23人,何丽娟\n2022年3月6日,龙门社区党支部,警示教育,看片,12人,赵国平\n"
        let path = TestSupport.write(part + part)
        let (rows, s) = try TestSupport.records(path)
        #expect(rows.count == 4)
        #expect(rows.map { $0[8] } == ["2", "3", "5", "6"])
        #expect(s.rejections.count == 1 && s.rejections[0].line == 4 && s.rejections[0].kind == "unrecognized date")
        #expect(s.rowsRead == 5 && s.accepted + s.rejected == s.rowsRead)
        #expect(s.files[0].encoding?.bom == true)
    }

    @Test("invalid UTF-8 and invalid GB18030 in the middle of big files reject only their rows")
    func invalidTextMidFile() throws {
        var utf8 = Array(Self.header.utf8)
        var gb = "序号,活动日期,党组织,活动类型,活动主题,参加人数,主持人,检查对象\r\n"
        for i in 0..<5000 {
            if i == 2500 { utf8 += Array("\(i),2022-03-05,甲,党课,".utf8) + [0xC4, 0xE3, 0xBA, 0xC3] + Array(",1,a,\n".utf8) }
            else { utf8 += Array("\(i),2022-03-05,甲,党课,学习,1,a,\n".utf8) }
            gb += "\(i),2022/3/5,古镇社区党支部,警示教育,观看警示片,12,b,\r\n"
        }
        let (u, us) = try TestSupport.records(TestSupport.write(utf8))
        #expect(us.files[0].encoding?.encoding == .utf8)
        #expect(u.count == 4999 && us.rejections.map(\.line) == [2502] && us.rejectionCounts == ["invalid text": 1])
        var gbBytes = TestSupport.encode(gb, as: "GB18030")
        // Break one row in the middle: 0x81 0x20 is no GB18030 sequence.
        let marker = Array("2600,".utf8)
        let at = (0..<gbBytes.count - 5).first { Array(gbBytes[$0..<$0 + 5]) == marker && gbBytes[$0 - 1] == 0x0A }!
        gbBytes.insert(contentsOf: [0x81, 0x20], at: at + 5)
        let (g, gs) = try TestSupport.records(TestSupport.write(gbBytes))
        #expect(gs.files[0].encoding?.encoding == .gb18030)
        #expect(g.count == 4999 && gs.rejections.map(\.line) == [2602] && gs.rejectionCounts == ["invalid text": 1])
        #expect(g[0][2] == "古镇社区党支部")
    }

    @Test("100,000 distinct units: a clean report with one grouped unknown-unit warning, every row counted")
    func manyUnits() throws {
        var text = Self.header
        text.reserveCapacity(100_000 * 48)
        for i in 0..<100_000 { text += "\(i),2022-\(i % 12 + 1)-15,第\(i)支部,党课,t,10,a,\n" }
        let dir = TestSupport.tempDir("units")
        let path = TestSupport.write(text, dir: dir)
        let start = Date()
        let r = TestSupport.run(checkArgs(Self.rosters.map { $0.hasPrefix("--") ? $0 : TestSupport.root + "/" + $0 } + ["--format", "json", "-o", dir + "/r.csv", path]))
        #expect(r.code == 0, "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let counts = json["counts"] as! [String: Any]
        #expect(counts["rowsRead"] as? Int == 100_000 && counts["accepted"] as? Int == 100_000 && counts["rejected"] as? Int == 0)
        let findings = json["findings"] as! [[String: Any]]
        let unknown = findings.filter { $0["title"] as? String == "单位不在花名册中" }
        #expect(unknown.count == 1)
        #expect(unknown.first?["actual"] as? Int == 100_000)
        #expect((unknown.first?["advice"] as? String ?? "").hasPrefix("100000 个单位不在花名册中（共 100000 条记录）："))
        #expect(Date().timeIntervalSince(start) < 120)
        #expect(FileManager.default.fileExists(atPath: dir + "/r.csv"))
    }

    // MARK: bad input files

    @Test("missing, empty, directory-instead-of-file and unreadable inputs, plans and rosters: exit 2, message, no report",
          arguments: ["records-missing", "records-empty", "records-blank-lines", "plan-missing", "plan-dir", "plan-empty",
                      "roster-missing", "roster-dir", "records-unreadable", "records-dir-in-list"])
    func badFiles(kind: String) throws {
        let dir = TestSupport.tempDir("bad")
        let good = TestSupport.root + "/SampleData/records/app-export-2022.csv"
        var plan = TestSupport.root + "/" + Self.plan000
        var roster = TestSupport.root + "/SampleData/roster-units.csv"
        var input = good
        var named = ""
        switch kind {
        case "records-missing": input = dir + "/nope.csv"; named = input
        case "records-empty": input = TestSupport.write("", name: "e.csv", dir: dir); named = input
        case "records-blank-lines": input = TestSupport.write("\n\r\n  \n", name: "e.csv", dir: dir); named = input
        case "plan-missing": plan = dir + "/nope.csv"; named = plan
        case "plan-dir": plan = dir; named = plan
        case "plan-empty": plan = TestSupport.write("", name: "p.csv", dir: dir); named = plan
        case "roster-missing": roster = dir + "/nope.csv"; named = roster
        case "roster-dir": roster = dir; named = roster
        case "records-dir-in-list":
            // Subfolders are read, and sub.csv/ is one, empty: the folder has nothing to read.
            let sub = dir + "/in"
            try FileManager.default.createDirectory(atPath: sub + "/sub.csv", withIntermediateDirectories: true)
            input = sub; named = sub
        case "records-unreadable":
            input = TestSupport.write(Self.header + "1,2022-01-05,甲,党课,t,1,a,\n", name: "locked.csv", dir: dir)
            chmod(input, 0)
            named = input
        default: Issue.record("unknown case")
        }
        let r = TestSupport.run(["check", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "-o", dir + "/r.csv", input])
        if kind == "records-unreadable" && geteuid() == 0 {
            // The tests run as root here, and root reads a chmod 000 file anyway (CAP_DAC_OVERRIDE);
            // a directory without x permission is no obstacle either. The unreadable case can only be
            // tested as an ordinary user, where open(2) fails with EACCES and the path below applies.
            #expect(r.code != 2, "root reads chmod 000 files: \(r.err)")
            return
        }
        #expect(r.code == 2, "\(kind): \(r.err)")
        #expect(r.err.hasPrefix("错误：") && r.err.contains(named), "\(kind): \(r.err)")
        #expect(!r.err.contains("Fatal error"))
        if kind == "records-unreadable" { #expect(r.err.contains("Permission denied")) }
        #expect(r.out.isEmpty, "\(kind)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.csv"), "\(kind)")
    }

    // MARK: atomic reports

    @Test("a unit roster listing a unit twice or naming a parent it does not list: every problem at once, with its line")
    func rosterUnitProblems() throws {
        let path = TestSupport.write("name,kind,parent\n甲党委,党委,\n一支部,社区党支部,甲党委\n一支部,社区党支部,甲党委\n二支部,社区党支部,乙党委\n")
        do {
            _ = try Roster.read([path], lang: .en)
            Issue.record("expected a roster error")
        } catch let PlanError.invalid(problems) {
            #expect(problems.map(\.line) == [4, 0])
            #expect(problems[0].column == 1 && problems[0].message == "unit 一支部 is listed twice")
            #expect(problems[1].message == "parent 乙党委 of unit 二支部 is not in the roster")
        }
        let ok = try Roster.read([TestSupport.write("name,kind,parent\n甲党委,党委,\n一支部,社区党支部,甲党委\n")])
        #expect(ok.units.map(\.name) == ["甲党委", "一支部"])
    }

    @Test("a run killed with SIGKILL while writing leaves the previous report byte-identical")
    func sigkill() throws {
        let dir = TestSupport.tempDir("kill")
        // 300,000 records over 30,000 units not in the roster: a report of 30,000+ rows takes a while to write.
        var text = Self.header
        text.reserveCapacity(300_000 * 50)
        for i in 0..<300_000 { text += "\(i),2022-\(i % 12 + 1)-\(i % 28 + 1),第\(i % 30_000)社区党支部,党课,\"学习,讨论\",\(i % 50),a,\n" }
        let input = TestSupport.write(text, name: "big.csv", dir: dir)
        let report = dir + "/report.csv"
        let old = Data("rule,title\r\nold,report from yesterday\r\n".utf8)
        try old.write(to: URL(fileURLWithPath: report))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.binary)
        p.arguments = ["check", "--plan", Self.plan000] + Self.rosters + ["--as-of", "2022-12-31", "--show-evidence", "-o", report, input]
        p.currentDirectoryURL = URL(fileURLWithPath: TestSupport.root)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        // Wait for the temporary report to appear (the write has begun), then kill at once.
        var temp: String? = nil
        let deadline = Date().addingTimeInterval(120)
        while temp == nil && p.isRunning && Date() < deadline {
            temp = try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasPrefix(".report.csv.tmp-") }
            if temp == nil { usleep(200) }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        try #require(temp != nil, "the run ended before its report write could be caught; make the input larger")
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) == old)
        // What is left: the old report and the killed run's hidden temporary file (documented as
        // harmless in docs/reliability.md); a later run replaces the report and works normally.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(left.filter { !$0.hasPrefix(".report.csv.tmp-") } == ["big.csv", "report.csv"])
        let again = try TestSupport.runBinary(["check", "--plan", Self.plan000] + Self.rosters + ["--as-of", "2022-12-31", "--fail-on", "never", "-o", report, "SampleData/records"])
        #expect(again.code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: report)) != old)
    }

    @Test("a report path that is one of the inputs (records, plan or roster, however spelled) is refused before anything is written")
    func outputIsAnInput() throws {
        let dir = TestSupport.tempDir("same")
        let records = dir + "/a.csv", plan = dir + "/plan-2022.csv", roster = dir + "/units.csv"
        try FileManager.default.copyItem(atPath: TestSupport.root + "/SampleData/records/app-export-2022.csv", toPath: records)
        try FileManager.default.copyItem(atPath: TestSupport.root + "/" + Self.plan000, toPath: plan)
        try FileManager.default.copyItem(atPath: TestSupport.root + "/SampleData/roster-units.csv", toPath: roster)
        let before = try [records, plan, roster].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let common = ["--plan", plan, "--roster", roster, "--as-of", "2022-12-31"]
        for (args, target) in [(["check"] + common + ["-o", records, records], records),
                               (["check"] + common + ["-o", dir + "/./a.csv", dir], dir + "/./a.csv"),
                               (["check"] + common + ["-o", plan, records], plan),
                               (["stats"] + common + ["-o", roster, records], roster),
                               (["inspect", "--format", "csv", "-o", records, records], records)] {
            let r = TestSupport.run(args, env: ["PLANCHECK_LANG": "en"])
            #expect(r.code == 2, "\(args)")
            #expect(r.err.contains("\(target): cannot write a report here: it is one of the inputs"), "\(r.err)")
        }
        #expect(try [records, plan, roster].map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.csv", "plan-2022.csv", "units.csv"])
        // stats --csv-dir writes stats-<table>.csv files: an input of that name is refused too.
        let named = dir + "/stats-long.csv"
        try FileManager.default.copyItem(atPath: records, toPath: named)
        let r = TestSupport.run(["stats"] + common + ["--csv-dir", dir, named], env: ["PLANCHECK_LANG": "en"])
        #expect(r.code == 2 && r.err.contains("stats-long.csv: cannot write a report here: it is one of the inputs"), "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: named)) == before[0])
    }

    @Test("inputs are opened read-only and never modified by check, stats or inspect (checksums of SampleData copies)")
    func inputsUntouched() throws {
        let dir = TestSupport.tempDir("ro")
        let fm = FileManager.default
        var before: [String: (Data, Date?)] = [:]
        for name in ["app-export-2022.csv", "branch-baoshengsi-2022.csv", "excel-gbk-2022.csv"] {
            try fm.copyItem(atPath: TestSupport.root + "/SampleData/records/" + name, toPath: dir + "/" + name)
        }
        for name in ["roster-units.csv", "roster-people.csv"] { try fm.copyItem(atPath: TestSupport.root + "/SampleData/" + name, toPath: dir + "/" + name) }
        try fm.copyItem(atPath: TestSupport.root + "/" + Self.plan000, toPath: dir + "/plan-2022.csv")
        for f in try fm.contentsOfDirectory(atPath: dir) {
            before[f] = (try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f)), try fm.attributesOfItem(atPath: dir + "/" + f)[.modificationDate] as? Date)
        }
        let out = TestSupport.tempDir("ro-out")
        let common = ["--plan", dir + "/plan-2022.csv", "--roster", dir + "/roster-units.csv", "--roster", dir + "/roster-people.csv", "--as-of", "2022-12-31"]
        let inputs = ["app-export-2022.csv", "branch-baoshengsi-2022.csv", "excel-gbk-2022.csv"].map { dir + "/" + $0 }
        #expect(TestSupport.run(["check"] + common + ["-o", out + "/c.csv", "-o", out + "/c.html"] + inputs).code == 1)
        #expect(TestSupport.run(["stats"] + common + ["-o", out + "/s.json", "--csv-dir", out] + inputs).code == 0)
        #expect(TestSupport.run(["inspect", "--format", "csv", "-o", out + "/i.csv"] + inputs).code == 0)
        #expect(TestSupport.run(["validate", dir + "/plan-2022.csv"]).code == 0)
        for (f, (data, mtime)) in before {
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f)) == data, "\(f) changed")
            #expect(try fm.attributesOfItem(atPath: dir + "/" + f)[.modificationDate] as? Date == mtime, "\(f) touched")
        }
        #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == before.keys.sorted())
    }
}
