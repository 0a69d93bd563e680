/// Placeholder until implemented.
public enum CheckersCommand: Command {
    public static let spec = CommandSpec(name: "checkers", abstract: "(not yet)", usage: "checkers", discussion: "", options: [])
    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 { 2 }
}
