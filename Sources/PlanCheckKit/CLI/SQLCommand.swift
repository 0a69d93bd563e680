/// `plancheck sql`: compiles the plan to one SQL script for a warehouse (see ``SQLCompiler``).
public enum SQLCommand: Command {
    public static let spec = CommandSpec(
        name: "sql",
        options: CommonOptions.planning(plan: "help.opt.plan.required", asOf: "help.opt.as-of.check") + [
            OptionSpec("dialect", value: "NAME"),
            OptionSpec("table", value: "NAME|PATH", help: "help.sql.opt.table"),
            OptionSpec("emit", value: "WHAT"),
            OptionSpec("only-shortfalls"),
            OptionSpec("output", short: "o", value: "FILE", help: "help.sql.opt.output"),
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
