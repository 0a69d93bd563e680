import Foundation
import Testing
@testable import PlanCheckKit

/// Duplicate detection is exact in any input order and at any size: fingerprints beyond the
/// memory budget move to temporary files, which are read back at the end.
@Suite struct DuplicateDetectionTests {
    /// Runs the engine (no plan: only the quality checker) with a fingerprint limit.
    static func findings(_ csv: String, maxKeys: Int, directory: String? = nil) throws -> [Finding] {
        let path = TestSupport.write(csv)
        let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: nil, maxDuplicateKeys: maxKeys)
        context.fileNames = [path]
        context.temporaryDirectory = directory
        let engine = CheckEngine(plan: Plan(paths: [], rules: []), context: context)
        _ = try RecordReader().read([.file(path)]) { engine.consume($0) }
        return Array(engine.finish())
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

    @Test(arguments: [1 << 20, 1000, 200, 7])
    func exactAtAnyBudget(maxKeys: Int) throws {
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
    func dateOrderOverTheLimitDefersNothing(maxKeys: Int) throws {
        // 30 days × 20 distinct records (600 fingerprints) with a table of 20–50: days passed
        // move out, none comes back, so nothing waits for the files.
        let fs = try Self.findings(Self.input(days: 30, perDay: 20, copies: 2, sorted: true), maxKeys: maxKeys)
        #expect(Self.duplicates(fs) == 600)
        #expect(Self.partial(fs) == nil)
        let t = DuplicateTable(maxKeys: maxKeys)
        for d in 0..<30 { for k in 0..<20 { for _ in 0..<2 { _ = t.insert(day: Int32(d), fingerprint: UInt64(k + 1)) } } }
        #expect(t.evictions > 0)
        #expect(t.deferredCount == 0)
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

    @Test(arguments: [1000, 15, 3, 1])
    func unsortedInputOverTheLimitStaysExact(maxKeys: Int) throws {
        let fs = try Self.findings(Self.twoPasses(), maxKeys: maxKeys)
        #expect(Self.duplicates(fs) == 40)
        #expect(Self.partial(fs) == nil)
    }

    @Test func oneDayLargerThanTheTableStaysExact() throws {
        let fs = try Self.findings(Self.input(days: 1, perDay: 30, copies: 2, sorted: true), maxKeys: 10)
        #expect(Self.duplicates(fs) == 30)
        #expect(Self.partial(fs) == nil)
    }

    /// A shuffled input with many units, checked with a table far smaller than its keys, finds the
    /// same duplicates per unit, citing records of the same day, unit, type and title, as with a
    /// table that holds every key.
    @Test(arguments: [4, 64, 1 << 20])
    func spilledAndInMemoryAgree(maxKeys: Int) throws {
        var rows: [String] = []
        var state: UInt64 = 42
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        for i in 0..<2000 {
            let day = Day.parseISO("2022-01-01")!.adding(days: next(20)).iso
            rows.append("\(day),支部\(next(30)),主题党日,活动\(next(4)),\(i)")
        }
        let csv = "date,org,type,title,participants\n" + rows.joined(separator: "\n") + "\n"
        func summary(_ fs: [Finding]) -> [String] {
            fs.filter { $0.title == QualityChecker.Kind.duplicate.title }.map { "\($0.org) \($0.actual) \($0.evidence.count)" }.sorted()
        }
        let big = try Self.findings(csv, maxKeys: 1 << 20)
        let small = try Self.findings(csv, maxKeys: maxKeys)
        #expect(Self.duplicates(big) > 100)
        #expect(summary(small) == summary(big))
        #expect(Self.partial(small) == nil)
    }

    @Test func temporaryFilesLeaveNothingBehind() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancheck-dup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fs = try Self.findings(Self.twoPasses(), maxKeys: 3, directory: dir)
        #expect(Self.duplicates(fs) == 40)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func unwritableTemporaryFolderSaysSoInEveryReport() throws {
        let path = TestSupport.write(Self.twoPasses())
        let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: nil, maxDuplicateKeys: 3)
        context.fileNames = [path]
        context.temporaryDirectory = "/nonexistent/plancheck-test"
        let engine = CheckEngine(plan: Plan(paths: [], rules: []), context: context)
        let read = try RecordReader().read([.file(path)]) { engine.consume($0) }
        let findings = engine.finish()
        let warning = try #require(Self.partial(Array(findings)))
        #expect(warning.actual > 0)
        #expect(warning.note.contains("TMPDIR"))
        let report = CheckReport(planPaths: [], rosterPaths: [], year: 2022, asOf: Day.parseISO("2022-12-31")!, read: read,
                                 findings: findings, notes: [], org: nil, unitOrder: [])
        for r in CheckReporters.all {
            let out = MemoryOutput()
            r.write(report, to: out, options: ReportOptions())
            #expect(out.text.contains("重复记录检查不完整"), "\(r.format)")
        }
    }

