import Foundation
import Testing
@testable import PlanCheckKit

/// The two-thread reader against the one-thread reader: same records, same rejected rows with the
/// same line numbers, same summary and byte-identical check reports, over generated inputs whose
/// quoted newlines (LF and CRLF), doubled quotes and CRLF row ends straddle many chunk
/// boundaries.
@Suite struct ParallelReaderTests {
    typealias Rng = TestRNG

    static let orgs = ["龙门街道党工委", "龙门街道纪工委", "宝胜寺社区党支部", "龙门社区党支部", "会展社区党支部", "空港社区党支部",
                       "将军路社区党支部", "古镇社区党支部", "街道机关第一党支部", "龙门街道老干部党支部"]
    static let types = ["党建工作汇报", "宣传教育活动", "培训", "思想动态分析研判", "意识形态专题研究", "纪检业务培训", "明察暗访",
                        "廉政专题学习", "警示教育", "主题党日", "党课"]
    static let words = ["学习", "意识形态", "研判", ",", "\"", "\n", "\r\n", "会议", "Q3", " ", "，", "“引号”", "a,b", "\"\""]

    /// Quotes a field RFC 4180 style when it needs it (or at random).
    static func field(_ s: String, _ rng: inout Rng) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || rng.chance(10) {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// A record file with every kind of row: good ones, duplicates, rejected ones of each reason,
    /// blank lines, quoted newlines; `crlf` ends rows with CRLF.
    static func makeInput(seed: UInt64, rows: Int, crlf: Bool) -> [UInt8] {
        var rng = Rng(state: seed)
        let eol = crlf ? "\r\n" : "\n"
        var out: [UInt8] = Array(("id,date,org,type,title,participants,lead,target" + eol).utf8)
        var previous: [UInt8] = []
        for i in 0..<rows {
            if rng.chance(3) { out += Array(eol.utf8); continue }              // blank line
            if rng.chance(4) && !previous.isEmpty { out += previous; continue } // exact duplicate
            var date = String(format: "2022-%02d-%02d %02d:%02d", 1 + rng.below(12), 1 + rng.below(28), rng.below(24), rng.below(60))
            switch rng.below(40) {
            case 0: date = "2022-02-30 09:30"
            case 1: date = "not a date"
            case 2: date = ""
            case 3: date = "2022/3/5"
            case 4: date = "2022年3月5日"
            case 5: date = "2021-12-30"
            default: break
            }
            var org = rng.pick(orgs)
            if rng.chance(2) { org = "" }
            var title = ""
            for _ in 0..<(1 + rng.below(5)) { title += rng.pick(words) }
            var participants = String(1 + rng.below(60))
            switch rng.below(30) {
            case 0: participants = ""
            case 1: participants = participants + "人"
            case 2: participants = "many"
            default: break
            }
            var cells = ["R\(i)", date, org, rng.pick(types), title, participants, rng.pick(["陈建国", "王志强", "刘芳、杨明辉", ""]),
                         rng.chance(10) ? rng.pick(orgs) : ""]
            if rng.chance(2) { cells.removeLast() }                     // wrong field count
            var line = Array(cells.map { field($0, &rng) }.joined(separator: ",").utf8)
            if rng.chance(1) { line.insert(0xFF, at: line.count / 2) }  // not UTF-8 (or inside a quote: still rejected)
            if rng.chance(1) { line.insert(0x00, at: 1) }              // NUL
            let ending = i == rows - 1 && rng.chance(50) ? "" : eol      // sometimes no final newline
            line += Array(ending.utf8)
            out += line
            previous = line
        }
        return out
    }

    /// Every accepted record as strings (all canonical fields, extras, line, day, participants),
    /// and the summary.
    static func read(_ path: String, _ options: ReaderOptions) throws -> ([String], ReadSummary) {
        var rows: [String] = []
        let summary = try RecordReader(options: options).read([.file(path)]) { r in
            var s = "\(r.fileIndex)|\(r.line)|\(r.date.iso)|\(r.participants.map(String.init) ?? "-")"
            for f in RecordField.allCases { s += "|" + r.string(f) }
            for x in r.extras { s += "|\(x.column)=\(x.value)" }
            rows.append(s)
        }
        return (rows, summary)
    }

    static func options(threads: Int, chunk: Int = 1 << 20) -> ReaderOptions {
        var o = ReaderOptions()
        o.encoding = .utf8
        o.threads = threads
        o.chunkSize = chunk
        return o
    }

    static func same(_ a: ReadSummary, _ b: ReadSummary) {
        #expect(a.rejections == b.rejections)
        #expect(a.rejectionCounts == b.rejectionCounts)
        #expect(a.files.count == b.files.count)
        for (x, y) in zip(a.files, b.files) {
            #expect(x.path == y.path && x.rowsRead == y.rowsRead && x.accepted == y.accepted)
            #expect(x.headers == y.headers && x.columns == y.columns && x.unmapped == y.unmapped && x.delimiter == y.delimiter)
            #expect(x.encoding == y.encoding)
        }
    }

    @Test(arguments: [(UInt64(1), false), (2, true), (3, false), (4, true), (5, false), (6, true)])
    func sameRecordsAndRejections(seed: UInt64, crlf: Bool) throws {
        let path = TestSupport.write(Self.makeInput(seed: seed, rows: 400, crlf: crlf))
        let (reference, refSummary) = try Self.read(path, Self.options(threads: 1))
        #expect(reference.count > 200)
        #expect(refSummary.rejected > 5)
        for chunk in [1, 2, 3, 7, 16, 61, 200, 4096] {
            for threads in [2, 3] {
                let (rows, summary) = try Self.read(path, Self.options(threads: threads, chunk: chunk))
                #expect(rows == reference, "chunk \(chunk), \(threads) threads")
                Self.same(summary, refSummary)
            }
            // The one-thread path with the same small chunks agrees too.
            let (one, oneSummary) = try Self.read(path, Self.options(threads: 1, chunk: chunk))
            #expect(one == reference, "one thread, chunk \(chunk)")
            Self.same(oneSummary, refSummary)
        }
    }

    /// Both ways a chunk can go are taken on this input: a worker's rows are used when a row
    /// really starts after the chunk's first LF, and the chunk is tokenized again when that LF was
    /// inside a quoted field; the records are the same as one thread's either way.
    @Test(arguments: [64, 97, 150, 256])
    func quotedNewlinesAtChunkStartsAreRetokenized(chunk: Int) throws {
        var text = "date,org,type,title\n"
        for i in 0..<300 {
            // Every third title holds a line break inside quotes, some with doubled quotes after it.
            let title = i % 3 == 0 ? "\"第\(i)次\n学习\"\"纪要\"\"\"" : i % 3 == 1 ? "\"a,b\"" : "研判\(i)"
            text += "2022-\(String(format: "%02d", 1 + i % 12))-05,龙门社区党支部,培训,\(title)\n"
        }
        let path = TestSupport.write(text)
        let (reference, refSummary) = try Self.read(path, Self.options(threads: 1))
        #expect(reference.count == 300)
        var rows: [String] = []
        let reader = ChunkedRecordReader(options: Self.options(threads: 2, chunk: chunk), sources: [.file(path)])
        let summary = try reader.run { r in rows.append("\(r.fileIndex)|\(r.line)|\(r.date.iso)|\(r.participants.map(String.init) ?? "-")" + RecordField.allCases.map { "|" + r.string($0) }.joined() + r.extras.map { "|\($0.column)=\($0.value)" }.joined()) }
        #expect(rows == reference)
        Self.same(summary, refSummary)
        #expect(reader.counters.parallelChunks > 10, "worker rows used")
        #expect(reader.counters.retokenized > 0, "a chunk whose first LF is quoted")
    }

    /// The calling thread parses chunks itself while the one it needs is not ready; with no
    /// worker threads at all it parses every chunk, and the records are still the same.
    @Test(arguments: [7, 64, 150, 4096])
    func callingThreadParsesChunksItself(chunk: Int) throws {
        let path = TestSupport.write(Self.makeInput(seed: 31, rows: 1500, crlf: chunk % 2 == 0))
        let (reference, refSummary) = try Self.read(path, Self.options(threads: 1))
        var rows: [String] = []
        let reader = ChunkedRecordReader(options: Self.options(threads: 2, chunk: chunk), sources: [.file(path)], workers: 0)
        let summary = try reader.run { r in rows.append("\(r.fileIndex)|\(r.line)|\(r.date.iso)|\(r.participants.map(String.init) ?? "-")" + RecordField.allCases.map { "|" + r.string($0) }.joined() + r.extras.map { "|\($0.column)=\($0.value)" }.joined()) }
        #expect(rows == reference)
        Self.same(summary, refSummary)
        #expect(reader.counters.parsedByConsumer > 3, "chunks parsed by the calling thread")
        #expect(reader.counters.parallelChunks > 3, "and their rows used")
        #expect(reader.counters.parsedByConsumer >= reader.counters.parallelChunks + reader.counters.retokenized)
    }

    @Test func lineNumbersCountQuotedNewlines() throws {
        // Row 2 spans lines 2–4 (LF, then CRLF inside quotes), row 3 starts on line 5 and is rejected.
        let text = "date,org,type,title\n2022-01-05,甲,培训,\"a\nb\r\nc\"\"d\"\r\n2022-02-30,甲,培训,x\n2022-03-01,甲,培训,\"\"\"q\"\"\"\n"
        let path = TestSupport.write(text)
        for threads in [1, 2] {
            for chunk in [1, 2, 5, 1 << 20] {
                let (rows, summary) = try Self.read(path, Self.options(threads: threads, chunk: chunk))
                #expect(rows.count == 2)
                #expect(rows.first?.hasPrefix("0|2|2022-01-05") == true)
                #expect(rows.first?.contains("a\nb\r\nc\"d") == true)
                #expect(rows.last?.hasPrefix("0|6|2022-03-01") == true)
                #expect(rows.last?.contains("|\"q\"|") == true)
                #expect(summary.rejections.map(\.line) == [5])
            }
        }
    }

    @Test func errorsAreTheSame() throws {
        let open = TestSupport.write("date,org,type,title\n2022-01-05,甲,培训,\"never closed\n2022-01-06,甲,培训,x\n")
        let noHeader = TestSupport.write("")
        let missing = TestSupport.write("date,title\n2022-01-05,x\n")
        for path in [open, noHeader, missing] {
            var messages: [String] = []
            for threads in [1, 2] {
                do {
                    _ = try Self.read(path, Self.options(threads: threads, chunk: 3))
                    messages.append("no error")
                } catch {
                    messages.append("\(error)")
                }
            }
            #expect(messages[0] != "no error")
            #expect(messages[0] == messages[1])
        }
    }

    @Test func callbackErrorStopsTheReader() throws {
        struct Stop: Error {}
        let path = TestSupport.write(Self.makeInput(seed: 9, rows: 2000, crlf: false))
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try RecordReader(options: Self.options(threads: 2, chunk: 64)).read([.file(path)]) { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
    }

    @Test func severalInputsKeepFileOrder() throws {
        let dir = TestSupport.tempDir("multi")
        for k in 0..<3 { TestSupport.write(Self.makeInput(seed: 20 + UInt64(k), rows: 150, crlf: k == 1), name: "f\(k).csv", dir: dir) }
        let sources = try RecordReader.expand([dir])
        func all(_ o: ReaderOptions) throws -> ([String], ReadSummary) {
            var rows: [String] = []
            let s = try RecordReader(options: o).read(sources) { r in rows.append("\(r.fileIndex)|\(r.line)|\(r.string(.title))") }
            return (rows, s)
        }
        let (a, sa) = try all(Self.options(threads: 1))
        let (b, sb) = try all(Self.options(threads: 2, chunk: 5))
        #expect(a == b)
        Self.same(sa, sb)
    }

    /// Whole check reports (JSON and CSV) are byte-identical between the two paths.
    @Test(arguments: [UInt64(31), 32, 33])
    func sameCheckReports(seed: UInt64) throws {
        let path = TestSupport.write(Self.makeInput(seed: seed, rows: 600, crlf: seed % 2 == 0))
        let plan = try PlanReader.read([TestSupport.root + "/Checks/000-street-party-building-2022.csv"])
        let roster = try Roster.read([TestSupport.root + "/SampleData/roster-units.csv", TestSupport.root + "/SampleData/roster-people.csv"])
        func report(_ o: ReaderOptions) throws -> String {
            let r = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                              inputs: [.file(path)], readerOptions: o)
            let out = MemoryOutput()
            JSONCheckReporter.write(r, to: out, options: ReportOptions())
            CSVCheckReporter.write(r, to: out, options: ReportOptions())
            return out.text
        }
        let reference = try report(Self.options(threads: 1))
        #expect(reference.contains("重复记录"))
        for chunk in [1, 3, 17, 300, 1 << 20] {
            #expect(try report(Self.options(threads: 2, chunk: chunk)) == reference)
        }
    }

    /// `makeInput` with one roster unit's records moved to a unit the roster lacks, so that
    /// records take both ways: known orgs (ids from the roster's table) and worker-local ids.
    static func mixedInput(seed: UInt64, rows: Int) -> [UInt8] {
        let text = String(decoding: makeInput(seed: seed, rows: rows, crlf: false), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "古镇社区党支部", with: "未登记党支部").utf8)
    }

