import Foundation
import Testing
@testable import PlanCheckKit

/// Replays every ```console block of README.md and of the folder READMEs: each `$ plancheck …` line
/// is run with the built binary from the package root, and its standard output must be exactly the
/// lines that follow.
@Suite("README console blocks print what README shows")
struct ReadmeTests {
    /// The documents whose console blocks are replayed (paths from the package root).
    static let documents = ["README.md", "Checks/README.md", "SampleData/README.md", "Sources/README.md",
                            "Tests/README.md", "Benchmarks/README.md"]

    struct Example: CustomStringConvertible, Sendable {
        var document: String
        var command: String
        var expected: String
        var description: String { document + ": " + String(command.prefix(80)) }
    }

    static func examples() -> [Example] { documents.flatMap { examples(in: $0) } }

    static func examples(in document: String) -> [Example] {
        guard let text = try? String(contentsOfFile: TestSupport.root + "/" + document, encoding: .utf8) else { return [] }
        var out: [Example] = []
        var inBlock = false
        var current: Example? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if inBlock, let c = current { out.append(c); current = nil }
                inBlock = line == "```console"
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                if let c = current { out.append(c) }
                current = Example(document: document, command: String(line.dropFirst(2)), expected: "")
            } else {
                current?.expected += line + "\n"
            }
        }
        return out
    }

    @Test("README has console examples")
    func present() { #expect(Self.examples(in: "README.md").count >= 4) }

    @Test("the plan reference's validate example is replayed")
    func planReference() { #expect(Self.examples(in: "Checks/README.md").contains { $0.command.hasPrefix("plancheck validate") }) }

    @Test("each example", arguments: examples())
    func replay(_ e: Example) throws {
        let binary = TestSupport.binary
        let cmd = e.command.hasPrefix("plancheck ") ? binary + e.command.dropFirst("plancheck".count) : e.command
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", cmd]
        p.currentDirectoryURL = URL(fileURLWithPath: TestSupport.root)
        p.environment = ["PATH": "/usr/bin:/bin", "LANG": "C"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(out == e.expected)
    }
}
