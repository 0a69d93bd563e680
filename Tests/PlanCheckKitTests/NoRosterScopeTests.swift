import Foundation
import Testing
@testable import PlanCheckKit

/// Without a roster, a `kind:` rule evaluates only units whose names show the kind: a run
/// without `--roster` reports no shortfall that the run with the roster does not also report.
@Suite("kind scopes without a roster")
struct NoRosterScopeTests {
    static func problems(plans: [String], roster: [String], records: String) throws -> (Set<String>, [String]) {
        let root = TestSupport.root + "/"
        let plan = try PlanReader.read(plans.map { root + $0 })
        let r = roster.isEmpty ? nil : try Roster.read(roster.map { root + $0 })
        let report = try CheckCommand.runCheck(plan: plan, roster: r, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                               inputs: try RecordReader.expand([root + records]))
        let set = Set(report.findings.filter { $0.status.isProblem && !$0.rule.isEmpty && $0.info.checker != "quality" }
            .map { "\($0.rule) \($0.org) \($0.person) \($0.period) \($0.status)" })
        return (set, report.notes)
    }

    @Test("the street sample's year-end check: no shortfall without the roster that the roster run lacks")
    func street() throws {
        let plans = ["Checks/000-street-party-building-2022.csv", "Checks/001-street-office-party-committee-2022.csv"]
        let (without, notes) = try Self.problems(plans: plans, roster: [], records: "SampleData/records")
        let (with, _) = try Self.problems(plans: plans, roster: ["SampleData/roster-units.csv", "SampleData/roster-people.csv"], records: "SampleData/records")
        #expect(!without.isEmpty)
        #expect(without.subtracting(with).isEmpty, "only without the roster: \(without.subtracting(with).sorted())")
        #expect(notes.contains { $0.contains("S000-04") && $0.contains("龙门街道纪工委") && $0.contains("--roster") })
    }

    @Test("the bureau sample's year-end check, the same")
    func bureau() throws {
        let plans = ["Checks/002-branch-party-building-2022.csv", "Checks/003-organ-party-building-2022.csv", "Checks/004-year-end-review-2022.csv"]
        let (without, _) = try Self.problems(plans: plans, roster: [], records: "SampleData/bureau/records")
        let (with, _) = try Self.problems(plans: plans, roster: ["SampleData/bureau/roster-units.csv", "SampleData/bureau/roster-people.csv"], records: "SampleData/bureau/records")
        #expect(without.subtracting(with).isEmpty, "only without the roster: \(without.subtracting(with).sorted())")
    }

    @Test("a unit's name shows its kind", arguments: [
        ("宝胜寺社区党支部", "社区党支部", true), ("街道机关第一党支部", "机关党支部", true), ("龙门街道纪工委", "社区党支部", false),
        ("龙门街道党工委", "机关党支部", false), ("区退役军人事务局党组", "党组", true), ("龙门街道老干部党支部", "社区党支部", false),
    ])
    func names(name: String, kind: String, shows: Bool) {
        #expect(ScopeEntities.nameShowsKind(name, [kind]) == shows)
    }
}
