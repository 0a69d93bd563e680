import Foundation
import Testing
@testable import PlanCheckKit

/// Golden-file tests: the whole output of `plancheck stats` on the hand-counted fixture in every
/// format. Paths are written relative to the package root so the files do not depend on where the
/// checkout lives. Regenerate with `UPDATE_GOLDEN=1 swift test --filter Stats` and review the diff.
@Suite("Stats golden files")
struct StatsGoldenTests {
    static let golden = TestSupport.root + "/Tests/Golden/stats/"
    static let fixture = TestSupport.root + "/Tests/Golden/stats/fixture/"

    static let base = ["stats", "--plan", fixture + "plan-2022.csv", "--roster", fixture + "roster-units.csv",
                       "--as-of", "2022-04-30", fixture + "records.csv"]

    static func check(_ name: String, _ args: [String]) {
        let (code, out, err) = TestSupport.run(args)
        #expect(code == 0, "\(err)")
        TestSupport.compareGolden(out, to: golden + name)
    }

    @Test func textChinese() { Self.check("fixture.txt", Self.base) }
    @Test func textEnglish() { Self.check("fixture-en.txt", Self.base + ["--lang", "en"]) }
    @Test func json() { Self.check("fixture.json", Self.base + ["--format", "json"]) }

    @Test(arguments: StatsCSVReporter.Table.allCases)
    func csv(_ t: StatsCSVReporter.Table) { Self.check("fixture-\(t.rawValue).csv", Self.base + ["--format", "csv", "--table", t.rawValue]) }

    @Test func textWithoutPlan() {
        Self.check("fixture-noplan.txt", ["stats", "--roster", Self.fixture + "roster-units.csv", "--as-of", "2022-12-31", Self.fixture + "records.csv"])
    }

    /// HTML goes through a file (`-o`), as people use it.
    @Test func html() throws {
        let dir = TestSupport.tempDir("stats-html")
        let (code, out, err) = TestSupport.run(Self.base + ["-o", dir + "/report.html", "--format", "json"])
        #expect(code == 0, "\(err)")
        #expect(out.hasPrefix("{"))
        let page = String(decoding: FileManager.default.contents(atPath: dir + "/report.html") ?? Data(), as: UTF8.self)
            .replacingOccurrences(of: TestSupport.root + "/", with: "")
        let path = Self.golden + "fixture.html"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            FileManager.default.createFile(atPath: path, contents: Data(page.utf8))
            return
        }
        let want = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        #expect(page == want, "fixture.html differs; run with UPDATE_GOLDEN=1 and review the diff")
    }
}

@Suite("Stats JSON streaming")
struct StatsJSONStreamingTests {
    /// The streamed long table gives exactly what rendering the whole value gives.
    @Test(arguments: ["2022-04-30", "2021-12-31"])
    func streamedEqualsRendered(_ asOf: String) throws {
        let dir = TestSupport.root + "/Tests/Golden/stats/fixture/"
        let r = try StatsCommand.compute(plan: PlanReader.read([dir + "plan-2022.csv"]), roster: Roster.read([dir + "roster-units.csv"]),
                                         year: 2022, asOf: Day.parseISO(asOf)!, inputs: [.file(dir + "records.csv")])
        let out = MemoryOutput()
        StatsJSONReporter.write(r, to: out)
        #expect(out.text == StatsJSONReporter.value(r).rendered() + "\n")
    }
}

@Suite("Stats plan results")
struct StatsPlanResultsTests {
    /// Without a roster a kind scope covers every unit seen whose name shows the kind, also in
    /// records outside the year, and
    /// an org scope names its unit: such units have the check's findings but no counted records,
    /// and still get their rows in the units table; a rule's row counts every finding of that rule.
    @Test func unitWithFindingsButNoCountedRecordsIsRanked() throws {
        let dir = TestSupport.root + "/Tests/Golden/stats/fixture/"
        let records = TestSupport.write("date,org,type,title,participants\n2022-03-01,一社区党支部,廉政专题学习,学习,5\n2021-12-30,四社区党支部,廉政专题学习,去年的学习,5\n")
        let r = try StatsCommand.compute(plan: PlanReader.read([dir + "plan-2022.csv"]), roster: nil,
                                         year: 2022, asOf: Day.parseISO("2022-12-31")!, inputs: [.file(records)])
        #expect(r.units.map(\.name) == ["一社区党支部"])
        // 甲党委 (seen through its org: rule) is no 社区党支部: only T-03's four quarters, not the branch rules.
        #expect(r.unitRanks.map(\.org) == ["甲党委", "一社区党支部", "四社区党支部"])
        #expect(r.unitRanks.map(\.completion.missed) == [4, 13, 13])
        let t02 = try #require(r.rules.first { $0.id == "T-02" })
        #expect(t02.completion.checks == 2 && t02.completion.missed == 2)
    }
}
