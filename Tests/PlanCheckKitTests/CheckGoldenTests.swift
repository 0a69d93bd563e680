import Foundation
import Testing
@testable import PlanCheckKit

/// Golden files of the sample's year-end check (plans 000 + 001, both rosters, as of 2022-12-31) in
/// every format and both languages, and a scan that no Chinese output says an English status word.
/// Regenerate with `UPDATE_GOLDEN=1 swift test --filter CheckGolden` and review the diff.
@Suite("Check golden files")
struct CheckGoldenTests {
    static let golden = TestSupport.root + "/Tests/Golden/check/"
    static let args = ["check", "--plan", "Checks/000-street-party-building-2022.csv", "--plan", "Checks/001-street-office-party-committee-2022.csv",
                       "--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv", "--as-of", "2022-12-31"]

    /// Runs the check from the package root (paths in reports stay relative) and returns the report
    /// written as `file.<ext>`.
    static func report(_ ext: String, lang: Lang, extra: [String] = []) throws -> String {
        let dir = TestSupport.tempDir("golden")
        let r = try TestSupport.runBinary(args + extra + ["--lang", lang.rawValue, "-o", dir + "/r." + ext, "SampleData/records"], cwd: TestSupport.root)
        #expect(r.code == 1, "\(r.err)")
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/r." + ext)), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    static func compare(_ name: String, _ text: String) {
        let path = golden + name
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("missing golden file \(path); run with UPDATE_GOLDEN=1")
            return
        }
        let want = String(decoding: data, as: UTF8.self)
        if text != want {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = want.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs at line \(i + 1):\n got: \(i < a.count ? String(a[i]) : "<end>")\nwant: \(i < b.count ? String(b[i]) : "<end>")")
        }
    }

    @Test(arguments: [("txt", Lang.zh), ("txt", .en), ("csv", .zh), ("csv", .en), ("json", .zh), ("json", .en), ("html", .zh), ("html", .en)])
    func sample(_ ext: String, _ lang: Lang) throws {
        Self.compare("sample-\(lang.rawValue).\(ext)", try Self.report(ext, lang: lang))
    }

    @Test(arguments: Lang.allCases)
    func stats(_ lang: Lang) throws {
        var a = Self.args
        a[0] = "stats"
        let r = try TestSupport.runBinary(a + ["--lang", lang.rawValue, "SampleData/records"], cwd: TestSupport.root)
        #expect(r.code == 0, "\(r.err)")
        Self.compare("sample-stats-\(lang.rawValue).txt", r.out)
    }

    /// The English status words, as whole words.
    static let englishStatus = try! NSRegularExpression(pattern: #"(?<![A-Za-z-])(met|missed|at-risk|on-track|upcoming|warning)(?![A-Za-z-])"#)

    static func englishStatusWords(_ s: String) -> [String] {
        englishStatus.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
    }

    /// What a person reads of an HTML page: no style sheet, no tags (class names are for the style sheet).
    static func visibleText(_ html: String) -> String {
        var s = html
        if let a = s.range(of: "<style>"), let b = s.range(of: "</style>") { s.removeSubrange(a.lowerBound..<b.upperBound) }
        return s.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    @Test("no Chinese output says met, missed, at-risk, on-track, upcoming or warning",
          arguments: ["txt", "csv", "html", "json", "self-review", "stats"])
    func noEnglishStatusInChinese(_ what: String) throws {
        var text: String
        switch what {
        case "html": text = Self.visibleText(try Self.report("html", lang: .zh))
        case "json":
            // Keys and codes stay English for machines; every label a person reads is Chinese.
            let json = try JSONSerialization.jsonObject(with: Data(try Self.report("json", lang: .zh).utf8)) as! [String: Any]
            text = (json["findings"] as! [[String: Any]]).map { "\($0["statusLabel"]!) \($0["advice"]!)" }.joined(separator: "\n")
        case "self-review":
            let r = try TestSupport.runBinary(Self.args.dropLast(2) + ["--as-of", "2022-11-21", "--org", "古镇社区党支部", "SampleData/records"], cwd: TestSupport.root)
            text = r.out
        case "stats":
            var a = Self.args
            a[0] = "stats"
            text = try TestSupport.runBinary(a + ["SampleData/records"], cwd: TestSupport.root).out
        default: text = try Self.report(what, lang: .zh)
        }
        #expect(!text.isEmpty)
        #expect(Self.englishStatusWords(text) == [], "\(what)")
        // The scan itself finds them in English.
        if what == "txt" { #expect(!Self.englishStatusWords(try Self.report("txt", lang: .en)).isEmpty) }
    }
}
