import Foundation
import Testing
@testable import PlanCheckKit

@Suite struct MessagesTests {
    @Test func everyIdHasBothLanguagesWithTheSamePlaceholders() {
        for (id, m) in Messages.all {
            #expect(!m.zh.isEmpty, "\(id) has no Chinese text")
            #expect(!m.en.isEmpty, "\(id) has no English text")
            #expect(Messages.placeholders(m.zh) == Messages.placeholders(m.en), "\(id): placeholders differ")
        }
    }

    @Test func idsAreUniqueAcrossAreasAndNamedByArea() {
        var seen: [String: String] = [:]
        for (area, table) in Messages.areas {
            for id in table.keys {
                #expect(seen[id] == nil, "\(id) is in both \(seen[id] ?? "") and \(area)")
                seen[id] = area
                #expect(id.hasPrefix(area + "."), "\(id) is not named after its area \(area)")
            }
        }
    }

    /// Every id the sources look up exists (a typo would print the id to a clerk).
    @Test func everyIdUsedInTheSourcesExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: root.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        let pattern = try NSRegularExpression(pattern: #"Messages\.(?:text|format)\(\s*"([A-Za-z0-9_.]+)""#)
        var used = 0
        for f in files {
            let s = try String(contentsOfFile: root.appendingPathComponent(f).path, encoding: .utf8)
            for m in pattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                let id = String(s[Range(m.range(at: 1), in: s)!])
                used += 1
                #expect(Messages.all[id] != nil, "\(f) uses unknown message id \(id)")
            }
        }
        #expect(used >= 0)
    }

    @Test(arguments: [("zh", Lang.zh), ("en", .en), ("zh_CN.UTF-8", .zh), ("en_US", .en)])
    func languagesParse(_ s: String, _ l: Lang) { #expect(Lang.parse(s) == l) }

    @Test func substitution() {
        #expect(Messages.substitute("缺 {0} 次，{1}", [2, "x"]) == "缺 2 次，x")
        #expect(Messages.substitute("{5} {x}", [1]) == "{5} {x}")
        #expect(Messages.text("core.error", .en, "boom") == "Error: boom")
    }
}

@Suite struct SubcommandSuggestionTests {
    @Test(arguments: [("chek", "check"), ("stat", "stats"), ("valdate", "validate"), ("inti", "init")])
    func misspeltSubcommandIsAnsweredWithTheNearest(_ typed: String, _ meant: String) {
        let zh = TestSupport.run([typed])
        #expect(zh.code == 2)
        #expect(zh.err.contains("没有子命令“\(typed)”；是否要写 \(meant)？"), "\(zh.err)")
        let en = TestSupport.run([typed], env: ["PLANCHECK_LANG": "en"])
        #expect(en.err.contains("did you mean '\(meant)'?"), "\(en.err)")
    }

    @Test func farFromEverySubcommandGetsNoGuess() {
        let r = TestSupport.run(["zzzzzzzz"])
        #expect(r.code == 2)
        #expect(r.err.contains("没有子命令“zzzzzzzz”") && !r.err.contains("是否要写"))
    }
}
