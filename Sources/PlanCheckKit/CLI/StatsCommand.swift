/// `plancheck stats`: a year of records (and, with `--plan`, the plan's results) as the numbers an
/// office puts in its year-end review and dashboards.
public enum StatsCommand: Command {
    public static let spec = CommandSpec(
        name: "stats",
        abstract: "Summarise a year of records: counts by unit, type and month, plan completion, data health.",
        usage: "stats <workspace> [options] | stats [--plan <plan.csv>]... [--roster <file>]... [options] <file|dir|->...",
        discussion: """
        Counts records dated within the year and not after --as-of: activities and participants
        (人次) by unit × activity type × month, a unit × month pivot, the months (January to the
        as-of month) in which a unit — of the roster or seen in the records — had no record at all,
        and data health (rejected rows by reason, duplicates, units not in the roster). Duplicates
        are counted like any record and listed under data health. With --plan, also completion per
        rule and per unit: met / due, where due = met + missed (periods already decided); units
        are ranked by % met, then fewer missed.

        Text (the default) is a summary ready for a year-end review, Chinese unless --lang en,
        followed by aligned tables. JSON holds every number. HTML (-o report.html) is one
        self-contained page with charts (unit × month heatmap, completion per rule, monthly trend),
        each with its numbers in a table beside it.

        CSV tables (--table chooses which one --format csv and a .csv output hold; default long):
          long    org,type,period,count,participants — only where count > 0
          pivot   org,kind,one column per month,total,participants — plus a 合计 row
          rules   rule,title,checker,checks,due,met,missed,at_risk,on_track,upcoming,percent (needs --plan)
          units   rank,org,kind,checks,due,met,missed,at_risk,on_track,upcoming,percent (needs --plan)
          health  kind,org,period,count,detail — rows-read, rejected, duplicate, unknown-unit,
                  outside-year, after-as-of, no-participants, empty-month, silent
        --csv-dir DIR writes every table as DIR/stats-<table>.csv (rules and units only with a plan);
        all files, --csv-dir and --output alike, are written to temporary files and renamed into
        place only when every one is complete.

        Exit codes: 0 report written; 2 bad input or usage (nothing written).

        On a workspace folder (plancheck init DIR), plans, rosters, records, year and the reports to
        write come from the folder and its 设置.txt.

        Examples:
          plancheck stats 党建工作台
          plancheck stats 党建工作台 -o report.html --csv-dir out/
          plancheck stats --roster 单位.csv --as-of 2022-12-31 记录/
          plancheck stats --as-of 2022-12-31 --format csv --table pivot 记录/ > pivot.csv
        """,
        options: CommonOptions.planning(plan: "Plan file: adds completion per rule and per unit.",
                                        asOf: "Count up to this day, YYYY-MM-DD (default: today).") + [
            OptionSpec("table", value: "TABLE", "Table for CSV output: long (default), pivot, rules, units, health."),
            OptionSpec("csv-dir", value: "DIR", "Also write every CSV table into DIR as stats-<table>.csv."),
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
        if p.flag("strict") && stats.health.rejected > 0 {
            throw UsageError(id: "csv.strict", stats.health.rejected)
        }
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
