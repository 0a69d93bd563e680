import Foundation
import Testing
@testable import PlanCheckKit

/// A check's findings are runs of tally cells, not one value per cell, and every way of reading
/// them (index, iteration, runs of a range) gives the same findings in the same order.
@Suite("Finding list and evidence memory") struct FindingListTests {
    static func context(units: Int, cap: Int = 3) -> CheckContext {
        CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!,
                     roster: Roster(units: (0..<units).map { Unit(name: "U\($0)", kind: "k") }), evidenceCap: cap)
    }

    @Test("a report of 2,000 units × 52 weeks holds one run per rule, not a finding per cell")
    func runsNotCells() {
        let c = Self.context(units: 2000)
        let plan = Plan(paths: [], rules: [Rule(id: "W", checker: "count", types: ["t"], period: .week, scope: .kinds(["k"])),
                                           Rule(id: "Q", checker: "count", types: ["t"], period: .quarter, scope: .kinds(["k"]))])
        let engine = CheckEngine(plan: plan, context: c)
        let list = engine.finish()
        #expect(list.count == 2000 * 52 + 2000 * 4)
        let runs = list.parts.filter { if case .cells = $0 { return true } else { return false } }
        #expect(runs.count == 2, "one run per rule")
        // Index, iteration and runs agree.
        let iterated = Array(list)
        #expect(iterated.count == list.count)
        for i in [0, 1, 51, 52, 2000 * 52 - 1, 2000 * 52, list.count - 1] {
            #expect(list[i].org == iterated[i].org && list[i].period == iterated[i].period && list[i].rule == iterated[i].rule)
        }
        #expect(list[52].org == "U1" && list[52].period.hasSuffix("W01") && list[2000 * 52].rule == "Q")
        var seen = 0
        list.forEachRun(in: 100..<(2000 * 52 + 10), cells: { t, r in
            #expect(r.lowerBound == (seen == 0 ? 100 : 0))
            seen += r.count
            _ = t
        }, stored: { seen += $0.count })
        #expect(seen == 2000 * 52 + 10 - 100)
    }

    @Test("stored findings and tally runs keep their order")
    func mixed() {
        let c = Self.context(units: 3)
        let plan = Plan(paths: [], rules: [Rule(id: "Y", checker: "count", types: ["t"], period: .year, scope: .kinds(["k"]))])
        let engine = CheckEngine(plan: plan, context: c)
        var list = engine.finish()
        let tail = Finding(rule: "x", title: "t", checker: "quality", org: "O", period: "2022", start: c.yearStart, end: c.yearEnd,
                           required: 0, actual: 1, status: .warning, due: c.yearEnd)
        list.append(tail)
        list.append(contentsOf: [tail, tail])
        #expect(list.count == 3 + list.filter { $0.checker == "quality" }.count)
        #expect(list.map(\.org).suffix(3) == ["O", "O", "O"])
        #expect(list.prefix(3).map(\.org) == ["U0", "U1", "U2"])
        #expect(FindingList([tail]).count == 1 && FindingList().isEmpty)
    }

    @Test("evidence is kept as records cite it, in their order, at most the cap per cell")
    func evidenceLog() throws {
        let records = "id,date,org,type\n" + (1...5).map { "R\($0),2022-03-0\($0),U1,t" }.joined(separator: "\n") + "\n"
            + "R9,2022-03-09,U0,t\n"
        let fs = try CheckHarness.run(rule: [.id: "Y", .checker: "count", .types: "t", .threshold: "1", .period: "year", .scope: "kind:k"],
                                      records: records, asOf: "2022-12-31", units: ["U0|k", "U1|k", "U2|k"])
        #expect(fs.map { $0.evidence.map { $0.split(separator: "#").last.map(String.init) ?? "" } } == [["R9"], ["R1", "R2", "R3"], []])
        #expect(fs.map(\.evidenceCount) == [1, 5, 0])
    }
}

/// JSON string literals written from bytes escape exactly what the scalar-by-scalar version did.
@Suite("JSON string quoting") struct JSONQuoteTests {
    @Test("quotes, backslashes, control characters, U+2028/2029 and < escaped; other text as it is")
    func quote() {
        #expect(JSONValue.quote("a\"b\\c\n\r\t<\u{0}\u{1}\u{1f}\u{2028}\u{2029}中文 ok\u{7f}")
                == "\"a\\\"b\\\\c\\n\\r\\t\\u003c\\u0000\\u0001\\u001f\\u2028\\u2029中文 ok\u{7f}\"")
        #expect(JSONValue.quote("") == "\"\"")
        #expect(JSONValue.quote("\u{2027}\u{202a}") == "\"\u{2027}\u{202a}\"")
    }
}
