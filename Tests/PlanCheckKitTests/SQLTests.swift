import Foundation
import Testing
@testable import PlanCheckKit

/// `plancheck sql` and `check --counts`, without any engine: golden scripts per dialect (the
/// engines run them in Tests/Conformance/run.sh), refusals, and counts turned back into the same
/// findings as a native run. Regenerate the scripts with `UPDATE_GOLDEN=1 swift test --filter SQL`
/// and review the diff.
@Suite("SQL compiler and counts")
struct SQLTests {
    static let golden = TestSupport.root + "/Tests/Golden/sql/"
    static let fixture = golden + "fixture/"
    static let base = ["sql", "--plan", fixture + "plan-2022.csv", "--roster", fixture + "roster-units.csv",
                       "--roster", fixture + "roster-people.csv", "--as-of", "2022-05-16"]

    static func compare(_ name: String, _ text: String) { TestSupport.compareGolden(text, to: golden + name) }

    static func script(_ dialect: SQLDialect, _ extra: [String]) -> String {
        let table = dialect == .duckdb ? "records.csv" : "warehouse.activities"
        let (code, out, err) = TestSupport.run(base + ["--dialect", dialect.rawValue, "--table", table] + extra)
        #expect(code == 0, "\(err)")
        return out.replacingOccurrences(of: TestSupport.root + "/", with: "")
    }

    @Test(arguments: SQLDialect.allCases)
    func countsScript(_ d: SQLDialect) { Self.compare("\(d.rawValue)-counts.sql", Self.script(d, [])) }

    @Test(arguments: SQLDialect.allCases)
    func findingsScript(_ d: SQLDialect) {
        Self.compare("\(d.rawValue)-findings.sql", Self.script(d, ["--emit", "findings", "--only-shortfalls"]))
    }

    /// The engine gets the calendar as literals and never computes a date itself.
    @Test(arguments: SQLDialect.allCases)
    func noEngineDateFunctions(_ d: SQLDialect) {
        let s = Self.script(d, ["--emit", "findings"]).lowercased()
        for f in ["date_trunc", "date_part", "extract(", "week(", "weekofyear", "quarter(", "month(", "year(", "to_date",
                  "current_date", "now()", "date_add", "datediff", "interval", "regexp", "dayofweek"] {
            #expect(!s.contains(f), "\(d): the script calls \(f)")
        }
        // Names in lead and target are split only on the literal '/' the separators became.
        var rest = Substring(s)
        while let r = rest.range(of: "split(") {
            let call = rest[r.upperBound...].prefix(while: { $0 != "\n" })
            #expect((call.hasPrefix("replace(") && call.contains("), '/')")) || call.hasPrefix("'"), "\(d): split(\(call.prefix(60))")
            rest = rest[r.upperBound...]
        }
        // Every slot of the weekly rule is shipped: ISO 2022 has 52 weeks, cut at the year's edges
        // (W01 from 2022-01-01, W52 to 2022-12-31), as the engine counts them.
        #expect(s.contains("'g-06', 5, '2022-w01', 0, '2022-01-01', '2022-01-09'"))
        #expect(s.contains("'2022-w52', 51, '2022-12-26', '2022-12-31'"))
    }

