/// The languages plancheck speaks to people.
///
/// Chinese is the default: the people who read plancheck's reports are office staff of Chinese party
/// organisations. English is for machines, logs read by developers, and `--lang en`.
public enum Lang: String, Sendable, CaseIterable {
    /// Simplified Chinese (the default).
    case zh
    /// English.
    case en

    /// The environment variable that sets the language when `--lang` is not given (for cron).
    public static let environmentVariable = "PLANCHECK_LANG"

    /// Parses `zh`, `en` (and `zh-CN`, `zh_CN.UTF-8`, `en_US` …); nil for anything else.
    public static func parse(_ s: String) -> Lang? {
        let l = s.lowercased()
        if l == "zh" || l.hasPrefix("zh-") || l.hasPrefix("zh_") || l == "cn" || l == "中文" { return .zh }
        if l == "en" || l.hasPrefix("en-") || l.hasPrefix("en_") || l == "english" { return .en }
        return nil
    }

    /// The language for a run: `--lang` if given, else `PLANCHECK_LANG`, else Chinese.
    public static func resolve(option: String?, environment: [String: String]) -> Lang? {
        if let o = option { return parse(o) }
        if let e = environment[environmentVariable], !e.isEmpty { return parse(e) ?? .zh }
        return .zh
    }
}

/// One entry of the message catalogue: the same message in every language.
///
/// Placeholders are `{0}`, `{1}` … and must be the same set in both languages (a test checks).
public struct MessageText: Sendable, Equatable {
    /// Chinese text.
    public let zh: String
    /// English text.
    public let en: String
    /// Creates an entry; both languages are required.
    public init(zh: String, en: String) { self.zh = zh; self.en = en }
    /// The text in one language.
    public func text(_ lang: Lang) -> String { lang == .zh ? zh : en }
}

/// The message catalogue: every sentence plancheck says to a person, by id, in Chinese and English.
///
/// The catalogue is one table split by area (one file `Messages+Area.swift` per area, each a
/// `[String: MessageText]`), so adding a message is one line in its area's table. Ids are
/// `area.name` (`reader.impossibleDate`). Look a message up with ``Messages/text(_:_:_:)``.
public enum Messages {
    /// Every area's table. A new area adds its table here (one line).
    static let areas: [(area: String, table: [String: MessageText])] = [
        ("core", core),
        ("sql", sql),
        ("draft", draft),
        ("hint", hint),
        ("workspace", workspace),
        ("status", status),
        ("report", report),
        ("reader", reader),
        ("audit", audit),
        ("period", period),
        ("review", review),
        ("csv", csv),
        ("inspect", inspect),
        ("workbook", workbook),
        ("scope", scope),
        ("cells", cells),
        ("folder", folder),
        ("duplicates", duplicates),
        ("limits", limits),
        ("plan", plan),
        ("quality", quality),
        ("stats", stats),
        ("help", help),
        ("checkers", checkers),
    ]

    /// The whole catalogue, id → text. A duplicate id across areas is a programming error (a test checks).
    public static let all: [String: MessageText] = {
        var d: [String: MessageText] = [:]
        for (_, t) in areas { d.merge(t) { a, _ in a } }
        return d
    }()

    /// The text of `id` in `lang` with `{0}`, `{1}` … replaced by `args`.
    ///
    /// An unknown id is a programming error; it returns the id itself so nothing is lost (a test
    /// scans the sources so that it never happens).
    public static func text(_ id: String, _ lang: Lang, _ args: Any...) -> String {
        format(id, lang, args)
    }

    /// As ``text(_:_:_:)`` with the arguments as an array.
    public static func format(_ id: String, _ lang: Lang, _ args: [Any]) -> String {
        guard let m = all[id] else { return id }
        return substitute(m.text(lang), args)
    }

    /// Replaces `{0}`, `{1}` … in `template` by the arguments' descriptions.
    ///
    /// `{0|row|rows}` is a plural choice (for English; Chinese has none): the first word when
    /// argument 0 is 1, else the second — `"{0} {0|row|rows} read"` says "1 row read", "2 rows read".
    ///
    /// Works on the template's UTF-8 bytes (the braces and digits are ASCII): walking it by
    /// `Character` and finding `{` through Foundation was most of a million-unit `stats` summary.
    public static func substitute(_ template: String, _ args: [Any]) -> String {
        if args.isEmpty { return template }
        var t = template
        return t.withUTF8 { b -> String in
            let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), bar = UInt8(ascii: "|")
            guard b.contains(open) else { return template }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 32)
            /// A placeholder number: ASCII digits only.
            func number(_ r: Range<Int>) -> Int? {
                guard !r.isEmpty, r.count < 10, r.allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) else { return nil }
                return r.reduce(0) { $0 * 10 + Int(b[$1] - 0x30) }
            }
            func append(_ s: String) { var s = s; s.withUTF8 { out.append(contentsOf: $0) } }
            var i = 0
            while i < b.count {
                if b[i] == open, let end = (i + 1..<b.count).first(where: { b[$0] == close }) {
                    if let n = number((i + 1)..<end), n < args.count {
                        append("\(args[n])")
                        i = end + 1
                        continue
                    }
                    let bars = ((i + 1)..<end).filter { b[$0] == bar }
                    if bars.count == 2, let n = number((i + 1)..<bars[0]), n < args.count {
                        let word = "\(args[n])" == "1" ? (bars[0] + 1)..<bars[1] : (bars[1] + 1)..<end
                        out.append(contentsOf: b[word])
                        i = end + 1
                        continue
                    }
                }
                out.append(b[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The placeholder numbers used in a template (for the catalogue test).
    public static func placeholders(_ template: String) -> Set<Int> {
        var s = Set<Int>()
        var i = template.startIndex
        while let open = template[i...].firstIndex(of: "{") {
            guard let close = template[open...].firstIndex(of: "}") else { break }
            let inner = template[template.index(after: open)..<close]
            if let n = Int(inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)[0]) { s.insert(n) }
            i = template.index(after: open)
        }
        return s
    }
}

/// A value that can say itself in either language (errors, warnings, rejection reasons).
public protocol LocalizedMessage {
    /// The message in `lang`, with its `file:line:column:` prefix where it has one.
    func message(_ lang: Lang) -> String
}
