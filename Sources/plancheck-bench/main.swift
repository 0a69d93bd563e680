// plancheck-bench: times `plancheck check` (and `stats`) on generated scale inputs, side by side
// with peers doing the same work: DuckDB running the plan compiled by `plancheck sql`, and a
// Polars lazy query of the same rules × roster × periods (their findings compared with check's,
// untimed, once per order); and, for `stats`, DuckDB's and Polars' grouped count and sum.
//
//     swift build -c release && .build/release/plancheck-bench --quick
//
// It builds nothing: it runs the release binaries found next to itself (or in --bin). Inputs are
// generated with plancheck-gen into the work folder (default bench-out/) when missing. Each run is
// a child process started with posix_spawn and reaped with wait4, whose rusage gives the child's
// own peak resident set; wall time is the monotonic clock around spawn and reap. Runs of the
// tools are interleaved (check, stats, DuckDB, check, …) after one warm-up each, so a drift of the
// machine's speed touches all of them alike; medians are printed, with ratios.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var records = 10_000_000
    var units = 20_000
    var runs = 5
    var threads: Int? = nil
    var out = "bench-out"
    var bin: String? = nil
    var plan = "Checks/000-street-party-building-2022.csv"
    var format = "csv"
    var duckdb = true
    var polars = true
    var stats = true
    var orders = ["date"]
}

/// The record orders plancheck-gen writes (`--order`).
let allOrders = ["date", "reverse", "unit", "random"]

