import Foundation
import Testing
@testable import PlanCheckKit

/// Hostile input, round two (issue 25): numbers at and past their ranges, failed writes,
/// interrupted and changing files, marker names, calendar edges, roster cycles, counting at the
/// year's edges. Tests/README.md lists the ranges and the fault behaviour these pin down.
@Suite("Hostile input: ranges, failed writes, edges")
struct HostileInputTests {
    static let root = TestSupport.root
    static let plan = root + "/Checks/000-street-party-building-2022.csv"
    static let check = ["check", "--plan", plan, "--roster", root + "/SampleData/roster-units.csv",
                        "--roster", root + "/SampleData/roster-people.csv", "--as-of", "2022-12-31", "--fail-on", "never"]

    // MARK: 1. Numbers: every numeric option and plan number at its boundaries, on the built binary.

    /// Values just outside each range, and values no integer type holds: exit 2 with a message
    /// naming the option, never a signal.
    static let outOfRange: [(option: String, value: String)] = {
        var out: [(String, String)] = []
        let huge = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999", "-1", "1e9", "0x10", ""]
        let ranges: [(String, ClosedRange<Int>)] = [
            ("threads", Limits.threads), ("evidence-cap", Limits.evidenceCap), ("max-duplicate-keys", Limits.maxDuplicateKeys),
            ("max-row-bytes", Limits.maxRowBytes), ("max-columns", Limits.maxColumns), ("year", Limits.year),
        ]
        for (name, r) in ranges {
            out.append((name, String(r.lowerBound - 1)))
            out.append((name, String(r.upperBound + 1)))
            for h in huge { out.append((name, h)) }
        }
        return out
    }()

    @Test("an option past its range is exit 2 with a message, never a signal", arguments: outOfRange)
    func optionOutOfRange(option: String, value: String) throws {
        let r = try TestSupport.runBinary(Self.check + ["--\(option)", value, Self.root + "/SampleData/records"])
        #expect(r.code == ExitCode.badInput, "--\(option) \(value): exit \(r.code) \(r.err.prefix(300))")
        #expect(r.err.contains("--\(option)"), "\(r.err.prefix(300))")
        #expect(!r.err.contains("Swift runtime failure") && !r.err.contains("Signal"), "\(r.err.prefix(300))")
    }

    /// The documented range of each numeric option (value `N` or `YEAR`), by name; `DATE` options
    /// are days 0001-01-01 … 9999-12-31.
    static let numericRanges: [String: ClosedRange<Int>] = [
        "threads": Limits.threads, "evidence-cap": Limits.evidenceCap, "max-duplicate-keys": Limits.maxDuplicateKeys,
        "max-row-bytes": Limits.maxRowBytes, "max-columns": Limits.maxColumns, "year": Limits.year,
        "max-listed": Limits.maxListed,
    ]

    /// Every numeric option of every command, found from the commands' own option lists (so an
    /// option added later is driven too, or fails here for want of a documented range), with the
    /// values just past its range and values no integer holds.
    static let everyNumericOption: [(command: String, option: String, value: String)] = {
        var out: [(String, String, String)] = []
        let huge = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999", "-1", "1e9", "0x10", "", "１２x"]
        let badDays = ["0000-12-31", "10000-01-01", "2022-02-30", "2022-13-01", "99999999999999999999-01-01", "-1", "9223372036854775807", ""]
        for c in PlanCheckCLI.commands {
            for o in c.spec.options {
                switch o.value {
                case "N", "YEAR":
                    guard let r = numericRanges[o.name] else { out.append((c.spec.name, o.name, "NO-RANGE")); continue }
                    for v in [String(r.lowerBound - 1), String(r.upperBound + 1)] + huge { out.append((c.spec.name, o.name, v)) }
                case "DATE":
                    for v in badDays { out.append((c.spec.name, o.name, v)) }
                default: break
                }
            }
        }
        return out
    }()

    /// The least arguments that get each command past its own checks to its options.
    static func minimalArgs(_ command: String, dir: String) -> [String] {
        switch command {
        case "check": return ["--plan", plan, "--as-of", "2022-12-31", root + "/SampleData/records"]
        case "stats": return ["--as-of", "2022-12-31", root + "/SampleData/records"]
        case "inspect": return [root + "/SampleData/records"]
        case "sql": return ["--dialect", "duckdb", "--plan", plan, "--as-of", "2022-12-31", "--table", "t"]
        case "init": return [dir + "/ws"]
        default: return []
        }
    }

