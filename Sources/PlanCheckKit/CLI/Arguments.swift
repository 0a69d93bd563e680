/// One option of a subcommand, for parsing and for `--help`.
public struct OptionSpec: Sendable {
    /// Long name without dashes (`output`).
    public var name: String
    /// Optional one-letter short name (`o`).
    public var short: Character?
    /// The value's placeholder (`FILE`); nil for a flag.
    public var value: String?
    /// Catalogue id of its one-line help (`help.opt.output`, or `help.CMD.opt.output` where a
    /// command means something else by it).
    public var helpID: String
    /// Whether the option may be given more than once.
    public var repeatable: Bool

    /// Creates an option; its help is `help.opt.NAME` unless `help` names another catalogue id.
    public init(_ name: String, short: Character? = nil, value: String? = nil, repeatable: Bool = false, help: String? = nil) {
        self.name = name; self.short = short; self.value = value; self.repeatable = repeatable
        self.helpID = help ?? "help.opt." + name
    }

    /// Its one-line help in `lang`.
    public func help(_ lang: Lang) -> String { Messages.format(helpID, lang, []) }
}

/// A subcommand's description: what `help` prints and what the parser accepts.
///
/// Its words are in the catalogue: `help.NAME.abstract`, `help.NAME.usage`, `help.NAME.discussion`
/// (ending with the examples), and each option's ``OptionSpec/helpID``.
public struct CommandSpec: Sendable {
    /// Subcommand name.
    public var name: String
    /// Accepted options (`-h/--help` is implicit).
    public var options: [OptionSpec]

    /// Creates a spec.
    public init(name: String, options: [OptionSpec]) { self.name = name; self.options = options }

    /// Catalogue ids of its texts (a test checks that each exists).
    public var textIDs: [String] { ["abstract", "usage", "discussion"].map { "help.\(name).\($0)" } + options.map(\.helpID) }

    /// One-line summary.
    public func abstract(_ lang: Lang) -> String { Messages.format("help.\(name).abstract", lang, []) }
    /// Usage line after `plancheck`.
    public func usage(_ lang: Lang) -> String { Messages.format("help.\(name).usage", lang, []) }
    /// Longer text printed after the options, ending with the examples.
    public func discussion(_ lang: Lang) -> String { Messages.format("help.\(name).discussion", lang, []) }

    /// The full help text in `lang` (options keep their English names).
    public func helpText(_ lang: Lang) -> String {
        var s = Messages.text("help.overview", lang, abstract(lang)) + "\n\n" + Messages.text("help.usage", lang, usage(lang)) + "\n\n"
        s += Messages.text("help.options", lang) + "\n"
        var rows: [[String]] = []
        for o in options {
            var n = (o.short.map { "-\($0), " } ?? "") + "--\(o.name)"
            if let v = o.value { n += " <\(v)>" }
            rows.append(["  " + n, o.help(lang) + (o.repeatable ? Messages.text("help.repeatable", lang) : "")])
        }
        rows.append(["  --lang <LANG>", Messages.text("help.opt.lang", lang)])
        rows.append(["  -h, --help", Messages.text("help.opt.help", lang)])
        s += DisplayWidth.table(rows)
        let discussion = discussion(lang)
        if !discussion.isEmpty { s += "\n" + discussion + (discussion.hasSuffix("\n") ? "" : "\n") }
        return s
    }
}

/// A usage error: printed as `Error: …` (错误：…) followed by the usage line; exit code 2.
///
/// Either a catalogue message (`id` and its arguments, said in the run's language when printed) or
/// a text already said (a lower layer's error message).
public struct UsageError: Error, Equatable, CustomStringConvertible, LocalizedMessage {
    /// Catalogue id, or nil when ``text`` is the message.
    public var id: String?
    /// The catalogue message's arguments.
    public var args: [String]
    /// The message when it is not from the catalogue.
    public var text: String
    /// Creates one from a message already in words.
    public init(_ message: String) { id = nil; args = []; text = message }
    /// Creates one from the catalogue.
    public init(id: String, _ args: Any...) { self.id = id; self.args = args.map { "\($0)" }; text = "" }
    /// The message in `lang`.
    public func message(_ lang: Lang) -> String { id.map { Messages.format($0, lang, args) } ?? text }
    /// The message in English (logs, tests).
    public var message: String { message(.en) }
    public var description: String { message }
}

