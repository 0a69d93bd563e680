import Foundation
import Testing
@testable import PlanCheckKit

/// Golden files of `plancheck check`'s reports on SampleData (as-of days mid-year and for one
/// unit, the CSV through standard output and `-o`; the year-end text, JSON and HTML in each
/// language are `CheckGoldenTests`') and on a generated input (`plancheck-gen scale --records
/// 1000 --units 200`, plans 000 + 001 with the generated street's committees, CSV at 1, 2 and 3
/// threads): every report must stay byte for byte what it was, whoever changes a reporter. Paths are written relative to the package root. Regenerate with
/// `UPDATE_GOLDEN=1 swift test --filter ReportGolden` and review the diff.
@Suite("Check report golden files")
struct ReportGoldenTests {
    static let golden = TestSupport.root + "/Tests/Golden/check/"
    static let gen = golden + "gen/"

    static let sample = ["check", "--plan", "Checks/000-street-party-building-2022.csv",
                         "--plan", "Checks/001-street-office-party-committee-2022.csv",
                         "--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv"].map(absolute)
    static let generated = ["check", "--plan", gen + "plan-000-2022.csv", "--plan", gen + "plan-001-2022.csv",
                            "--roster", gen + "roster-units.csv", "--roster", gen + "roster-people.csv"]

    /// Repository paths made absolute, so the test does not depend on the working directory.
    static func absolute(_ a: String) -> String { a.hasPrefix("Checks/") || a.hasPrefix("SampleData/") ? TestSupport.root + "/" + a : a }

    /// One case: the arguments after the plan and roster, and the golden file's name.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var args: [String]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "sample-2022-12-31.csv", args: sample + ["--as-of", "2022-12-31", "--format", "csv", absolute("SampleData/records")]),
        Case(name: "sample-2022-06-15.csv", args: sample + ["--as-of", "2022-06-15", "--format", "csv", "--no-bom", absolute("SampleData/records")]),
        Case(name: "sample-2022-06-15-quiet.txt", args: sample + ["--as-of", "2022-06-15", "--quiet", absolute("SampleData/records")]),
        Case(name: "sample-2022-11-21-org.csv", args: sample + ["--as-of", "2022-11-21", "--org", "古镇社区党支部", "--format", "csv", absolute("SampleData/records")]),
        Case(name: "sample-2022-11-21-org.txt", args: sample + ["--as-of", "2022-11-21", "--org", "古镇社区党支部", absolute("SampleData/records")]),
        Case(name: "gen-2022-09-15.csv", args: generated + ["--as-of", "2022-09-15", "--format", "csv", "--threads", "1", gen + "activities.csv"]),
        Case(name: "gen-2022-09-15.csv", args: generated + ["--as-of", "2022-09-15", "--format", "csv", "--threads", "2", gen + "activities.csv"]),
        Case(name: "gen-2022-09-15.csv", args: generated + ["--as-of", "2022-09-15", "--format", "csv", "--threads", "3", gen + "activities.csv"]),
        Case(name: "gen-2022-12-31-noguard.csv", args: generated + ["--as-of", "2022-12-31", "--format", "csv", "--no-formula-guard", "--evidence-cap", "0", gen + "activities.csv"]),
    ]

    static func compare(_ name: String, _ output: String) { TestSupport.compareGolden(output, to: golden + name) }

    @Test("standard output", arguments: cases)
    func stdout(_ c: Case) {
        let (code, out, err) = TestSupport.run(c.args)
        #expect(code == 0 || code == 1, "\(err)")
        Self.compare(c.name, out)
    }

    /// Reports written with `-o`: a CSV file is the same bytes as `--format csv` on standard
    /// output, even with `--quiet` on the screen.
    @Test("files", arguments: [
        ("sample-2022-12-31", sample + ["--as-of", "2022-12-31"], absolute("SampleData/records"), ["csv"]),
        ("gen-2022-09-15", generated + ["--as-of", "2022-09-15", "--threads", "2"], gen + "activities.csv", ["csv"]),
    ])
    func files(_ name: String, _ args: [String], _ input: String, _ formats: [String]) throws {
        let dir = TestSupport.tempDir("golden")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (code, _, err) = TestSupport.run(args + ["--quiet"] + formats.flatMap { ["-o", dir + "/r." + $0] } + [input])
        #expect(code == 0 || code == 1, "\(err)")
        for ext in formats {
            let data = FileManager.default.contents(atPath: dir + "/r." + ext) ?? Data()
            Self.compare("\(name).\(ext)", String(decoding: data, as: UTF8.self))
        }
    }
}
