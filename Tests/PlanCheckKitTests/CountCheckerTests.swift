import Testing
@testable import PlanCheckKit

@Suite("count checker")
struct CountCheckerTests {
    static let branches = ["甲支部|社区党支部", "乙支部|社区党支部", "丙支部|机关党支部", "党工委|党工委"]

    @Test("six clean-government lessons: exactly six is met, four is missed, a branch with zero records is reported")
    func threshold() throws {
        var rows = "date,org,type,participants,title,lead,target\n"
        for m in 1...6 { rows += "2022-\(Day.pad2(m))-10,甲支部,廉政专题学习,10,第\(m)次,,\n" }
        for m in 1...4 { rows += "2022-\(Day.pad2(m))-10,乙支部,廉政专题学习,10,第\(m)次,,\n" }
        rows += "2022-05-10,乙支部,警示教育,10,不是廉政学习,,\n"
        let fs = try CheckHarness.run(rule: [.id: "R1", .checker: "count", .types: "廉政专题学习", .threshold: "6", .period: "year",
                                             .scope: "kind:社区党支部|机关党支部"], records: rows, asOf: "2022-12-31", units: Self.branches)
        #expect(CheckHarness.summary(fs) == ["甲支部||2022|6|met", "乙支部||2022|4|missed", "丙支部||2022|0|missed"])
        #expect(fs.map(\.shortfall) == [0, 2, 6])
    }

    @Test("quarter boundary: 03-31 counts for Q1, 04-01 for Q2")
    func quarterBoundary() throws {
        let rows = "date,org,type\n2022-03-31,甲支部,思想动态分析研判\n2022-04-01 00:00,甲支部,思想动态分析研判\n2022-04-01,甲支部,思想动态分析研判\n"
        let fs = try CheckHarness.run(rule: [.id: "R", .checker: "count", .types: "思想动态分析研判", .threshold: "1", .period: "季度",
                                             .scope: "org:甲支部"], records: rows, asOf: "2022-12-31", units: Self.branches)
        #expect(CheckHarness.summary(fs) == ["甲支部||2022-Q1|1|met", "甲支部||2022-Q2|2|met", "甲支部||2022-Q3|0|missed", "甲支部||2022-Q4|0|missed"])
    }

    @Test("weeks cut at the year's edges: 2022-01-02 (ISO 2021-W52) counts in 2022-W01; 2023-01-01 (ISO 2022-W52) counts nowhere, as the quality warning says")
    func isoWeeks() throws {
        let rows = "date,org,type\n2022-01-02,党工委,帮扶走访\n2022-01-03,党工委,帮扶走访\n2022-01-09,党工委,帮扶走访\n2023-01-01,党工委,帮扶走访\n"
        let fs = try CheckHarness.run(rule: [.id: "W", .checker: "count", .types: "帮扶走访", .threshold: "1", .period: "week", .scope: "all"],
                                      records: rows, asOf: "2023-01-01", units: Self.branches, quality: true)
        #expect(fs.count >= 52 + 1)  // 52 weeks and the quality warning
        #expect(CheckHarness.summary([fs[0], fs[1], fs[51]]) == ["*||2022-W01|3|met", "*||2022-W02|0|missed", "*||2022-W52|0|missed"])
        #expect(fs[0].start.iso == "2022-01-01" && fs[0].end.iso == "2022-01-09")
        #expect(fs[51].start.iso == "2022-12-26" && fs[51].end.iso == "2022-12-31")
        let outside = fs.first { $0.checker == QualityChecker.identifier && $0.note.contains("不在 2022 年") }
        #expect(outside?.actual == 1, "the one record outside the year is the one the warning names")
    }

    @Test("Feb 29 of a leap year counts in February and in H1")
    func leapDay() throws {
        let rows = "date,org,type\n2024-02-29,甲支部,主题党日\n2024/2/29,甲支部,主题党日\n"
        let month = try CheckHarness.run(rule: [.id: "M", .checker: "count", .types: "主题党日", .threshold: "2", .period: "month",
                                                .scope: "org:甲支部"], records: rows, asOf: "2024-12-31", year: 2024, units: Self.branches)
        #expect(CheckHarness.summary([month[1]]) == ["甲支部||2024-02|2|met"])
        #expect(month[1].end.iso == "2024-02-29")
        let half = try CheckHarness.run(rule: [.id: "H", .checker: "count", .types: "主题党日", .threshold: "2", .period: "half",
                                               .scope: "org:甲支部"], records: rows, asOf: "2024-12-31", year: 2024, units: Self.branches)
        #expect(CheckHarness.summary(half) == ["甲支部||2024-H1|2|met", "甲支部||2024-H2|0|missed"])
    }

