#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes and what it knows of its surroundings; tests pass memory buffers.
public final class CommandIO {
    /// Standard output.
    public let stdout: OutputSink
    /// Standard error.
    public let stderr: OutputSink
    /// The environment (for `NO_COLOR`).
    public let environment: [String: String]
    /// Whether standard output is a terminal (colour only then).
    public let stdoutIsTerminal: Bool
    /// "Today" for `--as-of`'s default.
    public let today: Day
    /// The language of this run (`--lang`, else `PLANCHECK_LANG`, else Chinese), set by
    /// ``PlanCheckCLI/run(_:io:)`` before the command runs.
    public var lang: Lang

    /// Creates an IO context.
    public init(stdout: OutputSink, stderr: OutputSink, environment: [String: String] = [:],
                stdoutIsTerminal: Bool = false, today: Day = Day.today()) {
        self.stdout = stdout; self.stderr = stderr; self.environment = environment
        self.stdoutIsTerminal = stdoutIsTerminal; self.today = today
        self.lang = Lang.resolve(option: nil, environment: environment) ?? .zh
    }

    /// Whether to use ANSI colour: only on a terminal, never with `NO_COLOR` set.
    public var useColour: Bool { stdoutIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb" }
}

/// The process exit codes, documented in README.
public enum ExitCode {
    /// Nothing at or above `--fail-on`.
    public static let ok: Int32 = 0
    /// Findings at or above `--fail-on`.
    public static let findings: Int32 = 1
    /// Bad input or usage; nothing written.
    public static let badInput: Int32 = 2
}

/// A subcommand.
public protocol Command {
    /// Its description for parsing and help.
    static var spec: CommandSpec { get }
    /// Runs it; returns the exit code. Throws for bad input (exit 2).
    static func run(_ args: ParsedArguments, io: CommandIO) throws -> Int32
}

/// The `plancheck` command line: subcommands, help at every level, `--version`.
public enum PlanCheckCLI {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    /// Every subcommand, in help order.
    nonisolated(unsafe) public static let commands: [any Command.Type] = [
        CheckCommand.self, StatsCommand.self, InitCommand.self, InspectCommand.self, ValidateCommand.self, CheckersCommand.self, DraftCommand.self,
        SQLCommand.self,
    ]

    /// The help of `plancheck --help` in `lang`.
    static func mainHelp(_ lang: Lang) -> String {
        var rows: [[String]] = []
        for c in commands { rows.append(["  " + c.spec.name, c.spec.abstract(lang)]) }
        rows.append(["  help", Messages.text("help.main.help", lang)])
        return Messages.text("help.main", lang, DisplayWidth.table(rows))
    }

    /// The value of `--lang` in `argv`, if given (read before the arguments are parsed, so that even
    /// a usage error is said in the user's language).
    static func langOption(_ argv: [String]) -> String? {
        var value: String? = nil
        var i = 0
        while i < argv.count {
            let a = argv[i]
            if a == "--" { break }
            if a == "--lang" { value = i + 1 < argv.count ? argv[i + 1] : value; i += 2; continue }
            if a.hasPrefix("--lang=") { value = String(a.dropFirst("--lang=".count)) }
            i += 1
        }
        return value
    }

    /// Runs the command line (without the program name) and returns the exit code.
    ///
    /// Standard output is flushed before the code is returned, and a failed write there (a full
    /// disk, a lost terminal) is an error, exit 2, whatever the command said: a truncated report
    /// must not pass for a complete one. A closed pipe (`| head`) is not: the reader wanted no
    /// more, so the command ends quietly with its usual status.
    public static func run(_ argv: [String], io: CommandIO) -> Int32 {
        let code = dispatch(argv, io: io)
        let result = finishStandardOutput(code, io: io)
        try? io.stderr.flush()
        return result
    }

    /// Flushes standard output; on a failed write, says so on standard error and returns 2.
    static func finishStandardOutput(_ code: Int32, io: CommandIO) -> Int32 {
        do {
            try io.stdout.flush()
            return code
        } catch {
            let fd = io.stdout as? FileDescriptorOutput
            if fd?.brokenPipe == true { return code }
            let lang = io.lang
            // Whatever descriptor it is, this is the command's standard output (tests pass others).
            let what = Messages.text("limits.standardOutput", lang)
            io.stderr.write(Messages.text("core.error", lang, Messages.text("limits.writeFailed", lang, what,
                                                                             Messages.systemReason(fd?.failure ?? "\(error)", lang))) + "\n")
            return ExitCode.badInput
        }
    }