/// The result of parsing a subcommand's arguments.
public struct ParsedArguments: Sendable {
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    /// Arguments that are not options, in order.
    public var positionals: [String] = []
    /// Whether `-h/--help` was given.
    public var help = false
    /// Whether `--version` was given (after the subcommand: `plancheck check --version`).
    public var version = false

    /// The last value of an option.
    public func value(_ name: String) -> String? { values[name]?.last }
    /// All values of a repeatable option.
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `args` against `spec`.
    public static func parse(_ args: [String], spec: CommandSpec) throws -> ParsedArguments {
        var p = ParsedArguments()
        var i = 0
        var onlyPositionals = false
        func find(_ a: String) -> OptionSpec? {
            if a.hasPrefix("--") { return spec.options.first { "--" + $0.name == a } }
            if a.count == 2 { return spec.options.first { $0.short != nil && "-\($0.short!)" == a } }
            return nil
        }
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositionals || a == "-" || !a.hasPrefix("-") { p.positionals.append(a); continue }
            if a == "--" { onlyPositionals = true; continue }
            if a == "-h" || a == "--help" { p.help = true; continue }
            if a == "--version" { p.version = true; continue }
            // --lang is every command's option (read by PlanCheckCLI.run before the command).
            if a == "--lang" || a.hasPrefix("--lang=") {
                if a == "--lang" {
                    guard i < args.count else { throw UsageError(id: "core.optionNeedsValue", "lang", "LANG") }
                    p.values["lang"] = [args[i]]; i += 1
                } else {
                    p.values["lang"] = [String(a.dropFirst("--lang=".count))]
                }
                continue
            }
            var name = a
            var inline: String? = nil
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq]); inline = String(a[a.index(after: eq)...])
            }
            func add(_ o: OptionSpec, _ v: String) throws {
                if !o.repeatable && p.values[o.name] != nil {
                    throw UsageError(id: "core.optionTwice", o.name)
                }
                p.values[o.name, default: []].append(v)
            }
            // Short options together: `-qo FILE` is `-q -o FILE`; `-oFILE` is `-o FILE`.
            if !a.hasPrefix("--") && a.count > 2 {
                // `-plan` is a long option with one dash too few, not `-p lan`.
                let word = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
                if spec.options.contains(where: { "-" + $0.name == word }) || ["-help", "-version", "-lang"].contains(word) {
                    throw unknownOption(word, spec: spec)
                }
                let letters = Array(a.dropFirst())
                var k = 0
                while k < letters.count {
                    if letters[k] == "h" { p.help = true; k += 1; continue }
                    guard let o = spec.options.first(where: { $0.short == letters[k] }) else {
                        // A whole word after one dash (`-plan`) is most likely a long option.
                        throw unknownOption(k == 0 ? a : "-" + String(letters[k]), spec: spec)
                    }
                    k += 1
                    if o.value == nil { p.flags.insert(o.name); continue }
                    if k < letters.count { try add(o, String(letters[k...])) } else {
                        guard i < args.count else { throw UsageError(id: "core.optionNeedsValue", o.name, o.value!) }
                        try add(o, args[i]); i += 1
                    }
                    break
                }
                continue
            }
            guard let o = find(name) else { throw unknownOption(name, spec: spec) }
            if o.value == nil {
                if inline != nil { throw UsageError(id: "core.optionTakesNoValue", o.name) }
                p.flags.insert(o.name)
                continue
            }
            if let inl = inline { try add(o, inl) } else {
                guard i < args.count else { throw UsageError(id: "core.optionNeedsValue", o.name, o.value!) }
                try add(o, args[i]); i += 1
            }
        }
        return p
    }

    /// "unknown option", with the nearest option of the command when one is close (`--paln` → `--plan`).
    static func unknownOption(_ name: String, spec: CommandSpec) -> UsageError {
        let known = spec.options.map { "--" + $0.name } + ["--help", "--lang", "--version"]
        if let near = Suggest.nearest(name.hasPrefix("--") ? name : "-" + name, among: known) {
            return UsageError(id: "hint.unknownOption", name, spec.name, near)
        }
        return UsageError(id: "core.unknownOption", name, spec.name)
    }
}
