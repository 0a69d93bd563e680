/// `plancheck validate`: reports every problem of a plan (and roster) at once.
public enum ValidateCommand: Command {
    public static let spec = CommandSpec(
        name: "validate",
        abstract: "Check plan files for problems (unknown checker, bad number, unknown period, empty required column …).",
        usage: "validate [--roster <file>]... <plan.csv>...",
        discussion: """
        Every problem is listed at once as FILE:LINE:COLUMN: message. Exit 0 when the plan is valid,
        2 when it has problems. With --roster, units, kinds and roles the roster lacks are listed as notes.
        """,
        options: [
            OptionSpec("roster", short: "r", value: "FILE", repeatable: true, "Roster to resolve scopes against (notes only)."),
            OptionSpec("encoding", value: "NAME", "Plan file encoding (default: BOM, else UTF-8 if valid, else GB18030)."),
        ])

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        if p.positionals.isEmpty { throw UsageError("no plan file given") }
        var options = ReaderOptions()
        if let e = p.value("encoding") {
            guard let enc = TextEncoding.parse(e) else { throw UsageError(CSVError.unknownEncoding(name: e).description) }
            options.encoding = enc
        }
        let roster = p.all("roster").isEmpty ? nil : try Roster.read(p.all("roster"), options: options, lang: io.lang)
        let (plan, problems) = try PlanReader.validate(p.positionals, options: options, lang: io.lang)
        for x in problems { io.stderr.write(x.description + "\n") }
        if let r = roster { for n in PlanReader.rosterNotes(plan, roster: r) { io.stdout.write("note: \(n)\n") } }
        if !problems.isEmpty {
            io.stderr.write("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(p.positionals.joined(separator: ", "))\n")
            return ExitCode.badInput
        }
        var byChecker: [String: Int] = [:]
        for r in plan.rules { byChecker[r.checker, default: 0] += 1 }
        io.stdout.write("\(p.positionals.joined(separator: ", ")): \(plan.rules.count) rules valid ("
            + byChecker.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            + (plan.year.map { ", year \($0)" } ?? "") + "\n")
        return ExitCode.ok
    }
}
