import Foundation
import Testing
@testable import PlanCheckKit

/// End to end on SampleData with the built binary: exactly the findings SampleData/README.md documents.
@Suite("SampleData journeys (built binary)")
struct SampleDataTests {
    static let plans = ["--plan", "Checks/000-street-party-building-2022.csv", "--plan", "Checks/001-street-office-party-committee-2022.csv"]
    static let rosters = ["--roster", "SampleData/roster-units.csv", "--roster", "SampleData/roster-people.csv"]

    /// Parses a CSV report (BOM stripped) into dictionaries by header.
    static func table(_ path: String) throws -> [[String: String]] {
        var rows: [[String]] = []
        var t = CSVTokenizer(path: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        try bytes.withUnsafeBufferPointer { b in try t.feed(b) { r in rows.append((0..<r.count).map { r.string($0) }) } }
        try t.finish { r in rows.append((0..<r.count).map { r.string($0) }) }
        let header = rows.removeFirst()
        return rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("year-end audit: exactly the documented shortfalls, the rejected row and the quality warnings")
    func yearEndAudit() throws {
        let dir = TestSupport.tempDir("audit")
        let r = try TestSupport.runBinary(["check"] + Self.plans + Self.rosters + ["--as-of", "2022-12-31", "--lang", "en", "-o", dir + "/audit.csv", "-o", dir + "/audit.html", "SampleData/records"])
        #expect(r.code == 1, "\(r.err)")
        let rows = try Self.table(dir + "/audit.csv")
        let missed = rows.filter { $0["status"] == "missed" }.map { "\($0["rule"]!)|\($0["org"]!)|\($0["person"]!)|\($0["period"]!)|\($0["required"]!)|\($0["actual"]!)" }
        #expect(missed.sorted() == [
            "S000-04|古镇社区党支部||2022|4|3",
            "S000-04|街道机关第二党支部||2022|4|0",
            "S000-05|古镇社区党支部||2022-Q3|1|0",
            "S000-05|街道机关第二党支部||2022-Q1|1|0",
            "S000-05|街道机关第二党支部||2022-Q2|1|0",
            "S000-05|街道机关第二党支部||2022-Q3|1|0",
            "S000-05|街道机关第二党支部||2022-Q4|1|0",
            "S000-09|龙门街道纪工委||2022|12|11",
            "S000-10|空港社区党支部||2022|6|4",
            "S000-10|街道机关第二党支部||2022|6|0",
            "S000-11|街道机关第二党支部||2022|6|0",
            "S001-01|龙门街道党工委|刘芳|2022|1|0",
        ].sorted())
        // A year-end audit shows only met and missed (plus data warnings).
        let statuses = Set(rows.filter { $0["rule"]!.hasPrefix("S") }.map { $0["status"]! })
        #expect(statuses == ["met", "missed"])
        #expect(rows.filter { $0["rule"]!.hasPrefix("S") }.count == 158)   // 65 for plan 000, 93 for 001 (52 ISO weeks in 2022)
        // The rejected row, the duplicate, the unknown unit.
        let rejected = rows.filter { $0["rule"] == "rejected" }
        #expect(rejected.map { $0["evidence"]! } == ["SampleData/records/app-export-2022.csv:163:2"])
        let quality = rows.filter { $0["rule"] == "quality" }
        #expect(quality.contains { $0["title"] == "Duplicate records" && $0["evidence"] == "SampleData/records/app-export-2022.csv:299" })
        #expect(quality.contains { $0["title"] == "Units not in the roster" && $0["org"] == "龙门街道老干部党支部" && $0["evidence"] == "SampleData/records/excel-gbk-2022.csv:354" })
        let input = rows.first { $0["rule"] == "input" }!
        #expect(input["required"] == "1785" && input["actual"] == "1784" && input["shortfall"] == "1")
        // Met counts documented in SampleData/README.md ("Counts behind the met rules").
        #expect(rows.first { $0["rule"] == "S000-03" }?["actual"] == "696")
        let branches = ["宝胜寺社区党支部", "龙门社区党支部", "会展社区党支部", "空港社区党支部", "将军路社区党支部", "古镇社区党支部", "街道机关第一党支部", "街道机关第二党支部"]
        func perBranch(_ rule: String) -> [String] { branches.map { b in rows.first { $0["rule"] == rule && $0["org"] == b }?["actual"] ?? "?" } }
        #expect(perBranch("S000-04") == ["6", "6", "5", "5", "4", "3", "4", "0"])
        #expect(perBranch("S000-10") == ["6", "6", "7", "4", "8", "7", "8", "0"])
        #expect(perBranch("S000-11") == ["6", "8", "8", "7", "6", "8", "7", "0"])
    }

    @Test("nightly cron: --quiet prints only problems; exit 1 on missed; LANG=C, no HOME, no terminal")
    func nightly() throws {
        let r = try TestSupport.runBinary(["check"] + Self.plans + Self.rosters + ["--as-of", "2022-12-31", "--quiet", "SampleData/records"],
                                          env: ["LANG": "C", "PATH": "/usr/bin:/bin"])
        #expect(r.code == 1)
        #expect(!r.out.contains("  达标"))
        #expect(r.out.split(separator: "\n").contains { $0.contains("未达标") && $0.contains("S000-09") })
        // Something is wrong, so the one summary line ends what cron mails.
        #expect(r.out.split(separator: "\n").last?.hasPrefix("合计：158 项检查") == true)
        #expect(r.out.components(separatedBy: "合计").count == 2)
        #expect(r.err.isEmpty)
    }

