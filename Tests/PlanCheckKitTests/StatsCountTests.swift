import Foundation
import Testing
@testable import PlanCheckKit

/// Every number of `stats` on the hand-counted fixture in Tests/Golden/stats/fixture, as of
/// 2022-04-30 (so January–April are the months shown).
///
/// The 12 rows of records.csv, numbered by data row:
///  1 01-05 一支部 主题党日 10        7 03-03 二支部 主题党日 5 (duplicate of 6)
///  2 01-20 一支部 廉政专题学习 8     8 04-01 甲党委 专题会议 7
///  3 01-20 二支部 主题党日 12        9 04-02 四支部 主题党日 6 (not in the roster)
///  4 02-10 一支部 主题党日 9        10 02-30 — rejected (impossible date)
///  5 03-03 一支部 警示教育 (empty)  11 2021-12-31 — outside the year, not counted
///  6 03-03 二支部 主题党日 5        12 05-01 — after as-of, not counted
/// Counted: rows 1–9 → 9 activities, 10+8+12+9+0+5+5+7+6 = 62 participants.
@Suite("Stats counts on the hand-counted fixture")
struct StatsCountTests {
    static let dir = TestSupport.root + "/Tests/Golden/stats/fixture"

    static func report(plan: Bool = true, asOf: String = "2022-04-30") throws -> StatsReport {
        let roster = try Roster.read([dir + "/roster-units.csv"])
        let p = plan ? try PlanReader.read([dir + "/plan-2022.csv"]) : Plan(paths: [], rules: [])
        return try StatsCommand.compute(plan: p, roster: roster, rosterPaths: [dir + "/roster-units.csv"], year: 2022,
                                        asOf: Day.parseISO(asOf)!, inputs: [.file(dir + "/records.csv")])
    }

