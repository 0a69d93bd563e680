import Foundation
import Testing
@testable import PlanCheckKit

/// The first example of every help text runs as written: in a folder holding the workspace
/// `党建工作台` (made by init, with the sample records and rosters dropped in), the way an office
/// that followed `plancheck init` would type it. Nothing points at the repository's folders.
@Suite("help examples run as written")
struct HelpExamplesTests {
    struct Example: CustomStringConvertible, Sendable {
        var help: String
        var command: String
        var description: String { "\(help): \(command)" }
    }

    /// Every help text, in both languages.
    static func texts() -> [(String, String)] {
        Lang.allCases.flatMap { lang in
            [("plancheck --help --lang \(lang)", PlanCheckCLI.mainHelp(lang))]
                + PlanCheckCLI.commands.map { ("plancheck help \($0.spec.name) --lang \(lang)", $0.spec.helpText(lang)) }
        }
    }

    /// The first example line (continuations joined, a trailing `# comment` kept: the shell skips it)
    /// of each help text; examples start after a line `Examples:` or `示例：`.
    static func examples() -> [Example] {
        return texts().compactMap { name, text in
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(where: {
                let t = $0.trimmingCharacters(in: .whitespaces).lowercased()
                return t.hasPrefix("examples:") || t.hasPrefix("示例：")
            }) else {
                return Example(help: name, command: "")
            }
            var command = ""
            for l in lines[(start + 1)...] {
                let t = l.trimmingCharacters(in: .whitespaces)
                if t.hasSuffix("\\") { command += t.dropLast() ; continue }
                command += t
                break
            }
            return Example(help: name, command: command)
        }
    }

