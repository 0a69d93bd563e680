/// A unit of the organisation (a committee or a branch).
public struct Unit: Equatable, Sendable {
    /// Name, as records write it.
    public var name: String
    /// Kind (党工委, 纪工委, 社区党支部, 机关党支部 …).
    public var kind: String
    /// Parent unit's name, or empty.
    public var parent: String
    /// Creates a unit.
    public init(name: String, kind: String, parent: String = "") { self.name = name; self.kind = kind; self.parent = parent }
}

/// A person with a role in a unit.
public struct Person: Equatable, Sendable {
    /// Name, as records' `lead` field writes it.
    public var name: String
    /// Unit name.
    public var unit: String
    /// Role (党工委委员, 支部书记 …).
    public var role: String
    /// Creates a person.
    public init(name: String, unit: String, role: String) { self.name = name; self.unit = unit; self.role = role }
}

/// Which units and people exist: what lets plancheck report a unit that did nothing.
public struct Roster: Sendable {
    /// Units in file order.
    public var units: [Unit] = []
    /// People in file order.
    public var people: [Person] = []
    /// Files read.
    public var paths: [String] = []
    /// Creates a roster.
    public init(units: [Unit] = [], people: [Person] = [], paths: [String] = []) {
        self.units = units; self.people = people; self.paths = paths
    }

    enum UnitColumn: CaseIterable { case name, kind, parent }
    enum PersonColumn: CaseIterable { case name, unit, role }

    /// Reads roster files: a file whose header has a role column lists people (name, unit,
    /// role); otherwise it lists units (name, kind, parent). Every problem is reported at once.
    public static func read(_ paths: [String], options: ReaderOptions = ReaderOptions(), lang: Lang = .zh) throws -> Roster {
        var roster = Roster(paths: paths)
        var problems: [PlanProblem] = []
        // Unit names seen, through a byte interner: a `String`-keyed dictionary normalises every
        // Chinese name to hash it, which with 20,000 units was over a third of reading the roster.
        var seenUnits = ByteInterner(capacity: 1024, keepStrings: false)
        for path in paths {
            let table = try TableFile.read(path, options: options)
            let pm = HeaderNames.map(table.headers, fields: PersonColumn.allCases) { c -> [String] in
                switch c {
                case .name: return ["name", "姓名", "人员"]
                case .unit: return ["unit", "单位", "所在单位", "支部", "组织", "党组织"]
                case .role: return ["role", "角色", "职务"]
                }
            }
            if let rc = pm.columns[.role] {
                guard let nc = pm.columns[.name], let uc = pm.columns[.unit] else {
                    problems.append(PlanProblem(file: table.name, line: table.headerLine, column: 1,
                        message: Messages.text("plan.peopleColumns", lang, table.headers.joined(separator: lang == .zh ? "、" : ", "))))
                    continue
                }
                for row in table.rows {
                    let name = row.cell(nc), unit = row.cell(uc), role = row.cell(rc)
                    if name.isEmpty { problems.append(PlanProblem(file: table.name, line: row.line, column: nc + 1, message: Messages.text("plan.personNameEmpty", lang))); continue }
                    if role.isEmpty { problems.append(PlanProblem(file: table.name, line: row.line, column: rc + 1, message: Messages.text("plan.personRoleEmpty", lang, name))); continue }
                    roster.people.append(Person(name: name, unit: unit, role: role))
                }
            } else {
                let um = HeaderNames.map(table.headers, fields: UnitColumn.allCases) { c -> [String] in
                    switch c {
                    case .name: return ["name", "名称", "单位", "党组织", "组织", "单位名称"]
                    case .kind: return ["kind", "类别", "类型", "组织类别"]
                    case .parent: return ["parent", "上级", "上级组织", "上级单位"]
                    }
                }
                guard let nc = um.columns[.name], let kc = um.columns[.kind] else {
                    problems.append(PlanProblem(file: table.name, line: table.headerLine, column: 1,
                        message: Messages.text("plan.rosterColumns", lang, table.headers.joined(separator: lang == .zh ? "、" : ", "))))
                    continue
                }
                for row in table.rows {
                    let name = row.cell(nc), kind = row.cell(kc)
                    let parent = um.columns[.parent].map { row.cell($0) } ?? ""
                    if name.isEmpty { problems.append(PlanProblem(file: table.name, line: row.line, column: nc + 1, message: Messages.text("plan.unitNameEmpty", lang))); continue }
                    if kind.isEmpty { problems.append(PlanProblem(file: table.name, line: row.line, column: kc + 1, message: Messages.text("plan.unitKindEmpty", lang, name))); continue }
                    if Roster.isReservedName(name) { problems.append(PlanProblem(file: table.name, line: row.line, column: nc + 1, message: Messages.text("limits.reservedName", lang, name))); continue }
                    if seenUnits.lookup(name) != nil { problems.append(PlanProblem(file: table.name, line: row.line, column: nc + 1, message: Messages.text("plan.unitTwice", lang, name))); continue }
                    seenUnits.intern(name)
                    roster.units.append(Unit(name: name, kind: kind, parent: parent))
                }
            }
        }
        for u in roster.units where !u.parent.isEmpty && seenUnits.lookup(u.parent) == nil {
            problems.append(PlanProblem(file: paths.first ?? "", line: 0, column: 0, message: Messages.text("plan.parentUnknown", lang, u.parent, u.name)))
        }
        for cycle in parentCycles(roster.units, ids: seenUnits) {
            let names = cycle.map { roster.units[$0].name }
            problems.append(PlanProblem(file: paths.first ?? "", line: 0, column: 0,
                message: Messages.text("limits.rosterCycle", lang, names[0], (names + [names[0]]).joined(separator: " → "))))
        }
        if !problems.isEmpty { throw PlanError.invalid(problems: problems) }
        return roster
    }

