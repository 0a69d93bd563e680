/// `plancheck sql`: compiles the plan to one SQL script for a warehouse (see ``SQLCompiler``).
public enum SQLCommand: Command {
    public static let spec = CommandSpec(
        name: "sql",
        abstract: "Compile the plan to SQL that counts where the records live (DuckDB, PostgreSQL, Spark SQL, Trino).",
        usage: "sql --dialect duckdb|postgres|spark|trino --plan <plan.csv> [--roster <file>]... --as-of DATE --table NAME|PATH [options]",
        discussion: """
        Prints one SQL script. The calendar (period bounds, ISO weeks, the as-of phase, the pro-rata
        threshold, the near-the-end flag) and the rules' type lists are computed by plancheck and
        shipped as literal VALUES tables; the engine only filters, joins and counts, with no date
        functions. Each statement starts with a '-- plancheck: NAME' line: input (rows read and
        rejected: a date or count that does not parse rejects the row), counts or findings, then
        the data-quality queries duplicate, unknown-unit, dates and uncounted-type.

        The records table has the columns of 'plancheck inspect --format csv':
          date (DATE or YYYY-MM-DD text), org, type, participants (whole number or empty),
          title, lead, target (text); other columns are ignored.

        --emit counts (default): every statement returns kind,rule,org,person,period,count,sum;
        save their results as one CSV and run 'plancheck check --counts FILE' with the same plan,
        roster and --as-of for the usual reports and exit codes.
        --emit findings: the full findings table with statuses (met, missed, at-risk, on-track,
        upcoming), zero-record units included; --only-shortfalls keeps missed and at-risk.

        A rule the SQL cannot express is refused (exit 2), never approximated.

        Examples:
          plancheck sql --dialect duckdb --plan 党建工作台/工作计划/三会一课标准计划.csv --roster 党建工作台/花名册/roster-units.csv \\
            --as-of 2022-12-31 --table records.csv
          plancheck sql --dialect spark --plan P.csv --roster R.csv --as-of 2022-11-21 \\
            --table warehouse.activities --emit findings --only-shortfalls
        """,
        options: CommonOptions.planning(plan: "Plan file (CSV, one rule per row). Required.",
                                        asOf: "Check as of this day, YYYY-MM-DD (default: today).") + [
            OptionSpec("dialect", value: "NAME", "duckdb, postgres, spark or trino. Required."),
            OptionSpec("table", value: "NAME|PATH", "The records: a table name (warehouse.activities), or for DuckDB a .csv/.parquet path, for Spark a .parquet path. Required."),
            OptionSpec("emit", value: "WHAT", "counts (default: small, for check --counts) or findings (the full table with statuses)."),
            OptionSpec("only-shortfalls", "With --emit findings: only missed and at-risk rows."),
            OptionSpec("output", short: "o", value: "FILE", "Write the script to FILE (atomically) instead of standard output."),
        ])

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard let dn = p.value("dialect") else { throw UsageError(id: "sql.noDialect") }
        guard let dialect = SQLDialect(rawValue: dn.lowercased()) else {
            throw UsageError(id: "sql.badDialect", dn, SQLDialect.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let table = p.value("table"), !table.isEmpty else {
            throw UsageError(id: "sql.noTable")
        }
        let emitName = p.value("emit") ?? "counts"
        guard let emit = SQLCompiler.Emit(rawValue: emitName) else { throw UsageError(id: "sql.badEmit", emitName) }
        if p.flag("only-shortfalls") && emit != .findings { throw UsageError(id: "sql.shortfallsNeedFindings") }
        if !p.positionals.isEmpty { throw UsageError(id: "sql.noRecordFiles") }
        let s = try CheckCommand.setup(p, io: io, planRequired: true)
        let script = try SQLCompiler.compile(plan: s.plan, roster: s.roster, year: s.year, asOf: s.asOf,
                                             options: .init(dialect: dialect, source: table, emit: emit, onlyShortfalls: p.flag("only-shortfalls")))
        if let path = p.value("output") {
            try AtomicFileOutput.refuseInputs([path], inputs: [], also: p.all("plan") + p.all("roster"))
            let f = try AtomicFileOutput(path: path)
            f.write(script)
            try f.commit()
        } else {
            io.stdout.write(script)
        }
        return ExitCode.ok
    }
}
