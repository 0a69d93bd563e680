import Foundation
import Testing
@testable import PlanCheckKit

/// Helpers shared by the tests: temporary files, running commands in memory, running the binary.
enum TestSupport {
    /// The package root (two levels above this file's folder).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A fresh temporary directory.
    static func tempDir(_ name: String = "t") -> String {
        let p = NSTemporaryDirectory() + "plancheck-tests-\(name)-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    /// Writes `bytes` to a new file in a temp dir and returns its path.
    @discardableResult
    static func write(_ bytes: [UInt8], name: String = "in.csv", dir: String? = nil) -> String {
        let d = dir ?? tempDir()
        let p = d + "/" + name
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    /// Writes UTF-8 text to a new file.
    @discardableResult
    static func write(_ text: String, name: String = "in.csv", dir: String? = nil) -> String {
        write(Array(text.utf8), name: name, dir: dir)
    }

    /// Encodes text with iconv (GB18030, UTF-16LE …).
    static func encode(_ text: String, as encoding: String) -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", encoding]
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        try! p.run()
        inPipe.fileHandleForWriting.write(Data(text.utf8))
        try! inPipe.fileHandleForWriting.close()
        let data = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    /// Compares `output` (the package root's path written relative) with the golden file at
    /// `path`, naming the first line that differs; with `UPDATE_GOLDEN=1` writes it instead.
    static func compareGolden(_ output: String, to path: String) {
        let text = output.replacingOccurrences(of: root + "/", with: "")
        let name = URL(fileURLWithPath: path).lastPathComponent
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("missing golden file \(path); run with UPDATE_GOLDEN=1")
            return
        }
        let want = String(decoding: data, as: UTF8.self)
        if text != want {
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let b = want.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs at line \(i + 1):\n got: \(i < a.count ? String(a[i]) : "<end>")\nwant: \(i < b.count ? String(b[i]) : "<end>")")
        }
    }

    /// Runs the CLI in memory. Returns (exit code, stdout, stderr).
    static func run(_ args: [String], today: String = "2022-12-31", env: [String: String] = [:]) -> (code: Int32, out: String, err: String) {
        let out = MemoryOutput(), err = MemoryOutput()
        let io = CommandIO(stdout: out, stderr: err, environment: env, stdoutIsTerminal: false, today: Day.parseISO(today)!)
        let code = PlanCheckCLI.run(args, io: io)
        return (code, out.text, err.text)
    }

    /// Reads every accepted record of `text` as (date, org, type, participants, title, lead, target).
    static func records(_ path: String, options: ReaderOptions = ReaderOptions()) throws -> (rows: [[String]], summary: ReadSummary) {
        var rows: [[String]] = []
        let s = try RecordReader(options: options).read([.file(path)]) { r in
            rows.append([r.string(.id), r.date.iso, r.string(.org), r.string(.type), r.participants.map(String.init) ?? "",
                         r.string(.title), r.string(.lead), r.string(.target), String(r.line)])
        }
        return (rows, s)
    }

    /// The built `plancheck` binary (the tests' own build folder).
    static var binary: String {
        // The test runner lives in the same build folder as the executables.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        let candidates = [runner, Bundle.main.bundleURL.deletingLastPathComponent().path, root + "/.build/debug"]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c + "/plancheck") { return c + "/plancheck" }
        return root + "/.build/debug/plancheck"
    }

    /// Runs the built binary as a subprocess in `cwd` (default: package root).
    static func runBinary(_ args: [String], cwd: String? = nil, env: [String: String]? = nil, stdin: Data? = nil) throws -> (code: Int32, out: String, err: String) {
        try runBinaryVia(binary, args, cwd: cwd, env: env, stdin: stdin)
    }

    /// Runs `program` (the binary, or a shell that execs it with limits set) with `args`.
    static func runBinaryVia(_ program: String, _ args: [String], cwd: String? = nil, env: [String: String]? = nil, stdin: Data? = nil) throws -> (code: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? root)
        if let e = env { p.environment = e }
        let o = Pipe(), e = Pipe(), i = Pipe()
        p.standardOutput = o; p.standardError = e; p.standardInput = i
        try p.run()
        if let s = stdin { i.fileHandleForWriting.write(s) }
        try? i.fileHandleForWriting.close()
        // Read both pipes concurrently to avoid a full-pipe deadlock.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let g = DispatchGroup()
        g.enter()
        let errHandle = e.fileHandleForReading
        DispatchQueue.global().async { errBox.data = errHandle.readDataToEndOfFile(); g.leave() }
        let outData = o.fileHandleForReading.readDataToEndOfFile()
        g.wait()
        let errData = errBox.data
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// SplitMix64: a small seeded generator, the same on every machine, for generated test inputs.
struct TestRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// A number in 0..<n (alias).
    mutating func int(_ n: Int) -> Int { below(n) }
    /// One element of `a`.
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// Fisher–Yates shuffle.
    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, below(i + 1)) }
    }
}
