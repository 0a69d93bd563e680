import Testing
@testable import PlanCheckKit

@Suite("deadline checker")
struct DeadlineCheckerTests {
    static let units = ["党工委|党工委", "甲支部|社区党支部", "乙支部|社区党支部"]
    static let people = ["张三|党工委|党工委委员", "李四|党工委|党工委委员", "王五|党工委|党工委委员", "赵六|党工委|党工委书记"]
    static let rule: [PlanColumn: String] = [.id: "D", .checker: "deadline", .types: "党课", .threshold: "1", .scope: "role:党工委委员", .deadline: "07-01"]

    @Test("each committee member before July 1: on the day counts, the day after does not, a member with nothing is missed")
    func perPerson() throws {
        let rows = """
        date,org,type,participants,title,lead,target
        2022-07-01 20:00,甲支部,党课,20,七一党课,张三,
        2022-07-02,乙支部,党课,20,迟到的党课,李四,
        2022-05-01,乙支部,党课,20,书记党课,赵六,
        2022-06-01,乙支部,党课,20,联合党课,赵六、王五,
        """
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-31", units: Self.units, people: Self.people)
        #expect(CheckHarness.summary(fs) == ["党工委|张三|2022|1|met", "党工委|李四|2022|0|missed", "党工委|王五|2022|1|met"])
        #expect(fs.allSatisfy { $0.due.iso == "2022-07-01" })
    }

    @Test("before the deadline: at-risk by pace, and after it missed")
    func beforeDeadline() throws {
        let fs = try CheckHarness.run(rule: Self.rule, records: "date,org,type,lead\n2022-03-01,甲支部,党课,张三\n", asOf: "2022-06-20",
                                      units: Self.units, people: Self.people)
        #expect(CheckHarness.summary(fs) == ["党工委|张三|2022|1|met", "党工委|李四|2022|0|at-risk", "党工委|王五|2022|0|at-risk"])
        #expect(fs[1].advice(asOf: Day.parseISO("2022-06-20")!) == "还需 1 次，截至 2022-07-01 还有 12 天")
    }

    @Test("per unit, Feb 29 deadline falls back to Feb 28 in a common year")
    func perUnitLeap() throws {
        let r: [PlanColumn: String] = [.id: "D2", .checker: "deadline", .types: "评先评优", .threshold: "1", .scope: "kind:社区党支部", .deadline: "02-29"]
        let rows = "date,org,type\n2022-02-28,甲支部,评先评优\n2022-03-01,乙支部,评先评优\n"
        let fs = try CheckHarness.run(rule: r, records: rows, asOf: "2022-12-31", units: Self.units)
        #expect(CheckHarness.summary(fs) == ["甲支部||2022|1|met", "乙支部||2022|0|missed"])
        #expect(fs[0].due.iso == "2022-02-28")
        let leap = try CheckHarness.run(rule: r, records: "date,org,type\n2024-02-29,甲支部,评先评优\n", asOf: "2024-12-31", year: 2024, units: Self.units)
        #expect(CheckHarness.summary(leap) == ["甲支部||2024|1|met", "乙支部||2024|0|missed"])
    }

    @Test("a bad deadline is a plan problem with its column")
    func badDeadline() throws {
        var r = Self.rule
        r[.deadline] = "七月一日"
        do {
            _ = try CheckHarness.run(rule: r, records: "date,org,type\n", asOf: "2022-12-31")
            Issue.record("expected a plan error")
        } catch let PlanError.invalid(problems) {
            #expect(problems.count == 1)
            #expect(problems[0].line == 2 && problems[0].column == 9 && problems[0].message.contains("应为 MM-DD"))
        }
    }
}