    @Test("self-review: one branch sees its own rules, what counted and what is left")
    func selfReview() throws {
        let r = try TestSupport.runBinary(["check"] + Self.plans + Self.rosters + ["--as-of", "2022-10-15", "--org", "古镇社区党支部", "SampleData/records"])
        #expect(r.code == 1)
        #expect(r.out.contains("自查单位 古镇社区党支部"))
        #expect(!r.out.contains("龙门街道纪工委（"))
        #expect(r.out.split(separator: "\n").contains { $0.contains("未达标") && $0.contains("S000-05") && $0.contains("第三季度") })   // Q3 is over and was skipped
        #expect(r.out.contains("计入："))
        #expect(r.out.contains("截至 2022-12-31 还有 78 天"))
    }

    @Test("check runs on SampleData with every shipped plan")
    func everyPlan() throws {
        let plans = try FileManager.default.contentsOfDirectory(atPath: TestSupport.root + "/Checks").filter { $0.hasSuffix(".csv") }.sorted()
        for p in plans {
            let r = try TestSupport.runBinary(["check", "--plan", "Checks/" + p] + Self.rosters + ["--as-of", "2022-12-31", "--fail-on", "never", "SampleData/records"])
            #expect(r.code == 0, "\(p): \(r.err)")
            #expect(r.out.contains("合计："), "\(p)")
        }
    }

    @Test("the bureau sample: plans 002–004 check a year-end review's claims against the records")
    func bureau() throws {
        let dir = TestSupport.tempDir("bureau")
        let r = try TestSupport.runBinary(["check", "--plan", "Checks/002-branch-party-building-2022.csv", "--plan", "Checks/003-organ-party-building-2022.csv",
                                           "--plan", "Checks/004-year-end-review-2022.csv", "--roster", "SampleData/bureau/roster-units.csv",
                                           "--roster", "SampleData/bureau/roster-people.csv", "--as-of", "2022-12-31", "--lang", "en", "-o", dir + "/b.csv", "SampleData/bureau/records"])
        #expect(r.code == 1, "\(r.err)")
        let rows = try Self.table(dir + "/b.csv").filter { $0["rule"]!.hasPrefix("S") }
        #expect(rows.count == 51)
        #expect(rows.filter { $0["status"] == "missed" }.map { "\($0["rule"]!)|\($0["org"]!)|\($0["period"]!)|\($0["actual"]!)" }.sorted()
                == ["S002-02|局机关第二党支部|2022|0", "S004-03|区退役军人事务局党组|2022-08|0"])
        #expect(rows.first { $0["rule"] == "S004-07" }?["actual"] == "1740")
        #expect(rows.filter { $0["status"] == "met" }.count == 49)
    }

    @Test("the scale generator writes the same records in all three export shapes: same findings from each")
    func scaleShapes() throws {
        let gen = URL(fileURLWithPath: TestSupport.binary).deletingLastPathComponent().path + "/plancheck-gen"
        try #require(FileManager.default.isExecutableFile(atPath: gen))
        let dir = TestSupport.tempDir("shapes")
        var results: [[String]] = []
        for shape in ["app", "gbk", "sheet"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: gen)
            p.arguments = ["scale", "--records", "3000", "--units", "12", "--out", dir + "/" + shape, "--shape", shape, "--seed", "7"]
            p.standardOutput = Pipe()
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/" + shape).filter { $0.hasPrefix("activities") }
            #expect(files.count == 1)
            let r = try TestSupport.runBinary(["check", "--plan", "Checks/000-street-party-building-2022.csv", "--roster", dir + "/" + shape + "/roster-units.csv",
                                               "--as-of", "2022-12-31", "--fail-on", "never", "--format", "csv", "--no-bom", "--evidence-cap", "0",
                                               dir + "/" + shape + "/" + files[0]])
            #expect(r.code == 0, "\(shape): \(r.err)")
            // Everything but the input name (which differs per shape; the input row names the file read) must agree.
            results.append(r.out.replacingOccurrences(of: dir + "/" + shape + "/" + files[0], with: "INPUT")
                .split(whereSeparator: \.isNewline).map { String($0) }.filter { !$0.hasPrefix("quality") })
        }
        #expect(results[0].count > 10)
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
    }

    @Test("inspect reads each sample file in its own shape")
    func inspect() throws {
        let r = try TestSupport.runBinary(["inspect", "SampleData/records"])
        #expect(r.code == 0)
        #expect(r.out.contains("GB18030（检测：不是 UTF-8，按 GB18030 读取）"))
        #expect(r.out.contains("UTF-8 带 BOM（按 BOM 判断）"))
        #expect(r.out.contains("合计：3 个文件，读取 1785 行，接受 1784 行，拒绝 1 行"))
        // Issue 19: the encoding is described in the run's language, English only on request.
        #expect(!r.out.contains("detected") && !r.out.contains("read as") && !r.out.contains("with BOM"), "\(r.out)")
        let en = try TestSupport.runBinary(["inspect", "--lang", "en", "SampleData/records"])
        #expect(en.out.contains("GB18030 (detected: not UTF-8, read as GB18030)"))
        #expect(en.out.contains("UTF-8 with BOM (BOM)"))
    }
}
