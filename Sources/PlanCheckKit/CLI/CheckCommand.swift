/// Placeholder until implemented.
public enum CheckCommand: Command {
    public static let spec = CommandSpec(name: "check", abstract: "(not yet)", usage: "check", discussion: "", options: [])
    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 { 2 }
}
