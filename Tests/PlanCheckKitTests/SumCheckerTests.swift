import Testing
@testable import PlanCheckKit

@Suite("sum checker")
struct SumCheckerTests {
    static let rule: [PlanColumn: String] = [.id: "S", .checker: "sum", .types: "培训", .threshold: "500", .period: "year",
                                             .scope: "org:党工委", .field: "participants"]

    @Test("exactly 500 person-times is met; 人次 and full-width digits are summed; empty counts as 0")
    func exact() throws {
        let rows = "date,org,type,participants\n2022-03-01,党工委,培训,200\n2022-06-01,党工委,培训,２００人次\n2022-09-01,党工委,培训,100人\n2022-10-01,党工委,培训,\n2022-10-02,甲支部,培训,900\n"
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-31", units: ["党工委|党工委", "甲支部|社区党支部"])
        #expect(CheckHarness.summary(fs) == ["党工委||2022|500|met"])
        #expect(fs[0].evidenceCount == 4)
    }

    @Test("a unit with no records sums to 0 and says what is missing in 人次")
    func zero() throws {
        let fs = try CheckHarness.run(rule: Self.rule, records: "date,org,type,participants\n2022-03-01,甲支部,培训,9\n", asOf: "2022-12-31",
                                      units: ["党工委|党工委", "甲支部|社区党支部"])
        #expect(CheckHarness.summary(fs) == ["党工委||2022|0|missed"])
        #expect(fs[0].advice(asOf: Day.parseISO("2022-12-31")!) == "缺 500 人次，已于 2022-12-31 截止")
    }

    @Test("per half: 06-30 is H1, 07-01 is H2")
    func halves() throws {
        var r = Self.rule
        r[.period] = "half"; r[.threshold] = "10"
        let fs = try CheckHarness.run(rule: r, records: "date,org,type,participants\n2022-06-30,党工委,培训,10\n2022-07-01,党工委,培训,9\n",
                                      asOf: "2022-12-31", units: ["党工委|党工委"])
        #expect(CheckHarness.summary(fs) == ["党工委||2022-H1|10|met", "党工委||2022-H2|9|missed"])
    }

    @Test("the sum checker needs its field column")
    func needsField() throws {
        var r = Self.rule
        r[.field] = nil
        #expect(throws: PlanError.self) { _ = try CheckHarness.run(rule: r, records: "date,org,type\n", asOf: "2022-12-31") }
    }
}
