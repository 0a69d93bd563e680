/// Who a rule applies to.
public enum Scope: Hashable, Sendable, CustomStringConvertible {
    /// One named unit.
    case org(String)
    /// Every unit of these kinds (from the roster; without one, every unit seen in the records).
    case kinds([String])
    /// Every person with this role; a record counts for a person when its `lead` names them.
    case role(String)
    /// All records of every unit together.
    case all

    /// Parses `org:NAME`, `kind:A|B`, `role:ROLE`, `all` (also 单位: 类别: 角色: 全部).
    public static func parse(_ s: String) -> Scope? {
        let t = s.trimmingWhitespace()
        if t == "all" || t == "全部" || t == "*" { return .all }
        guard let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let key = HeaderNames.normalize(String(t[..<colon]))
        let value = String(t[t.index(after: colon)...]).trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        switch key {
        case "org", "unit", "单位", "组织": return .org(value)
        case "kind", "kinds", "类别", "类型": return .kinds(value.splitList())
        case "role", "角色", "职务": return .role(value)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .org(let o): return "org:" + o
        case .kinds(let k): return "kind:" + k.joined(separator: "|")
        case .role(let r): return "role:" + r
        case .all: return "all"
        }
    }
}

/// The columns of a plan file. Checkers say which of these they use.
public enum PlanColumn: String, CaseIterable, Sendable {
    case id, title, checker, types, keywords, threshold, period, scope, deadline, windows
    case targetKind = "target_kind"
    case field, clause, source

    /// Header names accepted (English or Chinese), compared after normalization.
    public var aliases: [String] {
        switch self {
        case .id: return ["id", "编号", "规则编号"]
        case .title: return ["title", "名称", "标题", "规则名称"]
        case .checker: return ["checker", "检查器", "检查方式"]
        case .types: return ["types", "type", "活动类型", "计入类型"]
        case .keywords: return ["keywords", "关键词", "主题关键词"]
        case .threshold: return ["threshold", "阈值", "要求次数", "最低要求"]
        case .period: return ["period", "周期"]
        case .scope: return ["scope", "范围", "适用范围"]
        case .deadline: return ["deadline", "截止", "截止日期"]
        case .windows: return ["windows", "时间窗", "时段"]
        case .targetKind: return ["target_kind", "targetkind", "对象类别", "覆盖对象"]
        case .field: return ["field", "字段", "统计字段"]
        case .clause: return ["clause", "条款", "出处"]
        case .source: return ["source", "依据", "原文"]
        }
    }
}

/// A named date window of the year (`年中:06-01..08-31`).
public struct DateWindow: Equatable, Sendable {
    /// The window's name, used as its period label.
    public var name: String
    /// First month-day.
    public var start: MonthDay
    /// Last month-day.
    public var end: MonthDay

    /// Parses `name:MM-DD..MM-DD;name:…`; nil when malformed.
    public static func parseList(_ s: String) -> [DateWindow]? {
        var out: [DateWindow] = []
        for part in s.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let p = String(part).trimmingWhitespace()
            if p.isEmpty { continue }
            guard let colon = p.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
            let name = String(p[..<colon]).trimmingWhitespace()
            let range = String(p[p.index(after: colon)...]).replacingAll("～", with: "..").replacingAll("~", with: "..")
            let ends = range.components(separatedBy2: "..")
            guard !name.isEmpty, ends.count == 2, let a = MonthDay.parse(ends[0]), let b = MonthDay.parse(ends[1]),
                  (a.month, a.day) <= (b.month, b.day) else { return nil }
            out.append(DateWindow(name: name, start: a, end: b))
        }
        return out.isEmpty ? nil : out
    }
}

extension String {
    func components(separatedBy2 sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: sep) { out.append(String(rest[..<r.lowerBound])); rest = rest[r.upperBound...] }
        out.append(String(rest))
        return out
    }
}

/// One requirement of a plan, parsed and validated.
public struct Rule: Sendable {
    /// Stable id (`S000-05`).
    public var id: String
    /// Short title.
    public var title: String
    /// Checker identifier.
    public var checker: String
    /// Activity types that count (exact match after trimming).
    public var types: [String]
    /// Title keywords; when not empty the title must contain one.
    public var keywords: [String]
    /// Minimum per period (count) or sum.
    public var threshold: Int
    /// Period kind (count and sum).
    public var period: PeriodKind
    /// Who the rule applies to.
    public var scope: Scope
    /// Deadline (deadline checker).
    public var deadline: MonthDay?
    /// Date windows (windows checker).
    public var windows: [DateWindow]
    /// Kinds of units that must be covered (coverage checker).
    public var targetKinds: [String]
    /// Numeric field summed (sum checker).
    public var field: String?
    /// Locator of the clause in the source document.
    public var clause: String
    /// The clause, verbatim.
    public var source: String
    /// The plan file and line the rule is on.
    public var file: String
    /// Line in the plan file.
    public var line: Int

    /// Creates a rule (plan files are the usual way).
    public init(id: String, title: String = "", checker: String, types: [String], keywords: [String] = [],
                threshold: Int = 1, period: PeriodKind = .year, scope: Scope, deadline: MonthDay? = nil,
                windows: [DateWindow] = [], targetKinds: [String] = [], field: String? = nil,
                clause: String = "", source: String = "", file: String = "", line: Int = 0) {
        self.id = id; self.title = title; self.checker = checker; self.types = types; self.keywords = keywords
        self.threshold = threshold; self.period = period; self.scope = scope; self.deadline = deadline
        self.windows = windows; self.targetKinds = targetKinds; self.field = field; self.clause = clause
        self.source = source; self.file = file; self.line = line
    }
}

/// A plan: the rules of one or more plan files.
public struct Plan: Sendable {
    /// The plan files read.
    public var paths: [String]
    /// The rules, in file order.
    public var rules: [Rule]
    /// The year named by the plan files (the first four-digit 20xx in a file name), if any.
    public var year: Int?
    /// Rows a draft marked 无法表达 (a clause no checker can express), kept as a record and skipped.
    public var unexpressibleRows = 0
    /// Creates a plan.
    public init(paths: [String], rules: [Rule], year: Int? = nil) { self.paths = paths; self.rules = rules; self.year = year }
}

/// One problem in a plan or roster file, with where it is.
public struct PlanProblem: Equatable, Sendable, CustomStringConvertible {
    /// File path.
    public var file: String
    /// Line (1-based).
    public var line: Int
    /// Column (1-based field number), 0 for the whole row.
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String

    /// Creates a problem.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file; self.line = line; self.column = column; self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Errors of the plan and roster layer.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedMessage {
    /// The plan (or roster) has problems; all of them are listed.
    case invalid(problems: [PlanProblem])
    /// A file could not be read as CSV at all.
    case unreadable(path: String, reason: String)
    /// A plan or roster file has no header line.
    case emptyFile(path: String)
    /// A plan or roster file is not valid CSV; said in the user's language when printed.
    case csv(CSVError)

    /// The message in English (logs, tests).
    public var description: String { message(.en) }

    /// The message in `lang`; each problem keeps its `file:line:column:` prefix.
    public func message(_ lang: Lang) -> String {
        switch self {
        case .invalid(let problems):
            return Messages.text(problems.count == 1 ? "csv.planProblem" : "csv.planProblems", lang, problems.count) + "\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        case let .unreadable(path, reason):
            return "\(path): \(reason)"
        case .emptyFile(let path):
            return Messages.text("plan.emptyFile", lang, path)
        case .csv(let e):
            return e.message(lang)
        }
    }
}