    @Test("property: every numeric option of every command, past its range, is exit 2 naming the option, never a signal",
          arguments: everyNumericOption)
    func everyOptionPastItsRange(command: String, option: String, value: String) throws {
        try #require(value != "NO-RANGE", "\(command) --\(option) takes a number but has no documented range in Limits")
        let dir = TestSupport.tempDir("opt")
        var args = Self.minimalArgs(command, dir: dir)
        if let i = args.firstIndex(of: "--\(option)") { args.removeSubrange(i...(i + 1)) }
        let r = try TestSupport.runBinary([command] + args + ["--\(option)", value])
        #expect(r.code == ExitCode.badInput, "\(command) --\(option) \(value): exit \(r.code) \(r.err.prefix(300))")
        #expect(r.err.contains("--\(option)"), "\(command) --\(option) \(value): \(r.err.prefix(300))")
        #expect(!r.err.contains("Swift runtime failure") && !r.err.contains("Backtrac"), "\(r.err.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: dir + "/ws"), "init wrote a workspace despite a bad --\(option)")
    }

    /// Each range's own ends work (a weekly plan at the calendar's ends, the largest caps).
    @Test("an option at either end of its range runs to a report", arguments: [
        ("threads", "1"), ("threads", "64"), ("evidence-cap", "0"), ("evidence-cap", "10000"),
        ("max-duplicate-keys", "1"), ("max-duplicate-keys", "2147483648"), ("max-columns", "1048576"),
        ("max-row-bytes", "1073741824"), ("year", "1900"), ("year", "9999"),
    ])
    func optionAtEnds(option: String, value: String) throws {
        let dir = TestSupport.tempDir("ends")
        let plan = TestSupport.write("""
        id,checker,types,threshold,period,scope,field,source
        W,count,党课,1,week,kind:社区党支部,,每周
        Q,count,党课,1000000000,quarter,all,,每季度
        S,sum,党课,1000000000,month,all,participants,人次

        """, name: "p.csv", dir: dir)
        let records = TestSupport.write("id,date,org,type,participants\n1,9999-12-31,龙门社区党支部,党课,999999999999999999\n2,1900-01-01,龙门社区党支部,党课,999999999999999999\n3,2022-06-01,龙门社区党支部,党课,999999999999999999\n",
                                        name: "r.csv", dir: dir)
        let r = try TestSupport.runBinary(["check", "--plan", plan, "--roster", Self.root + "/SampleData/roster-units.csv",
                                           "--as-of", "2022-12-31", "--fail-on", "never", "--\(option)", value, records])
        #expect(r.code == ExitCode.ok, "--\(option) \(value): exit \(r.code) \(r.err.prefix(300))")
    }