    static func dispatch(_ argv: [String], io: CommandIO) -> Int32 {
        let option = langOption(argv)
        guard let lang = Lang.resolve(option: option, environment: io.environment) else {
            io.stderr.write(Messages.text("core.error", .zh, Messages.text("core.langUnknown", .zh, option ?? "")) + "\n")
            return ExitCode.badInput
        }
        io.lang = lang
        func said(_ message: String) -> String { Messages.text("core.error", lang, message) + "\n" }
        guard let first = argv.first else {
            io.stderr.write(said(Messages.text("core.noSubcommand", lang)) + "\n" + mainHelp(lang))
            return ExitCode.badInput
        }
        if first == "-h" || first == "--help" { io.stdout.write(mainHelp(lang)); return ExitCode.ok }
        if first == "--version" { io.stdout.write("plancheck \(version)\n"); return ExitCode.ok }
        if first == "help" {
            // `plancheck help --lang en`, `plancheck help check --lang en`: --lang is no subcommand.
            var rest: [String] = []
            var i = 1
            while i < argv.count {
                if argv[i] == "--lang" { i += 2; continue }
                if !argv[i].hasPrefix("--lang=") { rest.append(argv[i]) }
                i += 1
            }
            guard let name = rest.first else { io.stdout.write(mainHelp(lang)); return ExitCode.ok }
            guard let c = commands.first(where: { $0.spec.name == name }) else {
                io.stderr.write(said(unknownSubcommand(name, lang)) + "\n" + mainHelp(lang))
                return ExitCode.badInput
            }
            io.stdout.write(c.spec.helpText(lang))
            return ExitCode.ok
        }
        guard let command = commands.first(where: { $0.spec.name == first }) else {
            io.stderr.write(said(unknownSubcommand(first, lang)) + "\n" + mainHelp(lang))
            return ExitCode.badInput
        }
        let spec = command.spec
        do {
            let parsed = try ParsedArguments.parse(Array(argv.dropFirst()), spec: spec)
            if parsed.help { io.stdout.write(spec.helpText(lang)); return ExitCode.ok }
            if parsed.version { io.stdout.write("plancheck \(version)\n"); return ExitCode.ok }
            return try command.run(parsed, io: io)
        } catch let e as UsageError {
            io.stderr.write(said(e.message(lang)) + Messages.text("core.usage", lang, spec.usage(lang), spec.name) + "\n")
        } catch where (io.stdout as? FileDescriptorOutput)?.brokenPipe == true {
            return ExitCode.ok  // a command that flushes itself (inspect) met a closed pipe: quiet
        } catch let e as LocalizedMessage {
            io.stderr.write(said(e.message(lang)))
        } catch {
            io.stderr.write(said("\(error)"))
        }
        return ExitCode.badInput
    }

    /// "unknown subcommand 'chek'", with the nearest subcommand when it looks like a misspelling.
    static func unknownSubcommand(_ name: String, _ lang: Lang) -> String {
        let names = commands.map { $0.spec.name } + ["help"]
        if let near = Suggest.nearest(name, among: names) {
            return Messages.text("core.unknownSubcommandDidYouMean", lang, name, near)
        }
        return Messages.text("core.unknownSubcommand", lang, name)
    }

    /// Entry point for the executable: real standard streams and environment, then exit.
    public static func main() -> Never {
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.installHandlers()
        let out = FileDescriptorOutput(fd: 1)
        let err = FileDescriptorOutput(fd: 2, capacity: 1)
        var env: [String: String] = [:]
        var p = environ
        while let e = p.pointee {
            let s = String(cString: e)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        let io = CommandIO(stdout: out, stderr: err, environment: env, stdoutIsTerminal: isatty(1) == 1)
        let code = run(Array(CommandLine.arguments.dropFirst()), io: io)
        exit(code)
    }
}

/// Options shared by every command that reads records.
enum CommonOptions {
    static let reader: [OptionSpec] = [
        OptionSpec("encoding", value: "NAME"),
        OptionSpec("delimiter", value: "CHAR"),
        OptionSpec("column", value: "HEADER=FIELD", repeatable: true),
        OptionSpec("sheet", value: "NAME"),
        OptionSpec("strict"),
        OptionSpec("max-row-bytes", value: "N"),
        OptionSpec("max-columns", value: "N"),
        OptionSpec("threads", value: "N"),
    ]

    /// Plan, roster, as-of and year, as `check` and `stats` take them (`plan`, `asOf`: help ids).
    static func planning(plan: String, asOf: String) -> [OptionSpec] {
        [
            OptionSpec("plan", short: "p", value: "FILE", repeatable: true, help: plan),
            OptionSpec("roster", short: "r", value: "FILE", repeatable: true),
            OptionSpec("as-of", value: "DATE", help: asOf),
            OptionSpec("year", value: "YEAR"),
        ]
    }

    static let output: [OptionSpec] = [
        OptionSpec("format", value: "FORMAT"),
        OptionSpec("output", short: "o", value: "FILE", repeatable: true),
        OptionSpec("no-bom"),
        OptionSpec("no-formula-guard"),
    ]