    @Test func totalsAndMonths() throws {
        let r = try Self.report()
        #expect(r.lastMonth == 4)
        #expect(!r.fullYear)
        #expect(r.total == StatsCell(count: 9, participants: 62))
        // Jan rows 1,2,3 (10+8+12); Feb row 4 (9); Mar rows 5,6,7 (0+5+5); Apr rows 8,9 (7+6).
        #expect(r.months == [StatsCell(count: 3, participants: 30), StatsCell(count: 1, participants: 9),
                             StatsCell(count: 3, participants: 10), StatsCell(count: 2, participants: 13)])
    }

    @Test func types() throws {
        let r = try Self.report()
        // 主题党日 rows 1,3,4,6,7,9: 10+12+9+5+5+6 = 47; the single ones ordered by name (code point).
        #expect(r.types.map(\.name) == ["主题党日", "专题会议", "廉政专题学习", "警示教育"])
        #expect(r.types.map(\.total) == [StatsCell(count: 6, participants: 47), StatsCell(count: 1, participants: 7),
                                         StatsCell(count: 1, participants: 8), StatsCell(count: 1, participants: 0)])
        #expect(r.types[0].months.map(\.count) == [2, 1, 2, 1])
    }

    @Test func units() throws {
        let r = try Self.report()
        #expect(r.units.map(\.name) == ["甲党委", "一支部", "二支部", "三支部", "四支部"])
        #expect(r.units.map(\.kind) == ["党委", "社区党支部", "社区党支部", "机关党支部", ""])
        #expect(r.units.map(\.inRoster) == [true, true, true, true, false])
        #expect(r.units.map(\.total.count) == [1, 4, 3, 0, 1])
        #expect(r.units.map(\.total.participants) == [7, 27, 22, 0, 6])
        #expect(r.units.map { $0.months.map(\.count) } == [[0, 0, 0, 1], [2, 1, 1, 0], [1, 0, 2, 0], [0, 0, 0, 0], [0, 0, 0, 1]])
        #expect(r.units.map(\.silentMonths) == [[1, 2, 3], [4], [2, 4], [1, 2, 3, 4], [1, 2, 3]])
        #expect(r.units.map(\.activeMonths) == [1, 3, 2, 0, 1])
        #expect(r.units[2].silentRuns.map { [$0.from, $0.to] } == [[2, 2], [4, 4]])
    }

    @Test func longTable() throws {
        let r = try Self.report()
        let rows = StatsCSVReporter.rows(.long, r)
        #expect(rows == [
            ["甲党委", "专题会议", "2022-04", "1", "7"],
            ["一支部", "主题党日", "2022-01", "1", "10"],
            ["一支部", "主题党日", "2022-02", "1", "9"],
            ["一支部", "廉政专题学习", "2022-01", "1", "8"],
            ["一支部", "警示教育", "2022-03", "1", "0"],
            ["二支部", "主题党日", "2022-01", "1", "12"],
            ["二支部", "主题党日", "2022-03", "2", "10"],
            ["四支部", "主题党日", "2022-04", "1", "6"],
        ])
    }

    @Test func pivotTable() throws {
        let r = try Self.report()
        #expect(StatsCSVReporter.header(.pivot, r) == ["org", "kind", "2022-01", "2022-02", "2022-03", "2022-04", "total", "participants"])
        #expect(StatsCSVReporter.rows(.pivot, r) == [
            ["甲党委", "党委", "0", "0", "0", "1", "1", "7"],
            ["一支部", "社区党支部", "2", "1", "1", "0", "4", "27"],
            ["二支部", "社区党支部", "1", "0", "2", "0", "3", "22"],
            ["三支部", "机关党支部", "0", "0", "0", "0", "0", "0"],
            ["四支部", "", "0", "0", "0", "1", "1", "6"],
            ["合计", "", "3", "1", "3", "2", "9", "62"],
        ])
    }

    /// T-01 主题党日 ≥1/month for 一支部, 二支部 (12 months each): 一 Jan 1 Feb 1 Mar 0 Apr 0, 二 Jan 1 Feb 0 Mar 2 Apr 0
    /// → met 4, missed 4, May–Dec upcoming 16. T-02 廉政专题学习 ≥6/year for 一/二/三支部: pace 6×119/365 = 1 by
    /// 04-30 → 一 (1) on-track, 二 and 三 (0) at-risk. T-03 专题会议 ≥1/quarter for 甲党委: Q1 missed, Q2 met (04-01),
    /// Q3/Q4 upcoming.
    @Test func rules() throws {
        let r = try Self.report()
        #expect(r.hasPlan)
        #expect(StatsCSVReporter.rows(.rules, r) == [
            ["T-01", "每月主题党日", "count", "24", "8", "4", "4", "0", "0", "16", "50.0"],
            ["T-02", "全年廉政专题学习", "count", "3", "0", "0", "0", "2", "1", "0", ""],
            ["T-03", "每季度专题会议", "count", "4", "2", "1", "1", "0", "0", "2", "50.0"],
            ["合计", "", "", "31", "10", "5", "5", "2", "1", "18", "50.0"],
        ])
        #expect(r.problems.map { "\($0.rule) \($0.org) \($0.period) \($0.status.rawValue)" } == [
            "T-01 一支部 2022-03 missed", "T-01 一支部 2022-04 missed", "T-01 二支部 2022-02 missed", "T-01 二支部 2022-04 missed",
            "T-02 二支部 2022 at-risk", "T-02 三支部 2022 at-risk", "T-03 甲党委 2022-Q1 missed",
        ])
    }

    /// All three ranked units have 50.0%; 甲党委 has fewer missed (1) so ranks first, 一/二支部 tie at 2;
    /// 三支部 has nothing due and is unranked.
    @Test func unitRanks() throws {
        let r = try Self.report()
        #expect(StatsCSVReporter.rows(.units, r) == [
            ["1", "甲党委", "党委", "4", "2", "1", "1", "0", "0", "2", "50.0"],
            ["2", "一支部", "社区党支部", "13", "4", "2", "2", "0", "1", "8", "50.0"],
            ["2", "二支部", "社区党支部", "13", "4", "2", "2", "1", "0", "8", "50.0"],
            ["", "三支部", "机关党支部", "1", "0", "0", "0", "1", "0", "0", ""],
        ])
    }

    @Test func health() throws {
        let r = try Self.report()
        let h = r.health
        #expect(h.rowsRead == 12 && h.accepted == 11 && h.rejected == 1)
        #expect(h.rejectedByReason.map { "\($0.reason)=\($0.count)" } == ["impossible date=1"])
        #expect(h.duplicates.map(\.org) == ["二支部"] && h.duplicateCount == 1)
        #expect(h.duplicates[0].evidence == [Self.dir + "/records.csv:8"])
        #expect(h.unknownUnits.map { "\($0.org)=\($0.count)" } == ["四支部=1"])
        #expect(h.outsideYear == 1 && h.afterAsOf == 1 && h.missingParticipants == 1)
        #expect(h.emptyMonths == [])
        #expect(r.silentUnits.map(\.name) == ["甲党委", "一支部", "二支部", "三支部", "四支部"])
        let kinds = StatsCSVReporter.rows(.health, r).map { $0[0] + "|" + $0[1] + "|" + $0[2] + "|" + $0[3] }
        #expect(kinds == ["rows-read|||12", "rejected|||1", "duplicate|二支部||1", "unknown-unit|四支部||1", "outside-year|||1",
                          "after-as-of|||1", "no-participants|||1",
                          "silent|甲党委|2022-01..2022-03|3", "silent|一支部|2022-04|1", "silent|二支部|2022-02|1",
                          "silent|二支部|2022-04|1", "silent|三支部|2022-01..2022-04|4", "silent|四支部|2022-01..2022-03|3"])
    }

    /// As of the year's end all 12 months show; May–Dec are silent for everyone (row 12, 05-01, now counts).
    @Test func fullYearWithoutPlan() throws {
        let r = try Self.report(plan: false, asOf: "2022-12-31")
        #expect(r.fullYear && r.lastMonth == 12 && !r.hasPlan && r.rules.isEmpty && r.unitRanks.isEmpty)
        #expect(r.total == StatsCell(count: 10, participants: 66))
        #expect(r.health.afterAsOf == 0 && r.health.outsideYear == 1)
        #expect(r.health.emptyMonths == [6, 7, 8, 9, 10, 11, 12])
        #expect(r.units[2].months[4] == StatsCell(count: 1, participants: 4))
        #expect(r.units[2].silentMonths == [2, 4, 6, 7, 8, 9, 10, 11, 12])
    }

    @Test func asOfBeforeTheYearShowsNoMonths() throws {
        let r = try Self.report(plan: false, asOf: "2021-12-31")
        #expect(r.lastMonth == 0 && r.months.isEmpty && r.total.count == 0)
        #expect(r.units.allSatisfy { $0.silentMonths.isEmpty })
        #expect(r.health.afterAsOf == 10 && r.health.outsideYear == 1)
    }

    @Test(arguments: [
        (met: 2, due: 3, text: "66.7"), (met: 1, due: 3, text: "33.3"), (met: 0, due: 1, text: "0.0"),
        (met: 146, due: 158, text: "92.4"), (met: 1, due: 8, text: "12.5"), (met: 0, due: 0, text: ""),
    ])
    func percent(met: Int, due: Int, text: String) {
        var c = StatsCompletion()
        c.met = met; c.missed = due - met; c.checks = due
        #expect(c.percent == text)
    }

    @Test func rankingSharesRanksAndPutsNothingDueLast() {
        func row(_ org: String, met: Int, missed: Int) -> StatsUnitRow {
            var c = StatsCompletion(); c.met = met; c.missed = missed; c.checks = met + missed
            return StatsUnitRow(rank: nil, org: org, kind: "", completion: c)
        }
        let out = StatsAccumulator.ranked([row("a", met: 1, missed: 1), row("b", met: 0, missed: 0), row("c", met: 2, missed: 0),
                                          row("d", met: 2, missed: 2), row("e", met: 3, missed: 0)])
        #expect(out.map(\.org) == ["c", "e", "a", "d", "b"])
        #expect(out.map(\.rank) == [1, 1, 3, 4, nil])
    }
}

