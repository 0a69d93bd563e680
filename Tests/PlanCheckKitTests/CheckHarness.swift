import Foundation
import Testing
@testable import PlanCheckKit

/// Runs one rule (given as a plan row) over inline records, the way `check` does.
enum CheckHarness {
    /// Writes the rule as a plan file, reads it back through ``PlanReader`` (so parsing is tested
    /// too), and returns the findings of that rule (and quality warnings when `quality`).
    static func run(rule: [PlanColumn: String], records: String, asOf: String, year: Int = 2022,
                    units: [String] = [], people: [String] = [], quality: Bool = false) throws -> [Finding] {
        try run(rules: rule.isEmpty ? [] : [rule], records: records, asOf: asOf, year: year, units: units, people: people, quality: quality)
    }

    /// ``run(rule:records:asOf:year:units:people:quality:)`` with several rules in one plan.
    static func run(rules rows: [[PlanColumn: String]], records: String, asOf: String, year: Int = 2022,
                    units: [String] = [], people: [String] = [], quality: Bool = false) throws -> [Finding] {
        let dir = TestSupport.tempDir("check")
        var rules: [Rule] = []
        if !rows.isEmpty {
            let cols = PlanColumn.allCases
            var text = cols.map(\.rawValue).joined(separator: ",") + "\n"
            for rule in rows {
                var row = rule
                if row[.source] == nil { row[.source] = "test clause" }
                text += cols.map { CSVWriter.escape(row[$0] ?? "", formulaGuard: false) }.joined(separator: ",") + "\n"
            }
            rules = try PlanReader.read([TestSupport.write(text, name: "plan.csv", dir: dir)]).rules
        }
        var roster: Roster? = nil
        if !units.isEmpty || !people.isEmpty {
            roster = Roster(units: units.map { let p = $0.split(separator: "|").map(String.init); return Unit(name: p[0], kind: p[1]) },
                            people: people.map { let p = $0.split(separator: "|").map(String.init); return Person(name: p[0], unit: p[1], role: p[2]) })
        }
        let path = TestSupport.write(records.trimmingWhitespace() + "\n", name: "records.csv", dir: dir)
        let report = try CheckCommand.runCheck(plan: Plan(paths: ["plan.csv"], rules: rules), roster: roster, year: year,
                                               asOf: Day.parseISO(asOf)!, inputs: [.file(path)])
        return report.findings.filter { quality || $0.checker != QualityChecker.identifier }
    }

    /// `org|person|period|actual|status` of each finding.
    static func summary(_ fs: [Finding]) -> [String] {
        fs.map { "\($0.org)|\($0.person)|\($0.period)|\($0.actual)|\($0.status.rawValue)" }
    }
}

@Suite("Checker registry and examples")
struct CheckerRegistryTests {
    @Test("every identifier resolves and is unique")
    func identifiers() {
        let ids = CheckerRegistry.all.map { $0.identifier }
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(CheckerRegistry.named(id)?.identifier == id) }
        #expect(ids.sorted() == ["count", "coverage", "deadline", "quality", "sum", "windows"])
        for c in CheckerRegistry.all { #expect(!c.summary.isEmpty && !c.examples.isEmpty, "\(c.identifier)") }
    }

    @Test("every checker's examples give the findings they promise",
          arguments: CheckerRegistry.all.flatMap { c in c.examples.map { (c.identifier, $0) } })
    func examples(id: String, example: CheckerExample) throws {
        let fs = try CheckHarness.run(rule: example.rule, records: example.records, asOf: example.asOf,
                                      units: example.units, people: example.people, quality: example.rule.isEmpty)
        #expect(CheckHarness.summary(fs.filter { example.rule.isEmpty ? $0.rule == "quality" && $0.title != "活动类型未被任何规则计入" : true }) == example.expected, "\(id): \(example.summary)")
    }