let usage = """
USAGE: plancheck-bench [--quick] [--records N] [--units U] [--runs N] [--threads T]
                       [--out DIR] [--bin DIR] [--plan FILE] [--format csv|text|json] [--no-duckdb] [--no-polars]
                       [--no-stats] [--order date|reverse|unit|random|all]

  --records N   records to generate (default 10000000; --quick: 1000000)
  --units U     units in the generated roster (default 20000)
  --runs N      counted runs of each tool (default 5), after one warm-up each
  --threads T   passed to plancheck as --threads, and to DuckDB as its thread count
  --out DIR     work folder for generated inputs (default bench-out/, gitignored)
  --bin DIR     folder holding the release plancheck and plancheck-gen (default: next to this program)
  --plan FILE   plan to check (default Checks/000-street-party-building-2022.csv; its 龙门街道
                党工委/纪工委 names are replaced by the generated roster's)
  --format F    plancheck's report format on standard output, sent to /dev/null (default csv)
  --order O     record order of the generated input: date (default), reverse, unit (grouped by unit),
                random, or all (each in turn, the same records; a summary table per order at the end)

"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("plancheck-bench: " + message + "\n").utf8))
    exit(2)
}

func parseOptions() -> Options {
    var o = Options()
    var args = Array(CommandLine.arguments.dropFirst())
    func value(_ name: String) -> String {
        guard !args.isEmpty else { fail("\(name) needs a value") }
        return args.removeFirst()
    }
    func number(_ name: String) -> Int {
        let v = value(name)
        guard let n = Int(v.replacingOccurrences(of: "_", with: "")), n > 0 else { fail("\(name) expects a positive number, got '\(v)'") }
        return n
    }
    while !args.isEmpty {
        let a = args.removeFirst()
        switch a {
        case "--quick": o.records = 1_000_000
        case "--records": o.records = number(a)
        case "--units": o.units = number(a)
        case "--runs": o.runs = number(a)
        case "--threads": o.threads = number(a)
        case "--out": o.out = value(a)
        case "--bin": o.bin = value(a)
        case "--plan": o.plan = value(a)
        case "--format": o.format = value(a)
        case "--no-duckdb": o.duckdb = false
        case "--no-stats": o.stats = false
        case "--no-polars": o.polars = false
        case "--order":
            let v = value(a)
            if v == "all" { o.orders = allOrders } else if allOrders.contains(v) { o.orders = [v] } else { fail("--order expects date, reverse, unit, random or all, got '\(v)'") }
        case "-h", "--help": print(usage, terminator: ""); exit(0)
        default: fail("unknown option '\(a)'\n" + usage)
        }
    }
    if o.units < 3 { fail("--units must be at least 3") }
    return o
}

/// One finished child: wall seconds, user+system CPU seconds, peak RSS in KiB, exit status.
struct Sample {
    var wall: Double
    var cpu: Double
    var maxRSSKiB: Int
    var status: Int32
}

/// Runs `argv` with standard output (and, unless `keepStderr`, standard error) to /dev/null;
/// measures it with wait4's rusage of that one child.
func measure(_ argv: [String], keepStderr: Bool = true, stdout: String = "/dev/null") -> Sample {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if !keepStderr { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
    let cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for p in cargs { free(p) } }
    var pid: pid_t = 0
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let rc = posix_spawnp(&pid, argv[0], &actions, nil, cargs, environ)
    if rc != 0 { fail("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { fail("wait4: \(String(cString: strerror(errno)))") }
    }
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    let exited = (status & 0x7F) == 0
    return Sample(wall: wall, cpu: cpu, maxRSSKiB: usage.ru_maxrss, status: exited ? (status >> 8) & 0xFF : -1)
}

/// Runs a command and returns its standard output (for version checks and the generator).
func capture(_ argv: [String]) -> (status: Int32, out: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = argv
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return (-1, "") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    if s.isEmpty { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

func group(_ n: Int) -> String {
    let s = String(n)
    var out = ""
    for (i, c) in s.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return String(out.reversed())
}

// MARK: - Inputs

let opts = parseOptions()
let fm = FileManager.default
let selfDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
let binDir = opts.bin ?? selfDir
let plancheck = binDir + "/plancheck"
let gen = binDir + "/plancheck-gen"
for b in [plancheck, gen] where !fm.isExecutableFile(atPath: b) {
    fail("\(b) not found; build first: swift build -c release (or give --bin DIR)")
}
if !binDir.contains("release") {
    FileHandle.standardError.write(Data("plancheck-bench: warning: \(binDir) does not look like a release build; figures will be slow\n".utf8))
}

/// The generated input of one order (made when missing).
@MainActor func dataDir(_ order: String) -> String {
    let dir = "\(opts.out)/r\(opts.records)-u\(opts.units)-\(order)"
    if !["activities.csv", "roster-units.csv", "roster-people.csv"].allSatisfy({ fm.fileExists(atPath: dir + "/" + $0) }) {
        print("generating \(group(opts.records)) records for \(group(opts.units)) units in \(order) order into \(dir) …")
        try? fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let g = measure([gen, "scale", "--records", String(opts.records), "--units", String(opts.units), "--out", dir, "--order", order])
        if g.status != 0 { fail("plancheck-gen failed (exit \(g.status))") }
    }
    return dir
}
let rosterUnits = dataDir(opts.orders[0]) + "/roster-units.csv"
let rosterPeople = dataDir(opts.orders[0]) + "/roster-people.csv"

/// The scale roster's 党工委 and 纪工委 (the generator names them after its own street).
func committeeNames() -> (party: String, discipline: String) {
    guard let text = try? String(contentsOfFile: rosterUnits, encoding: .utf8) else { fail("cannot read \(rosterUnits)") }
    var party = "", discipline = ""
    for line in text.split(separator: "\n").dropFirst() {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard cells.count >= 2 else { continue }
        if cells[1] == "党工委" && party.isEmpty { party = cells[0] }
        if cells[1] == "纪工委" && discipline.isEmpty { discipline = cells[0] }
    }
    if party.isEmpty || discipline.isEmpty { fail("\(rosterUnits) names no 党工委 or no 纪工委") }
    return (party, discipline)
}

guard let planText = try? String(contentsOfFile: opts.plan, encoding: .utf8) else {
    fail("cannot read the plan \(opts.plan); run from the repository root or give --plan")
}
let names = committeeNames()
var scalePlanText = planText.replacingOccurrences(of: "龙门街道党工委", with: names.party)
scalePlanText = scalePlanText.replacingOccurrences(of: "龙门街道纪工委", with: names.discipline)
let planBase = URL(fileURLWithPath: opts.plan).deletingPathExtension().lastPathComponent
let scalePlan = "\(opts.out)/\(planBase)-scale.csv"   // keeps the year in the name (the plan's year comes from it)
if (try? String(contentsOfFile: scalePlan, encoding: .utf8)) != scalePlanText {
    do { try scalePlanText.write(toFile: scalePlan, atomically: true, encoding: .utf8) } catch { fail("cannot write \(scalePlan)") }
}

// MARK: - Tools

/// One timed command. `peerOf` names the tool whose wall time it is compared with (× check), and
/// `statsPeer` marks the grouped counts compared with `stats` too. `compareArgs` are added in the
/// untimed comparison run (the warm-up), whose standard output goes to `compareOut` when set.
struct Tool {
    var name: String
    var argv: [String]
    var okStatuses: Set<Int32>
    var peerOf = "check"
    var statsPeer = false
    var compareArgs: [String] = []
    var compareOut: String? = nil
    var samples: [Sample] = []
}

let threadArgs = opts.threads.map { ["--threads", String($0)] } ?? []
let common = ["--plan", scalePlan, "--roster", rosterUnits, "--roster", rosterPeople, "--as-of", "2022-12-31"]
var skipped: [String] = []
let statsWorks = opts.stats && capture([plancheck, "stats", "--help"]).status == 0
if opts.stats && !statsWorks { skipped.append("stats: `plancheck stats --help` does not exit 0 in this build; skipped") }

/// A Python peer's module version when the scripts and the module are there (else a note why not).
@MainActor func peer(_ enabled: Bool, _ module: String, _ scripts: [String]) -> String? {
    guard enabled else { return nil }
    for script in scripts where !fm.fileExists(atPath: script) {
        skipped.append("\(module): \(script) not found (run from the repository root); skipped"); return nil
    }
    if capture(["python3", "-c", "import \(module)"]).status != 0 {
        skipped.append("\(module): `python3 -c 'import \(module)'` fails (pip install \(module)); skipped"); return nil
    }
    return capture(["python3", "-c", "import \(module); print(\(module).__version__)"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
}
let duckdbVersion = peer(opts.duckdb, "duckdb", ["Benchmarks/duckdb_peer.py", "Benchmarks/duckdb_check_peer.py", "Benchmarks/compare_findings.py"])
let polarsVersion = peer(opts.polars, "polars", ["Benchmarks/polars_peer.py", "Benchmarks/polars_check_peer.py", "Benchmarks/compare_findings.py"])

/// The plan the Polars peer covers (Benchmarks/polars_check_peer.py --subset): the scale plan
/// itself when it covers every rule, else the plan without the rules it leaves out, which `check`
/// then runs too for that pair (the `check (Polars plan)` row).
let polarsPlan: String? = {
    guard polarsVersion != nil else { return nil }
    let subset = "\(opts.out)/\(planBase)-scale-polars-subset.csv"
    let r = capture(["python3", "Benchmarks/polars_check_peer.py", "--subset", scalePlan, subset])
    if r.status != 0 { fail("Benchmarks/polars_check_peer.py --subset \(scalePlan) failed") }
    let left = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
    if left.isEmpty { return scalePlan }
    skipped.append("polars check: covers a subset of the checkers; left out of its plan (and of the `check (Polars plan)` run): \(left)")
    return subset
}()

/// Runs an untimed step of the preparation; fails the bench when it fails.
func prepare(_ what: String, _ argv: [String], okStatuses: Set<Int32> = [0], stdout: String = "/dev/null") {
    let s = measure(argv, stdout: stdout)
    if !okStatuses.contains(s.status) { fail("\(what) failed (exit \(s.status)): \(argv.joined(separator: " "))") }
}

/// The tools run on one input, and the untimed preparation of the peers' inputs: the records
/// normalised once by `inspect --format csv` (as a warehouse holds its table) and the plan
/// compiled to DuckDB's SQL.
@MainActor func tools(for dir: String, _ activities: String) -> [Tool] {
    let cmp = dir + "/compare"
    try? fm.createDirectory(atPath: cmp, withIntermediateDirectories: true)
    var tools = [Tool(name: "check", argv: [plancheck, "check"] + common + ["--format", opts.format] + threadArgs + [activities],
                      okStatuses: [0, 1], compareArgs: ["--lang", "en"], compareOut: cmp + "/check.csv")]
    if statsWorks {
        tools.append(Tool(name: "stats", argv: [plancheck, "stats"] + common + ["--format", opts.format] + threadArgs + [activities],
                          okStatuses: [0, 1], statsPeer: true))
    }
    let peerThreads = opts.threads.map { ["--threads", String($0)] } ?? []
    if let v = duckdbVersion {
        let records = dir + "/records.csv", script = dir + "/check-duckdb.sql"
        if !fm.fileExists(atPath: records) {
            print("normalising \(activities) for DuckDB (plancheck inspect --format csv, untimed) …")
            prepare("plancheck inspect", [plancheck, "inspect", "--format", "csv", "--no-formula-guard", "-o", records + ".part", activities])
            try? fm.removeItem(atPath: records)
            do { try fm.moveItem(atPath: records + ".part", toPath: records) } catch { fail("cannot write \(records)") }
        }
        prepare("plancheck sql", [plancheck, "sql", "--dialect", "duckdb"] + common + ["--table", "activities", "--emit", "findings", "-o", script])
        tools.append(Tool(name: "duckdb \(v) check", argv: ["python3", "Benchmarks/duckdb_check_peer.py", script, records] + peerThreads,
                          okStatuses: [0], compareArgs: ["--out", cmp + "/duckdb"]))
    }
    if let v = polarsVersion, let plan = polarsPlan {
        var planArgs = common
        planArgs[1] = plan
        var peerOf = "check"
        if plan != scalePlan {
            peerOf = "check (Polars plan)"
            tools.append(Tool(name: peerOf, argv: [plancheck, "check"] + planArgs + ["--format", opts.format] + threadArgs + [activities],
                              okStatuses: [0, 1], compareArgs: ["--lang", "en"], compareOut: cmp + "/check-polars-plan.csv"))
        }
        tools.append(Tool(name: "polars \(v) check", argv: ["python3", "Benchmarks/polars_check_peer.py"] + planArgs + peerThreads + [activities],
                          okStatuses: [0], peerOf: peerOf, compareArgs: ["--out", cmp + "/polars"]))
    }
    if let v = duckdbVersion {
        tools.append(Tool(name: "duckdb \(v) count", argv: ["python3", "Benchmarks/duckdb_peer.py", activities] + peerThreads, okStatuses: [0], statsPeer: true))
    }
    if let v = polarsVersion {
        tools.append(Tool(name: "polars \(v) count", argv: ["python3", "Benchmarks/polars_peer.py", activities] + peerThreads, okStatuses: [0], statsPeer: true))
    }
    return tools
}

/// The untimed comparison after the warm-up: each check peer's findings against check's (rule,
/// unit, person, period, required, actual, status), and its data-quality counts judged by
/// `check --counts` against check's warnings.
@MainActor func compare(_ dir: String, _ tools: [Tool]) -> [String] {
    let cmp = dir + "/compare"
    var lines: [String] = []
    for (peer, native, plan) in [("duckdb", "check.csv", scalePlan), ("polars", polarsPlan == scalePlan ? "check.csv" : "check-polars-plan.csv", polarsPlan ?? "")]
    where tools.contains(where: { $0.name.hasPrefix(peer) && $0.name.hasSuffix(" check") }) {
        var planArgs = common
        planArgs[1] = plan
        let fromCounts = "\(cmp)/\(peer)/from-counts.csv"
        prepare("check --counts (\(peer))", [plancheck, "check"] + planArgs + ["--counts", "\(cmp)/\(peer)/quality.csv", "--lang", "en", "--format", "csv"],
                okStatuses: [0, 1], stdout: fromCounts)
        let r = capture(["python3", "Benchmarks/compare_findings.py", "\(cmp)/\(native)", "\(cmp)/\(peer)/findings.csv", fromCounts])
        let line = "\(peer) check findings vs check: " + r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        print(line)
        if r.status != 0 { fail("the \(peer) peer's findings differ from check's (files in \(cmp)); its timings would compare different work") }
        lines.append(line)
    }
    return lines
}

// MARK: - Runs

func cpuModel() -> String {
    guard let t = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "?" }
    for line in t.split(separator: "\n") where line.hasPrefix("model name") {
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
    }
    return "?"
}

func memTotal() -> String {
    guard let t = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return "?" }
    for line in t.split(separator: "\n") where line.hasPrefix("MemTotal:") {
        let kb = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        return "\(fmt(Double(kb) / 1_048_576, 1)) GiB"
    }
    return "?"
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "?"
}

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores · \(cpuModel()) · \(memTotal()) RAM · load average \(loadAverage())")
for s in skipped { print("note: " + s) }

/// One row of the summary: medians, and the pairwise ratios to the tool it is compared with.
struct ResultRow {
    var tool: String
    var wall: Double
    var cpu: Double
    var rss: Int
    var vsCheck: Double
    var vsStats: Double?
}
/// One order's results.
struct OrderResult {
    var order: String
    var rows: [ResultRow]
    var comparisons: [String]
}
var results: [OrderResult] = []

/// Median of the pairwise ratios of `a`'s wall times to `b`'s (runs are interleaved: pair i ran
/// in the same round).
func pairRatio(_ a: Tool, _ b: Tool) -> (median: Double, min: Double, max: Double) {
    let pairs = zip(a.samples.map(\.wall), b.samples.map(\.wall)).map { $0 / $1 }
    return (median(pairs), pairs.min() ?? .nan, pairs.max() ?? .nan)
}

for order in opts.orders {
let dir = dataDir(order)
let activities = dir + "/activities.csv"
let inputBytes = (try? fm.attributesOfItem(atPath: activities)[.size] as? Int) ?? 0
var tools = tools(for: dir, activities)
let mb = Double(inputBytes) / 1_000_000
print("")
print("input (\(order) order): \(activities): \(group(opts.records)) records, \(fmt(mb, 1)) MB; \(group(opts.units)) units; plan \(scalePlan); \(opts.runs) runs after 1 warm-up (the comparison run), interleaved; load average \(loadAverage())")

var comparisons: [String] = []
for round in 0...opts.runs {
    for i in tools.indices {
        let warm = round == 0
        let s = measure(tools[i].argv + (warm ? tools[i].compareArgs : []), stdout: warm ? (tools[i].compareOut ?? "/dev/null") : "/dev/null")
        if !tools[i].okStatuses.contains(s.status) {
            fail("\(tools[i].name) exited with status \(s.status): \(tools[i].argv.joined(separator: " "))")
        }
        if !warm { tools[i].samples.append(s) }
        print(warm ? "  warm-up \(tools[i].name): \(fmt(s.wall)) s" : "  run \(round) \(tools[i].name): \(fmt(s.wall)) s, \(s.maxRSSKiB / 1024) MiB")
    }
    if round == 0 { comparisons = compare(dir, tools) }
}

// MARK: - Results

print("")
func row(_ cells: [String]) -> String {
    let widths = [26, 9, 9, 9, 9, 12, 8, 10]
    return cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
        return i == 0 ? c + pad : pad + c
    }.joined(separator: " ")
}
print(row(["tool", "median s", "min s", "max s", "cpu s", "rows/s", "MB/s", "peak RSS"]))
for t in tools {
    let walls = t.samples.map(\.wall)
    let m = median(walls)
    let rssMedian = median(t.samples.map { Double($0.maxRSSKiB) })
    print(row([t.name, fmt(m), fmt(walls.min() ?? 0), fmt(walls.max() ?? 0), fmt(median(t.samples.map(\.cpu))),
               group(Int(Double(opts.records) / m)), fmt(mb / m, 0), "\(Int(rssMedian / 1024)) MiB"]))
}
print("")
let byName = Dictionary(tools.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
let stats = byName["stats"]
var rows: [ResultRow] = []
for t in tools {
    let base = byName[t.peerOf] ?? tools[0]
    let vs = pairRatio(t, base)
    let vsStats = t.statsPeer ? stats.map { pairRatio(t, $0).median } : nil
    rows.append(ResultRow(tool: t.name, wall: median(t.samples.map(\.wall)), cpu: median(t.samples.map(\.cpu)),
                          rss: (t.samples.map(\.maxRSSKiB).max() ?? 0) / 1024, vsCheck: vs.median, vsStats: vsStats))
    if t.name != base.name {
        print("\(t.name) wall / \(base.name) wall: \(fmt(vs.median))× (pairwise median, range \(fmt(vs.min))–\(fmt(vs.max))×)")
    }
}
if stats != nil {
    for t in tools where t.statsPeer && t.name != "stats" {
        let vs = pairRatio(t, stats!)
        print("\(t.name) wall / stats wall: \(fmt(vs.median))× (pairwise median, range \(fmt(vs.min))–\(fmt(vs.max))×)")
    }
}
print("check peak RSS (largest run): \((tools[0].samples.map(\.maxRSSKiB).max() ?? 0) / 1024) MiB")
results.append(OrderResult(order: order, rows: rows, comparisons: comparisons))
}

// MARK: - Summary

print("")
print("summary: \(group(opts.records)) records, \(group(opts.units)) units; medians of \(opts.runs) interleaved runs; load average at the end \(loadAverage())")
print("× check: median of the pairwise ratios tool wall / wall of the check running the same plan (above 1: slower than check);")
print("× stats: the same against stats, for stats and its peers (the grouped counts)")
print("")
print("| order | tool | wall s | CPU s | peak RSS | × check | × stats |")
print("|---|---|---|---|---|---|---|")
for r in results {
    for row in r.rows {
        print("| \(r.order) | \(row.tool) | \(fmt(row.wall)) | \(fmt(row.cpu)) | \(row.rss) MiB | \(fmt(row.vsCheck)) | \(row.vsStats.map { fmt($0) } ?? "") |")
    }
}
print("")
for r in results {
    for c in r.comparisons { print("\(r.order): \(c)") }
}
