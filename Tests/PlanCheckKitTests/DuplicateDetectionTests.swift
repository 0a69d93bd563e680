import Foundation
import Testing
@testable import PlanCheckKit

/// Bounded duplicate detection: exact while the fingerprints fit, still exact for input in date
/// order beyond that, and otherwise a warning that says the check was partial.
@Suite struct DuplicateDetectionTests {
    /// Runs the engine (no plan: only the quality checker) with a fingerprint limit.
    static func findings(_ csv: String, maxKeys: Int) throws -> [Finding] {
        let path = TestSupport.write(csv)
        let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: nil, maxDuplicateKeys: maxKeys)
        context.fileNames = [path]
        let engine = CheckEngine(plan: Plan(paths: [], rules: []), context: context)
        _ = try RecordReader().read([.file(path)]) { engine.consume($0) }
        return engine.finish()
    }

    static func duplicates(_ fs: [Finding]) -> Int {
        fs.filter { $0.title == QualityChecker.Kind.duplicate.title }.reduce(0) { $0 + $1.actual }
    }

    static func partial(_ fs: [Finding]) -> Finding? {
        fs.first { $0.title == QualityChecker.Kind.duplicatePartial.title }
    }

    /// `days` days × `perDay` distinct records, each record repeated `copies` times right after
    /// itself; days in order or shuffled by a fixed permutation.
    static func input(days: Int, perDay: Int, copies: Int, sorted: Bool) -> String {
        var lines = ["date,org,type,title"]
        let order = sorted ? Array(0..<days) : (0..<days).map { ($0 * 7) % days }
        var rows: [String] = []
        for d in order {
            let day = Day.parseISO("2022-01-01")!.adding(days: d).iso
            for k in 0..<perDay { for _ in 0..<copies { rows.append("\(day),甲支部,主题党日,活动\(k)") } }
        }
        lines += rows
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [1 << 20, 1000, 200])
    func exactUnderTheLimit(maxKeys: Int) throws {
        // 10 days × 20 records, each twice: 200 distinct fingerprints, 200 duplicates.
        let fs = try Self.findings(Self.input(days: 10, perDay: 20, copies: 2, sorted: false), maxKeys: maxKeys)
        #expect(Self.duplicates(fs) == 200)
        #expect(Self.partial(fs) == nil)
    }

    @Test func sameTitleOnAnotherDayOrUnitIsNoDuplicate() throws {
        let csv = "date,org,type,title\n2022-05-02,甲,主题党日,a\n2022-05-03,甲,主题党日,a\n2022-05-02,乙,主题党日,a\n2022-05-02,甲,党课,a\n2022-05-02,甲,主题党日,ab\n2022-05-02,甲,主题党日,a\n"
        let fs = try Self.findings(csv, maxKeys: 2)
        #expect(Self.duplicates(fs) == 1)
    }

    @Test(arguments: [50, 25, 20])
    func dateOrderStaysExactOverTheLimit(maxKeys: Int) throws {
        // 30 days × 20 distinct records (600 fingerprints) with a table of 20–50: days are dropped
        // as the input moves on, nothing is missed, and no warning is due.
        let fs = try Self.findings(Self.input(days: 30, perDay: 20, copies: 2, sorted: true), maxKeys: maxKeys)
        #expect(Self.duplicates(fs) == 600)
        #expect(Self.partial(fs) == nil)
    }

    /// Each day's records appear twice, the second time after every other day (the last of each
    /// day's five changed in the second pass): 40 duplicates.
    static func twoPasses() -> String {
        var lines = ["date,org,type,title"]
        for pass in 0..<2 {
            for d in 0..<10 {
                let day = Day.parseISO("2022-03-01")!.adding(days: d).iso
                for k in 0..<5 { lines.append("\(day),甲支部,主题党日,活动\(k)\(pass == 1 && k == 4 ? "（补）" : "")") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func unsortedInputOverTheLimitSaysSo() throws {
        // With room for only 3 days the early days are dropped before their repeats come back.
        let csv = Self.twoPasses()
        let exact = try Self.findings(csv, maxKeys: 1000)
        #expect(Self.duplicates(exact) == 40)
        #expect(Self.partial(exact) == nil)
        let bounded = try Self.findings(csv, maxKeys: 15)
        let warning = try #require(Self.partial(bounded))
        #expect(Self.duplicates(bounded) < 40)
        #expect(warning.status == .warning)
        #expect(warning.actual > 0)
        #expect(warning.note.contains("--max-duplicate-keys"))
        #expect(warning.note.contains("15"))
    }

    @Test func oneDayLargerThanTheTableSaysSo() throws {
        let fs = try Self.findings(Self.input(days: 1, perDay: 30, copies: 2, sorted: true), maxKeys: 10)
        // Each repeat follows its original at once, so the check still finds the first ten …
        #expect(Self.duplicates(fs) >= 10)
        // … but fingerprints could not all be kept, and the report says so.
        let warning = try #require(Self.partial(fs))
        #expect(warning.actual > 0)
    }

    @Test func partialWarningReachesTheReports() throws {
        let path = TestSupport.write(Self.twoPasses())
        let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: nil, maxDuplicateKeys: 15)
        context.fileNames = [path]
        let engine = CheckEngine(plan: Plan(paths: [], rules: []), context: context)
        let read = try RecordReader().read([.file(path)]) { engine.consume($0) }
        let report = CheckReport(planPaths: [], rosterPaths: [], year: 2022, asOf: Day.parseISO("2022-12-31")!, read: read,
                                 findings: engine.finish(), notes: [], org: nil, unitOrder: [])
        for r in CheckReporters.all {
            let out = MemoryOutput()
            r.write(report, to: out, options: ReportOptions())
            #expect(out.text.contains("重复记录检查不完整"), "\(r.format)")
        }
    }

    @Test func tableUnit() {
        var t = DuplicateTable(maxKeys: 4)
        #expect(t.insert(day: 1, fingerprint: 10) == .new)
        #expect(t.insert(day: 1, fingerprint: 10) == .duplicate)
        #expect(t.insert(day: 1, fingerprint: 0) == .new)        // 0 is a valid fingerprint too
        #expect(t.insert(day: 1, fingerprint: 0) == .duplicate)
        #expect(t.insert(day: 2, fingerprint: 10) == .new)       // another day
        #expect(t.insert(day: 2, fingerprint: 11) == .new)
        #expect(t.partial == nil)
        #expect(t.insert(day: 3, fingerprint: 12) == .new)       // full: day 1 is dropped
        #expect(t.partial == nil)
        #expect(t.insert(day: 1, fingerprint: 10) == .new)       // day 1 again: cannot be compared
        #expect(t.partial?.unchecked == 1)
    }

    /// Memory is bounded in slots as well as keys, so a province's 27,000 records a day and a
    /// street's 30 use the same table size; input in date order stays exact either way.
    /// Inserts `perDay` distinct fingerprints on each of `days` days in date order, expecting each
    /// to be new; `after(day, k)` runs after each insert, `dayDone(day)` after each day.
    static func insertDays(_ t: inout DuplicateTable, days: Int, perDay: Int, after: (Int, Int, DuplicateTable) -> Void = { _, _, _ in },
                           dayDone: (Int, inout DuplicateTable) -> Void = { _, _ in }) {
        for d in 0..<days {
            for k in 0..<perDay {
                #expect(t.insert(day: Int32(d), fingerprint: UInt64(d * 100_000 + k + 1)) == .new)
                after(d, k, t)
            }
            dayDone(d, &t)
        }
    }

    @Test(arguments: [3, 50, 700, 1500])
    func slotsStayWithinTheBudget(perDay: Int) {
        var t = DuplicateTable(maxKeys: 1000)
        var most = 0
        Self.insertDays(&t, days: 60, perDay: perDay, after: { _, _, t in most = max(most, t.parkedSlots + t.current.slots.count) },
                        dayDone: { d, t in #expect(t.insert(day: Int32(d), fingerprint: UInt64(d * 100_000 + 1)) == .duplicate) })
        #expect(most <= t.maxSlots)
        if perDay * 4 <= t.maxSlots { #expect(t.partial == nil) }   // a day's table fits: exact
    }

    /// A large input fills the table to the same memory whatever its records per day (a province's
    /// year and a tenth of it must use the same memory): between 1.33 and 1.5 slots per key allowed,
    /// whichever bound is met first. Each new day starts at the last day's size, with room made
    /// first, so that it does not grow from 8 slots (rehashing, and holding two copies at once).
    @Test(arguments: [21, 60, 210])
    func fullTableUsesTheSameMemoryWhateverTheRecordsPerDay(perDay: Int) {
        var t = DuplicateTable(maxKeys: 4000)
        var lastSize = 0
        Self.insertDays(&t, days: 365, perDay: perDay,
                        after: { d, k, t in if k == 0 && d > 0 { #expect(t.current.slots.count == lastSize, "day \(d)") } },
                        dayDone: { _, t in lastSize = t.current.slots.count })
        let held = Double(t.parkedSlots + t.current.slots.count) / Double(t.maxKeys)
        #expect(held >= 1.33 && held <= 1.5, "\(held) slots per key allowed")
        #expect(t.partial == nil)   // date order: exact
    }
}
