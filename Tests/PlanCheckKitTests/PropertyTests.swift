import Foundation
import Testing
@testable import PlanCheckKit

/// Properties over generated records (seeded, deterministic): how records are laid out in files —
/// order, split into several files, UTF-8 or GB18030, LF or CRLF, one or two reading threads —
/// changes no finding, and every row read is accepted or rejected exactly once.
@Suite("Properties: layout never changes findings; every row accounted for")
struct PropertyTests {
    typealias RNG = TestRNG

    static let header = "id,date,org,type,title,participants,lead,target"
    static let types = ["党建工作汇报", "宣传教育活动", "培训", "思想动态分析研判", "意识形态专题研究", "纪检业务培训", "明察暗访",
                        "廉政专题学习", "警示教育", "党课", "主题党日", "帮扶走访", "巡察", "专项巡察"]
    static let titles = ["学习党章", "学习《准则》,讨论", "观看\"警示片\"", "重温入党誓词", "意识形态工作专题研究", "走访\n困难党员", "=HYPERLINK(\"x\")", "-2+3"]

    /// Generated record lines (without header or line ends inside the list) and how many are bad.
    static func generate(seed: UInt64, count: Int, roster: Roster) -> (rows: [String], bad: Int) {
        var rng = RNG(state: seed)
        let units = roster.units.map(\.name) + ["不在花名册的党支部"]
        let people = roster.people.map(\.name)
        var rows: [String] = []
        var bad = 0
        func quote(_ s: String) -> String {
            s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        for i in 0..<count {
            let m = rng.int(12) + 1, d = rng.int(28) + 1
            var date = String(format: "2022-%02d-%02d %02d:%02d", m, d, rng.int(24), rng.int(60))
            var org = rng.pick(units)
            let type = rng.pick(types)
            let participants = String(rng.int(60) + 1)
            var isBad = true
            switch rng.int(40) {   // about one row in ten is bad, each in its own way
            case 0: date = "2022-02-30 09:00"
            case 1: date = "明天"
            case 2: org = ""
            case 3: date = ""   // (a bad count keeps its row now: see HeaderAndCellTests)
            default: isBad = false
            }
            if isBad { bad += 1 }
            let target = type.hasSuffix("巡察") || type == "明察暗访" ? rng.pick(units) : ""
            rows.append([String(format: "APP-%06d", i), date, org, type, quote(rng.pick(titles)), participants, rng.pick(people), target].joined(separator: ","))
            if rng.int(50) == 0 {   // an exact duplicate but for the id
                var dup = rows.last!.split(separator: ",", maxSplits: 1).map(String.init)
                dup[0] = String(format: "DUP-%06d", i)
                rows.append(dup.joined(separator: ","))
                if isBad { bad += 1 }
            }
        }
        return (rows, bad)
    }

    static func file(_ rows: [String], crlf: Bool = false) -> String {
        let nl = crlf ? "\r\n" : "\n"
        return ([header] + rows).map { crlf ? $0.replacingOccurrences(of: "\n", with: "\r\n") : $0 }.joined(separator: nl) + nl
    }

    /// A finding without what depends on where records sit (evidence, notes citing lines).
    static func key(_ f: Finding) -> String {
        [f.rule, f.checker, f.title, f.org, f.person, f.period, f.start.iso, f.end.iso, String(f.required), String(f.actual),
         f.status.rawValue, f.due.iso, String(f.evidenceCount)].joined(separator: "|")
    }

    struct Outcome: Equatable {
        var findings: [String]
        var rowsRead: Int, accepted: Int, rejected: Int
        var rejectedByKind: [String: Int]
    }

    static func outcome(_ inputs: [InputSource], asOf: String, threads: Int = 1) throws -> Outcome {
        let root = TestSupport.root
        let plan = try PlanReader.read([root + "/Checks/000-street-party-building-2022.csv", root + "/Checks/001-street-office-party-committee-2022.csv"])
        let roster = try Roster.read([root + "/SampleData/roster-units.csv", root + "/SampleData/roster-people.csv"])
        var o = ReaderOptions()
        o.threads = threads
        let r = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO(asOf)!, inputs: inputs, readerOptions: o)
        return Outcome(findings: r.findings.map(key).sorted(), rowsRead: r.read.rowsRead, accepted: r.read.accepted,
                       rejected: r.read.rejected, rejectedByKind: r.read.rejectionCounts)
    }

