/// `plancheck draft`: turns a work plan document into a draft plan file to confirm and validate.
public enum DraftCommand: Command {
    public static let spec = CommandSpec(
        name: "draft",
        options: [OptionSpec("output", short: "o", value: "FILE", help: "help.draft.opt.output")])

    /// The plan file's header, as in Checks/.
    static let header = ["id", "title", "checker", "types", "keywords", "threshold", "period", "scope", "deadline",
                         "windows", "target_kind", "field", "clause", "source"]

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard p.positionals.count == 1 else { throw UsageError(p.positionals.isEmpty ? "no document given" : "give one document at a time") }
        guard let lang = Lang.resolve(option: p.value("lang"), environment: io.environment) else {
            throw UsageError(Messages.text("core.langUnknown", .en, p.value("lang") ?? ""))
        }
        let path = p.positionals[0]
        let out = p.value("output")
        if let o = out {
            try AtomicFileOutput.refuseInputs([o], inputs: [.file(path)])
            try AtomicFileOutput.preflight(o)
        }
        let doc = try PlanDocument.read(path)
        let draft = Drafter().draft(doc)
        let csv = render(draft)
        let screen: OutputSink
        if let o = out {
            let f = try AtomicFileOutput(path: o)
            f.write(csv)
            do { try f.commit() } catch { f.discard(); throw error }
            screen = io.stdout
        } else {
            io.stdout.write(csv)
            screen = io.stderr
        }
        screen.write(summary(draft, document: path, output: out, lang: lang))
        return ExitCode.ok
    }

    /// The draft as a plan file: UTF-8 with a BOM (Excel and WPS open it as Chinese), the rules,
    /// then one 无法表达 row per sentence no rule can express.
    public static func render(_ d: Draft) -> String {
        var s = "\u{FEFF}" + header.joined(separator: ",") + "\n"
        func row(_ cells: [String]) { s += cells.map { CSVWriter.escape($0, formulaGuard: false) }.joined(separator: ",") + "\n" }
        for (i, r) in d.rules.enumerated() {
            row([String(format2: i + 1, prefix: "D"), r.title, r.checker, r.types.text, "", r.threshold.text, r.period.text,
                 r.scope.text, r.deadline, r.windows, r.targetKind, r.field, r.clause, r.source])
        }
        for (i, n) in d.unexpressible.enumerated() {
            row([String(format2: i + 1, prefix: "X"), n.reasons.joined(separator: "；"), DraftMarker.unexpressibleChecker,
                 "", "", "", "", "", "", "", "", "", n.clause, n.sentence])
        }
        return s
    }

    /// The summary on screen: counts, each rule, the sentences not expressible, the next step.
    public static func summary(_ d: Draft, document: String, output: String?, lang: Lang) -> String {
        var s = Messages.text("draft.summary", lang, document, d.rules.count, d.rules.filter(\.needsTypeOrScope).count,
                              d.unexpressible.count) + "\n"
        for (i, r) in d.rules.enumerated() {
            let when: String
            switch r.checker {
            case "deadline": when = Messages.text("draft.whenDeadline", lang, r.deadline)
            case "windows": when = Messages.text("draft.whenWindows", lang, r.windows)
            case "coverage": when = Messages.text("draft.whenCoverage", lang, r.targetKind)
            default:
                var period = r.period
                switch PeriodKind(rawValue: period.value) {
                case .year?: period.value = Messages.text("draft.period.year", lang)
                case .half?: period.value = Messages.text("draft.period.half", lang)
                case .quarter?: period.value = Messages.text("draft.period.quarter", lang)
                case .month?: period.value = Messages.text("draft.period.month", lang)
                case .week?: period.value = Messages.text("draft.period.week", lang)
                case nil: break
                }
                when = Messages.text("draft.whenPeriod", lang, period.text)
            }
            s += Messages.text("draft.rule", lang, String(format2: i + 1, prefix: "D"), r.clause.isEmpty ? "—" : r.clause,
                               r.checker, r.types.text, r.threshold.text, when, r.scope.text) + "\n"
        }
        if !d.unexpressible.isEmpty {
            s += Messages.text("draft.unexpressibleHeader", lang) + "\n"
            for n in d.unexpressible {
                s += Messages.text("draft.unexpressible", lang, n.clause.isEmpty ? "—" : n.clause, n.sentence, n.reasons.joined(separator: "；")) + "\n"
            }
        }
        if let o = output {
            s += Messages.text("draft.written", lang, o) + "\n"
            s += Messages.text("draft.next", lang, o) + "\n"
        }
        return s
    }
}

extension String {
    /// `D01`, `D12`, `D123`.
    init(format2 n: Int, prefix: String) { self = prefix + (n < 10 ? "0" : "") + String(n) }
}
