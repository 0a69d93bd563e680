import Foundation
import Testing
@testable import PlanCheckKit

/// `plancheck stats` on the command line: options, files, escaping, and SampleData.
@Suite("Stats command")
struct StatsCommandTests {
    static let fixture = TestSupport.root + "/Tests/Golden/stats/fixture/"
    static let plan = ["--plan", fixture + "plan-2022.csv", "--roster", fixture + "roster-units.csv"]

    @Test(arguments: [
        (["--table", "rules", "--format", "csv"], "--table rules needs --plan"),
        (["--table", "units", "-o", "/tmp/x.csv"], "--table units needs --plan"),
        (["--table", "wide"], "--table 'wide' is not one of: long, pivot, rules, units, health"),
        (["--lang", "fr"], "--lang 的值“fr”无效，可选：zh、en"),
        (["--format", "html"], "unknown format 'html'"),
        (["--csv-dir", "/nonexistent/dir"], "does not exist"),
        (["--year", "20x"], "--year '20x' is not a year"),
    ])
    func usageErrors(_ args: [String], _ message: String) {
        let (code, out, err) = TestSupport.run(["stats", "--as-of", "2022-04-30"] + args + [Self.fixture + "records.csv"], env: ["PLANCHECK_LANG": "en"])
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains(message), "\(err)")
    }

    /// A year taken from --as-of gets the range --year has (a year-1 review ran before).
    @Test(arguments: ["0001-06-01", "1899-12-31"])
    func yearFromAsOfOutsideTheRange(_ asOf: String) {
        let (code, out, err) = TestSupport.run(["stats", "--as-of", asOf, Self.fixture + "records.csv"])
        #expect(code == 2 && out.isEmpty)
        #expect(err.contains("不在 1900 到 9999 之间（取自 --as-of \(asOf)）") && err.contains("--year"), "\(err)")
    }

    @Test func helpDocumentsTables() {
        let (code, out, _) = TestSupport.run(["help", "stats"])
        #expect(code == 0)
        for word in ["--table", "--csv-dir", "--lang", "stats-<table>.csv", "long", "pivot", "rules", "units", "health"] {
            #expect(out.contains(word), "\(word)")
        }
    }

    @Test func noInputIsAUsageError() {
        let (code, _, err) = TestSupport.run(["stats"])
        #expect(code == 2 && err.contains("没有给出记录文件"))
    }

    /// The stats page a clerk prints says months and dates as the summary does (1—3月, 2022年4月30日),
    /// data-health kinds in words, and in English with --lang en.
    @Test func htmlInTheUsersLanguage() throws {
        let dir = TestSupport.tempDir("stats-html")
        for lang in ["zh", "en"] {
            let r = TestSupport.run(["stats", "--as-of", "2022-04-30", "--lang", lang, "-o", dir + "/\(lang).html"] + Self.plan + [Self.fixture + "records.csv"])
            #expect(r.code == 0, "\(r.err)")
        }
        let zh = try String(contentsOfFile: dir + "/zh.html", encoding: .utf8)
        #expect(zh.contains("<h1>2022年度活动统计（截至2022年4月30日）</h1>"))
        #expect(zh.contains("<td>1—3月</td>") && zh.contains("<td>整月无活动</td>") && !zh.contains("<td>2022-0"), "\(zh)")
        let en = try String(contentsOfFile: dir + "/en.html", encoding: .utf8)
        #expect(en.contains("Activities in 2022") && en.contains("<td>Jan–Mar</td>") && !en.contains("总体情况"), "\(en)")
    }

    @Test func strictRefusesRejectedRows() {
        let (code, _, err) = TestSupport.run(["stats", "--strict", "--as-of", "2022-04-30", Self.fixture + "records.csv"], env: ["PLANCHECK_LANG": "en"])
        #expect(code == 2 && err.contains("1 rejected row;"))
    }

    /// --csv-dir writes every table (rules and units only with a plan), with BOM and CRLF, next to -o files.
    @Test func csvDirWritesEveryTable() throws {
        let dir = TestSupport.tempDir("stats-csvdir")
        let (code, _, err) = TestSupport.run(["stats", "--as-of", "2022-04-30", "--csv-dir", dir, "-o", dir + "/r.json"]
                                             + Self.plan + [Self.fixture + "records.csv"])
        #expect(code == 0, "\(err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["r.json", "stats-health.csv", "stats-long.csv", "stats-pivot.csv", "stats-rules.csv", "stats-units.csv"])
        let long = try #require(FileManager.default.contents(atPath: dir + "/stats-long.csv"))
        #expect(Array(long.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: long, as: UTF8.self).contains("org,type,period,count,participants\r\n甲党委,专题会议,2022-04,1,7\r\n"))

        let dir2 = TestSupport.tempDir("stats-csvdir-noplan")
        let (code2, _, _) = TestSupport.run(["stats", "--as-of", "2022-04-30", "--csv-dir", dir2 + "/", Self.fixture + "records.csv"])
        #expect(code2 == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir2).sorted() == ["stats-health.csv", "stats-long.csv", "stats-pivot.csv"])
    }

    /// A failing --output leaves no --csv-dir file behind (and no temporary files).
    @Test func failedOutputWritesNothing() throws {
        let dir = TestSupport.tempDir("stats-atomic")
        try FileManager.default.createDirectory(atPath: dir + "/taken.html", withIntermediateDirectories: true)
        let (code, _, err) = TestSupport.run(["stats", "--as-of", "2022-04-30", "--csv-dir", dir, "-o", dir + "/taken.html",
                                              Self.fixture + "records.csv"])
        #expect(code == 2, "\(err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["taken.html"])
    }

    /// Record text reaches HTML only escaped, and CSV only formula-guarded.
    @Test func hostileTextIsEscapedAndGuarded() throws {
        let dir = TestSupport.tempDir("stats-escape")
        let input = TestSupport.write("""
            date,org,type,title,participants
            2022-01-05,<script>alert(1)</script>支部,"<img src=x onerror=alert(2)>",<script>t</script>,3
            2022-01-06,=HYPERLINK(1),@SUM(1),t,4

            """, dir: dir)
        let (code, out, err) = TestSupport.run(["stats", "--as-of", "2022-01-31", "-o", dir + "/r.html", "--format", "csv", input])
        #expect(code == 0, "\(err)")
        #expect(out.contains("'=HYPERLINK(1),'@SUM(1),2022-01,1,4"))
        let page = String(decoding: FileManager.default.contents(atPath: dir + "/r.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;支部"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.lowercased().contains("http://") && !page.lowercased().contains("https://"))
        let (_, raw, _) = TestSupport.run(["stats", "--as-of", "2022-01-31", "--format", "csv", "--no-formula-guard", input])
        #expect(raw.contains("\n=HYPERLINK(1),@SUM(1),2022-01,1,4"))
    }

    /// Every chart in the HTML has its numbers in a table beside it.
    @Test func htmlChartsHaveTables() throws {
        let dir = TestSupport.tempDir("stats-charts")
        let (code, _, _) = TestSupport.run(["stats", "--as-of", "2022-04-30", "-o", dir + "/r.html"] + Self.plan + [Self.fixture + "records.csv"])
        #expect(code == 0)
        let page = String(decoding: FileManager.default.contents(atPath: dir + "/r.html") ?? Data(), as: UTF8.self)
        let charts = page.components(separatedBy: "<div class=\"chart\">").dropFirst()
        #expect(charts.count == 3)
        for c in charts {
            let block = c.components(separatedBy: "</table>")[0]
            #expect(block.contains("<svg") && block.contains("<table>"))
        }
        #expect(!page.contains("<script") && !page.contains("@font-face") && !page.contains("<link"))
        #expect(page.contains("@page { size: A4"))
    }

    /// SampleData with plans 000 + 001: the counts SampleData/README gives, seen through stats.
    @Test func sampleData() throws {
        let root = TestSupport.root
        let (code, out, err) = TestSupport.run([
            "stats", "--plan", root + "/Checks/000-street-party-building-2022.csv", "--plan", root + "/Checks/001-street-office-party-committee-2022.csv",
            "--roster", root + "/SampleData/roster-units.csv", "--roster", root + "/SampleData/roster-people.csv",
            "--as-of", "2022-12-31", "--format", "json", root + "/SampleData/records"])
        #expect(code == 0, "\(err)")
        let roster = try Roster.read([root + "/SampleData/roster-units.csv", root + "/SampleData/roster-people.csv"])
        let r = try StatsCommand.compute(plan: PlanReader.read([root + "/Checks/000-street-party-building-2022.csv", root + "/Checks/001-street-office-party-committee-2022.csv"]),
                                         roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                         inputs: RecordReader.expand([root + "/SampleData/records"]))
        #expect(out.contains("\"accepted\": 1784"))
        #expect(r.health.rowsRead == 1785 && r.health.accepted == 1784 && r.health.rejected == 1)
        #expect(r.total.count == 1784)
        #expect(r.health.duplicates.map(\.org) == ["龙门社区党支部"])
        #expect(r.health.unknownUnits.map { "\($0.org)=\($0.count)" } == ["龙门街道老干部党支部=1"])
        #expect(r.units.first { $0.name == "街道机关第二党支部" }?.silentMonths == Array(1...12))
        func byBranch(_ type: String) -> [Int] {
            ["宝胜寺社区党支部", "龙门社区党支部", "会展社区党支部", "空港社区党支部", "将军路社区党支部", "古镇社区党支部",
             "街道机关第一党支部", "街道机关第二党支部"].map { org in r.long.filter { $0.org == org && $0.type == type }.reduce(0) { $0 + $1.cell.count } }
        }
        // The per-branch counts behind S000-04/10/11 (year rules, no keywords) are exactly check's actuals.
        let check = try CheckCommand.runCheck(plan: PlanReader.read([root + "/Checks/000-street-party-building-2022.csv"]), roster: roster,
                                              year: 2022, asOf: Day.parseISO("2022-12-31")!, inputs: RecordReader.expand([root + "/SampleData/records"]))
        for (rule, type) in [("S000-04", "思想动态分析研判"), ("S000-10", "廉政专题学习"), ("S000-11", "警示教育")] {
            #expect(byBranch(type) == check.findings.filter { $0.rule == rule }.map(\.actual), "\(rule)")
        }
        #expect(byBranch("廉政专题学习").reduce(0, +) == 46)
        #expect(byBranch("廉政专题学习")[3] == 4 && byBranch("思想动态分析研判")[5] == 3)  // README: 空港 S000-10 4, 古镇 S000-04 3
        #expect(r.long.filter { $0.org == "龙门街道纪工委" && $0.type == "明察暗访" }.reduce(0) { $0 + $1.cell.count } == 11)  // S000-09
        let committee = r.long.filter { $0.org == "龙门街道党工委" }
        #expect(committee.filter { $0.type == "培训" }.reduce(0) { $0 + $1.cell.participants } == 696)  // S000-03
        #expect(committee.filter { $0.type == "党建工作汇报" }.reduce(0) { $0 + $1.cell.count } == 13)   // S000-01
        #expect(r.planTotal.missed == 12)
        #expect(r.unitRanks.last?.org == "街道机关第二党支部")
        // The long table adds up to the totals.
        #expect(r.long.reduce(0) { $0 + $1.cell.count } == r.total.count)
        #expect(r.long.reduce(0) { $0 + $1.cell.participants } == r.total.participants)
        #expect(r.months.reduce(0) { $0 + $1.participants } == r.total.participants)
    }
}