    @Test("keywords: the title must contain one of them")
    func keywords() throws {
        let rows = "date,org,type,title\n2022-03-01,党工委,专题会议,全面从严治党专题会议\n2022-04-01,党工委,专题会议,安全生产会议\n2022-09-01,党工委,专题会议,党风廉政建设专题会\n"
        let fs = try CheckHarness.run(rule: [.id: "K", .checker: "count", .types: "专题会议", .keywords: "全面从严治党|党风廉政", .threshold: "2",
                                             .scope: "org:党工委"], records: rows, asOf: "2022-12-31", units: Self.branches)
        #expect(CheckHarness.summary(fs) == ["党工委||2022|2|met"])
    }

    @Test("in the current period: pace decides at-risk vs on-track; later periods are upcoming")
    func currentPeriod() throws {
        var rows = "date,org,type\n"
        for m in 1...8 { rows += "2022-\(Day.pad2(m))-05,纪工委,明察暗访\n" }
        rows += "2022-12-01,纪工委,明察暗访\n"   // after as-of: not counted
        let fs = try CheckHarness.run(rule: [.id: "I", .checker: "count", .types: "明察暗访", .threshold: "12", .scope: "org:纪工委"],
                                      records: rows, asOf: "2022-11-21", units: ["纪工委|纪工委"])
        #expect(CheckHarness.summary(fs) == ["纪工委||2022|8|at-risk"])
        #expect(fs[0].advice(asOf: Day.parseISO("2022-11-21")!) == "还需 4 次，截至 2022-12-31 还有 41 天")
        let q = try CheckHarness.run(rule: [.id: "Q", .checker: "count", .types: "明察暗访", .threshold: "1", .period: "quarter", .scope: "org:纪工委"],
                                     records: rows, asOf: "2022-05-15", units: ["纪工委|纪工委"])
        #expect(CheckHarness.summary(q) == ["纪工委||2022-Q1|3|met", "纪工委||2022-Q2|2|met", "纪工委||2022-Q3|0|upcoming", "纪工委||2022-Q4|0|upcoming"])
    }

    @Test("without a roster, kind scopes cover the units seen whose names show the kind, no others")
    func noRoster() throws {
        let rows = "date,org,type\n2022-03-01,甲社区党支部,廉政专题学习\n2022-03-01,乙社区党支部,主题党日\n2022-03-02,纪工委,主题党日\n"
        let fs = try CheckHarness.run(rule: [.id: "N", .checker: "count", .types: "廉政专题学习", .threshold: "1", .scope: "kind:社区党支部"],
                                      records: rows, asOf: "2022-12-31")
        #expect(CheckHarness.summary(fs) == ["甲社区党支部||2022|1|met", "乙社区党支部||2022|0|missed"])
    }

    /// Rules with the same scope share one resolved scope (one unit → entity table, so the
    /// per-record lookup stays in cache), and an `org:` scope compares the record's unit instead
    /// of looking it up; each rule still counts exactly what it counts alone.
    @Test("rules sharing a scope count as they do alone; an org scope counts only its unit")
    func sharedScopes() throws {
        let units = Self.branches
        let roster = Roster(units: units.map { let p = $0.split(separator: "|").map(String.init); return Unit(name: p[0], kind: p[1]) }, people: [])
        let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: roster)
        let kinds = Scope.kinds(["社区党支部", "机关党支部"])
        #expect(context.entities(of: kinds) === context.entities(of: kinds))
        #expect(context.entities(of: kinds) !== context.entities(of: .kinds(["社区党支部"])))
        let org = context.entities(of: .org("乙支部"))
        #expect(org.count == 1 && org.org(0) == "乙支部")
        #expect((0..<4).map { org.entity(ofUnit: $0) } == [nil, 0, nil, nil])

        var rows = "date,org,type\n"
        for (i, u) in ["甲支部", "乙支部", "丙支部", "乙支部", "党工委"].enumerated() {
            rows += "2022-03-0\(i + 1),\(u),廉政专题学习\n2022-04-0\(i + 1),\(u),警示教育\n"
        }
        let rules: [[PlanColumn: String]] = [
            [.id: "A", .checker: "count", .types: "廉政专题学习", .threshold: "2", .scope: "kind:社区党支部|机关党支部"],
            [.id: "B", .checker: "count", .types: "警示教育", .threshold: "1", .period: "quarter", .scope: "kind:社区党支部|机关党支部"],
            [.id: "C", .checker: "count", .types: "警示教育", .threshold: "2", .scope: "org:乙支部"],
            [.id: "D", .checker: "sum", .types: "廉政专题学习", .threshold: "1", .scope: "org:乙支部", .field: "participants"],
        ]
        let alone = try rules.flatMap { try CheckHarness.run(rule: $0, records: rows, asOf: "2022-12-31", units: units) }
        let together = try CheckHarness.run(rules: rules, records: rows, asOf: "2022-12-31", units: units)
        #expect(CheckHarness.summary(together) == CheckHarness.summary(alone))
        #expect(CheckHarness.summary(together.filter { $0.rule == "A" }) == ["甲支部||2022|1|missed", "乙支部||2022|2|met", "丙支部||2022|1|missed"])
        #expect(CheckHarness.summary(together.filter { $0.rule == "C" }) == ["乙支部||2022|2|met"])
    }
}
