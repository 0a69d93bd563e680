/// Placeholder until implemented.
public enum StatsCommand: Command {
    public static let spec = CommandSpec(name: "stats", abstract: "(not yet)", usage: "stats", discussion: "", options: [])
    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 { 2 }
}
