import Foundation
import Testing
@testable import PlanCheckKit

/// Golden files of the sample's year-end check (plans 000 + 001, both rosters, as of 2022-12-31) in
/// every format and both languages, and a scan that no Chinese output says an English status word.
/// Regenerate with `UPDATE_GOLDEN=1 swift test --filter CheckGolden` and review the diff.
@Suite("Check golden files")
struct CheckGoldenTests {
    static let golden = TestSupport.root + "/Tests/Golden/check/"
    static let args = ["check", "--plan", "Checks/000-street-party-building-2022.csv", "--plan", "Checks/001-street-office-party-committee-2022.csv",
                       "--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv", "--as-of", "2022-12-31"]

    /// Runs the check from the package root (paths in reports stay relative) and returns the report
    /// written as `file.<ext>`.
    static func report(_ ext: String, lang: Lang, extra: [String] = []) throws -> String {
        let dir = TestSupport.tempDir("golden")
        let r = try TestSupport.runBinary(args + extra + ["--lang", lang.rawValue, "-o", dir + "/r." + ext, "SampleData/records"], cwd: TestSupport.root)
        #expect(r.code == 1, "\(r.err)")
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/r." + ext)), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    static func compare(_ name: String, _ text: String) { TestSupport.compareGolden(text, to: golden + name) }

    @Test(arguments: [("txt", Lang.zh), ("txt", .en), ("csv", .zh), ("csv", .en), ("json", .zh), ("json", .en), ("html", .zh), ("html", .en)])
    func sample(_ ext: String, _ lang: Lang) throws {
        Self.compare("sample-\(lang.rawValue).\(ext)", try Self.report(ext, lang: lang))
    }

    @Test(arguments: Lang.allCases)
    func stats(_ lang: Lang) throws {
        var a = Self.args
        a[0] = "stats"
        let r = try TestSupport.runBinary(a + ["--lang", lang.rawValue, "SampleData/records"], cwd: TestSupport.root)
        #expect(r.code == 0, "\(r.err)")
        Self.compare("sample-stats-\(lang.rawValue).txt", r.out)
    }

    /// The English status words, as whole words.
    static let englishStatus = try! NSRegularExpression(pattern: #"(?<![A-Za-z-])(met|missed|at-risk|on-track|upcoming|warning)(?![A-Za-z-])"#)

    static func englishStatusWords(_ s: String) -> [String] {
        englishStatus.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
    }

    /// What a person reads of an HTML page: no style sheet, no tags (class names are for the style sheet).
    static func visibleText(_ html: String) -> String {
        var s = html
        if let a = s.range(of: "<style>"), let b = s.range(of: "</style>") { s.removeSubrange(a.lowerBound..<b.upperBound) }
        return s.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    @Test("no Chinese output says met, missed, at-risk, on-track, upcoming or warning",
          arguments: ["txt", "csv", "html", "json", "self-review", "stats"])
    func noEnglishStatusInChinese(_ what: String) throws {
        var text: String
        switch what {
        case "html": text = Self.visibleText(try Self.report("html", lang: .zh))
        case "json":
            // Keys and codes stay English for machines; every label a person reads is Chinese.
            let json = try JSONSerialization.jsonObject(with: Data(try Self.report("json", lang: .zh).utf8)) as! [String: Any]
            text = (json["findings"] as! [[String: Any]]).map { "\($0["statusLabel"]!) \($0["advice"]!)" }.joined(separator: "\n")
        case "self-review":
            let r = try TestSupport.runBinary(Self.args.dropLast(2) + ["--as-of", "2022-11-21", "--org", "古镇社区党支部", "SampleData/records"], cwd: TestSupport.root)
            text = r.out
        case "stats":
            var a = Self.args
            a[0] = "stats"
            text = try TestSupport.runBinary(a + ["SampleData/records"], cwd: TestSupport.root).out
        default: text = try Self.report(what, lang: .zh)
        }
        #expect(!text.isEmpty)
        #expect(Self.englishStatusWords(text) == [], "\(what)")
        // The scan itself finds them in English.
        if what == "txt" { #expect(!Self.englishStatusWords(try Self.report("txt", lang: .en)).isEmpty) }
    }
}

@Suite("Audit report")
struct AuditReportTests {
    @Test("the office sets the title; by default it names the office and the year, never the program")
    func title() throws {
        let set = try CheckGoldenTests.report("html", lang: .zh, extra: ["--title", "龙门街道党工委2022年度党建工作计划执行情况"])
        #expect(set.contains("<title>龙门街道党工委2022年度党建工作计划执行情况</title>"))
        let byDefault = try CheckGoldenTests.report("html", lang: .zh)
        #expect(byDefault.contains("<h1>龙门街道党工委2022年度党建工作计划执行情况</h1>"))
        #expect(!byDefault.contains("<h1>plancheck") && !byDefault.contains("<title>plancheck"))
    }

    @Test("overview first, shortfalls before the units, a weekly rule on one line, each clause once")
    func layout() throws {
        let page = try CheckGoldenTests.report("html", lang: .zh)
        let overview = page.range(of: "一、总体情况")!, shortfalls = page.range(of: "二、未完成事项")!, units = page.range(of: "三、各单位执行情况")!
        #expect(overview.lowerBound < shortfalls.lowerBound && shortfalls.lowerBound < units.lowerBound)
        // The 12 missed periods of the sample, each once in the shortfall list.
        let list = String(page[shortfalls.lowerBound..<units.lowerBound])
        #expect(list.components(separatedBy: "<tr class=missed>").count - 1 == 12)
        #expect(page.contains("52周均达标"))
        #expect(page.contains("4个季度中3个达标，未达标：第三季度"))
        // A clause is printed once, in the rule table.
        let clause = "全年党工委举办的大型宣传教育活动不少于12次"
        #expect(page.components(separatedBy: clause).count - 1 == 1)
        #expect(page.contains("2022年12月31日") && page.contains("@page { size: A4"))
        #expect(page.contains("thead { display: table-header-group; }"))
    }

    /// The unit of weekly and quarterly lines, by hand.
    @Test func periodWords() {
        #expect(HTMLCheckReporter.periodName("2022-Q3", .zh) == "第三季度")
        #expect(HTMLCheckReporter.periodName("2022-W12", .zh) == "第12周")
        #expect(HTMLCheckReporter.periodName("2022-08", .zh) == "8月")
        #expect(HTMLCheckReporter.periodName("2022-H1", .zh) == "上半年")
        #expect(HTMLCheckReporter.periodName("年中", .zh) == "年中")
        #expect(HTMLCheckReporter.date(Day.parseISO("2022-07-01")!, .zh) == "2022年7月1日")
    }

    @Test("weekly rule: 52周中49周达标，未达标：第12、30、41周")
    func weeklySummary() {
        let d = Day.parseISO("2022-12-31")!
        let fs = (1...52).map { w in
            Finding(rule: "W", title: "每周", checker: "count", org: "甲", period: "2022-W" + (w < 10 ? "0" : "") + String(w), start: d, end: d,
                    required: 1, actual: [12, 30, 41].contains(w) ? 0 : 1, status: [12, 30, 41].contains(w) ? .missed : .met, due: d)
        }
        let line = HTMLCheckReporter.Line(info: fs[0].info, person: "", findings: fs)
        #expect(HTMLCheckReporter.periodsNote(line, .zh) == "52周中49周达标，未达标：第12、30、41周")
        #expect(HTMLCheckReporter.periodsNote(line, .en) == "49 of 52 weeks met; missed: weeks 12, 30, 41")
    }
}

@Suite("Year-end review text")
struct ReviewTextTests {
    static func summary(_ lang: Lang = .zh) throws -> [String] {
        var a = CheckGoldenTests.args
        a[0] = "stats"
        let out = try TestSupport.runBinary(a + ["--lang", lang.rawValue, "SampleData/records"], cwd: TestSupport.root).out
        return Array(out.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.map(String.init))
    }

    @Test("prose an office can paste: no rule ids, paths or version in the body; those in one footer line")
    func body() throws {
        let lines = try Self.summary()
        let body = lines.dropLast().joined(separator: "\n")
        #expect(lines.first?.hasPrefix("2022年全年共开展党建活动1784次，参与39151人次，其中") == true)
        for word in ["S000-", "S001-", "SampleData/", "Checks/", "plancheck", ".csv"] { #expect(!body.contains(word), "\(word)") }
        #expect(lines.last!.hasPrefix("（由 plancheck \(PlanCheckCLI.version) 统计") && lines.last!.contains("SampleData/records/"))
        #expect(body.contains("完成率85.2%"))
        #expect(!body.contains(".0%"))
        // Units compared only with units of their kind.
        #expect(body.contains("6个社区党支部中，开展活动最多的是会展社区党支部（255次），最少的是空港社区党支部（230次）"))
        #expect(body.contains("2个机关党支部中，开展活动最多的是街道机关第一党支部（146次），最少的是街道机关第二党支部（0次）"))
        // Shortfalls as sentences, the unit named once.
        #expect(body.contains("古镇社区党支部全年基层党组织分析研判党员思想状况3次，比要求少1次，第三季度未开展基层党组织分析研判党员思想状况"))
        #expect(body.contains("龙门街道党工委刘芳7月1日前未开展"))
        // A weekly rule is one requirement, not 52 checks.
        #expect(body.contains("16项要求落实到61个单位和人员"))
        #expect(body.contains("党员干部每周到帮扶对象身边：52周均达标"))
        // As a 述职报告 writes numbers: no spaces around them, the measure said once, "均达标" when all met.
        #expect(body.contains("党工委培训696人次（要求500人次）"))
        #expect(body.contains("党工委委员每季度分析研判分管领域意识形态情况：5人均达标"))
        #expect(body.contains("对6个社区党支部常规巡察全覆盖：6个单位均达标"))
        #expect(body.contains("拒绝1行（日期不存在1行）"))
        #expect(!body.contains(" 次") && !body.contains(" 人次") && !body.contains(" 个"), "\(body)")
        #expect(lines.last!.contains("Checks/000-street-party-building-2022.csv、Checks/001"))
    }

    /// Mid-year nothing is "均已达标" while periods are still open: units with no shortfall so far are said as such.
    @Test("mid-year: 均无未完成事项, not 均已达标")
    func midYear() throws {
        var a = CheckGoldenTests.args
        a[0] = "stats"
        a = a.map { $0 == "2022-12-31" ? "2022-06-15" : $0 }
        let out = try TestSupport.runBinary(a + ["SampleData/records"], cwd: TestSupport.root).out
        let body = out.split(separator: "\n").prefix(7).joined(separator: "\n")
        #expect(body.contains("党工委委员每季度分析研判分管领域意识形态情况：5人均无未完成事项"), "\(body)")
        #expect(body.contains("6个社区党支部均无未完成事项；2个机关党支部中1个无未完成事项，街道机关第二党支部有未完成事项"), "\(body)")
        #expect(!body.contains("均已达标"), "\(body)")
    }

    @Test(arguments: [(1, 1, "100"), (0, 3, "0"), (146, 158, "92.4"), (2, 3, "66.7"), (1, 8, "12.5")])
    func percent(_ met: Int, _ due: Int, _ text: String) { #expect(ReviewText.percent(met, due) == text) }

    @Test func periodNotesLeaveTitles() {
        #expect(ReviewText.thing("基层党组织分析研判党员思想状况（每季度）") == "基层党组织分析研判党员思想状况")
        #expect(ReviewText.thing("“七一”前发展党员") == "“七一”前发展党员")
    }
}

@Suite("Self-review evidence")
struct SelfReviewEvidenceTests {
    @Test("each counted record by date and title, where it is at the end; only the unit's own rejected rows")
    func evidence() throws {
        let r = try TestSupport.runBinary(Array(CheckGoldenTests.args.dropLast(2)) + ["--as-of", "2022-11-21", "--org", "古镇社区党支部", "SampleData/records"],
                                          cwd: TestSupport.root)
        #expect(r.code == 1)
        #expect(r.out.contains("计入：2022-03-05 党员思想动态分析研判（SampleData/records/excel-gbk-2022.csv:152#151）"))
        #expect(r.out.contains("      2022-05-29 党员思想动态分析研判（SampleData/records/excel-gbk-2022.csv:296#295）"))
        // The sample's one rejected row names another unit: it is counted, not listed.
        #expect(!r.out.contains("app-export-2022.csv:163"))
        #expect(r.out.contains("（另 1 行属于其他单位，未列出）"))
        // The whole street's check lists it.
        let all = try TestSupport.runBinary(Array(CheckGoldenTests.args) + ["--quiet", "SampleData/records"], cwd: TestSupport.root)
        #expect(all.out.contains("拒绝 SampleData/records/app-export-2022.csv:163:2"))
    }
}
