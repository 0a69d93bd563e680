/// `plancheck init`: creates a year's workspace folder (plans, rosters, records, reports, settings).
public enum InitCommand: Command {
    public static let spec = CommandSpec(
        name: "init",
        options: [
            OptionSpec("year", value: "YEAR", help: "help.init.opt.year"),
            OptionSpec("title", value: "NAME", help: "help.init.opt.title"),
        ])

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        guard p.positionals.count == 1, let dir = p.positionals.first else {
            throw UsageError(id: "workspace.oneFolder", p.positionals.count)
        }
        var year: Int? = nil
        if let y = p.value("year"), y != "current" {
            guard let v = Int(y), v >= 1900, v <= 9999 else { throw UsageError(id: "workspace.badYear", y) }
            year = v
        }
        let lang = io.lang
        let r = try Workspace.create(dir, year: year, title: p.value("title") ?? "")
        for f in r.created { io.stdout.write(Messages.text("workspace.created", lang, f) + "\n") }
        if !r.created.isEmpty { for f in r.kept { io.stdout.write(Messages.text("workspace.kept", lang, f) + "\n") } }
        io.stdout.write(Messages.text(r.created.isEmpty ? "workspace.unchanged" : "workspace.next", lang, dir) + "\n")
        return ExitCode.ok
    }
}
