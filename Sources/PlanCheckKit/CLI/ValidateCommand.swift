/// `plancheck validate`: reports every problem of a plan (and roster) at once.
public enum ValidateCommand: Command {
    public static let spec = CommandSpec(
        name: "validate",
        options: [
            OptionSpec("roster", short: "r", value: "FILE", repeatable: true, help: "help.validate.opt.roster"),
            OptionSpec("encoding", value: "NAME", help: "help.validate.opt.encoding"),
        ])

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        if p.positionals.isEmpty { throw UsageError(id: "csv.noPlanFile") }
        var options = ReaderOptions()
        if let e = p.value("encoding") {
            guard let enc = TextEncoding.parse(e) else { throw UsageError(id: "csv.unknownEncoding", e) }
            options.encoding = enc
        }
        var planFiles: [String] = []
        var rosterFiles = p.all("roster")
        for a in p.positionals {
            if Workspace.isWorkspace(a) {
                _ = try WorkspaceSettings.read(Workspace.join(a, Workspace.settingsFile))
                planFiles += Workspace.plans(a)
                if p.all("roster").isEmpty { rosterFiles += try Workspace.rosters(a) }
            } else if Workspace.isFolder(a) {
                planFiles += Workspace.csvFiles(a)
            } else {
                planFiles.append(a)
            }
        }
        if planFiles.isEmpty { throw UsageError(id: "workspace.noPlanFiles", p.positionals.joined(separator: ", ")) }
        let roster = rosterFiles.isEmpty ? nil : try Roster.read(rosterFiles, options: options, lang: io.lang)
        let (plan, problems) = try PlanReader.validate(planFiles, options: options, lang: io.lang)
        for x in problems { io.stderr.write(x.description + "\n") }
        if let r = roster { for n in PlanReader.rosterNotes(plan, roster: r, lang: io.lang) { io.stdout.write(Messages.text("plan.note", io.lang, n) + "\n") } }
        if plan.unexpressibleRows > 0 {
            io.stdout.write(Messages.text("draft.notesSkipped", io.lang, plan.unexpressibleRows) + "\n")
        }
        if !problems.isEmpty {
            io.stderr.write(Messages.text(problems.count == 1 ? "plan.problemIn" : "plan.problemsIn", io.lang, problems.count, planFiles.joined(separator: io.lang == .zh ? "、" : ", ")) + "\n")
            return ExitCode.badInput
        }
        var byChecker: [String: Int] = [:]
        for r in plan.rules { byChecker[r.checker, default: 0] += 1 }
        let sep = io.lang == .zh ? "、" : ", "
        let counts = byChecker.sorted { $0.key < $1.key }.map { c in
            let name = io.lang == .zh ? (CheckerRegistry.planChecker(c.key)?.chineseName ?? c.key) : c.key
            return "\(name) \(c.value)"
        }.joined(separator: sep)
        let valid = Messages.text("plan.valid", io.lang, planFiles.joined(separator: sep), plan.rules.count, counts)
        io.stdout.write(valid + (plan.year.map { Messages.text("plan.validYear", io.lang, $0) } ?? "") + "\n")
        return ExitCode.ok
    }
}