    /// The names reports use as markers: `*`, the row of all units together, and 合计, the total row
    /// of a pivot. No unit may have them (roster units are refused, records rejected), so a marker
    /// row can never be taken for a unit's.
    public static let reservedNames: Set<String> = ["*", "合计"]

    /// Whether `name` (trimmed UTF-8 bytes) is one of ``reservedNames``.
    static func isReservedName(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        (b.count == 1 && b[0] == UInt8(ascii: "*")) || (b.count == 6 && b.elementsEqual("合计".utf8))
    }

    /// Whether `name` is one of ``reservedNames``.
    static func isReservedName(_ name: String) -> Bool { reservedNames.contains(name) }

    /// Every cycle of parents (A's parent is B and B's is A; a unit its own parent), each once as
    /// unit indexes starting at its first unit in file order. A unit's chain is followed at most
    /// once overall (three colours), so a roster of millions of units takes linear time.
    static func parentCycles(_ units: [Unit], ids: ByteInterner) -> [[Int]] {
        let parent = units.map { $0.parent.isEmpty ? -1 : (ids.lookup($0.parent) ?? -1) }
        var state = [UInt8](repeating: 0, count: units.count)  // 0 new, 1 on the current chain, 2 done
        var cycles: [[Int]] = []
        for start in units.indices where state[start] == 0 {
            var chain: [Int] = []
            var u = start
            while u >= 0 && state[u] == 0 { state[u] = 1; chain.append(u); u = parent[u] }
            if u >= 0 && state[u] == 1, let at = chain.firstIndex(of: u) {
                let c = Array(chain[at...])
                let first = c.indices.min { c[$0] < c[$1] }!
                cycles.append(Array(c[first...] + c[..<first]))
            }
            for x in chain { state[x] = 2 }
        }
        return cycles
    }
}

/// A small CSV table read whole (plans and rosters): header, rows of strings with their lines.
struct TableFile {
    struct Row {
        var line: Int
        var cells: [String]
        func cell(_ i: Int) -> String { i < cells.count ? cells[i] : "" }
    }
    var path: String
    var headers: [String]
    var headerLine: Int
    var rows: [Row]
    /// The name problems are reported under: the path, or `file.xlsx[sheet]` for a workbook (as
    /// records' rejections are), so that a clerk finds the sheet, then row and column, in WPS.
    var name: String { sheet.map { "\(path)[\($0)]" } ?? path }
    /// The sheet read, for a workbook.
    var sheet: String? = nil

    static func read(_ path: String, options: ReaderOptions, isHeader: ([String]) -> Bool = { _ in true }) throws -> TableFile {
        if path != "-" && FileSniff.of(path: path) != .other {
            return try readWorkbook(path, sheet: options.sheet, isHeader: isHeader)
        }
        var headers: [String]? = nil
        var headerLine = 1
        var rows: [Row] = []
        let decoder = DecodingReader(source: path == "-" ? .standardInput : .file(path), encoding: options.encoding)
        var tok: CSVTokenizer? = nil
        func handle(_ r: CSVTokenizer.Row) {
            let cells = (0..<r.count).map { String(decoding: FieldParsing.trim(r[$0]), as: UTF8.self) }
            if headers == nil { headers = cells; headerLine = r.line } else { rows.append(Row(line: r.line, cells: cells)) }
        }
        do {
            try decoder.run { chunk in
                if tok == nil { tok = CSVTokenizer(delimiter: options.delimiter ?? CSVTokenizer.detectDelimiter(chunk), path: path) }
                try tok!.feed(chunk, handle)
            }
            try tok?.finish(handle)
        } catch let e as CSVError {
            throw PlanError.csv(e)
        }
        guard let h = headers else { throw PlanError.emptyFile(path: path) }
        return TableFile(path: path, headers: h, headerLine: headerLine, rows: rows)
    }
}