    /// A roster of more than a few units is shipped as one string literal per table, split by the
    /// engine (a VALUES list of 20,000 rows took DuckDB seconds to bind); a name holding the
    /// separator keeps the VALUES form.
    @Test(arguments: SQLDialect.allCases)
    func largeRosterIsPacked(_ d: SQLDialect) {
        let dir = TestSupport.tempDir("sql-packed")
        let units = (1...40).map { "第\($0)支部,社区党支部," }
        let roster = dir + "/units.csv", odd = dir + "/odd.csv"
        try? (["name,kind,parent", "甲街道党工委,党工委,"] + units).joined(separator: "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        try? (["name,kind,parent", "甲街道党工委,党工委,", "乙|丙支部,社区党支部,"] + units).joined(separator: "\n").write(toFile: odd, atomically: true, encoding: .utf8)
        let plan = Self.fixture + "plan-2022.csv"
        func sql(_ r: String) -> String {
            TestSupport.run(["sql", "--dialect", d.rawValue, "--plan", plan, "--roster", r, "--as-of", "2022-12-31", "--table", "t"]).1
        }
        let packed = sql(roster), kept = sql(odd)
        #expect(packed.contains(d.literal("甲街道党工委|党工委|\n第1支部|社区党支部|\n第2支部|社区党支部|").dropLast()), "\(d)")
        #expect(packed.contains("split_part(r, '|', 2) AS kind, ord FROM"), "\(d)")
        #expect(!packed.contains(d.literal("第40支部") + ", " + d.literal("社区党支部")), "\(d)")
        #expect(kept.contains(d.literal("乙|丙支部") + ", " + d.literal("社区党支部")), "\(d)")
        #expect(!kept.contains("split_part(r, '|'"), "\(d)")
    }

    @Test func literalsAreEscapedPerDialect() {
        #expect(SQLDialect.postgres.literal("a'b\\c") == "'a''b\\c'")
        #expect(SQLDialect.spark.literal("a'b\\c") == "'a\\'b\\\\c'")
        #expect(SQLDialect.trino.column("da\"te") == "\"da\"\"te\"")
        #expect(SQLDialect.spark.column("date") == "`date`")
    }

    /// The calendar half of a status, as shipped, decides exactly as the engine's status rule.
    @Test(arguments: ["2022-01-01", "2022-02-15", "2022-03-17", "2022-03-31", "2022-04-01", "2022-12-31", "2023-01-05"])
    func phaseMatchesStatus(_ asOf: String) {
        let a = Day.parseISO(asOf)!, yearEnd = Day.parseISO("2022-12-31")!
        for slot in PeriodSlot.slots(.quarter, year: 2022) + PeriodSlot.slots(.month, year: 2022) {
            for required in [1, 3, 12] {
                let p = PeriodPhase(required: required, start: slot.start, end: slot.end, asOf: a, yearEnd: yearEnd)
                for actual in 0...required {
                    let s = p.status(actual: actual, required: required)
                    // The documented rule, written out independently.
                    let want: Status
                    if actual >= required { want = .met }
                    else if a >= slot.end || a >= yearEnd { want = .missed }
                    else if a < slot.start { want = .upcoming }
                    else if slot.start == a { want = .onTrack }
                    else {
                        let gone = slot.start.days(to: a), length = slot.length, left = a.days(to: slot.end) + 1
                        want = actual < required * gone / length || left <= min(14, length / 2) ? .atRisk : .onTrack
                    }
                    #expect(s == want, "\(slot.label) as of \(asOf): \(actual)/\(required)")
                }
            }
        }
    }

    @Test(arguments: [
        ("G-X,x,coverage,巡察,,1,,role:党工委委员,,,社区党支部,,x,x", true, "G-X"),
        ("G-X,x,count,党课,,1,year,kind:社区党支部,,,,,x,x", false, "G-X"),
        ("G-X,x,coverage,巡察,,1,,org:甲街道党工委,,,社区党支部,,x,x", false, "G-X"),
        ("G-X,x,windows,党课,,1,,org:甲街道党工委,,甲:01-01..03-31;甲:06-01..06-30,,,x,x", true, "G-X"),
    ])
    func refusesWhatSQLCannotExpress(_ row: String, _ withRoster: Bool, _ rule: String) {
        let dir = TestSupport.tempDir("sql-refuse")
        let plan = TestSupport.write("id,title,checker,types,keywords,threshold,period,scope,deadline,windows,target_kind,field,clause,source\n" + row + "\n",
                                     name: "plan-2022.csv", dir: dir)
        let roster = withRoster ? ["--roster", Self.fixture + "roster-units.csv", "--roster", Self.fixture + "roster-people.csv"] : []
        let (code, out, err) = TestSupport.run(["sql", "--dialect", "duckdb", "--plan", plan, "--as-of", "2022-12-31", "--table", "t"] + roster)
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains("规则 \(rule) 无法编译为 SQL"), "\(err)")
    }

