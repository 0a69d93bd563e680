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
        // Rows are taken as they are read, not kept as a table first: a 5,000,000-unit roster held
        // whole as rows of strings was over a gigabyte before its first unit was made.
        enum Columns { case none, people(name: Int, unit: Int, role: Int), units(name: Int, kind: Int, parent: Int?) }
        for path in paths {
            var columns = Columns.none
            var file = path   // `file.xlsx[sheet]` for a workbook, so a clerk finds the sheet
            try TableFile.stream(path, options: options, header: { headers, headerLine, tableName in
                file = tableName
                let pm = HeaderNames.map(headers, fields: PersonColumn.allCases) { c -> [String] in
                    switch c {
                    case .name: return ["name", "姓名", "人员"]
                    case .unit: return ["unit", "单位", "所在单位", "支部", "组织", "党组织"]
                    case .role: return ["role", "角色", "职务"]
                    }
                }
                if let rc = pm.columns[.role] {
                    guard let nc = pm.columns[.name], let uc = pm.columns[.unit] else {
                        problems.append(PlanProblem(file: file, line: headerLine, column: 1,
                            message: Messages.text("plan.peopleColumns", lang, TableFile.shown(headers).joined(separator: lang == .zh ? "、" : ", "))))
                        return
                    }
                    columns = .people(name: nc, unit: uc, role: rc)
                } else {
                    let um = HeaderNames.map(headers, fields: UnitColumn.allCases) { c -> [String] in
                        switch c {
                        case .name: return ["name", "名称", "单位", "党组织", "组织", "单位名称"]
                        case .kind: return ["kind", "类别", "类型", "组织类别"]
                        case .parent: return ["parent", "上级", "上级组织", "上级单位"]
                        }
                    }
                    guard let nc = um.columns[.name], let kc = um.columns[.kind] else {
                        problems.append(PlanProblem(file: file, line: headerLine, column: 1,
                            message: Messages.text("plan.rosterColumns", lang, TableFile.shown(headers).joined(separator: lang == .zh ? "、" : ", "))))
                        return
                    }
                    columns = .units(name: nc, kind: kc, parent: um.columns[.parent])
                }
            }, row: { row in
                switch columns {
                case .none: return
                case .people(let nc, let uc, let rc):
                    let name = row.cell(nc), unit = row.cell(uc), role = row.cell(rc)
                    if name.isEmpty { problems.append(PlanProblem(file: file, line: row.line, column: nc + 1, message: Messages.text("plan.personNameEmpty", lang))); return }
                    if role.isEmpty { problems.append(PlanProblem(file: file, line: row.line, column: rc + 1, message: Messages.text("plan.personRoleEmpty", lang, name))); return }
                    roster.people.append(Person(name: name, unit: unit, role: role))
                case .units(let nc, let kc, let pc):
                    let name = row.cell(nc), kind = row.cell(kc)
                    let parent = pc.map { row.cell($0) } ?? ""
                    if name.isEmpty { problems.append(PlanProblem(file: file, line: row.line, column: nc + 1, message: Messages.text("plan.unitNameEmpty", lang))); return }
                    if kind.isEmpty { problems.append(PlanProblem(file: file, line: row.line, column: kc + 1, message: Messages.text("plan.unitKindEmpty", lang, name))); return }
                    if Roster.isReservedName(name) { problems.append(PlanProblem(file: file, line: row.line, column: nc + 1, message: Messages.text("limits.reservedName", lang, name))); return }
                    if seenUnits.lookup(name) != nil { problems.append(PlanProblem(file: file, line: row.line, column: nc + 1, message: Messages.text("plan.unitTwice", lang, name))); return }
                    seenUnits.intern(name)
                    roster.units.append(Unit(name: name, kind: kind, parent: parent))
                }
            })
        }
        // A parent or a person's unit that names a roster unit shares that unit's name: one string
        // per name, not one per mention (a parent's name was a copy on every child's row).
        for i in roster.units.indices where !roster.units[i].parent.isEmpty {
            if let p = seenUnits.lookup(roster.units[i].parent) { roster.units[i].parent = roster.units[p].name }
        }
        for i in roster.people.indices {
            if let u = seenUnits.lookup(roster.people[i].unit) { roster.people[i].unit = roster.units[u].name }
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
    /// The header as an error message shows it: cells past 64 characters cut (`…`), at most 50
    /// cells; a header row of megabytes (a file with no line breaks) is not copied into messages.
    var shownHeaders: [String] { TableFile.shown(headers) }

    /// `headers` as messages show them (see ``shownHeaders``).
    static func shown(_ headers: [String]) -> [String] {
        var out = headers.prefix(50).map { $0.count > 64 ? String($0.prefix(64)) + "…" : $0 }
        if headers.count > 50 { out.append("…") }
        return out
    }

    struct Row {
        var line: Int
        /// The cells as read; a workbook row leaves out its trailing empty cells.
        var cells: [String]
        /// The row's width when it is more than `cells` holds (a workbook row as wide as its
        /// header, kept without padding: a sheet's sparse cells would otherwise each cost a
        /// column's worth of empty strings).
        var declaredWidth: Int? = nil
        /// The number of fields, as a CSV row would have them.
        var width: Int { declaredWidth ?? cells.count }
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
            return try readWorkbook(path, sheet: options.sheet, maxColumns: options.maxColumns, isHeader: isHeader)
        }
        var headers: [String] = []
        var headerLine = 1
        var rows: [Row] = []
        try stream(path, options: options, header: { h, line, _ in headers = h; headerLine = line }, row: { rows.append($0) })
        return TableFile(path: path, headers: headers, headerLine: headerLine, rows: rows)
    }

    /// Reads a table row by row: `header` gets the header and its line, then `row` each row, as
    /// they are read (a workbook's sheet is read whole first). Errors as ``read(_:options:isHeader:)``.
    static func stream(_ path: String, options: ReaderOptions, header: ([String], Int, String) -> Void, row: (Row) -> Void) throws {
        if path != "-" && FileSniff.of(path: path) != .other {
            let t = try readWorkbook(path, sheet: options.sheet, maxColumns: options.maxColumns, isHeader: { _ in true })
            header(t.headers, t.headerLine, t.name)
            for r in t.rows { row(r) }
            return
        }
        var sawHeader = false
        let decoder = DecodingReader(source: path == "-" ? .standardInput : .file(path), encoding: options.encoding)
        var tok: CSVTokenizer? = nil
        func handle(_ r: CSVTokenizer.Row) {
            let cells = (0..<r.count).map { String(decoding: FieldParsing.trim(r[$0]), as: UTF8.self) }
            if !sawHeader { sawHeader = true; header(cells, r.line, path) } else { row(Row(line: r.line, cells: cells)) }
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
        if !sawHeader { throw PlanError.emptyFile(path: path) }
    }
}
