import Testing
@testable import PlanCheckKit

@Suite("quality checker (always on)")
struct QualityCheckerTests {
    static let rule: [PlanColumn: String] = [.id: "R", .checker: "count", .types: "主题党日", .threshold: "1", .scope: "kind:社区党支部"]

    @Test("duplicates, dates outside the year and after as-of, unknown units, uncounted types")
    func all() throws {
        let rows = """
        date,org,type,participants,title,lead,target
        2022-05-02,甲支部,主题党日,10,五月主题党日,,
        2022-05-02 09:00,甲支部,主题党日,11,五月主题党日,,
        2022-05-03,甲支部,主题党日,10,五月主题党日,,
        2021-12-30,甲支部,主题党日,10,去年的,,
        2022-12-30,甲支部,主题党日,10,检查日之后,,
        2022-06-01,无名支部,主题党日,10,六月主题党日,,
        2022-06-01,甲支部,其他,10,未计入,,
        """
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-01", units: ["甲支部|社区党支部"], quality: true)
        let q = fs.filter { $0.rule == "quality" }
        #expect(q.map { "\($0.title)|\($0.org)|\($0.actual)" } == [
            "重复记录|甲支部|1", "日期不在检查年度内|甲支部|1", "日期晚于检查日|甲支部|1", "单位不在花名册中|无名支部|1", "活动类型未被任何规则计入|*|1",
        ])
        #expect(q.allSatisfy { $0.status == .warning })
        #expect(q[0].evidence.count == 1 && q[0].evidence[0].hasSuffix(":3"))
        // Excluded records do not count: 甲支部 has 3 in-year, before-as-of 主题党日 (the duplicate is counted, and warned about).
        #expect(CheckHarness.summary(fs.filter { $0.rule == "R" }) == ["甲支部||2022|3|met"])
    }

    @Test("uncounted types are listed by name with their counts, most first, then by name")
    func uncountedTypes() throws {
        let rows = """
        date,org,type
        2022-06-01,甲支部,志愿服务
        2022-06-02,甲支部,主题党日
        2022-06-03,甲支部, 其他
        2022-06-04,甲支部,志愿服务
        2022-06-05,甲支部,帮扶走访
        2022-06-06,甲支部,其他
        2022-06-07,甲支部,志愿服务
        """
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-31", units: ["甲支部|社区党支部"], quality: true)
        let u = try #require(fs.first { $0.title == "活动类型未被任何规则计入" })
        #expect(u.actual == 6)
        #expect(u.note == "3 种活动类型没有规则计入（共 6 条记录）：志愿服务 3、其他 2、帮扶走访 1")
    }

    @Test("per-unit warnings, interleaved, each keep their own count, note and first evidence")
    func perUnitTallies() throws {
        let rows = """
        date,org,type,title
        2022-05-02,甲,主题党日,a
        2022-05-02,乙,主题党日,b
        2022-05-02,甲,主题党日,a
        2022-05-02,丙,主题党日,c
        2022-05-02,乙,主题党日,b
        2022-05-02,甲,主题党日,a
        2022-05-02,丙,主题党日,c
        2022-05-02,甲,主题党日,a
        2022-05-02,丙,主题党日,c
        2022-05-02,甲,主题党日,a
        2021-05-02,乙,主题党日,x
        """
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-31", quality: true).filter { $0.rule == "quality" }
        var got: [String: String] = [:]
        for f in fs {
            let lines = f.evidence.map { $0.split(separator: ":").last.map(String.init) ?? "" }.joined(separator: " ")
            got["\(f.title)|\(f.org)"] = "\(f.actual)|\(f.evidenceCount)|\(lines)|\(f.note)|\(f.period)|\(f.status.rawValue)"
        }
        #expect(got == [
            "重复记录|甲": "4|4|4 7 9|4 条记录与前面的记录日期、单位、类型、主题完全相同|2022|warning",
            "重复记录|乙": "1|1|6|1 条记录与前面的记录日期、单位、类型、主题完全相同|2022|warning",
            "重复记录|丙": "2|2|8 10|2 条记录与前面的记录日期、单位、类型、主题完全相同|2022|warning",
            "日期不在检查年度内|乙": "1|1|12|1 条记录的日期不在 2022 年，未计入|2022|warning",
        ])
        // Views of the checker's tallies compare equal field by field, like stored findings.
        #expect(fs.allSatisfy { f in f == f && f.required == 0 && f.start == Day.parseISO("2022-01-01") && f.due == Day.parseISO("2022-12-31") })
    }

    @Test("without a roster there are no unknown-unit warnings")
    func noRoster() throws {
        let fs = try CheckHarness.run(rule: Self.rule, records: "date,org,type\n2022-06-01,无名支部,主题党日\n", asOf: "2022-12-31", quality: true)
        #expect(!fs.contains { $0.title == "单位不在花名册中" })
    }
}
