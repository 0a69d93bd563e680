import Testing
@testable import PlanCheckKit

@Suite("coverage checker")
struct CoverageCheckerTests {
    static let units = ["党工委|党工委", "纪工委|纪工委"] + (1...6).map { "社区\($0)党支部|社区党支部" }
    static let rule: [PlanColumn: String] = [.id: "C", .checker: "coverage", .types: "巡察", .threshold: "1", .scope: "org:党工委", .targetKind: "社区党支部"]

    @Test("all six branches inspected except one; inspections by other units or of other years do not count")
    func sixBranches() throws {
        var rows = "date,org,type,target\n"
        for i in 1...4 { rows += "2022-0\(i)-10,党工委,巡察,社区\(i)党支部\n" }
        rows += "2022-06-10,党工委,巡察,社区5党支部、社区1党支部\n"
        rows += "2022-07-10,纪工委,巡察,社区6党支部\n"          // wrong unit
        rows += "2021-12-31,党工委,巡察,社区6党支部\n"          // previous year
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-31", units: Self.units)
        #expect(CheckHarness.summary(fs) == ["社区1党支部||2022|2|met", "社区2党支部||2022|1|met", "社区3党支部||2022|1|met",
                                             "社区4党支部||2022|1|met", "社区5党支部||2022|1|met", "社区6党支部||2022|0|missed"])
    }

    @Test("during the year an uncovered branch is on-track, then at-risk in the last 14 days")
    func duringYear() throws {
        let rows = "date,org,type,target\n2022-03-10,党工委,巡察,社区1党支部\n"
        let mid = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-06-30", units: Self.units)
        #expect(mid.filter { $0.status == .onTrack }.count == 5)
        let late = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-20", units: Self.units)
        #expect(late.filter { $0.status == .atRisk }.count == 5)
    }

    @Test("coverage needs target_kind")
    func needsTargetKind() throws {
        var r = Self.rule
        r[.targetKind] = nil
        #expect(throws: PlanError.self) { _ = try CheckHarness.run(rule: r, records: "date,org,type\n", asOf: "2022-12-31") }
    }
}
