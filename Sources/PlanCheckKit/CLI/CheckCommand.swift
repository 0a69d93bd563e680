/// `plancheck check`: runs every rule of the plan over the records and reports each shortfall.
public enum CheckCommand: Command {
    public static let spec = CommandSpec(
        name: "check",
        abstract: "Check activity records against a plan and report every shortfall.",
        usage: "check <workspace> [options] | check --plan <plan.csv> [--roster <file>]... [options] <file|dir|->...",
        discussion: """
        Statuses per rule × unit (or person) × period: met; missed (period over, below the
        threshold); upcoming (not started); within the current period on-track or at-risk
        (behind the pro-rata pace, or at most min(14, half the period) days left; never on the
        period's first day). With --as-of on or after Dec 31 of the year, only met and missed.
        Data-quality warnings (duplicates, dates outside the year or after as-of, units not in the
        roster, types no rule counts) are always reported.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad input or
        usage (message on standard error, no report written).

        A workspace folder (made by `plancheck init DIR`) gives the plans (工作计划/), rosters (花名册/),
        records (活动记录/), the year and the reports to write (设置.txt); options given here override it.

        Examples:
          plancheck check 党建工作台
          plancheck check 党建工作台 --quiet --fail-on at-risk
          plancheck check 党建工作台 --org 宝胜寺社区党支部 --as-of 2022-11-21
          plancheck check --plan 计划.csv --roster 单位.csv --roster 人员.csv --as-of 2022-12-31 \\
            -o audit.csv -o audit.html 记录/
        """,
        options: CommonOptions.planning(plan: "Plan file (CSV, one rule per row). Required.",
                                        asOf: "Check as of this day, YYYY-MM-DD (default: today).") + [
            OptionSpec("org", value: "NAME", "Self-review: only this unit, its child units and their people; shows the records that counted."),
            OptionSpec("title", value: "TEXT", "Title of the audit report (.html), e.g. \"龙门街道党工委2022年度党建工作计划执行情况\" (default: the office and the year)."),
            OptionSpec("quiet", short: "q", "Print only problems (missed, at-risk, warnings, rejected rows); nothing when all is well."),
            OptionSpec("fail-on", value: "LEVEL", "Exit 1 when any finding is at or above: missed (default), at-risk, warning, never."),
            OptionSpec("show-evidence", "List the records that counted under each finding (text)."),
            OptionSpec("evidence-cap", value: "N", "Most records cited per finding (default 3, or 10 with --org; 0 for none; at most 10000)."),
            OptionSpec("counts", value: "FILE", repeatable: true, "Report from the counts an engine wrote (the results of 'plancheck sql --emit counts', CSV) instead of reading records; same plan, roster and --as-of as the SQL."),
            OptionSpec("max-duplicate-keys", value: "N", "Fingerprints held in memory to find duplicate records (default 524288, at most 2147483648; in at most 12 bytes each); past it they move to temporary files in TMPDIR and detection stays exact."),
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
        if p.flag("strict") && report.read.rejected > 0 {
            var msg = Messages.text("csv.strict", io.lang, report.read.rejected) + "\n"
            for x in report.read.rejections.prefix(20) { msg += "  \(x.location): \(x.message(io.lang))\n" }
            throw UsageError(msg.trimmingWhitespace())
        }
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
