/// Placeholder until implemented.
public enum ValidateCommand: Command {
    public static let spec = CommandSpec(name: "validate", abstract: "(not yet)", usage: "validate", discussion: "", options: [])
    public static func run(_ p: ParsedArguments, io: CommandIO) throws -> Int32 { 2 }
}