/// The dense counts behind `stats`: growth keeps every cell, sums past 32 bits carry exactly.
@Suite("Stats cube")
struct StatsCubeTests {
    @Test func growthKeepsCells() {
        let cube = StatsCube()
        cube.reserve(units: 1, types: 1)
        cube.add(type: 0, unit: 0, month: 11, participants: 5)
        cube.reserve(units: 1_000, types: 3)   // units grow after a plane exists, then new planes
        cube.add(type: 2, unit: 999, month: 0, participants: nil)
        cube.reserve(units: 5_000, types: 3)
        #expect(cube.cell(type: 0, unit: 0, month: 11) == StatsCell(count: 1, participants: 5))
        #expect(cube.cell(type: 2, unit: 999, month: 0) == StatsCell(count: 1, participants: 0))
        #expect(cube.cell(type: 1, unit: 999, month: 0) == StatsCell())
        #expect(cube.cell(type: 7, unit: 0, month: 0) == StatsCell())   // a type never reserved
    }

    @Test func participantSumsPast32BitsAreExact() {
        let cube = StatsCube()
        cube.reserve(units: 3, types: 2)
        for _ in 0..<10 { cube.add(type: 1, unit: 2, month: 6, participants: 999_999_999) }
        cube.add(type: 1, unit: 2, month: 6, participants: nil)
        #expect(cube.cell(type: 1, unit: 2, month: 6) == StatsCell(count: 11, participants: 9_999_999_990))
        #expect(cube.cell(type: 1, unit: 2, month: 5) == StatsCell())
    }
}

extension StatsCubeTests {
    /// Queued records (added a batch at a time, flushed when the cube grows) end up exactly where
    /// records added one by one do.
    @Test(arguments: [1, 2])
    func queuedEqualsAdded(seed: UInt64) {
        var rng = TestRNG(state: seed)
        let queued = StatsCube(), added = StatsCube()
        _ = fill(queued, added, &rng)
    }