    /// Plan numbers: thresholds at and past their range; `validate` and `check` agree.
    @Test("plan thresholds: in range accepted (12, １２, 十二, 10⁹); outside refused with line and column", arguments: [
        ("12", true), ("１２", true), ("十二", true), ("1000000000", true), ("1", true),
        ("0", false), ("-1", false), ("1000000001", false), ("9223372036854775807", false), ("99999999999999999999", false), ("six", false),
    ])
    func thresholds(_ value: String, _ ok: Bool) throws {
        let p = TestSupport.write("id,checker,types,threshold,scope,source\nX,count,党课,\(value),all,c\n", name: "p.csv")
        let r = try TestSupport.runBinary(["validate", p])
        #expect(r.code == (ok ? ExitCode.ok : ExitCode.badInput), "\(value): \(r.err)")
        if !ok { #expect(r.err.contains("p.csv:2:4: 阈值"), "\(r.err)") }
    }

    /// Every other number a plan holds: a deadline's month and day, a window's ends.
    @Test("property: plan deadlines and windows past the calendar are refused with line and column, never a signal", arguments: [
        ("deadline", "99999999999999999999-01"), ("deadline", "13-01"), ("deadline", "00-10"), ("deadline", "02-30"),
        ("deadline", "-1-01"), ("deadline", "9223372036854775807-9223372036854775807"), ("deadline", "１２-３２"),
        ("windows", "a:01-01..99999999999999999999-12"), ("windows", "a:12-31..01-01"), ("windows", "a:04-31..05-01"),
        ("windows", "a:9223372036854775808-01..12-31"),
    ])
    func planDatesPastTheCalendar(column: String, value: String) throws {
        let checker = column == "deadline" ? "deadline" : "windows"
        let p = TestSupport.write("id,checker,types,threshold,scope,\(column),source\nX,\(checker),党课,1,all,\(value),c\n", name: "p.csv")
        let r = try TestSupport.runBinary(["validate", p])
        #expect(r.code == ExitCode.badInput, "\(column) \(value): exit \(r.code) \(r.err)")
        #expect(r.err.contains("p.csv:2:6:"), "\(r.err)")
        #expect(!r.err.contains("Swift runtime failure") && !r.err.contains("Backtrac"), "\(r.err.prefix(300))")
    }

    /// `check --counts`: the numbers an engine sent back (issue 25, class 1). Before: two `input`
    /// rows of 2⁶³−1 trapped on the sum; now a count has at most 18 digits and sums saturate.
    @Test("counts files: numbers past 18 digits refused with their place; huge sums saturate; more rejected than read refused", arguments: [
        ("input,,,,,9223372036854775807,0\ninput,,,,,9223372036854775807,0", ExitCode.badInput, ":2:6:"),
        ("input,,,,,99999999999999999999,0", ExitCode.badInput, ":2:6:"),
        ("input,,,,,10,999999999999999999", ExitCode.badInput, "多于读取的"),
        (String(repeating: "input,,,,,999999999999999999,0\n", count: 12)
            + String(repeating: "cell,S000-01,龙门街道党工委,,2022,999999999999999999,999999999999999999\n", count: 12)
            + String(repeating: "unknown-unit,,无名支部,,,999999999999999999,0\n", count: 12)
            + String(repeating: "outside-year,,龙门街道党工委,,,999999999999999999,0\n", count: 12)
            + String(repeating: "uncounted-type,其他,,,,999999999999999999,0\n", count: 12), ExitCode.ok, ""),
    ])
    func countsFileNumbers(rows: String, code: Int32, mention: String) throws {
        let file = TestSupport.write("kind,rule,org,person,period,count,sum\n" + rows + "\n", name: "counts.csv")
        let r = try TestSupport.runBinary(["check", "--plan", Self.plan, "--as-of", "2022-12-31", "--fail-on", "never", "--counts", file])
        #expect(r.code == code, "exit \(r.code) \(r.err.prefix(300))")
        #expect(mention.isEmpty || r.err.contains(mention), "\(r.err.prefix(300))")
        #expect(!r.err.contains("Swift runtime failure") && !r.err.contains("Backtrac"), "\(r.err.prefix(300))")
    }

    /// The numbers of a workspace's settings file (设置.txt): the ranges of the options they stand
    /// for, said at the settings line (before: 依据条数 = 10001 passed the file and was refused as
    /// "--evidence-cap", an option the clerk never wrote).
    @Test("property: settings numbers past their ranges are refused at their line with the range", arguments: [
        ("依据条数", "10001", false), ("依据条数", "9223372036854775807", false), ("依据条数", "-1", false), ("依据条数", "一百万", false),
        ("依据条数", "10000", true), ("依据条数", "0", true), ("依据条数", "十", true),
        ("年度", "1899", false), ("年度", "10000", false), ("年度", "99999999999999999999", false), ("年度", "1900", true), ("年度", "9999年", true),
    ])
    func settingsNumbers(key: String, value: String, ok: Bool) throws {
        let text = "# 设置\n单位名称 = 测试\n\(key) = \(value)\n"
        if ok { _ = try WorkspaceSettings.parse(text, path: "设置.txt"); return }
        #expect(throws: SettingsError.self) { _ = try WorkspaceSettings.parse(text, path: "设置.txt") }
        do { _ = try WorkspaceSettings.parse(text, path: "设置.txt") } catch let e as SettingsError {
            let m = e.message(.zh)
            #expect(m.contains("设置.txt:3:"), "\(m)")
            if key == "依据条数" { #expect(m.contains("0 到 10000"), "\(m)") }
        }
    }

    /// A plan or roster whose header is one enormous cell (a file with no line breaks): the
    /// message shows the header cut short, and no "did you mean" compares megabytes against
    /// every column name (an 800 KB header took 109 s in `validate`; 16 MiB would take hours).
    @Test("a header cell of megabytes is cut short in messages and not compared for suggestions", arguments: ["plan", "roster", "counts"])
    func enormousHeaderCell(kind: String) throws {
        let path = TestSupport.write(String(repeating: "x", count: 300_000) + ",阈直\n1,2\n", name: "h.csv")
        let args: [String]
        switch kind {
        case "plan": args = ["validate", path]
        case "roster": args = ["validate", Self.plan, "--roster", path]
        default: args = ["check", "--plan", Self.plan, "--as-of", "2022-12-31", "--counts", path]
        }
        let r = try TestSupport.runBinary(args)
        #expect(r.code == ExitCode.badInput, "\(r.err.prefix(300))")
        #expect(r.err.utf8.count < 4000, "the message holds \(r.err.utf8.count) bytes")
        #expect(r.err.contains(String(repeating: "x", count: 64) + "…"), "\(r.err.prefix(300))")
        if kind == "plan" { #expect(r.err.contains("阈值"), "a near miss is still suggested: \(r.err.prefix(400))") }
        #expect(Suggest.nearest(String(repeating: "x", count: 100_000), among: ["阈值", "threshold"]) == nil)
        #expect(Suggest.nearest("thresold", among: ["阈值", "threshold"]) == "threshold")
    }

    @Test("sums of 18-digit counts saturate instead of trapping")
    func hugeSums() throws {
        var rows = "date,org,type,participants\n"
        for _ in 0..<20 { rows += "2022-03-01,党工委,培训,999999999999999999\n" }
        let fs = try CheckHarness.run(rule: [.id: "S", .checker: "sum", .types: "培训", .threshold: "500", .period: "year",
                                             .scope: "org:党工委", .field: "participants"], records: rows, asOf: "2022-12-31", units: ["党工委|党工委"])
        #expect(fs.count == 1 && fs[0].actual == Int.max && fs[0].status == .met)
        let s = TestSupport.run(["stats", "--as-of", "2022-12-31", "--format", "csv", "--table", "pivot",
                                 TestSupport.write(rows, name: "r.csv")])
        #expect(s.code == 0, "\(s.err)")
    }

    @Test("evidence memory follows the records, not the cap: the largest cap keeps no slot per cell")
    func evidenceFollowsData() throws {
        let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: Roster(units: (0..<2000).map { Unit(name: "U\($0)", kind: "k") }),
                                   evidenceCap: Limits.evidenceCap.upperBound)
        let rule = Rule(id: "W", checker: "count", types: ["t"], period: .week, scope: .kinds(["k"]))
        let tally = SlotTally(periodsOf: rule, context: context)
        #expect(tally.evidenceLog.isEmpty && tally.evidenceHead.isEmpty, "2,000 units × 52 weeks × 10,000 would be 25 GB")
        // Quality tallies likewise.
        let q = QualityChecker(rule: Rule(id: "q", checker: "quality", types: [], scope: .all), context: context)
        _ = q
    }

    // MARK: 2. Standard output: a failed write is exit 2; a closed pipe is quiet.

    static let commands: [[String]] = [
        check + [root + "/SampleData/records"],
        ["stats", "--as-of", "2022-12-31", root + "/SampleData/records"],
        ["validate", plan],
        ["checkers"],
        ["inspect", root + "/SampleData/records"],
        ["inspect", "--format", "csv", root + "/SampleData/records"],
    ]

    @Test("a full disk on standard output is exit 2 with a message, for every command", arguments: commands)
    func fullDisk(_ args: [String]) throws {
        let fd = open("/dev/full", O_WRONLY)
        try #require(fd >= 0, "no /dev/full")
        defer { close(fd) }
        let out = FileDescriptorOutput(fd: fd), err = MemoryOutput()
        let code = PlanCheckCLI.run(args, io: CommandIO(stdout: out, stderr: err, today: Day.parseISO("2022-12-31")!))
        #expect(code == ExitCode.badInput, "\(args[0]): exit \(code)")
        #expect(err.text.contains("写入失败") || err.text.contains("writing"), "\(err.text)")
        // Said once, in Chinese, naming standard output (inspect used to add an older message
        // calling it 'standard output' and promising an earlier report was kept).
        #expect(err.text.components(separatedBy: "错误：").count == 2, "\(err.text)")
        #expect(err.text.contains("错误：标准输出：写入失败：磁盘空间已满（No space left on device）；输出不完整"), "\(err.text)")
        #expect(!err.text.contains("standard output"), "\(err.text)")
    }

    /// Every command that writes report files, on a file system that refuses the bytes (the file
    /// size limit makes write(2) fail with EFBIG as a full disk fails with ENOSPC).
    static let fileWriters: [(args: [String], target: String)] = {
        let r = root + "/SampleData/records"
        let roster = ["--roster", root + "/SampleData/roster-units.csv", "--roster", root + "/SampleData/roster-people.csv"]
        return [
            (check + ["-o", "@/r.csv", r], "r.csv"),
            (check + ["-o", "@/r.html", r], "r.html"),
            (check + ["-o", "@/r.json", "-o", "@/r.csv", r], "r.json"),
            (["stats", "--as-of", "2022-12-31", "-o", "@/s.csv", r], "s.csv"),
            (["stats", "--as-of", "2022-12-31", "--csv-dir", "@", r], "stats-long.csv"),
            (["inspect", "--format", "csv", "-o", "@/i.csv", r], "i.csv"),
            (["sql", "--dialect", "duckdb", "--plan", plan] + roster + ["--as-of", "2022-12-31", "--table", "t", "-o", "@/q.sql"], "q.sql"),
            (["draft", "-o", "@/d.csv", root + "/Tests/Fixtures/docx/seed-001.docx"], "d.csv"),
        ]
    }()

    @Test("every command's report file on a disk that refuses the bytes: exit 2, the path and the reason in Chinese, no temporary file, the earlier report kept",
          arguments: fileWriters)
    func reportFileOnFullDisk(args: [String], target: String) throws {
        let dir = TestSupport.tempDir("fsize")
        let earlier = "earlier report\n"
        TestSupport.write(earlier, name: target, dir: dir)
        // SIGXFSZ ignored (as a shell's trap '' leaves it across exec), files capped at 1 block.
        let script = "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\""
        let r = try TestSupport.runBinaryVia("/bin/sh", ["-c", script, TestSupport.binary] + args.map { $0.replacingOccurrences(of: "@", with: dir) })
        #expect(r.code == ExitCode.badInput, "\(args.prefix(2)): exit \(r.code) \(r.err.suffix(300))")
        #expect(r.err.contains(dir + "/" + target + "：写报告失败："), "\(r.err.suffix(300))")
        #expect(r.err.contains("文件超过了文件系统允许的大小（File too large）"), "\(r.err.suffix(300))")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(!left.contains { $0.contains(".tmp-") }, "temporary files left: \(left)")
        #expect(String(decoding: Peer.read(dir + "/" + target), as: UTF8.self) == earlier)
    }

    @Test("a closed pipe on standard output ends quietly with the usual status", arguments: commands)
    func closedPipe(_ args: [String]) throws {
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        defer { close(fds[1]) }
        let out = FileDescriptorOutput(fd: fds[1]), err = MemoryOutput()
        let code = PlanCheckCLI.run(args, io: CommandIO(stdout: out, stderr: err, today: Day.parseISO("2022-12-31")!))
        let mem = MemoryOutput()
        let usual = PlanCheckCLI.run(args, io: CommandIO(stdout: mem, stderr: MemoryOutput(), today: Day.parseISO("2022-12-31")!))
        #expect(code == usual, "\(args[0])")
        #expect(!err.text.contains("写入失败") && !err.text.contains("Broken pipe"), "\(err.text)")
    }

    @Test("a failed report write names the report's path, not a descriptor")
    func reportPathInError() throws {
        let dir = TestSupport.tempDir("full")
        let out = try AtomicFileOutput(path: dir + "/r.csv")
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        dup2(full, out.fd); close(full)
        out.write(String(repeating: "x", count: 1 << 19))
        #expect(throws: ReportError.self) { try out.flush() }
        do { try out.commit() } catch { #expect("\(error)".contains(dir + "/r.csv") && !"\(error)".contains("fd "), "\(error)") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/r.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "the temporary file is removed")
    }

    // MARK: 3. Bounded reports: HTML capped with a note.

    @Test("the HTML report's long tables show at most HTML.maxRows rows and say how many more the CSV has")
    func htmlCapped() throws {
        let dir = TestSupport.tempDir("html")
        let units = "name,kind,parent\n" + (0..<200).map { "U\($0),支部," }.joined(separator: "\n") + "\n"
        let roster = TestSupport.write(units, name: "units.csv", dir: dir)
        let plan = TestSupport.write("id,checker,types,threshold,period,scope,source\nW,count,党课,1,week,kind:支部,每周\n", name: "p.csv", dir: dir)
        let records = TestSupport.write("date,org,type\n2022-03-01,U1,党课\n", name: "r.csv", dir: dir)
        let r = TestSupport.run(["check", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "--fail-on", "never",
                                 "-o", dir + "/r.html", "-o", dir + "/report.csv", records])
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: dir + "/r.html", encoding: .utf8)
        // The shortfalls table: 200 units × 52 weeks missed, but one week of U1.
        let shortfalls = 200 * 52 - 1
        #expect(html.contains(Messages.text("limits.htmlMoreRows", .zh, shortfalls - HTML.maxRows)), "the note says how many more")
        #expect(html.components(separatedBy: "<tr class=missed>").count - 1 <= HTML.maxRows + 2 * 200, "capped shortfalls, 200 overview and 200 unit rows")
        #expect(html.hasSuffix("</html>\n"))
    }

    // MARK: 4. Leftovers and races.

    @Test("an input appended to while it is read is refused (exit 2), with one thread and two")
    func inputChangedWhileRead() throws {
        for threads in [1, 2] {
            let dir = TestSupport.tempDir("grow")
            var text = "date,org,type\n"
            for i in 0..<2000 { text += "2022-03-\(String(format: "%02d", i % 28 + 1)),甲支部,党课\n" }
            let path = TestSupport.write(text, name: "r.csv", dir: dir)
            var o = ReaderOptions()
            o.threads = threads
            var appended = false
            #expect(throws: InputChangedError.self, "\(threads) threads") {
                _ = try RecordReader(options: o).read([.file(path)]) { _ in
                    if !appended {
                        appended = true
                        let h = FileHandle(forWritingAtPath: path)!
                        h.seekToEndOfFile(); h.write(Data("2022-04-01,甲支部,党课\n".utf8)); h.closeFile()
                    }
                }
            }
        }
    }

    @Test("stats --csv-dir into an input folder is refused before anything is written")
    func csvDirIsInput() throws {
        let dir = TestSupport.tempDir("csvdir")
        let records = TestSupport.write("date,org,type\n2022-03-01,甲支部,党课\n", name: "r.csv", dir: dir)
        for args in [[dir], [records]] {
            let r = TestSupport.run(["stats", "--as-of", "2022-12-31", "--csv-dir", dir + "/"] + args)
            #expect(r.code == ExitCode.badInput && r.err.contains("--csv-dir"), "\(r.err)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.csv"])
        }
    }

    @Test("temporary report files are removed on SIGTERM (the binary, a report slow enough to catch)")
    func signalRemovesTemporaries() throws {
        let dir = TestSupport.tempDir("sig")
        let units = "name,kind,parent\n" + (0..<5000).map { "单位\($0),支部," }.joined(separator: "\n") + "\n"
        let roster = TestSupport.write(units, name: "units.csv", dir: dir)
        let plan = TestSupport.write("id,checker,types,threshold,period,scope,source\n" + (0..<4).map { "W\($0),count,党课,1,week,kind:支部,每周" }.joined(separator: "\n") + "\n", name: "p.csv", dir: dir)
        let records = TestSupport.write("date,org,type\n2022-03-01,单位1,党课\n", name: "r.csv", dir: dir)
        let out = TestSupport.tempDir("sig-out")
        var caught = false
        for _ in 0..<3 where !caught {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.binary)
            p.arguments = ["check", "--plan", plan, "--roster", roster, "--as-of", "2022-12-31", "--threads", "1", "-o", out + "/r.csv", records]
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(60)
            while p.isRunning && Date() < deadline {
                if (try? FileManager.default.contentsOfDirectory(atPath: out))?.contains(where: { $0.hasPrefix(".r.csv.tmp-") }) == true {
                    kill(p.processIdentifier, SIGTERM); caught = true; break
                }
                usleep(2000)
            }
            p.waitUntilExit()
            if caught {
                // Died of the signal it got (Foundation reports it as a signal, or as 128 + 15).
                #expect((p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGTERM) || p.terminationStatus == 128 + SIGTERM,
                        "\(p.terminationReason.rawValue) \(p.terminationStatus)")
            }
            try? FileManager.default.removeItem(atPath: out + "/r.csv")
        }
        try #require(caught, "the report was written before the test could interrupt it")
        let left = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(left.isEmpty, "no temporary file left: \(left)")
    }

    // MARK: 5. Marker names.

    @Test("units named * or 合计 are refused in a roster and rejected in records")
    func markerNames() throws {
        for name in ["*", "合计"] {
            let roster = TestSupport.write("name,kind,parent\n\(name),支部,\n甲,支部,\n", name: "u.csv")
            let r = TestSupport.run(["validate", Self.plan, "--roster", roster])
            #expect(r.code == ExitCode.badInput && r.err.contains("保留标记"), "\(r.err)")
            let records = TestSupport.write("date,org,type\n2022-03-01,\(name),党课\n2022-03-01,甲,党课\n", name: "r.csv")
            let (rows, summary) = try TestSupport.records(records)
            #expect(rows.count == 1 && summary.rejected == 1)
            #expect(summary.rejections.first?.reason.contains(name) == true)
        }
    }

    // MARK: 6. Dates and numbers at the edges.

    @Test("Excel serials: 1 is 1900-01-01, 59 1900-02-28, 60 refused, 61 1900-03-01, 2958465 9999-12-31", arguments: [
        ("1", "1900-01-01"), ("59", "1900-02-28"), ("61", "1900-03-01"), ("44626", "2022-03-06"), ("2958465", "9999-12-31"), ("2958465.5", "9999-12-31"),
    ])
    func excelSerials(_ serial: String, _ iso: String) {
        let r = Array(serial.utf8).withUnsafeBufferPointer { FieldParsing.parseDate($0) }
        #expect(r == .day(Day.parseISO(iso)!))
    }

    @Test("Excel serial 60 and past 2958465 are refused with a reason")
    func excelSerialRefused() {
        for s in ["60", "2958466", "0"] {
            let r = Array(s.utf8).withUnsafeBufferPointer { FieldParsing.parseDate($0) }
            guard case .impossible(let why) = r else { Issue.record("\(s): \(r)"); continue }
            #expect(!why.isEmpty)
        }
    }

    @Test("an Excel serial's rejection names the day it stands for, with no English words in a Chinese report")
    func excelSerialReasonHasNoWords() {
        for (s, what) in [("60", "1900-02-29"), ("2958466", "> 9999-12-31"), ("0", "< 1900-01-01")] {
            let r = Array(s.utf8).withUnsafeBufferPointer { FieldParsing.parseDate($0) }
            #expect(r == .impossible(what))
        }
    }

    @Test("a plan row with too few or too many fields points at the first column past the shorter")
    func fieldCountColumn() throws {
        let p = TestSupport.write("id,checker,types,threshold,scope,source\nX,count,党课,1,all\nY,count,党课,1,all,c,extra\n", name: "p.csv")
        let (_, problems) = try PlanReader.validate([p])
        #expect(problems.map(\.column) == [6, 7])
    }

    @Test("UTF-16 without a BOM is detected (little- and big-endian); UTF-8 with NUL rows is not")
    func utf16WithoutBOM() throws {
        for enc in ["UTF-16LE", "UTF-16BE"] {
            let path = TestSupport.write(TestSupport.encode("date,org,type\n2022-03-01,甲支部,党课\n", as: enc), name: "u.csv")
            let (rows, s) = try TestSupport.records(path)
            #expect(rows.count == 1 && rows[0][2] == "甲支部", "\(enc)")
            #expect(s.files[0].encoding?.encoding == (enc == "UTF-16LE" ? .utf16LE : .utf16BE))
        }
        let nul = TestSupport.write(Array("date,org,type\n".utf8) + [UInt8](repeating: 0, count: 2000), name: "n.csv")
        let (_, s) = try TestSupport.records(nul)
        #expect(s.files[0].encoding?.encoding == .utf8)
    }

    // MARK: 7. Roster cycles.

    @Test("a roster cycle is reported by validate and refused by check --org (which ends)")
    func rosterCycles() throws {
        let roster = TestSupport.write("name,kind,parent\nA,支部,B\nB,支部,A\nC,支部,C\nD,支部,\nE,支部,D\n", name: "u.csv")
        let v = TestSupport.run(["validate", Self.plan, "--roster", roster])
        #expect(v.code == ExitCode.badInput)
        #expect(v.err.contains("A → B → A") && v.err.contains("C → C") && !v.err.contains("D →"), "\(v.err)")
        let records = TestSupport.write("date,org,type\n2022-03-01,A,党课\n", name: "r.csv")
        let c = TestSupport.run(["check", "--plan", Self.plan, "--roster", roster, "--org", "A", records])
        #expect(c.code == ExitCode.badInput && c.err.contains("A → B → A"))
    }

    // MARK: 8. The fuzz harness's leak.

    @Test("a check's context is freed afterwards (no cycle between scope entities and the context)")
    func contextFreed() throws {
        weak var weakContext: CheckContext?
        do {
            let context = CheckContext(year: 2022, asOf: Day.parseISO("2022-12-31")!, roster: Roster(units: [Unit(name: "甲", kind: "支部")]))
            let rule = Rule(id: "R", checker: "count", types: ["党课"], scope: .kinds(["支部"]))
            let engine = CheckEngine(plan: Plan(paths: [], rules: [rule]), context: context)
            _ = engine.finish()
            weakContext = context
        }
        #expect(weakContext == nil)
    }

    // MARK: 9. Counting agrees with the report.

    @Test("a record outside the year counts in no week, and the quality warning counts exactly those", arguments: [2020, 2021, 2022, 2026])
    func yearEdges(_ year: Int) throws {
        // One record a day from Dec 25 of the year before to Jan 7 after.
        var rows = "date,org,type\n"
        var outside = 0
        var d = Day(year: year - 1, month: 12, day: 25)!
        while d <= Day(year: year + 1, month: 1, day: 7)! {
            rows += "\(d.iso),甲,党课\n"
            if d.year != year { outside += 1 }
            d = d.adding(days: 1)
        }
        let fs = try CheckHarness.run(rule: [.id: "W", .checker: "count", .types: "党课", .threshold: "1", .period: "week", .scope: "all"],
                                      records: rows, asOf: "\(year + 1)-01-07", year: year, quality: true)
        let counted = fs.filter { $0.checker == "count" }.map(\.actual).reduce(0, +)
        #expect(counted == Day.parseISO("\(year)-01-01")!.days(to: Day.parseISO("\(year)-12-31")!) + 1, "every day of \(year), once")
        #expect(outside == 14)
        let warning = fs.first { $0.checker == QualityChecker.identifier && $0.note.contains("不在 \(year) 年") }
        #expect(warning?.actual == outside)
    }

    @Test("a name repeated in lead or target counts once")
    func repeatedNames() throws {
        #expect(ScopeEntities.names(in: "张三、张三，李四 张三") == ["张三", "李四"])
        let fs = try CheckHarness.run(rule: [.id: "R", .checker: "count", .types: "党课", .threshold: "2", .scope: "role:书记"],
                                      records: "date,org,type,lead\n2022-03-01,甲,党课,张三、张三\n", asOf: "2022-12-31",
                                      units: ["甲|支部"], people: ["张三|甲|书记"])
        #expect(CheckHarness.summary(fs) == ["甲|张三|2022|1|missed"])
    }
}
