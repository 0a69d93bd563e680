import Foundation
import Testing
@testable import PlanCheckKit

/// The findings do not depend on the order of the input: the sample app export (with extra exact
/// copies of some rows, so that there are duplicates) in date order, shuffled, reversed and grouped
/// by unit, read on one thread and on two, gives in every report format the same findings and
/// cites the same records — compared after mapping each `file:line` back to the record's text.
///
/// Evidence is compared with a cap above every finding's count (so each finding cites all its
/// records, whatever their order); duplicates are cited by the smallest day and fingerprint, so
/// those are the same under the default cap too (``DuplicateDetectionTests``).
@Suite("order independence") struct OrderIndependenceTests {
    /// The records of a CSV text (header first), each with its text and first physical line.
    static func records(_ text: String) -> [(text: String, line: Int)] {
        var out: [(String, Int)] = []
        var current = "", quoted = false, line = 1, start = 1
        for c in text {
            if c == "\"" { quoted.toggle() }
            if (c == "\n" || c == "\r\n") && !quoted {
                out.append((current, start))
                current = ""
                line += 1
                start = line
                continue
            }
            if c == "\n" || c == "\r\n" { line += 1 }
            current.append(c)
        }
        if !current.isEmpty { out.append((current, start)) }
        return out
    }

    /// The third field (org) of a record of the app export.
    static func org(_ record: String) -> String {
        var fields: [String] = [], cell = "", quoted = false
        for c in record {
            if c == "\"" { quoted.toggle(); continue }
            if c == "," && !quoted { fields.append(cell); cell = ""; continue }
            cell.append(c)
        }
        fields.append(cell)
        return fields.count > 2 ? fields[2] : ""
    }

    /// The sample export plus exact copies (new ids) of every 25th row.
    static func baseRows() throws -> (header: String, rows: [String]) {
        let text = try String(contentsOfFile: TestSupport.root + "/SampleData/records/app-export-2022.csv", encoding: .utf8)
        let all = records(text).map(\.text)
        var rows = Array(all.dropFirst())
        for (i, r) in rows.enumerated() where i % 25 == 3 {
            rows.append("COPY-\(i)" + r.drop { $0 != "," })
        }
        // Back to date order (the copies among their originals); ties keep their place.
        let dated = rows.enumerated().sorted { a, b in
            let da = a.element.split(separator: ",")[1].prefix(10), db = b.element.split(separator: ",")[1].prefix(10)
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
        return (all[0], dated)
    }

    /// Runs `check` on `rows` written to `path` and returns each format's report, with every
    /// citation of the input replaced by the cited record's text, the citations of a line sorted,
    /// and the lines sorted.
    static func reports(_ header: String, _ rows: [String], path: String, threads: Int, extra: [String] = []) throws -> [String: [String]] {
        let text = ([header] + rows).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var byLine: [Int: String] = [:]
        for r in records(text) { byLine[r.line] = r.text }
        let base = ["check", "--plan", TestSupport.root + "/Checks/000-street-party-building-2022.csv",
                    "--roster", TestSupport.root + "/SampleData/roster-units.csv", "--roster", TestSupport.root + "/SampleData/roster-people.csv",
                    "--as-of", "2022-12-31", "--evidence-cap", "1000", "--threads", String(threads), "--lang", "en"] + extra
        var out: [String: [String]] = [:]
        let html = path + ".html"
        for format in ["text", "csv", "json"] {
            let r = TestSupport.run(base + ["--format", format, "--show-evidence", path])
            #expect(r.code == 0 || r.code == 1, "\(format): \(r.err)")
            out[format] = canonical(r.out, path: path, byLine: byLine)
        }
        // With the default cap of 3, the duplicates of a unit with more are still cited alike.
        let capped = TestSupport.run(base.filter { $0 != "--evidence-cap" && $0 != "1000" } + ["--format", "csv", path])
        out["csv, default cap, quality"] = canonical(capped.out, path: path, byLine: byLine).filter { $0.hasPrefix("quality,") }
        let r = TestSupport.run(base + ["-o", html, "--quiet", path])
        #expect(r.code == 0 || r.code == 1, "html: \(r.err)")
        out["html"] = canonical(try String(contentsOfFile: html, encoding: .utf8), path: path, byLine: byLine)
        return out
    }

    static func canonical(_ report: String, path: String, byLine: [Int: String]) -> [String] {
        // `file:line` citations, and the JSON report's rejected rows' `"line": n`.
        let pattern = try! NSRegularExpression(pattern: "(?:" + NSRegularExpression.escapedPattern(for: path) + ":|\"line\": )([0-9]+)(#[A-Za-z0-9-]+)?")
        return report.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            let s = String(line)
            let ns = s as NSString
            let matches = pattern.matches(in: s, range: NSRange(location: 0, length: ns.length))
            guard !matches.isEmpty else { return s }
            let cited = matches.map { m -> String in
                let n = Int(ns.substring(with: m.range(at: 1)))!
                // The record's text without its id, which differs between a row and its copy.
                return "⟨" + String((byLine[n] ?? "?#\(n)").drop { $0 != "," }) + "⟩"
            }.sorted()
            var result = "", last = 0
            for (m, c) in zip(matches, cited) {
                result += ns.substring(with: NSRange(location: last, length: m.range.location - last)) + c
                last = m.range.location + m.range.length
            }
            return result + ns.substring(from: last)
        }.sorted()
    }

    @Test("every order, one thread or two, every format: the same findings and cited records")
    func sameFindingsInEveryOrder() throws {
        let (header, dated) = try Self.baseRows()
        let path = TestSupport.tempDir("order") + "/activities.csv"
        let expected = try Self.reports(header, dated, path: path, threads: 1)
        #expect(expected["csv, default cap, quality"]!.contains { $0.components(separatedBy: "⟨").count > 3 }, "a unit has three cited duplicates")
        var state: UInt64 = 2022
        var shuffled = dated
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            shuffled.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        let byUnit = dated.enumerated().sorted { (Self.org($0.element), $0.offset) < (Self.org($1.element), $1.offset) }.map(\.element)
        // With a duplicate table of 16 keys, days move out to temporary files at once and most
        // records' duplicate check waits for them (DuplicateTable): the same findings.
        let spill = ["--max-duplicate-keys", "16"]
        let orders: [(String, [String], [String])] = [
            ("date", dated, []), ("reversed", dated.reversed(), []), ("shuffled", shuffled, []), ("by unit", byUnit, []),
            ("date, 16 keys", dated, spill), ("shuffled, 16 keys", shuffled, spill), ("by unit, 16 keys", byUnit, spill),
        ]
        for (name, rows, extra) in orders {
            for threads in [1, 2] {
                let got = try Self.reports(header, rows, path: path, threads: threads, extra: extra)
                for format in expected.keys.sorted() {
                    let a = expected[format]!, b = got[format]!
                    let only = (a.filter { !b.contains($0) }.prefix(3), b.filter { !a.contains($0) }.prefix(3))
                    let same = a == b
                    #expect(same, "\(name), --threads \(threads), \(format): only in date order \(Array(only.0)); only here \(Array(only.1))")
                }
            }
        }
    }
}
