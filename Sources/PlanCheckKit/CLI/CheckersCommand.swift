/// `plancheck checkers`: lists the checkers, the plan columns each uses, and an example row.
public enum CheckersCommand: Command {
    public static let spec = CommandSpec(name: "checkers", options: [])

    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 {
        var list = CheckerRegistry.all
        if let name = p.positionals.first {
            guard let c = CheckerRegistry.named(name) ?? CheckerRegistry.planChecker(name) else {
                throw UsageError(id: "csv.unknownChecker", name, CheckerRegistry.all.map { $0.identifier }.joined(separator: ", "))
            }
            list = [c]
        }
        let L = io.lang
        let sep = Messages.text("checkers.sep", L)
        func columns(_ cs: [PlanColumn]) -> String {
            cs.map { c in
                let id = "checkers.col." + c.rawValue
                return Messages.text("checkers.column", L, c.rawValue, Messages.format(id, L, []))
            }.joined(separator: sep)
        }
        var out = ""
        for c in list {
            let summaryID = "checkers." + c.identifier + ".summary", exampleID = "checkers." + c.identifier + ".example"
            let name = c.seesEveryRecord ? c.identifier : Messages.text("checkers.name", L, c.identifier, c.chineseName)
            out += "\(name)\n  \(Messages.format(summaryID, L, []))\n"
            if c.seesEveryRecord {
                out += "  " + Messages.text("checkers.alwaysOn", L) + "\n"
            } else {
                out += "  " + Messages.text("checkers.needs", L, columns([.id, .checker, .types, .threshold, .scope, .source] + c.requiredColumns)) + "\n"
                out += "  " + Messages.text("checkers.optional", L, columns([PlanColumn.title, .clause] + c.optionalColumns)) + "\n"
            }
            for (i, ex) in c.examples.enumerated() {
                out += "  " + Messages.text("checkers.example", L, i == 0 ? Messages.format(exampleID, L, []) : ex.summary) + "\n"
                if !ex.rule.isEmpty {
                    let cols = PlanColumn.allCases.filter { ex.rule[$0] != nil }
                    out += "    " + cols.map(\.rawValue).joined(separator: ",") + "\n"
                    out += "    " + cols.map { CSVWriter.escape(ex.rule[$0]!, formulaGuard: false) }.joined(separator: ",") + "\n"
                }
            }
            out += "\n"
        }
        io.stdout.write(out)
        return ExitCode.ok
    }
}
