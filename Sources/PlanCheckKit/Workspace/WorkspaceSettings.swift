/// The settings of a workspace folder: one plain-text file of `key = value` lines, `#` comments.
///
/// Keys are Chinese (as `plancheck init` writes them) or English; every problem is reported with
/// its line, and an unknown key is answered with the nearest known one.
public struct WorkspaceSettings: Equatable, Sendable {
    /// The office's name, shown at the top of the reports written into the workspace.
    public var title: String = ""
    /// The year under review; nil for "the current year" (the as-of day's year).
    public var year: Int? = nil
    /// The language of reports and messages; nil when not set (then `PLANCHECK_LANG`, else Chinese).
    public var language: Lang? = nil
    /// `check`'s exit-1 level: missed, at-risk, warning or never.
    public var failOn: String = "missed"
    /// Report formats `check` writes into the reports folder on every run (txt, csv, json, html).
    public var checkReports: [String] = ["csv", "html"]
    /// Report formats `stats` writes into the reports folder on every run.
    public var statsReports: [String] = ["html"]
    /// The reports folder, relative to the workspace (or absolute).
    public var reportsFolder: String = Workspace.reportsFolder
    /// Most records cited per finding; nil for `check`'s default.
    public var evidenceCap: Int? = nil

    /// Creates the default settings.
    public init() {}

    /// One settings key: its Chinese name (what `init` writes) and its English name.
    public enum Key: String, CaseIterable, Sendable {
        case title, year, language
        case failOn = "fail-on"
        case checkReports = "check-reports"
        case statsReports = "stats-reports"
        case reportsFolder = "reports-folder"
        case evidenceCap = "evidence-cap"

        /// The key as `init` writes it.
        public var chinese: String {
            switch self {
            case .title: return "单位名称"
            case .year: return "年度"
            case .language: return "语言"
            case .failOn: return "失败级别"
            case .checkReports: return "检查报告"
            case .statsReports: return "统计报告"
            case .reportsFolder: return "报告目录"
            case .evidenceCap: return "依据条数"
            }
        }

        /// Every accepted spelling (English underscores and dashes alike).
        var names: [String] { [chinese, rawValue, rawValue.replacingAll("-", with: "_")] }

        /// The key named `s`, if any.
        static func named(_ s: String) -> Key? { allCases.first { $0.names.contains(s.lowercased()) } }
    }

    /// The values `fail-on` accepts (English, then Chinese aliases).
    static let failLevels: [String: String] = [
        "missed": "missed", "at-risk": "at-risk", "warning": "warning", "never": "never",
        "未完成": "missed", "有风险": "at-risk", "提示": "warning", "从不": "never",
    ]
    /// Report formats by the words a settings line may use.
    static let formats: [String: String] = [
        "txt": "text", "text": "text", "文本": "text", "csv": "csv", "json": "json", "html": "html", "网页": "html",
    ]