    @Test func tableUnit() {
        let t = DuplicateTable(maxKeys: 4)
        #expect(t.insert(day: 1, fingerprint: 10) == .new)
        #expect(t.insert(day: 1, fingerprint: 10) == .duplicate)
        #expect(t.insert(day: 1, fingerprint: 0) == .new)        // 0 is a valid fingerprint too
        #expect(t.insert(day: 1, fingerprint: 0) == .duplicate)
        #expect(t.insert(day: 2, fingerprint: 10) == .new)       // another day
        #expect(t.insert(day: 2, fingerprint: 11) == .new)
        #expect(t.insert(day: 3, fingerprint: 12) == .new)       // full: day 1, least recently used, moves out
        #expect(t.evictions == 1)
        #expect(t.insert(day: 1, fingerprint: 10) == .deferred)  // day 1 again: decided at the end
        #expect(t.insert(day: 1, fingerprint: 13) == .deferred)
        #expect(t.insert(day: 1, fingerprint: 13) == .deferred)
        var found: [(Int32, UInt64)] = []
        t.finish { found.append(($0.day, $0.fingerprint)) }
        #expect(found.map(\.0) == [1, 1])
        #expect(Set(found.map(\.1)) == [10, 13])
        #expect(t.unchecked == 0)
    }

    /// Days that interleave (shuffled input) all move out at once when the table is full, and the
    /// duplicates found, now and at the end, are exactly those of a set of every key.
    @Test(arguments: [0, 1 << 30])
    func interleavedDaysMoveOutTogether(interleaveAfter: Int) {
        let t = DuplicateTable(maxKeys: 100)
        t.interleaveAfter = interleaveAfter
        var state: UInt64 = 7
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        var seen = Set<[UInt64]>(), expected = 0, found = 0
        for i in 0..<3000 {
            let day = Int32(next(40)), f = UInt64(next(60) + 1)
            if !seen.insert([UInt64(day), f]).inserted { expected += 1 }
            let before = t.evictions
            switch t.insert(day: day, fingerprint: f, org: 0, seq: i) {
            case .duplicate: found += 1
            case .new, .deferred: break
            }
            // The first time the table is full, every day but the current one moves out at once
            // (LRU moves out one at a time).
            if before == 0 && t.evictions > 0 { #expect(interleaveAfter == 0 ? t.evictions > 20 : t.evictions < 5) }
        }
        t.finish { _ in found += 1 }
        #expect(expected > 500)
        #expect(found == expected)
        #expect(t.unchecked == 0)
    }

    /// The cited duplicates of a unit are the smallest by day, fingerprint and place, so that any
    /// order of the input cites rows of the same day, unit, type and title.
    @Test func citedDuplicatesDoNotDependOnTheOrder() throws {
        let rows = (0..<6).flatMap { d in ["2022-03-0\(d + 1),甲支部,主题党日,活动\(d)", "2022-03-0\(d + 1),甲支部,主题党日,活动\(d)"] }
        func cited(_ rows: [String]) throws -> [String] {
            let fs = try Self.findings("date,org,type,title\n" + rows.joined(separator: "\n") + "\n", maxKeys: 2)
            let f = try #require(fs.first { $0.title == QualityChecker.Kind.duplicate.title })
            #expect(f.actual == 6)
            // Line numbers → the rows' contents.
            return f.evidence.map { e in rows[Int(e.split(separator: ":").last!)! - 2] }
        }
        let forward = try cited(rows)
        #expect(forward.count == 3)
        #expect(try cited(rows.reversed()) == forward)
        #expect(try cited(rows.enumerated().sorted { ($0.offset * 5) % 12 < ($1.offset * 5) % 12 }.map(\.element)) == forward)
    }
}