    @Test func pathsOnlyWhereTheEngineReadsThem() {
        let (code, _, err) = TestSupport.run(Self.base + ["--dialect", "postgres", "--table", "/data/records.csv"])
        #expect(code == 2)
        #expect(err.contains("/data/records.csv"))
        #expect(TestSupport.run(Self.base + ["--dialect", "spark", "--table", "/data/records.parquet"]).code == 0)
        #expect(TestSupport.run(Self.base + ["--dialect", "duckdb", "--table", "/data/records.parquet"]).code == 0)
        #expect(TestSupport.run(Self.base + ["--dialect", "oracle", "--table", "t"]).code == 2)
        #expect(TestSupport.run(Self.base + ["--dialect", "duckdb", "--table", "t", "--only-shortfalls"]).code == 2)
    }

    // MARK: - check --counts

    static let sample = TestSupport.root + "/SampleData/"
    static let samplePlans = ["--plan", TestSupport.root + "/Checks/000-street-party-building-2022.csv",
                              "--plan", TestSupport.root + "/Checks/001-street-office-party-committee-2022.csv",
                              "--roster", sample + "roster-units.csv", "--roster", sample + "roster-people.csv"]

    /// The findings of a JSON report without what only a native run has (evidence), in a stable order.
    static func findings(_ json: String) throws -> [String] {
        let d = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return (d["findings"] as! [[String: Any]]).map { f in
            var f = f
            f["evidence"] = nil
            let data = try! JSONSerialization.data(withJSONObject: f, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }.sorted()
    }

    /// Counts as an engine would send them, worked out here independently from the sample's
    /// records (the rule cells from the native report's numbers, the warnings from the records).
    static func counts(nativeJSON: String, asOf: String) throws -> String {
        var out = "kind,rule,org,person,period,count,sum\n"
        func q(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        let d = try JSONSerialization.jsonObject(with: Data(nativeJSON.utf8)) as! [String: Any]
        for f in d["findings"] as! [[String: Any]] where f["checker"] as! String != "quality" {
            let n = f["evidenceCount"] as! Int
            if n == 0 { continue }
            out += ["cell", f["rule"] as! String, f["org"] as! String, f["person"] as! String, f["period"] as! String,
                    String(n), String(f["actual"] as! Int)].map(q).joined(separator: ",") + "\n"
        }
        let c = d["counts"] as! [String: Any]
        out += "input,,,,,\(c["rowsRead"] as! Int),\(c["rejected"] as! Int)\n"
        let counted = Set(try PlanReader.read([TestSupport.root + "/Checks/000-street-party-building-2022.csv",
                                               TestSupport.root + "/Checks/001-street-office-party-committee-2022.csv"]).rules.flatMap(\.types))
        let roster = Set(try Roster.read([sample + "roster-units.csv"]).units.map(\.name))
        var seen = Set<[String]>(), dup: [String: Int] = [:], unknown: [String: Int] = [:], types: [String: Int] = [:]
        var after: [String: Int] = [:], outside: [String: Int] = [:]
        for file in ["app-export-2022.csv", "branch-baoshengsi-2022.csv", "excel-gbk-2022.csv"] {
            for r in try TestSupport.records(sample + "records/" + file).rows {
                // (id, date, org, type, participants, title, lead, target, line)
                let (date, org, type) = (r[1], r[2], r[3])
                if !seen.insert([date, org, type, r[5]]).inserted { dup[org, default: 0] += 1 }
                if !roster.contains(org) { unknown[org, default: 0] += 1 }
                if !counted.contains(type) { types[type, default: 0] += 1 }
                if !date.hasPrefix("2022-") { outside[org, default: 0] += 1 } else if date > asOf { after[org, default: 0] += 1 }
            }
        }
        for (kind, table) in [("duplicate", dup), ("unknown-unit", unknown), ("outside-year", outside), ("after-as-of", after)] {
            for (org, n) in table.sorted(by: { $0.key < $1.key }) { out += "\(kind),,\(q(org)),,,\(n),0\n" }
        }
        // Repeated header lines (one per statement's result) are skipped.
        out += "kind,rule,org,person,period,count,sum\n"
        for (t, n) in types.sorted(by: { $0.key < $1.key }) { out += "uncounted-type,\(q(t)),,,,\(n),0\n" }
        return out
    }

    @Test(arguments: ["2022-01-01", "2022-05-16", "2022-09-16", "2022-12-31", "2023-02-01"])
    func countsGiveTheNativeReport(_ asOf: String) throws {
        let args = ["check"] + Self.samplePlans + ["--as-of", asOf, "--format", "json"]
        let native = TestSupport.run(args + [Self.sample + "records"])
        let file = TestSupport.write(try Self.counts(nativeJSON: native.out, asOf: asOf), name: "counts.csv")
        let back = TestSupport.run(args + ["--counts", file])
        #expect(back.code == native.code, "\(back.err)")
        let a = try Self.findings(native.out), b = try Self.findings(back.out)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x != y { Issue.record("native \(x)\n counts \(y)"); break }
        // The same exit code, text report totals and CSV rows (but the evidence column).
        let text = TestSupport.run(["check"] + Self.samplePlans + ["--as-of", asOf, "--counts", file])
        #expect(text.out.contains("合计："))
        let nativeTotal = TestSupport.run(["check"] + Self.samplePlans + ["--as-of", asOf, Self.sample + "records"]).out
            .split(separator: "\n").last { $0.hasPrefix("合计：") }
        #expect(text.out.split(separator: "\n").last { $0.hasPrefix("合计：") } == nativeTotal)
    }

    /// `Tests/Golden/sql/sample-counts-2022-11-21.csv` is what DuckDB sent back for the sample
    /// (`inspect --format csv` → `sql --dialect duckdb` → `Benchmarks/sql_runner.py`): it gives the
    /// native report, but the evidence.
    @Test func engineCountsGiveTheNativeReport() throws {
        let args = ["check"] + Self.samplePlans + ["--as-of", "2022-11-21", "--format", "json"]
        let native = TestSupport.run(args + [Self.sample + "records"])
        let back = TestSupport.run(args + ["--counts", Self.golden + "sample-counts-2022-11-21.csv"])
        #expect(back.code == native.code && back.code == 1, "\(back.err)")
        #expect(try Self.findings(native.out) == Self.findings(back.out))
    }

    @Test(arguments: [
        ("cell,S999-01,龙门街道党工委,,2022,1,0", "S999-01", 2),
        ("cell,S000-01,无此单位,,2022,1,0", "无此单位", 3),
        ("cell,S000-01,龙门街道党工委,,2022-Q5,1,0", "2022-Q5", 5),
        ("cell,S000-01,龙门街道党工委,,2022,many,0", "many", 6),
        ("total,S000-01,龙门街道党工委,,2022,1,0", "total", 1),
    ])
    func badCountsNameLineAndColumn(_ row: String, _ mention: String, _ column: Int) {
        let file = TestSupport.write("kind,rule,org,person,period,count,sum\n" + row + "\n", name: "counts.csv")
        let (code, out, err) = TestSupport.run(["check"] + Self.samplePlans + ["--as-of", "2022-12-31", "--counts", file])
        #expect(code == 2)
        #expect(out.isEmpty)
        #expect(err.contains("\(file):2:\(column):"), "\(err)")
        #expect(err.contains(mention))
    }

    @Test func countsAndRecordFilesDoNotMix() {
        let file = TestSupport.write("kind,rule,org,person,period,count,sum\n", name: "counts.csv")
        let (code, _, err) = TestSupport.run(["check"] + Self.samplePlans + ["--counts", file, Self.sample + "records"])
        #expect(code == 2)
        #expect(err.contains("--counts"))
    }
}
