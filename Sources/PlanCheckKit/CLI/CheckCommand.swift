/// `plancheck check`: runs every rule of the plan over the records and reports each shortfall.
public enum CheckCommand: Command {
    public static let spec = CommandSpec(
        name: "check",
        options: CommonOptions.planning(plan: "help.opt.plan.required", asOf: "help.opt.as-of.check") + [
            OptionSpec("org", value: "NAME"),
            OptionSpec("title", value: "TEXT", help: "help.check.opt.title"),
            OptionSpec("quiet", short: "q"),
            OptionSpec("fail-on", value: "LEVEL"),
            OptionSpec("show-evidence"),
            OptionSpec("evidence-cap", value: "N"),
            OptionSpec("counts", value: "FILE", repeatable: true),
            OptionSpec("max-duplicate-keys", value: "N"),
        ] + CommonOptions.output + CommonOptions.reader)

    /// Parses `--fail-on`.
    static func failLevel(_ p: ParsedArguments) throws -> Status? {
        switch p.value("fail-on") ?? "missed" {
        case "missed": return .missed
        case "at-risk": return .atRisk
        case "warning": return .warning
        case "never": return nil
        case let v: throw UsageError(id: "csv.failOn", v)
        }
    }

    /// Reads options shared by `check` and `stats`: as-of, year, roster and plan.
    static func setup(_ p: ParsedArguments, io: CommandIO, planRequired: Bool) throws
        -> (asOf: Day, year: Int, roster: Roster?, plan: Plan, notes: [String]) {
        var asOf = io.today
        if let a = p.value("as-of") {
            guard let d = Day.parseISO(a) ?? FieldParsing.day(a) else { throw UsageError(id: "csv.asOf", a) }
            asOf = d
        }
        let planPaths = p.all("plan")
        if planRequired && planPaths.isEmpty { throw UsageError(id: "workspace.noPlan") }
        let rosterPaths = p.all("roster")
        let roster = rosterPaths.isEmpty ? nil : try Roster.read(rosterPaths, lang: io.lang)
        let plan = planPaths.isEmpty ? Plan(paths: [], rules: []) : try PlanReader.read(planPaths, lang: io.lang)
        var year = asOf.year
        if let y = p.value("year") {
            guard let v = Int(y), Limits.year.contains(v) else {
                throw UsageError(id: "limits.year", y, Limits.year.lowerBound, Limits.year.upperBound)
            }
            year = v
        } else if let y = plan.year { year = y }
        // A year taken from --as-of or a plan's file name gets the range --year has.
        if !Limits.year.contains(year) {
            throw UsageError(id: "limits.yearOutside", year, Limits.year.lowerBound, Limits.year.upperBound,
                             plan.year != nil && p.value("year") == nil ? (plan.paths.first ?? "") : "--as-of \(p.value("as-of") ?? asOf.iso)")
        }
        let notes = roster.map { PlanReader.rosterNotes(plan, roster: $0, lang: io.lang) } ?? []
        return (asOf, year, roster, plan, notes)
    }

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        let p = try Workspace.expand(p, spec: spec, io: io)
        let targets = try ReportTargets.parse(p, stdoutFormats: ["text", "csv", "json"], fileFormats: ["text", "csv", "json", "html"])
        let fail = try failLevel(p)
        let readerOptions = try CommonOptions.readerOptions(p)
        let countsPaths = p.all("counts")
        if !countsPaths.isEmpty && !p.positionals.isEmpty {
            throw UsageError(id: "sql.countsWithInputs")
        }
        let (inputs, notRead) = countsPaths.isEmpty ? try CommonOptions.inputsAndNotRead(p) : ([], [])
        let folderNotes = CommonOptions.notes(notRead, lang: io.lang)
        try AtomicFileOutput.refuseInputs(targets.files.map(\.path), inputs: inputs, also: p.all("plan") + p.all("roster") + countsPaths)
        let cap = try p.value("evidence-cap").map { try Limits.option($0, "evidence-cap", Limits.evidenceCap) }
            ?? (p.value("org") == nil ? 3 : 10)
        let dupKeys = try p.value("max-duplicate-keys").map { try Limits.option($0, "max-duplicate-keys", Limits.maxDuplicateKeys) }
            ?? CheckContext.defaultMaxDuplicateKeys
        let s = try setup(p, io: io, planRequired: true)
        if let org = p.value("org"), let r = s.roster, !r.units.contains(where: { $0.name == org }) {
            throw UsageError(id: "csv.orgNotInRoster", org)
        }
        var report = !countsPaths.isEmpty
            ? try CountsReport.build(paths: countsPaths, plan: s.plan, roster: s.roster, rosterPaths: p.all("roster"), year: s.year,
                                     asOf: s.asOf, org: p.value("org"), extraNotes: s.notes,
                                     lang: io.lang)
            : try runCheck(plan: s.plan, roster: s.roster, rosterPaths: p.all("roster"), year: s.year, asOf: s.asOf,
                                  inputs: inputs, readerOptions: readerOptions, evidenceCap: cap, maxDuplicateKeys: dupKeys, org: p.value("org"), extraNotes: s.notes + folderNotes)
        report.notRead = notRead
        if p.flag("strict"), let e = CommonOptions.strictFailure(report.read, lang: io.lang) { throw e }
        var opts = ReportOptions()
        opts.bom = targets.bom
        opts.formulaGuard = targets.formulaGuard
        opts.quiet = p.flag("quiet")
        opts.evidence = p.flag("show-evidence") || p.value("org") != nil
        opts.threads = readerOptions.threads
        opts.lang = io.lang
        opts.title = p.value("title")
        try targets.writeFiles { fmt, sink in
            var o = opts
            o.colour = false
            o.quiet = false
            CheckReporters.named(fmt)!.write(report, to: sink, options: o)
        }
        var stdoutOpts = opts
        stdoutOpts.colour = io.useColour && targets.stdoutFormat == "text"
        CheckReporters.named(targets.stdoutFormat)!.write(report, to: io.stdout, options: stdoutOpts)
        if let level = fail, report.hasFindings(atOrAbove: level) { return ExitCode.findings }
        return ExitCode.ok
    }

    /// Reads the records once and runs the plan: the whole check without any output. `also` sees
    /// every accepted record in the same pass (what `stats` uses to avoid a second read).
    public static func runCheck(plan: Plan, roster: Roster?, rosterPaths: [String] = [], year: Int, asOf: Day,
                                inputs: [InputSource], readerOptions: ReaderOptions = ReaderOptions(),
                                evidenceCap: Int = 3, maxDuplicateKeys: Int = CheckContext.defaultMaxDuplicateKeys,
                                org: String? = nil, extraNotes: [String] = [],
                                also: ((RecordView) -> Void)? = nil) throws -> CheckReport {
        let context = CheckContext(year: year, asOf: asOf, roster: roster, evidenceCap: evidenceCap, maxDuplicateKeys: maxDuplicateKeys)
        context.fileNames = inputs.map(\.name)
        let engine = CheckEngine(plan: plan, context: context)
        // The roster's units, read-only for the worker threads (the engine's own table copies
        // itself when it first interns a unit not in the roster).
        let summary = try RecordReader(options: readerOptions).read(inputs, knownOrgs: context.rosterUnitCount > 0 ? context.units : nil) { r in
            engine.consume(r)
            also?(r)
        }
        var findings = engine.finish()
        var unitOrder: [(String, String)] = []
        for id in 0..<context.unitCount { unitOrder.append((context.unitName(id), context.kind(of: id) ?? "")) }
        var read = summary
        if let org = org {
            let keep = context.subtree(of: org)
            findings = FindingList(findings.filter { keep.contains($0.org) })
            // A unit reviewing itself sees only the rejected rows that name it (or no unit).
            read.rejections = read.rejections.filter { $0.org.isEmpty || keep.contains($0.org) }
        }
        var report = CheckReport(planPaths: plan.paths, rosterPaths: rosterPaths, year: year, asOf: asOf, read: read,
                                 findings: findings, notes: extraNotes + engine.notes, org: org, unitOrder: unitOrder)
        // A self-review shows each counted record by date and title: the few cited records are read
        // back from the inputs (files only: standard input cannot be read twice).
        if org != nil && !inputs.contains(.standardInput) {
            var wanted = Set<Int64>()
            for f in findings where f.checker != QualityChecker.identifier { for e in f.evidenceRefs { wanted.insert(EvidenceRecord.key(e)) } }
            if !wanted.isEmpty {
                var options = readerOptions
                options.threads = 1
                var found: [Int64: EvidenceRecord] = [:]
                _ = try RecordReader(options: options).read(inputs, knownOrgs: nil) { r in
                    let k = Int64(r.fileIndex) << 32 | Int64(r.line)
                    if wanted.contains(k) { found[k] = EvidenceRecord(date: r.date, type: r.string(.type), title: r.string(.title)) }
                }
                report.evidenceRecords = found
            }
        }
        return report
    }
}