    @Test("`plancheck checkers` lists every checker with its columns and example row")
    func listing() {
        let r = TestSupport.run(["checkers", "--lang", "en"])
        #expect(r.code == 0)
        for c in CheckerRegistry.all { #expect(r.out.contains(c.identifier + "\n  " + c.summary)) }
        #expect(r.out.contains("EX-DEADLINE,七一前讲党课,deadline,党课,1,role:党工委委员,07-01"))
        #expect(TestSupport.run(["checkers", "nope"]).code == 2)
    }

    /// A clerk reads the listing in Chinese: each checker's summary and example from the catalogue
    /// (whose English is the checker's own summary, kept equal here), the columns with their Chinese names.
    @Test("`plancheck checkers` speaks Chinese by default")
    func listingInChinese() {
        let r = TestSupport.run(["checkers"])
        #expect(r.code == 0)
        for c in CheckerRegistry.all {
            #expect(Messages.all["checkers.\(c.identifier).summary"]?.en == c.summary, "\(c.identifier)")
            #expect(Messages.all["checkers.\(c.identifier).example"]?.en == c.examples.first?.summary, "\(c.identifier)")
            #expect(r.out.contains(Messages.text("checkers.\(c.identifier).summary", .zh)), "\(c.identifier)")
        }
        #expect(r.out.contains("count（计数）\n") && r.out.contains("必填列：id（编号）、checker（检查方式）"), "\(r.out)")
        for english in ["needs:", "optional:", "example:", "always on", "At least"] { #expect(!r.out.contains(english), "\(english)") }
    }
}

@Suite("Status: the pro-rata rule")
struct StatusTests {
    static func d(_ s: String) -> Day { Day.parseISO(s)! }
    static let yearEnd = d("2022-12-31")

    @Test("8 of 12 yearly inspections by 2022-11-21 is at-risk")
    func yearlyBehind() {
        #expect(Status.evaluate(required: 12, actual: 8, start: Self.d("2022-01-01"), end: Self.yearEnd, asOf: Self.d("2022-11-21"), yearEnd: Self.yearEnd) == .atRisk)
        #expect(Status.evaluate(required: 12, actual: 11, start: Self.d("2022-01-01"), end: Self.yearEnd, asOf: Self.d("2022-11-21"), yearEnd: Self.yearEnd) == .onTrack)
    }

    @Test("a quarterly rule with nothing done is at-risk with 14 or fewer days left (as-of is the end of its day, so the last day closes the period)",
          arguments: [("2022-09-16", Status.onTrack), ("2022-09-17", .atRisk), ("2022-09-29", .atRisk), ("2022-09-30", .missed)])
    func quarterlyGrace(asOf: String, expected: Status) {
        #expect(Status.evaluate(required: 1, actual: 0, start: Self.d("2022-07-01"), end: Self.d("2022-09-30"), asOf: Self.d(asOf), yearEnd: Self.yearEnd) == expected)
    }

    @Test("nothing is at-risk on a period's first day, whatever the period", arguments: PeriodKind.allCases)
    func firstDay(kind: PeriodKind) {
        for slot in PeriodSlot.slots(kind, year: 2022) where slot.end <= Self.yearEnd {
            #expect(Status.evaluate(required: 5, actual: 0, start: slot.start, end: slot.end, asOf: slot.start, yearEnd: Self.yearEnd) == .onTrack)
        }
    }

    @Test("upcoming before the start; met whenever reached; year-end audit only met or missed")
    func others() {
        #expect(Status.evaluate(required: 1, actual: 0, start: Self.d("2022-10-01"), end: Self.d("2022-12-31"), asOf: Self.d("2022-09-30"), yearEnd: Self.yearEnd) == .upcoming)
        #expect(Status.evaluate(required: 1, actual: 1, start: Self.d("2022-10-01"), end: Self.d("2022-12-31"), asOf: Self.d("2022-10-01"), yearEnd: Self.yearEnd) == .met)
        // ISO week 52 of 2022 ends 2023-01-01, but the year-end audit closes it.
        #expect(Status.evaluate(required: 1, actual: 0, start: Self.d("2022-12-26"), end: Self.d("2023-01-01"), asOf: Self.yearEnd, yearEnd: Self.yearEnd) == .missed)
    }
}