    /// Parses a settings file's text; throws ``SettingsError/invalid(path:problems:)`` with every problem.
    public static func parse(_ text: String, path: String) throws -> WorkspaceSettings {
        var s = WorkspaceSettings()
        var problems: [SettingsProblem] = []
        var seen: [Key: Int] = [:]
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(raw)
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            line = line.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("＃") { continue }
            guard let eq = line.firstIndex(where: { $0 == "=" || $0 == "＝" }) else {
                problems.append(SettingsProblem(line: lineNumber, kind: .notKeyValue(text: line)))
                continue
            }
            let keyText = String(line[..<eq]).trimmingWhitespace()
            var value = String(line[line.index(after: eq)...])
            // A comment after the value: `年度 = 2026  # 今年`.
            if let hash = value.firstIndex(where: { $0 == "#" || $0 == "＃" }) { value = String(value[..<hash]) }
            value = value.trimmingWhitespace()
            guard let key = Key.named(keyText) else {
                let known = Key.allCases.flatMap { [$0.chinese, $0.rawValue] }
                problems.append(SettingsProblem(line: lineNumber, kind: .unknownKey(key: keyText,
                    suggestion: Suggest.nearest(keyText.lowercased(), among: known))))
                continue
            }
            if let first = seen[key] {
                problems.append(SettingsProblem(line: lineNumber, kind: .repeated(key: keyText, firstLine: first)))
                continue
            }
            seen[key] = lineNumber
            func bad(_ expected: String) {
                problems.append(SettingsProblem(line: lineNumber, kind: .badValue(key: keyText, value: value, expected: expected)))
            }
            switch key {
            case .title:
                s.title = value
            case .year:
                let l = value.lowercased()
                if l == "current" || value == "当前" || value == "当年" || value == "今年" || value.isEmpty { s.year = nil }
                else if let y = ChineseNumber.parse(value.hasSuffix("年") ? String(value.dropLast()) : value), Limits.year.contains(y) { s.year = y }
                else { bad("year") }
            case .language:
                if value.isEmpty { s.language = nil } else if let l = Lang.parse(value) { s.language = l } else { bad("language") }
            case .failOn:
                if let f = failLevels[value.lowercased()] { s.failOn = f } else { bad("failOn") }
            case .checkReports, .statsReports:
                var list: [String] = []
                var ok = true
                let words = value.split(whereSeparator: { ",，、 |".contains($0) }).map(String.init)
                for w in words where w != "无" && w.lowercased() != "none" {
                    if let f = formats[w.lowercased()] { if !list.contains(f) { list.append(f) } } else { ok = false }
                }
                if !ok { bad("reports") } else if key == .checkReports { s.checkReports = list } else { s.statsReports = list }
            case .reportsFolder:
                if value.isEmpty { bad("folder") } else { s.reportsFolder = value }
            case .evidenceCap:
                // The range of --evidence-cap, said at this line (the clerk wrote 依据条数, not the option).
                if let n = ChineseNumber.parse(value), Limits.evidenceCap.contains(n) { s.evidenceCap = n } else { bad("evidenceCap") }
            }
        }
        if !problems.isEmpty { throw SettingsError.invalid(path: path, problems: problems) }
        return s
    }

    /// Reads and parses a settings file (UTF-8 or GB18030, as Notepad and WPS save it).
    public static func read(_ path: String) throws -> WorkspaceSettings {
        var bytes: [UInt8] = []
        do { try DecodingReader(source: .file(path)).run { bytes.append(contentsOf: $0) } }
        catch { throw SettingsError.unreadable(path: path) }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path)
    }
}

/// One problem of a settings file, with its line.
public struct SettingsProblem: Equatable, Sendable {
    /// What is wrong.
    public enum Kind: Equatable, Sendable {
        /// A line that is neither a comment nor `key = value`.
        case notKeyValue(text: String)
        /// A key plancheck does not know, with the nearest known key if one is close.
        case unknownKey(key: String, suggestion: String?)
        /// A value the key does not accept; `expected` names which (year, language, failOn, reports, folder, evidenceCap).
        case badValue(key: String, value: String, expected: String)
        /// A key given a second time.
        case repeated(key: String, firstLine: Int)
    }
    /// Line (1-based).
    public var line: Int
    /// What is wrong.
    public var kind: Kind

    /// The problem in `lang`, without the file name.
    public func message(_ lang: Lang) -> String {
        switch kind {
        case .notKeyValue(let text):
            return Messages.text("workspace.settingsNotKeyValue", lang, text)
        case let .unknownKey(key, suggestion):
            if let s = suggestion { return Messages.text("workspace.settingsUnknownKeySuggest", lang, key, s) }
            return Messages.text("workspace.settingsUnknownKey", lang, key,
                                 WorkspaceSettings.Key.allCases.map(\.chinese).joined(separator: lang == .zh ? "、" : ", "))
        case let .badValue(key, value, expected):
            let e: String
            switch expected {
            case "year": e = Messages.text("workspace.expectYear", lang)
            case "language": e = Messages.text("workspace.expectLanguage", lang)
            case "failOn": e = Messages.text("workspace.expectFailOn", lang)
            case "reports": e = Messages.text("workspace.expectReports", lang)
            case "folder": e = Messages.text("workspace.expectFolder", lang)
            default: e = Messages.text("workspace.expectEvidenceCap", lang, Limits.evidenceCap.lowerBound, Limits.evidenceCap.upperBound)
            }
            return Messages.text("workspace.settingsBadValue", lang, key, value, e)
        case let .repeated(key, first):
            return Messages.text("workspace.settingsRepeated", lang, key, first)
        }
    }
}

/// Errors of the workspace layer: its settings file and its folders.
public enum SettingsError: Error, Equatable, Sendable, LocalizedMessage, CustomStringConvertible {
    /// The settings file has problems; every one is listed with its line.
    case invalid(path: String, problems: [SettingsProblem])
    /// The settings file could not be read.
    case unreadable(path: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case let .invalid(path, problems):
            return Messages.text("workspace.settingsProblems", lang, path, problems.count) + "\n"
                + problems.map { "  \(path):\($0.line): " + $0.message(lang) }.joined(separator: "\n")
        case .unreadable(let path):
            return Messages.text("workspace.settingsUnreadable", lang, path)
        }
    }

    public var description: String { message(.zh) }
}
