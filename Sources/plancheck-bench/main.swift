// plancheck-bench: times `plancheck check` (and `stats`) on generated scale inputs, side by side
// with DuckDB running the equivalent grouped count and sum over the same file.
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
func measure(_ argv: [String], keepStderr: Bool = true) -> Sample {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
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

struct Tool {
    var name: String
    var argv: [String]
    var okStatuses: Set<Int32>
    var samples: [Sample] = []
}

let threadArgs = opts.threads.map { ["--threads", String($0)] } ?? []
let common = ["--plan", scalePlan, "--roster", rosterUnits, "--roster", rosterPeople, "--as-of", "2022-12-31"]
var skipped: [String] = []
let statsWorks = opts.stats && capture([plancheck, "stats", "--help"]).status == 0
if opts.stats && !statsWorks { skipped.append("stats: `plancheck stats --help` does not exit 0 in this build; skipped") }

/// A Python peer script when it and its module are there (else a note why not), with the module's version.
@MainActor func peer(_ enabled: Bool, _ module: String, _ script: String) -> String? {
    guard enabled else { return nil }
    if !fm.fileExists(atPath: script) {
        skipped.append("\(module): \(script) not found (run from the repository root); skipped"); return nil
    }
    if capture(["python3", "-c", "import \(module)"]).status != 0 {
        skipped.append("\(module): `python3 -c 'import \(module)'` fails (pip install \(module)); skipped"); return nil
    }
    return capture(["python3", "-c", "import \(module); print(\(module).__version__)"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
}
let duckdbVersion = peer(opts.duckdb, "duckdb", "Benchmarks/duckdb_peer.py")
let polarsVersion = peer(opts.polars, "polars", "Benchmarks/polars_peer.py")

/// The tools run on one input.
@MainActor func tools(for activities: String) -> [Tool] {
    var tools = [Tool(name: "check", argv: [plancheck, "check"] + common + ["--format", opts.format] + threadArgs + [activities], okStatuses: [0, 1])]
    if statsWorks {
        tools.append(Tool(name: "stats", argv: [plancheck, "stats"] + common + ["--format", opts.format] + threadArgs + [activities], okStatuses: [0, 1]))
    }
    let peerThreads = opts.threads.map { ["--threads", String($0)] } ?? []
    if let v = duckdbVersion {
        tools.append(Tool(name: "duckdb \(v)", argv: ["python3", "Benchmarks/duckdb_peer.py", activities] + peerThreads, okStatuses: [0]))
    }
    if let v = polarsVersion {
        tools.append(Tool(name: "polars \(v)", argv: ["python3", "Benchmarks/polars_peer.py", activities] + peerThreads, okStatuses: [0]))
    }
    return tools
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

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores · \(cpuModel()) · \(memTotal()) RAM")
for s in skipped { print("note: " + s) }

/// One order's medians: per tool, wall, CPU, peak RSS (MiB), and pairwise ratios to check.
struct OrderResult {
    var order: String
    var rows: [(tool: String, wall: Double, cpu: Double, rss: Int, vsCheck: Double)]
}
var results: [OrderResult] = []

for order in opts.orders {
let activities = dataDir(order) + "/activities.csv"
let inputBytes = (try? fm.attributesOfItem(atPath: activities)[.size] as? Int) ?? 0
var tools = tools(for: activities)
let mb = Double(inputBytes) / 1_000_000
print("")
print("input (\(order) order): \(activities): \(group(opts.records)) records, \(fmt(mb, 1)) MB; plan \(scalePlan); \(opts.runs) runs after 1 warm-up, interleaved")

for round in 0...opts.runs {
    for i in tools.indices {
        let s = measure(tools[i].argv)
        if !tools[i].okStatuses.contains(s.status) {
            fail("\(tools[i].name) exited with status \(s.status): \(tools[i].argv.joined(separator: " "))")
        }
        if round > 0 { tools[i].samples.append(s) }
        print(round == 0 ? "  warm-up \(tools[i].name): \(fmt(s.wall)) s" : "  run \(round) \(tools[i].name): \(fmt(s.wall)) s, \(s.maxRSSKiB / 1024) MiB")
    }
}

// MARK: - Results

print("")
func row(_ cells: [String]) -> String {
    let widths = [16, 9, 9, 9, 9, 12, 8, 10]
    return cells.enumerated().map { i, c in
        let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
        return i == 0 ? c + pad : pad + c
    }.joined(separator: " ")
}
print(row(["tool", "median s", "min s", "max s", "cpu s", "rows/s", "MB/s", "peak RSS"]))
var medians: [String: Double] = [:]
for t in tools {
    let walls = t.samples.map(\.wall)
    let m = median(walls)
    medians[t.name] = m
    let rss = t.samples.map(\.maxRSSKiB).max() ?? 0
    let rssMedian = median(t.samples.map { Double($0.maxRSSKiB) })
    print(row([t.name, fmt(m), fmt(walls.min() ?? 0), fmt(walls.max() ?? 0), fmt(median(t.samples.map(\.cpu))),
               group(Int(Double(opts.records) / m)), fmt(mb / m, 0), "\(Int(rssMedian / 1024)) MiB"]))
    _ = rss
}
print("")
let checkWalls = tools[0].samples.map(\.wall)
results.append(OrderResult(order: order, rows: tools.map { t in
    let pairs = zip(t.samples.map(\.wall), checkWalls).map { $0 / $1 }
    return (t.name, median(t.samples.map(\.wall)), median(t.samples.map(\.cpu)), (t.samples.map(\.maxRSSKiB).max() ?? 0) / 1024, median(pairs))
}))
if let c = medians["check"] {
    if let d = tools.first(where: { $0.name.hasPrefix("duckdb") }), let dm = medians[d.name] {
        // Pairwise ratios of the interleaved runs say more than the ratio of medians on a noisy machine.
        let check = tools[0].samples.map(\.wall)
        let pairs = zip(check, d.samples.map(\.wall)).map { $1 / $0 }
        print("check throughput vs DuckDB: \(fmt(dm / c))× (ratio of medians; pairwise median \(fmt(median(pairs)))×, range \(fmt(pairs.min() ?? 0))–\(fmt(pairs.max() ?? 0))×; goal ≥ 2×)")
    }
    if let s = medians["stats"] {
        let pairs = zip(tools[0].samples.map(\.wall), tools[1].samples.map(\.wall)).map { $1 / $0 }
        print("stats wall vs check: \(fmt(s / c))× (pairwise median \(fmt(median(pairs)))×; goal ≤ 1.2×)")
    }
    let checkRSS = tools[0].samples.map(\.maxRSSKiB).max() ?? 0
    print("check peak RSS (largest run): \(checkRSS / 1024) MiB")
}
}

// MARK: - Summary

print("")
print("summary: \(group(opts.records)) records, \(group(opts.units)) units; medians of \(opts.runs) interleaved runs; ×check = median of the pairwise ratios tool wall / check wall (above 1: slower than check)")
print("")
print("| order | tool | wall s | cpu s | peak RSS | × check |")
print("|---|---|---|---|---|---|")
for r in results {
    for row in r.rows {
        print("| \(r.order) | \(row.tool) | \(fmt(row.wall)) | \(fmt(row.cpu)) | \(row.rss) MiB | \(fmt(row.vsCheck)) |")
    }
}
