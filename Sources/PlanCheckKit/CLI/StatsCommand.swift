/// `plancheck stats`: a year of records (and, with `--plan`, the plan's results) as the numbers an
/// office puts in its year-end review and dashboards.
public enum StatsCommand: Command {
    public static let spec = CommandSpec(
        name: "stats",
        options: CommonOptions.planning(plan: "help.opt.plan.stats", asOf: "help.opt.as-of.stats") + [
            OptionSpec("table", value: "TABLE", help: "help.stats.opt.table"),
            OptionSpec("csv-dir", value: "DIR"),
        ] + CommonOptions.output + CommonOptions.reader)

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        let p = try Workspace.expand(p, spec: spec, io: io)
        let targets = try ReportTargets.parse(p, stdoutFormats: ["text", "csv", "json"], fileFormats: ["text", "csv", "json", "html"])
        let tableName = p.value("table") ?? "long"
        guard let table = StatsCSVReporter.Table(rawValue: tableName) else {
            throw UsageError(id: "csv.unknownTable", tableName, StatsCSVReporter.Table.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let csvDir = p.value("csv-dir")
        if let d = csvDir {
            let dir = d.hasSuffix("/") && d.count > 1 ? String(d.dropLast()) : d
            try AtomicFileOutput.preflight(dir + "/" + StatsCSVReporter.Table.long.fileName)
        }
        let readerOptions = try CommonOptions.readerOptions(p)
        let (inputs, folderNotes) = try CommonOptions.inputsAndNotes(p, lang: io.lang)
        // Every file this run may write, --csv-dir tables included, must not be one of its inputs.
        var outputs = targets.files.map(\.path)
        if let d = csvDir {
            let dir = d.hasSuffix("/") && d.count > 1 ? String(d.dropLast()) : d
            outputs += StatsCSVReporter.Table.allCases.map { dir + "/" + $0.fileName }
        }
        try AtomicFileOutput.refuseInputs(outputs, inputs: inputs, also: p.all("plan") + p.all("roster"))
        if let d = csvDir, AtomicFileOutput.isInputFolder(d, positionals: p.positionals, inputs: inputs) {
            throw UsageError(id: "limits.csvDirIsInput", d)
        }
        let s = try CheckCommand.setup(p, io: io, planRequired: false)
        let usesTable = targets.stdoutFormat == "csv" || targets.files.contains { $0.format == "csv" }
        if table.needsPlan && usesTable && s.plan.rules.isEmpty {
            throw UsageError(id: "csv.tableNeedsPlan", table.rawValue)
        }
        let stats = try compute(plan: s.plan, roster: s.roster, rosterPaths: p.all("roster"), year: s.year, asOf: s.asOf,
                                inputs: inputs, readerOptions: readerOptions, extraNotes: s.notes + folderNotes)
        if p.flag("strict"), let read = stats.check?.read, let e = CommonOptions.strictFailure(read, lang: io.lang) { throw e }
        var opts = ReportOptions()
        opts.bom = targets.bom
        opts.formulaGuard = targets.formulaGuard
        opts.lang = io.lang
        opts.threads = readerOptions.threads
        // --csv-dir files first to temporaries; they are renamed only once every --output is in place.
        var pending: [AtomicFileOutput] = []
        do {
            if let d = csvDir {
                let dir = d.hasSuffix("/") && d.count > 1 ? String(d.dropLast()) : d
                for t in StatsCSVReporter.Table.allCases where !t.needsPlan || stats.hasPlan {
                    let out = try AtomicFileOutput(path: dir + "/" + t.fileName)
                    pending.append(out)
                    StatsCSVReporter.write(t, stats, to: out, options: opts)
                    try out.flush()
                }
            }
            try targets.writeFiles { fmt, sink in write(stats, format: fmt, table: table, to: sink, options: opts) }
            for out in pending { try out.commit() }
        } catch {
            for out in pending { out.discard() }
            throw error
        }
        write(stats, format: targets.stdoutFormat, table: table, to: io.stdout, options: opts)
        return ExitCode.ok
    }

    /// Writes the report in one format.
    public static func write(_ r: StatsReport, format: String, table: StatsCSVReporter.Table, to sink: OutputSink, options: ReportOptions) {
        switch format {
        case "csv": StatsCSVReporter.write(table, r, to: sink, options: options)
        case "json": StatsJSONReporter.write(r, to: sink)
        case "html": StatsHTMLReporter.write(r, to: sink, lang: options.lang)
        default: StatsTextReporter.write(r, to: sink, options: options)
        }
    }

    /// Reads the records once, running the plan (possibly empty) and counting in the same pass.
    public static func compute(plan: Plan, roster: Roster?, rosterPaths: [String] = [], year: Int, asOf: Day,
                               inputs: [InputSource], readerOptions: ReaderOptions = ReaderOptions(),
                               extraNotes: [String] = []) throws -> StatsReport {
        let acc = StatsAccumulator(year: year, asOf: asOf, roster: roster)
        let check = try CheckCommand.runCheck(plan: plan, roster: roster, rosterPaths: rosterPaths, year: year, asOf: asOf,
                                              inputs: inputs, readerOptions: readerOptions, extraNotes: extraNotes,
                                              also: { acc.add($0) })
        return acc.report(check: check, plan: plan)
    }
}