    @Test("shuffling, splitting into files, GB18030, CRLF and threads change no finding", arguments: [(UInt64(1), "2022-12-31"), (7, "2022-08-15"), (2022, "2022-03-31")])
    func layoutInvariance(seed: UInt64, asOf: String) throws {
        let roster = try Roster.read([TestSupport.root + "/SampleData/roster-units.csv", TestSupport.root + "/SampleData/roster-people.csv"])
        let (rows, bad) = Self.generate(seed: seed, count: 1500, roster: roster)
        let dir = TestSupport.tempDir("prop")
        let base = try Self.outcome([.file(TestSupport.write(Self.file(rows), name: "base.csv", dir: dir))], asOf: asOf)
        // Every row accounted for: read = generated, rejected = the bad ones generated.
        #expect(base.rowsRead == rows.count)
        #expect(base.rejected == bad && base.accepted + base.rejected == base.rowsRead)
        #expect(base.rejectedByKind.values.reduce(0, +) == bad)
        #expect(base.findings.contains { $0.contains("|missed|") } && base.findings.contains { $0.contains("|met|") })

        var rng = RNG(state: seed ^ 0xABCDEF)
        var shuffled = rows
        rng.shuffle(&shuffled)
        #expect(try Self.outcome([.file(TestSupport.write(Self.file(shuffled), name: "shuffled.csv", dir: dir))], asOf: asOf) == base, "shuffled")

        let splitDir = dir + "/split"
        try FileManager.default.createDirectory(atPath: splitDir, withIntermediateDirectories: true)
        var parts: [[String]] = [[], [], [], []]
        for r in shuffled { parts[rng.int(parts.count)].append(r) }
        for (i, p) in parts.enumerated() { TestSupport.write(Self.file(p), name: "part\(i).csv", dir: splitDir) }
        #expect(try Self.outcome(RecordReader.expand([splitDir]), asOf: asOf) == base, "split into \(parts.count) files")

        let gb = TestSupport.write(TestSupport.encode(Self.file(rows), as: "GB18030"), name: "gb.csv", dir: dir)
        let gbOutcome = try Self.outcome([.file(gb)], asOf: asOf)
        #expect(gbOutcome == base, "GB18030")
        let crlf = TestSupport.write(Self.file(rows, crlf: true), name: "crlf.csv", dir: dir)
        #expect(try Self.outcome([.file(crlf)], asOf: asOf) == base, "CRLF")
        let gbCRLF = TestSupport.write(TestSupport.encode(Self.file(shuffled, crlf: true), as: "GB18030"), name: "gbcrlf.csv", dir: dir)
        #expect(try Self.outcome([.file(gbCRLF)], asOf: asOf) == base, "GB18030 + CRLF + shuffled")
        #expect(try Self.outcome(RecordReader.expand([splitDir]), asOf: asOf, threads: 2) == base, "two threads")
    }

    @Test("accepted + rejected = rows read, in every output of check and stats")
    func countsInEveryOutput() throws {
        let roster = try Roster.read([TestSupport.root + "/SampleData/roster-units.csv", TestSupport.root + "/SampleData/roster-people.csv"])
        let (rows, bad) = Self.generate(seed: 99, count: 400, roster: roster)
        let dir = TestSupport.tempDir("counts")
        let input = TestSupport.write(Self.file(rows), name: "in.csv", dir: dir)
        let n = rows.count, a = rows.count - bad
        let plan = TestSupport.root + "/Checks/000-street-party-building-2022.csv"
        let common = ["--plan", plan, "--roster", TestSupport.root + "/SampleData/roster-units.csv", "--as-of", "2022-12-31", "--fail-on", "never"]
        let c = TestSupport.run(["check"] + common + ["-o", dir + "/c.csv", "-o", dir + "/c.json", "-o", dir + "/c.html", "-o", dir + "/c.txt", input])
        #expect(c.code == 0, "\(c.err)")
        let sentence = "读取 \(n) 行，接受 \(a) 行，拒绝 \(bad) 行"
        #expect(c.out.contains(sentence), "text")
        #expect(try String(contentsOfFile: dir + "/c.txt", encoding: .utf8).contains(sentence), "text file")
        #expect(try String(contentsOfFile: dir + "/c.html", encoding: .utf8).contains("读取\(n)行，接受\(a)行，拒绝\(bad)行"), "html")
        let csv = try String(contentsOfFile: dir + "/c.csv", encoding: .utf8)
        #expect(csv.contains("\r\n读取,读取的记录,,,,\(n),\(a),\(bad),提示,"), "csv input row")
        #expect(csv.components(separatedBy: "\r\n拒绝,").count - 1 == bad, "csv lists every rejected row")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/c.json"))) as! [String: Any]
        let counts = json["counts"] as! [String: Any]
        #expect(counts["rowsRead"] as? Int == n && counts["accepted"] as? Int == a && counts["rejected"] as? Int == bad, "json counts")
        #expect((json["rejections"] as! [Any]).count == bad)
        #expect((json["files"] as! [[String: Any]])[0]["rejected"] as? Int == bad)

        // stats: text, JSON, HTML and the CSV health table.
        // The tables go to their own folder: --csv-dir into the input's folder is refused.
        let tables = TestSupport.tempDir("counts-tables")
        let s = TestSupport.run(["stats"] + common.dropLast(2) + ["-o", dir + "/s.json", "-o", dir + "/s.html", "-o", dir + "/s.txt", "--csv-dir", tables, input])
        #expect(s.code == 0, "\(s.err)")
        #expect(s.out.contains("读取\(n)行，接受\(a)行，拒绝\(bad)行"), "stats text")
        let sj = try String(contentsOfFile: dir + "/s.json", encoding: .utf8)
        #expect(sj.contains("\"rowsRead\": \(n)") || sj.contains("\"rowsRead\":\(n)"), "stats json")
        let health = try String(contentsOfFile: tables + "/stats-health.csv", encoding: .utf8)
        #expect(health.contains("rows-read,,,\(n),读取 \(n) 行 = 接受 \(a) 行 + 拒绝 \(bad) 行"), "stats health csv")
        #expect(try String(contentsOfFile: dir + "/s.html", encoding: .utf8).contains("读取 \(n) 行 = 接受 \(a) 行 + 拒绝 \(bad) 行"), "stats html")
        // The other stats CSV tables (long, pivot, rules, units) are data tables without a counts row.
    }
}
