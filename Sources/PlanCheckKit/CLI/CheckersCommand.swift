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
        var out = ""
        for c in list {
            out += "\(c.identifier)\n  \(c.summary)\n"
            if c.seesEveryRecord {
                out += "  (always on; not named in plans)\n"
            } else {
                out += "  needs:    id, checker, types, threshold, scope, source"
                    + c.requiredColumns.map { ", " + $0.rawValue }.joined() + "\n"
                let opt = [PlanColumn.title, .clause] + c.optionalColumns
                out += "  optional: " + opt.map(\.rawValue).joined(separator: ", ") + "\n"
            }
            for ex in c.examples {
                out += "  example:  \(ex.summary)\n"
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