    @Test("every help text has examples")
    func present() {
        #expect(Self.examples().count == 2 * (PlanCheckCLI.commands.count + 1))
        for e in Self.examples() { #expect(e.command.hasPrefix("plancheck "), "\(e.help) has no example") }
        for e in Self.examples() { #expect(!e.command.contains("Checks/") && !e.command.contains("SampleData"), "\(e)") }
    }

    /// An installed binary has no Checks/ or SampleData/ beside it: no help text or message may send a clerk there.
    @Test("help and messages never point at the repository's folders")
    func noRepositoryFolders() {
        var texts = Self.texts().map(\.1)
        texts += Messages.all.values.flatMap { [$0.zh, $0.en] }
        for t in texts {
            for folder in ["Checks/", "SampleData/", "Tests/", "Benchmarks/"] { #expect(!t.contains(folder), "\(t.prefix(120))") }
        }
    }

    /// A clerk with the default language reads the help in Chinese (options keep their English
    /// names); --lang en and PLANCHECK_LANG=en give the English one.
    @Test("help is Chinese by default, English with --lang en", arguments: [["--help"], ["help", "check"], ["check", "-h"], ["stats", "--help"], ["help"]])
    func helpLanguage(_ args: [String]) {
        let zh = TestSupport.run(args)
        #expect(zh.code == 0)
        #expect(zh.out.contains("用法：plancheck") && zh.out.contains("选项：") && zh.out.contains("示例："), "\(zh.out)")
        #expect(!zh.out.contains("USAGE") && !zh.out.contains("Examples") && !zh.out.contains("Show help information"), "\(zh.out)")
        let en = TestSupport.run(args + ["--lang", "en"])
        #expect(en.out.contains("USAGE: plancheck") && en.out.contains("OPTIONS:"), "\(en.out)")
        #expect(!en.out.contains("用法") && !en.out.contains("选项"), "\(en.out)")
        let env = TestSupport.run(args, env: ["PLANCHECK_LANG": "en"])
        #expect(env.out == en.out)
    }

    @Test("a usage error's usage line is in the user's language")
    func usageLine() {
        let zh = TestSupport.run(["check", "--frobnicate"])
        #expect(zh.code == 2 && zh.err.contains("用法：plancheck check <工作台> [选项]"), "\(zh.err)")
        let en = TestSupport.run(["check", "--frobnicate", "--lang", "en"])
        #expect(en.code == 2 && en.err.contains("Usage: plancheck check <workspace> [options]"), "\(en.err)")
    }

    @Test("every help text id exists in the catalogue, and every option has its own help")
    func catalogue() {
        for c in PlanCheckCLI.commands {
            for id in c.spec.textIDs { #expect(Messages.all[id] != nil, "\(c.spec.name): \(id)") }
        }
        for id in ["help.main", "help.main.help", "help.overview", "help.usage", "help.options", "help.repeatable", "help.opt.lang", "help.opt.help"] {
            #expect(Messages.all[id] != nil, "\(id)")
        }
    }

    @Test("the first example runs", arguments: examples())
    func runs(_ e: Example) throws {
        let dir = TestSupport.tempDir("help")
        let ws = dir + "/党建工作台"
        _ = try Workspace.create(ws, year: 2022, title: "")
        let fm = FileManager.default
        for f in try fm.contentsOfDirectory(atPath: TestSupport.root + "/SampleData/records") {
            try fm.copyItem(atPath: TestSupport.root + "/SampleData/records/" + f, toPath: ws + "/活动记录/" + f)
        }
        for f in ["roster-units.csv", "roster-people.csv"] {
            try fm.copyItem(atPath: TestSupport.root + "/SampleData/" + f, toPath: ws + "/花名册/" + f)
        }
        // A work plan document beside the workspace, for `draft`.
        TestSupport.write("一、组织建设\n党支部每季度召开1次党员大会，每月开展1次主题党日活动。\n", name: "党建工作计划.txt", dir: dir)
        let cmd = TestSupport.binary + e.command.dropFirst("plancheck".count)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", cmd]
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.environment = ["PATH": "/usr/bin:/bin", "LANG": "C"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let r = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        // 0 or 1 (findings): the example ran; 2 would be bad input or usage.
        #expect(p.terminationStatus == 0 || p.terminationStatus == 1, "\(e): \(r)")
        #expect(!o.isEmpty, "\(e) printed nothing")
        #expect(r.isEmpty, "\(e): \(r)")
    }
}

@Suite("CLI habits: did you mean, combined short flags, --version anywhere")
struct CLIHabitsTests {
    static let root = TestSupport.root
    static var base: [String] {
        ["--plan", root + "/Checks/000-street-party-building-2022.csv", "--roster", root + "/SampleData/roster-units.csv",
         "--as-of", "2022-12-31"]
    }

    @Test("a misspelt option is answered with the nearest one", arguments: [
        (["check", "--paln", "x.csv"], "--plan"), (["check", "-plan", "x.csv"], "--plan"), (["check", "--quite"], "--quiet"),
        (["stats", "--as-off", "2022-12-31"], "--as-of"), (["check", "--fail_on", "never"], "--fail-on"), (["init", "--titel", "x"], "--title"),
    ])
    func didYouMean(_ args: [String], _ nearest: String) {
        let r = TestSupport.run(args)
        #expect(r.code == 2)
        #expect(r.err.contains("是否要写 \(nearest)？"), "\(r.err)")
        let en = TestSupport.run(args + ["--lang", "en"])
        #expect(en.err.contains("did you mean \(nearest)?"), "\(en.err)")
    }

    @Test("an option far from every option gets no guess")
    func noGuess() {
        let r = TestSupport.run(["check", "--frobnicate"])
        #expect(r.code == 2 && !r.err.contains("是否要写"))
    }

    @Test("short flags combine: -qo FILE is -q -o FILE, -oFILE is -o FILE")
    func combined() throws {
        let dir = TestSupport.tempDir("short")
        let records = Self.root + "/SampleData/records"
        let a = TestSupport.run(["check"] + Self.base + ["-qo", dir + "/a.csv", records])
        let b = TestSupport.run(["check"] + Self.base + ["-q", "-o", dir + "/b.csv", records])
        let c = TestSupport.run(["check"] + Self.base + ["-q", "-o" + dir + "/c.csv", records])
        #expect(a.code == 1 && a.out == b.out && b.out == c.out, "\(a.err)")
        let fa = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.csv"))
        #expect(fa == (try Data(contentsOf: URL(fileURLWithPath: dir + "/b.csv"))))
        #expect(fa == (try Data(contentsOf: URL(fileURLWithPath: dir + "/c.csv"))))
        let bad = TestSupport.run(["check"] + Self.base + ["-qz", records])
        #expect(bad.code == 2 && bad.err.contains("-z"))
    }

    @Test("--version after a subcommand", arguments: ["check", "stats", "init", "validate", "inspect", "checkers"])
    func version(_ command: String) {
        let r = TestSupport.run([command, "--version"])
        #expect(r.code == 0 && r.out == "plancheck \(PlanCheckCLI.version)\n")
    }

    @Test("--quiet: nothing when all is well; the problems and one summary line when not")
    func quiet() {
        let records = Self.root + "/SampleData/records"
        let dir = TestSupport.tempDir("quiet")
        let plan = TestSupport.write("编号,检查方式,计入类型,要求次数,周期,适用范围,依据\nQ-1,计数,党课,一,年,单位:古镇社区党支部,全年党课1次\n", name: "p.csv", dir: dir)
        let rec = TestSupport.write("日期,单位,活动类型,主题\n2022-03-01,古镇社区党支部,党课,党课\n", name: "r.csv", dir: dir)
        let well = TestSupport.run(["check", "--plan", plan, "--as-of", "2022-12-31", "--quiet", rec])
        #expect(well.out.isEmpty, "\(well.out)")
        let wrong = TestSupport.run(["check"] + Self.base + ["--quiet", records])
        let lines = wrong.out.split(separator: "\n")
        #expect(lines.last?.hasPrefix("合计：") == true)
        #expect(lines.filter { $0.hasPrefix("合计：") }.count == 1)
    }
}