    static func readerOptions(_ p: ParsedArguments) throws -> ReaderOptions {
        var o = ReaderOptions()
        if let e = p.value("encoding") {
            guard let enc = TextEncoding.parse(e) else { throw UsageError(id: "csv.unknownEncoding", e) }
            o.encoding = enc
        }
        if let d = p.value("delimiter") {
            switch d {
            case "\\t", "tab", "\t": o.delimiter = 0x09
            case "comma": o.delimiter = 0x2C
            case "semicolon": o.delimiter = 0x3B
            default:
                guard d.utf8.count == 1, let c = d.utf8.first, c != 0x22, c != 0x0A, c != 0x0D else {
                    throw UsageError(id: "csv.badDelimiter", d)
                }
                o.delimiter = c
            }
        }
        if let v = p.value("max-row-bytes") { o.maxRowBytes = try Limits.option(v, "max-row-bytes", Limits.maxRowBytes) }
        if let v = p.value("max-columns") { o.maxColumns = try Limits.option(v, "max-columns", Limits.maxColumns) }
        if let v = p.value("threads") { o.threads = try Limits.option(v, "threads", Limits.threads) }
        o.sheet = p.value("sheet")
        for c in p.all("column") {
            let parts = c.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
            let field = parts.count == 2 ? RecordField.allCases.first { f in
                f.name == parts[1].lowercased() || f.aliases.contains { HeaderNames.normalize($0) == HeaderNames.normalize(parts[1]) }
            } : nil
            guard let field, !parts[0].isEmpty else {
                throw UsageError("--column '\(c)' is not HEADER=FIELD; FIELD is one of: \(RecordField.allCases.map(\.name).joined(separator: ", ")) (e.g. --column 组织名称=org)")
            }
            o.columnOverrides[HeaderNames.normalize(parts[0])] = field
        }
        return o
    }

    /// What `--strict` refuses: any rejected row, and any cell warning (a participants cell that
    /// could not be read keeps its row, but the run is not clean). Nil when the read was clean.
    /// The message lists the first 20 of each with their places.
    static func strictFailure(_ read: ReadSummary, lang: Lang) -> UsageError? {
        guard read.rejected > 0 || read.cellWarningCount > 0 else { return nil }
        var msg = read.cellWarningCount == 0 ? Messages.text("csv.strict", lang, read.rejected)
            : Messages.text("csv.strictCells", lang, read.rejected, read.cellWarningCount)
        for x in read.rejections.prefix(20) { msg += "\n  \(x.location): \(x.message(lang))" }
        for x in read.cellWarnings.prefix(20) { msg += "\n  " + Messages.text("cells.warning", lang, x.location, x.message(lang)).trimmingWhitespace() }
        return UsageError(msg)
    }

    static func positiveInt(_ v: String, _ name: String) throws -> Int {
        guard let n = Int(v), n > 0 else { throw UsageError(id: "core.positiveInt", name, v) }
        return n
    }

    static func inputs(_ p: ParsedArguments) throws -> [InputSource] { try inputsAndNotes(p, lang: .zh).sources }

    /// The inputs, with folders expanded (subfolders too; files that are not activity tables are
    /// not read, unless `--strict`), and a note for each file of a folder that is not read (the report's file count and
    /// `inspect` say which were).
    static func inputsAndNotes(_ p: ParsedArguments, lang: Lang) throws -> (sources: [InputSource], notes: [String]) {
        let (sources, notRead) = try inputsAndNotRead(p)
        return (sources, notes(notRead, lang: lang))
    }

    /// The inputs, with folders expanded, and the files of a folder that are not read (the check
    /// reports list them).
    static func inputsAndNotRead(_ p: ParsedArguments) throws -> (sources: [InputSource], notRead: [NotReadFile]) {
        if p.positionals.isEmpty { throw UsageError(id: "core.noInputs") }
        return try RecordReader.expandFolders(p.positionals, options: try readerOptions(p), strict: p.flag("strict"))
    }

    /// A note for each file not read.
    static func notes(_ notRead: [NotReadFile], lang: Lang) -> [String] {
        notRead.map { Messages.text("folder.notRead", lang, $0.path, $0.message(lang)) }
    }

    /// The delimiter in words (逗号 / comma …), as `inspect` shows it.
    static func delimiterName(_ d: UInt8, _ lang: Lang = .en) -> String {
        switch d {
        case 0x2C: return Messages.text("inspect.comma", lang)
        case 0x09: return Messages.text("inspect.tab", lang)
        case 0x3B: return Messages.text("inspect.semicolon", lang)
        default: return Messages.text("inspect.otherDelimiter", lang, String(Character(Unicode.Scalar(d))))
        }
    }
}
