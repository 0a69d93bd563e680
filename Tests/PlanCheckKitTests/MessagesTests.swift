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

    /// English says "1 row", "2 rows" (`{0|row|rows}`); Chinese has no plural.
    @Test(arguments: [(1, "1 row read"), (0, "0 rows read"), (2, "2 rows read"), (11, "11 rows read")])
    func plural(_ n: Int, _ expected: String) {
        #expect(Messages.substitute("{0} {0|row|rows} read", [n]) == expected)
        #expect(Messages.placeholders("{0|row|rows}") == [0])
    }

    /// No English message says "1 records", "1 files", "1 rows" …: every count before a plural noun chooses its form.
    @Test func englishCountsAgreeInNumber() throws {
        let nouns = try NSRegularExpression(pattern: #"\{([0-9])\} (more )?(rejected )?(duplicate )?(cell )?(activity )?(files|records|rows|rules|units|periods|problems|activities|attendances|requirements|days|warnings|types|fields|people)\b"#)
        let wrong = Messages.all.filter { _, m in nouns.firstMatch(in: m.en, range: NSRange(m.en.startIndex..., in: m.en)) != nil }
        #expect(wrong.isEmpty, "\(wrong.map { "\($0.key): \($0.value.en)" }.sorted())")
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

/// The words of reports live in the catalogue, not in the reporters' code: a Chinese literal in a
/// reporter is a heading or a sentence the English report would say in Chinese (and the other way).
@Suite struct ReporterWordsTests {
    @Test(arguments: ["Stats/StatsTextReporter.swift", "Stats/StatsHTMLReporter.swift"])
    func noChineseLiteralsInReporters(_ file: String) throws {
        let path = TestSupport.root + "/Sources/PlanCheckKit/" + file
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let literal = try NSRegularExpression(pattern: #""[^"\n]*[\x{4e00}-\x{9fff}][^"\n]*""#)
        let offending = lines.filter { l in
            !l.trimmingCharacters(in: .whitespaces).hasPrefix("//")
                && literal.firstMatch(in: String(l), range: NSRange(l.startIndex..., in: l)) != nil
        }
        #expect(offending.isEmpty, "\(offending)")
    }
}

@Suite struct InspectWordsTests {
    /// `inspect` in Chinese names the delimiter and the fields in Chinese (it said 分隔符 comma, 党组织 → org).
    @Test func delimiterAndFieldsInTheUsersLanguage() {
        let path = TestSupport.write("日期;党组织;活动类型\n2022-03-01;甲社区党支部;党课\n")
        let zh = TestSupport.run(["inspect", path])
        #expect(zh.out.contains("分隔符    分号") && zh.out.contains("党组织 → 单位"), "\(zh.out)")
        #expect(!zh.out.contains("semicolon") && !zh.out.contains("→ org"), "\(zh.out)")
        let en = TestSupport.run(["inspect", "--lang", "en", path])
        #expect(en.out.contains("semicolon") && en.out.contains("党组织 → org"), "\(en.out)")
    }
}

@Suite struct RejectionWordsTests {
    /// A column headed 日期 is named once: "日期为空", not "日期（日期）为空"; another header keeps the field beside it.
    @Test func emptyRequiredCellNamesTheColumnOnce() {
        let same = Rejection(file: "f", line: 2, column: 1, kind: "missing date", id: "reader.missingField", args: ["日期", "field:date"])
        #expect(same.message(.zh).hasPrefix("日期为空；"), "\(same.message(.zh))")
        let other = Rejection(file: "f", line: 2, column: 1, kind: "missing date", id: "reader.missingField", args: ["活动时间", "field:date"])
        #expect(other.message(.zh).hasPrefix("活动时间（日期）为空；"), "\(other.message(.zh))")
    }

    /// A bad cell's column is named by the file's header, and in Chinese by the field too when the
    /// header is another language's: an English app export's `date` is date（日期）; English keeps `date`.
    @Test(arguments: [
        ("reader.impossibleDate", "date", "2022-02-30 09:30", "date（日期）“2022-02-30 09:30”：", "date '2022-02-30 09:30'"),
        ("reader.unrecognizedDate", "日期", "去年", "日期“去年”", "日期 '去年'"),
        ("reader.unrecognizedDate", "活动日期", "去年", "活动日期“去年”", "活动日期 '去年'"),
        ("cells.badParticipants", "participants", "许多", "participants（参加人数）“许多”", "participants '许多'"),
    ])
    func badCellNamesItsColumnForAChineseReader(id: String, header: String, value: String, zh: String, en: String) {
        let r = Rejection(file: "f", line: 2, column: 1, kind: "impossible date", id: id, args: [header, value, "x"])
        #expect(r.message(.zh).hasPrefix(zh), "\(r.message(.zh))")
        #expect(r.message(.en).hasPrefix(en), "\(r.message(.en))")
    }
}