    /// Orgs of the known table come with its ids and no local id; the others with a local id.
    @Test(arguments: [512, 4096])
    func knownOrgsComeWithTheirTableIds(chunk: Int) throws {
        let path = TestSupport.write(Self.mixedInput(seed: 41, rows: 2000))
        var known = ByteInterner(capacity: 16)
        for o in Self.orgs where o != "古镇社区党支部" { known.intern(o) }
        var fromTable = 0, local = 0
        let reader = ChunkedRecordReader(options: Self.options(threads: 2, chunk: chunk), sources: [.file(path)], knownOrgs: known)
        _ = try reader.run { r in
            guard r.keys.table >= 0 else { return }   // rows the calling thread tokenized as a stream
            if let id = known.lookup(r.bytes(.org)) {
                #expect(Int(r.keys.known) == id && r.keys.org == -1, "\(r.string(.org))")
                fromTable += 1
            } else {
                #expect(r.keys.known == -1 && r.keys.org >= 0, "\(r.string(.org))")
                local += 1
            }
        }
        #expect(fromTable > 100 && local > 10)
    }

    /// `stats` (which keeps its own org table) and `check` give the same reports with and
    /// without worker threads when some orgs are in the roster and some are not.
    @Test(arguments: [UInt64(41), 42])
    func sameStatsAndCheckWithUnknownUnits(seed: UInt64) throws {
        let path = TestSupport.write(Self.mixedInput(seed: seed, rows: 1500))
        let plan = try PlanReader.read([TestSupport.root + "/Checks/000-street-party-building-2022.csv"])
        let roster = try Roster.read([TestSupport.root + "/SampleData/roster-units.csv", TestSupport.root + "/SampleData/roster-people.csv"])
        func reports(_ o: ReaderOptions) throws -> String {
            let r = try StatsCommand.compute(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                             inputs: [.file(path)], readerOptions: o)
            let c = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                              inputs: [.file(path)], readerOptions: o)
            let out = MemoryOutput()
            StatsJSONReporter.write(r, to: out)
            CSVCheckReporter.write(c, to: out, options: ReportOptions())
            return out.text
        }
        let reference = try reports(Self.options(threads: 1))
        #expect(reference.contains("未登记党支部") && reference.contains("古镇社区党支部"))
        for chunk in [5, 300, 1 << 20] {
            #expect(try reports(Self.options(threads: 2, chunk: chunk)) == reference)
        }
    }

    @Test func sampleDataCheckIsIdentical() throws {
        let r = TestSupport.root + "/"
        let args = ["check", "--plan", r + "Checks/000-street-party-building-2022.csv", "--plan", r + "Checks/001-street-office-party-committee-2022.csv",
                    "--roster", r + "SampleData/roster-units.csv", "--roster", r + "SampleData/roster-people.csv", "--as-of", "2022-12-31",
                    "--format", "json"]
        let one = TestSupport.run(args + ["--threads", "1", r + "SampleData/records"])
        let two = TestSupport.run(args + ["--threads", "2", r + "SampleData/records"])
        #expect(one.code == two.code)
        #expect(one.out == two.out)
        #expect(one.out.contains("龙门街道纪工委"))
        #expect(TestSupport.run(args + ["--threads", "0", r + "SampleData/records"]).code == ExitCode.badInput)
    }

    /// The CSV report formatted on two threads, every other block of rows on the second, is the
    /// one-thread report byte for byte, for blocks of every size and with `--quiet`.
    @Test(arguments: [1, 3, 7, 64, 100_000])
    func csvReportOnTwoThreadsIsTheSame(blockRows: Int) throws {
        let r = TestSupport.root + "/"
        let plan = try PlanReader.read([r + "Checks/000-street-party-building-2022.csv", r + "Checks/001-street-office-party-committee-2022.csv"])
        let roster = try Roster.read([r + "SampleData/roster-units.csv", r + "SampleData/roster-people.csv"])
        let report = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                               inputs: ["app-export-2022.csv", "branch-baoshengsi-2022.csv", "excel-gbk-2022.csv"]
                                                   .map { .file(r + "SampleData/records/" + $0) })
        #expect(report.findings.count > 100)
        for quiet in [false, true] { for lang in Lang.allCases {
            var o = ReportOptions()
            o.quiet = quiet
            o.lang = lang
            let one = MemoryOutput(), two = MemoryOutput()
            CSVCheckReporter.write(report, to: one, options: o, blockRows: blockRows)
            o.threads = 2
            CSVCheckReporter.write(report, to: two, options: o, blockRows: blockRows)
            #expect(one.bytes == two.bytes, "blocks of \(blockRows), quiet \(quiet)")
            #expect(one.text.contains("龙门街道纪工委"))
        }}
    }

    /// A counting rule's rows, written straight from its tally's cells, are the rows its
    /// findings' accessors give, for every plan and status (mid-year and year-end, people's rows,
    /// the all-units row) and with `--quiet`, which leaves out exactly the rows that are no problem.
    @Test(arguments: ["2022-06-30", "2022-12-31"])
    func csvCellRowsMatchAccessors(asOf: String) throws {
        let r = TestSupport.root + "/"
        let plan = try PlanReader.read(["000-street-party-building-2022.csv", "001-street-office-party-committee-2022.csv",
                                        "002-branch-party-building-2022.csv", "003-organ-party-building-2022.csv"].map { r + "Checks/" + $0 })
        let roster = try Roster.read([r + "SampleData/roster-units.csv", r + "SampleData/roster-people.csv"])
        let report = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO(asOf)!,
                                               inputs: ["app-export-2022.csv", "branch-baoshengsi-2022.csv", "excel-gbk-2022.csv"]
                                                   .map { .file(r + "SampleData/records/" + $0) })
        #expect(report.findings.contains { $0.tally != nil && !$0.person.isEmpty })
        #expect(report.findings.contains { $0.tally != nil && $0.org == "*" })
        for quiet in [false, true] { for lang in Lang.allCases {
            var o = ReportOptions()
            o.quiet = quiet
            o.lang = lang
            let direct = MemoryOutput(), accessors = MemoryOutput()
            let rows = CSVCheckReporter.FindingRows(writer: CSVWriter(sink: direct, bom: false), report: report, options: o)
            rows.write(report.findings, report.findings.indices)
            let each = CSVCheckReporter.FindingRows(writer: CSVWriter(sink: accessors, bom: false), report: report, options: o)
            for f in report.findings { each.write(f) }
            #expect(direct.text == accessors.text, "as of \(asOf), quiet \(quiet)")
            let lines = direct.text.split(separator: "\r\n")
            #expect(lines.count == report.findings.filter { !quiet || $0.status.isProblem }.count)
            #expect(quiet == !lines.contains { $0.contains("," + Status.met.label(lang) + ",") })
        }}
    }

    /// The CSV report's day columns are each finding's ISO days.
    @Test func csvReportDays() throws {
        let r = TestSupport.root + "/"
        let plan = try PlanReader.read([r + "Checks/000-street-party-building-2022.csv"])
        let report = try CheckCommand.runCheck(plan: plan, roster: nil, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                               inputs: [.file(r + "SampleData/records/app-export-2022.csv")])
        let out = MemoryOutput()
        CSVCheckReporter.write(report, to: out, options: ReportOptions())
        let lines = out.text.split(separator: "\r\n").dropFirst()
        var checked = 0
        for (f, line) in zip(report.findings, lines) where !line.contains("\"") {
            let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect([c[9], c[14], c[15]] == [f.due.iso, f.start.iso, f.end.iso], "\(line)")
            checked += 1
        }
        #expect(checked > 20)
    }

    /// `stats`' long table formatted on two threads, every other block of units on the second, is
    /// the one-thread table byte for byte, for blocks of every size.
    @Test(arguments: [1, 2, 5, 1_000_000])
    func statsLongTableOnTwoThreadsIsTheSame(blockUnits: Int) throws {
        let r = TestSupport.root + "/"
        let roster = try Roster.read([r + "SampleData/roster-units.csv", r + "SampleData/roster-people.csv"])
        let stats = try StatsCommand.compute(plan: Plan(paths: [], rules: []), roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                             inputs: ["app-export-2022.csv", "branch-baoshengsi-2022.csv", "excel-gbk-2022.csv"]
                                                 .map { .file(r + "SampleData/records/" + $0) })
        #expect(stats.long.count > 50)
        var o = ReportOptions()
        let one = MemoryOutput(), two = MemoryOutput()
        StatsCSVReporter.write(.long, stats, to: one, options: o, blockUnits: blockUnits)
        o.threads = 2
        StatsCSVReporter.write(.long, stats, to: two, options: o, blockUnits: blockUnits)
        #expect(one.bytes == two.bytes, "blocks of \(blockUnits)")
        #expect(one.text.split(separator: "\r\n").count == stats.long.count + 1)
    }
}