    /// A cube that turns sparse as its units grow (a national roster) holds exactly the cells a
    /// dense one does, and walks its long table in the same order.
    @Test(arguments: [3, 4])
    func sparseEqualsDense(seed: UInt64) {
        var rng = TestRNG(state: seed)
        let sparse = StatsCube(denseUnitLimit: 300), dense = StatsCube(denseUnitLimit: .max)
        let units = fill(sparse, dense, &rng)
        #expect(sparse.isSparse && !dense.isSparse)
        let types = (0..<sparse.sparseCellKeys().map(\.type).max()! + 1).map { "t\($0)" }
        let orgs = (0..<units).map { "u\($0)" }
        let order = Array(types.indices.reversed())
        let a = StatsLongTable(cube: sparse, orgs: orgs, types: types, typeOrder: order, count: 0)
        let b = StatsLongTable(cube: dense, orgs: orgs, types: types, typeOrder: order, count: 0)
        #expect(Array(a).map { "\($0.org) \($0.type) \($0.month) \($0.cell)" } == Array(b).map { "\($0.org) \($0.type) \($0.month) \($0.cell)" })
        #expect(!Array(a).isEmpty)
        var rowsA: [String] = [], rowsB: [String] = []
        a.forEachCell(orgs: 500..<900) { rowsA.append("\($0) \($1) \($2) \($3)") }
        b.forEachCell(orgs: 500..<900) { rowsB.append("\($0) \($1) \($2) \($3)") }
        #expect(rowsA == rowsB && !rowsA.isEmpty)
    }

    @discardableResult
    private func fill(_ queued: StatsCube, _ added: StatsCube, _ rng: inout TestRNG) -> Int {
        var units = 1, types = 1
        queued.reserve(units: units, types: types)
        added.reserve(units: units, types: types)
        for _ in 0..<5_000 {
            if rng.chance(1) { units += rng.below(200); types += rng.below(3) }
            let u = rng.below(units), t = rng.below(types), m = rng.below(12)
            let p: Int? = rng.chance(20) ? nil : rng.below(1_000_000_000)
            if u >= queued.unitCapacity || t >= queued.typeCount { queued.reserve(units: u + 1, types: t + 1) }
            if u >= added.unitCapacity || t >= added.typeCount { added.reserve(units: u + 1, types: t + 1) }
            queued.queue(type: t, unit: u, month: m, participants: p)
            added.add(type: t, unit: u, month: m, participants: p)
        }
        queued.flush()
        added.flush()
        for t in 0..<types { for u in 0..<units { for m in 0..<12 {
            #expect(queued.cell(type: t, unit: u, month: m) == added.cell(type: t, unit: u, month: m))
        } } }
        return units
    }
}

/// The summary is pasted into a review: it names a few units and says how many more, however
/// large the roster (a million-unit roster once made one summary line of 71 MB).
@Suite("Stats summary names a few units")
struct StatsSummaryCapTests {
    @Test(arguments: [Lang.zh, Lang.en])
    func longListsAreCapped(lang: Lang) throws {
        let d = TestSupport.tempDir("cap")
        let units = (1...30).map { String(format: "第%02d社区党支部", $0) }
        try ("name,kind,parent\n" + units.map { "\($0),社区党支部,\n" }.joined()).write(toFile: d + "/units.csv", atomically: true, encoding: .utf8)
        var rows = "date,org,type,title,participants\n2022-03-01,第01社区党支部,主题党日,三月,5\n"
        for i in 1...15 { rows += "2022-03-02,外来支部\(i),主题党日,三月,1\n" }
        try rows.write(toFile: d + "/records.csv", atomically: true, encoding: .utf8)
        let r = try StatsCommand.compute(plan: Plan(paths: [], rules: []), roster: try Roster.read([d + "/units.csv"]), rosterPaths: [d + "/units.csv"],
                                         year: 2022, asOf: Day.parseISO("2022-12-31")!, inputs: [.file(d + "/records.csv")])
        let text = StatsTextReporter.summary(r, lang: lang).joined(separator: "\n")
        // 29 units tie for least (0 activities), 29 are silent all year, 15 are not in the roster.
        #expect(text.contains("第02社区党支部") && text.contains("第11社区党支部") && !text.contains("第12社区党支部"))
        #expect(text.contains("外来支部10") && !text.contains("外来支部11"))
        if lang == .zh {
            #expect(text.contains("等29个单位"))
            #expect(text.contains("另有5个单位不在花名册中（5条记录）"))
        } else {
            #expect(text.contains("(29 in all)"))
            #expect(text.contains("5 more units not in the roster (5 records)"))
        }
    }
}
