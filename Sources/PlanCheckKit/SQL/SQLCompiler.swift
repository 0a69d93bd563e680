/// Compiles a plan to one SQL script that a warehouse runs where the records live
/// (`plancheck sql`). The engine only filters, joins and counts; plancheck computes the calendar
/// (every rule's period slots with their bounds, the as-of phase, the pro-rata threshold and the
/// near-the-end flag) with the engine's own code and ships it as literal `VALUES` tables, and
/// it keeps the judging: `check --counts` turns the counts back into its reports.
///
/// The script is a sequence of statements, each starting with a `-- plancheck: NAME` line:
/// `quality` (rows read and rejected, and the data-quality counts: duplicates, units not in the
/// roster, dates outside the year or after as-of, uncounted types — one scan of the records), then
/// `counts` or `findings`. Every statement but `findings` returns the counts layout
/// `kind, rule, org, person, period, count, sum`, so their results concatenated are the file
/// `check --counts` reads.
public enum SQLCompiler {
    /// What the main statement returns.
    public enum Emit: String, CaseIterable, Sendable {
        /// Non-zero counts per rule × unit or person × period (small: what the engine sends back).
        case counts
        /// Every finding with its status, zero-record units included (roster × periods LEFT JOIN).
        case findings
    }

    /// How to compile.
    public struct Options: Sendable {
        /// Target engine.
        public var dialect: SQLDialect
        /// The records: a table name, or for DuckDB a CSV or Parquet path (Spark: a Parquet path).
        public var source: String
        /// What the main statement returns.
        public var emit: Emit = .counts
        /// With `.findings`, only missed and at-risk rows.
        public var onlyShortfalls = false
        /// Creates options.
        public init(dialect: SQLDialect, source: String, emit: Emit = .counts, onlyShortfalls: Bool = false) {
            self.dialect = dialect; self.source = source; self.emit = emit; self.onlyShortfalls = onlyShortfalls
        }
    }

    /// The columns of the counts layout, in order.
    public static let countsColumns = ["kind", "rule", "org", "person", "period", "count", "sum"]
    /// The columns of the findings statement, in order.
    public static let findingsColumns = ["rule", "org", "person", "period", "required", "actual", "shortfall", "status", "start", "due", "count"]
    /// The record columns the source must have (`inspect --format csv` writes them; others are ignored).
    public static let recordColumns = ["date", "org", "type", "participants", "title", "lead", "target"]

    /// The separators of names in `lead` and `target` (as ``ScopeEntities/names(in:)``), each
    /// replaced by `/` so that a name is found as `/name/` without splitting.
    static let nameSeparators = ["、", "，", ",", "；", ";", " ", "\u{3000}"]

    /// The SQL expression of the records source.
    static func sourceExpression(_ source: String, _ d: SQLDialect) -> String {
        let lower = source.lowercased()
        let isCSV = lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz") || lower.hasSuffix(".tsv")
        let isParquet = lower.hasSuffix(".parquet")
        switch d {
        case .duckdb where isCSV:
            return "read_csv(\(d.literal(source)), header = true, all_varchar = true)"
        case .duckdb where isParquet:
            return "read_parquet(\(d.literal(source)))"
        case .spark where isParquet:
            return "parquet.`" + source.replacingAll("`", with: "``") + "`"
        default:
            return source
        }
    }

    /// Whether `source` is a file path rather than a table name.
    static func isPath(_ source: String) -> Bool {
        let lower = source.lowercased()
        return source.contains("/") || [".csv", ".csv.gz", ".tsv", ".parquet"].contains { lower.hasSuffix($0) }
    }

    /// Compiles `plan` for `roster`, `year` and `asOf`; throws ``SQLError`` for a rule the SQL
    /// cannot express (never approximated) or a source the dialect cannot read.
    public static func compile(plan: Plan, roster: Roster?, year: Int, asOf: Day, options: Options) throws -> String {
        let d = options.dialect
        if isPath(options.source) {
            let lower = options.source.lowercased()
            let ok = d == .duckdb || (d == .spark && lower.hasSuffix(".parquet"))
            if !ok { throw SQLError.pathNeedsTable(path: options.source, dialect: d.rawValue) }
        }
        // The engine's own checkers give each rule's slots: the calendar is theirs.
        let context = CheckContext(year: year, asOf: asOf, roster: roster, evidenceCap: 0)
        let engine = CheckEngine(plan: plan, context: context)
        var problems: [SQLError] = []
        var ruleTypes: [[String]] = [], ruleSlots: [[String]] = [], ruleScopes: [[String]] = []
        var keywordCases: [String] = [], doerCases: [String] = []
        let lit = d.literal
        for (ri, rule) in plan.rules.enumerated() {
            guard let tally = (engine.checkers[ri] as? any TallyChecker)?.tally else {
                problems.append(.refused(rule: rule.id, reason: .checker)); continue
            }
            let isCoverage = rule.checker == CoverageChecker.identifier
            if roster == nil {
                if isCoverage { problems.append(.refused(rule: rule.id, reason: .coverageNoRoster)); continue }
                if case .kinds = rule.scope { problems.append(.refused(rule: rule.id, reason: .kindNoRoster)); continue }
            }
            if Set(tally.slots.map(\.label)).count != tally.slots.count {
                problems.append(.refused(rule: rule.id, reason: .slotNames)); continue
            }
            for t in unique(rule.types) { ruleTypes.append([lit(rule.id), lit(t)]) }
            if !rule.keywords.isEmpty {
                let any = rule.keywords.map { d.contains("o.title", lit($0)) }.joined(separator: " OR ")
                keywordCases.append("WHEN \(lit(rule.id)) THEN (\(any))")
            }
            let isSum = rule.checker == SumChecker.identifier
            for (si, slot) in tally.slots.enumerated() {
                let p = PeriodPhase(required: rule.threshold, start: slot.start, end: slot.end, asOf: asOf, yearEnd: context.yearEnd)
                ruleSlots.append([lit(rule.id), String(ri), lit(slot.label), String(si), lit(slot.start.iso), lit(slot.end.iso),
                                  String(rule.threshold), isSum ? "1" : "0", lit(p.phase.rawValue), String(p.expected), p.nearEnd ? "1" : "0"])
            }
            if isCoverage {
                for k in unique(rule.targetKinds) { ruleScopes.append([lit(rule.id), lit("target"), lit(k)]) }
                switch rule.scope {
                case .org(let o): doerCases.append("(x.rule = \(lit(rule.id)) AND x.org = \(lit(o)))")
                case .kinds(let ks): doerCases.append("(x.rule = \(lit(rule.id)) AND x.okind IN (\(unique(ks).map(lit).joined(separator: ", "))))")
                case .all: doerCases.append("x.rule = \(lit(rule.id))")
                case .role: problems.append(.refused(rule: rule.id, reason: .coverageRole))
                }
            } else {
                switch rule.scope {
                case .org(let o): ruleScopes.append([lit(rule.id), lit("org"), lit(o)])
                case .kinds(let ks): for k in unique(ks) { ruleScopes.append([lit(rule.id), lit("kind"), lit(k)]) }
                case .role(let r): ruleScopes.append([lit(rule.id), lit("role"), lit(r)])
                case .all: ruleScopes.append([lit(rule.id), lit("all"), lit("*")])
                }
            }
        }
        if !problems.isEmpty { throw SQLError.refusedRules(problems) }

        let units = (roster?.units ?? []).map { [$0.name, $0.kind] }
        let people = (roster?.people ?? []).map { [$0.name, $0.unit, $0.role] }
        let reviewStart = context.yearStart.adding(days: -3), reviewEnd = min(asOf, context.yearEnd.adding(days: 3))
        let col = d.column, text = d.text

        // The records, parsed and guarded: a row whose date or count does not parse is rejected, not dropped.
        func cell(_ c: String) -> String { "CAST(\(col(c)) AS \(text))" }
        let records = """
        src AS (
          SELECT \(cell("date")) AS d_raw, \(cell("org")) AS org, \(cell("type")) AS typ, \(cell("participants")) AS p_raw,
                 COALESCE(\(cell("title")), '') AS title, COALESCE(\(cell("lead")), '') AS lead, COALESCE(\(cell("target")), '') AS tgt
          FROM \(sourceExpression(options.source, d))
        ),
        norm AS (
          SELECT \(d.dateKey("d_raw")) AS d, \(d.integer("p_raw")) AS p, p_raw, org, typ, title, lead, tgt FROM src
        ),
        chk AS (
          SELECT d, p, org, typ, title, lead, tgt,
                 CASE WHEN d IS NULL OR org IS NULL OR org = '' OR typ IS NULL OR typ = ''
                        OR (p IS NULL AND p_raw IS NOT NULL AND p_raw <> '') THEN 1 ELSE 0 END AS bad
          FROM norm
        ),
        rec AS (SELECT d, p, org, typ, title, lead, tgt FROM chk WHERE bad = 0)
        """
        let unitTable = d.table("unit", ["name", "kind"], units)
        let personTable = d.table("person", ["name", "unit", "role"], people)
        let typeTable = d.values("rule_type", ["rule", "typ"], ruleTypes, dummy: ["''", "''"])
        let slotTable = d.values("rule_slot", ["rule", "rule_ord", "slot", "slot_ord", "lo", "hi", "required", "is_sum", "phase", "expected", "near_end"],
                                 ruleSlots, dummy: ["''", "0", "''", "0", "''", "''", "0", "0", "''", "0", "0"])
        let scopeTable = d.values("rule_scope", ["rule", "skind", "sval"], ruleScopes, dummy: ["''", "''", "''"])

        /// `e` with every name separator replaced by `/`.
        func names(_ e: String) -> String {
            var s = e
            for sep in nameSeparators { s = "REPLACE(\(s), \(lit(sep)), '/')" }
            return s
        }
        let scopeKinds = Set(ruleScopes.map { $0[1] })
        let byRole = scopeKinds.contains(lit("role")), byTarget = scopeKinds.contains(lit("target"))
        let keywordFilter = keywordCases.isEmpty ? "" : "\n    AND CASE rt.rule \(keywordCases.joined(separator: " ")) ELSE 1 = 1 END"
        let doerFilter = doerCases.isEmpty ? "1 = 0" : doerCases.joined(separator: " OR ")
        // Each counted record once per rule and period (the slot by a range join on the few slots of
        // its rule); `lead` and `target` are carried only when a rule needs them.
        let nameColumns = (byRole ? ", o.lead" : "") + (byTarget ? ", o.tgt" : "")
        // One pass for unit, kind and whole-street scopes; names in `lead` (role scopes) and `target`
        // (coverage) are split and joined to the roster by equality.
        var branches = ["""
          SELECT m.rule, m.slot, CASE WHEN rs.skind = 'all' THEN '*' ELSE m.org END AS org, '' AS person, m.p FROM m
            JOIN rule_scope rs ON rs.rule = m.rule
            WHERE (rs.skind = 'org' AND rs.sval = m.org) OR (rs.skind = 'kind' AND rs.sval = m.okind) OR rs.skind = 'all'
        """]
        if byRole {
            branches.append("""
              SELECT x.rule, x.slot, pe.unit AS org, pe.name AS person, x.p FROM (
                \(d.exploded("m.rule, m.slot, m.p, rs.sval", from: "m JOIN rule_scope rs ON rs.rule = m.rule AND rs.skind = 'role'", names("m.lead")))
              ) x
                JOIN person pe ON pe.role = x.sval AND pe.name = x.name
            """)
        }
        if byTarget {
            branches.append("""
              SELECT x.rule, x.slot, tu.name AS org, '' AS person, x.p FROM (
                \(d.exploded("m.rule, m.slot, m.p, m.org, m.okind, rs.sval", from: "m JOIN rule_scope rs ON rs.rule = m.rule AND rs.skind = 'target'", names("m.tgt")))
              ) x
                JOIN unit tu ON tu.kind = x.sval AND tu.name = x.name
                WHERE \(doerFilter)
            """)
        }
        let counting = """
        m AS (
          SELECT rt.rule, s.slot, o.org, u.kind AS okind, o.p\(nameColumns)
          FROM rec o
          JOIN rule_type rt ON rt.typ = o.typ
          JOIN rule_slot s ON s.rule = rt.rule AND o.d >= s.lo AND o.d <= s.hi
          LEFT JOIN unit u ON u.name = o.org
          WHERE o.d >= \(lit(reviewStart.iso)) AND o.d <= \(lit(reviewEnd.iso))\(keywordFilter)
        ),
        hit AS (
        \(branches.joined(separator: "\n  UNION ALL\n"))
        ),
        cnt AS (
          SELECT rule, org, person, slot, COUNT(*) AS n, SUM(COALESCE(p, 0)) AS total FROM hit GROUP BY rule, org, person, slot
        )
        """
        let countsColumnsSQL = "kind, rule, org, person, period, \(col("count")), \(col("sum"))"
        func statement(_ name: String, _ what: String, ctes: [String], _ body: String) -> String {
            "-- plancheck: \(name) — \(what)\nWITH\n" + ctes.joined(separator: ",\n") + "\n" + body + ";\n"
        }

        var out = """
        -- plancheck \(PlanCheckCLI.version) sql --dialect \(d.rawValue): plan \(plan.paths.joined(separator: ", ")); year \(year); as of \(asOf.iso)
        -- Records: \(options.source) with columns \(recordColumns.joined(separator: ", ")) (date: DATE or YYYY-MM-DD text).
        -- The calendar (period bounds, ISO weeks, as-of phase, pro-rata threshold, near-the-end flag) was computed
        -- by plancheck and is shipped as literal VALUES; the engine only filters, joins and counts.
        -- Statements: each starts with a '-- plancheck: NAME' line. All but 'findings' return
        -- kind, rule, org, person, period, count, sum: their results together are the file 'plancheck check --counts' reads.


        """
        // One scan for all of the data-quality counts: the records grouped as the duplicate check
        // needs them (date, unit, type, title), then those groups by unit, type and date class.
        let dateClass = """
        CASE WHEN bad = 1 THEN NULL
                            WHEN d < \(lit(context.yearStart.iso)) OR d > \(lit(context.yearEnd.iso)) THEN 'outside-year'
                            WHEN d > \(lit(asOf.iso)) THEN 'after-as-of' END
        """
        let qualityCTEs = """
        grp AS (
          SELECT d, org, typ, bad, COUNT(*) AS n FROM chk GROUP BY d, org, typ, title, bad
        ),
        q AS (
          SELECT org, typ, bad, dk, SUM(n) AS n, SUM(n - 1) AS dup
          FROM (SELECT org, typ, bad, n, \(dateClass) AS dk FROM grp) k
          GROUP BY org, typ, bad, dk
        )
        """
        // Every data-quality row from one pass over q (engines that inline a CTE would otherwise
        // recompute the grouping of every record once per kind): q × the kinds, kept where the
        // kind applies, summed per kind and key.
        let kinds = [["0", "'input'"], ["1", "'duplicate'"]] + (roster != nil ? [["2", "'unknown-unit'"]] : [])
            + [["3", "'dates'"], ["4", "'uncounted-type'"]]
        let kindTable = d.values("kinds", ["sec", "kind"], kinds, dummy: ["0", "''"])
        let unknownJoin = roster != nil ? "\n    LEFT JOIN (SELECT DISTINCT name FROM unit) u ON u.name = q.org" : ""
        let unknownCase = roster != nil ? "\n        OR (k.sec = 2 AND u.name IS NULL)" : ""
        out += statement("quality", "rows read (count) and rejected (sum), records equal to an earlier one in date, unit, type and title "
                         + (roster != nil ? "and records of units not in the roster (per unit), " : "(per unit), ")
                         + "records dated outside the year or after as-of (per unit), of types no rule counts (per type, in the rule column)",
                         ctes: [records] + (roster != nil ? [unitTable] : []) + [typeTable, qualityCTEs, kindTable], """
        SELECT kind, rule, org, '' AS person, '' AS period, SUM(n) AS \(col("count")), SUM(s) AS \(col("sum"))
        FROM (
          SELECT k.sec, CASE WHEN k.sec = 3 THEN q.dk ELSE k.kind END AS kind,
                 CASE WHEN k.sec = 4 THEN q.typ ELSE '' END AS rule,
                 CASE WHEN k.sec IN (1, 2, 3) THEN q.org ELSE '' END AS org,
                 CASE WHEN k.sec = 1 THEN q.dup ELSE q.n END AS n,
                 CASE WHEN k.sec = 0 AND q.bad = 1 THEN q.n ELSE 0 END AS s
          FROM q
            CROSS JOIN kinds k\(unknownJoin)
            LEFT JOIN (SELECT DISTINCT typ FROM rule_type) t ON t.typ = q.typ
          WHERE k.sec = 0
             OR (q.bad = 0 AND (k.sec = 1\(unknownCase)
                OR (k.sec = 3 AND q.dk IS NOT NULL)
                OR (k.sec = 4 AND t.typ IS NULL)))
        ) r
        GROUP BY sec, kind, rule, org
        HAVING sec <> 1 OR SUM(n) > 0
        ORDER BY sec, kind, rule, org
        """) + "\n"
        // The people are shipped only when a rule is done by people of a role.
        let calendar = [records, unitTable] + (byRole ? [personTable] : []) + [typeTable, slotTable, scopeTable, counting]
        let roleEntities = byRole ? """

              UNION ALL
              SELECT rs.rule, pe.unit AS org, pe.name AS person, pe.ord AS eord FROM rule_scope rs JOIN person pe ON pe.role = rs.sval
                WHERE rs.skind = 'role'
            """ : ""
        switch options.emit {
        case .counts:
            out += statement("counts", "records (count) and participants (sum) per rule, unit or person, and period", ctes: calendar, """
            SELECT 'cell' AS kind, rule, org, person, slot AS period, n AS \(col("count")), total AS \(col("sum"))
            FROM cnt
            ORDER BY rule, org, person, period
            """) + "\n"
        case .findings:
            let status = """
            CASE WHEN actual >= required THEN 'met'
                   WHEN phase = 'over' THEN 'missed'
                   WHEN phase = 'before' THEN 'upcoming'
                   WHEN phase = 'first' THEN 'on-track'
                   WHEN near_end = 1 OR actual < expected THEN 'at-risk'
                   ELSE 'on-track' END
            """
            let filter = options.onlyShortfalls ? "\nWHERE status IN ('missed', 'at-risk')" : ""
            out += statement("findings", "every rule × unit or person × period with its status (roster × periods LEFT JOIN counts)",
                             ctes: calendar + ["""
            ent AS (
              SELECT rs.rule, rs.sval AS org, '' AS person, 0 AS eord FROM rule_scope rs WHERE rs.skind = 'org'
              UNION ALL
              SELECT rs.rule, u.name AS org, '' AS person, u.ord AS eord FROM rule_scope rs JOIN unit u ON u.kind = rs.sval
                WHERE rs.skind IN ('kind', 'target')\(roleEntities)
              UNION ALL
              SELECT rs.rule, '*' AS org, '' AS person, 0 AS eord FROM rule_scope rs WHERE rs.skind = 'all'
            ),
            cell AS (
              SELECT s.rule_ord, e.eord, s.slot_ord, e.rule, e.org, e.person, s.slot AS period, s.required, s.lo, s.hi,
                     s.phase, s.expected, s.near_end, COALESCE(c.n, 0) AS n,
                     CASE WHEN s.is_sum = 1 THEN COALESCE(c.total, 0) ELSE COALESCE(c.n, 0) END AS actual
              FROM ent e
              JOIN rule_slot s ON s.rule = e.rule
              LEFT JOIN cnt c ON c.rule = e.rule AND c.org = e.org AND c.person = e.person AND c.slot = s.slot
            ),
            judged AS (
              SELECT cell.*, \(status) AS status FROM cell
            )
            """], """
            SELECT rule, org, person, period, required, actual,
                   CASE WHEN required > actual THEN required - actual ELSE 0 END AS shortfall, status, lo AS start, hi AS due, n AS \(col("count"))
            FROM judged\(filter)
            ORDER BY rule_ord, eord, org, person, slot_ord
            """) + "\n"
        }
        _ = countsColumnsSQL
        return out
    }

    static func unique(_ a: [String]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for x in a where seen.insert(x).inserted { out.append(x) }
        return out
    }
}

/// Why `plancheck sql` or `check --counts` refused.
public enum SQLError: Error, Equatable, Sendable, LocalizedMessage, CustomStringConvertible {
    /// Why a rule cannot be compiled.
    public enum Refusal: String, Sendable {
        /// Its checker has no SQL form.
        case checker
        /// A coverage rule needs the roster's units of the target kind.
        case coverageNoRoster
        /// A `kind:` scope without a roster: a native run judges kinds from the unit names seen.
        case kindNoRoster
        /// Two periods (windows) of the rule share a name, so counts by period would merge them.
        case slotNames
        /// A coverage rule done by people of a role: a correlated name search the engines do not all allow.
        case coverageRole
    }
    /// A rule the SQL cannot express.
    case refused(rule: String, reason: Refusal)
    /// Several refused rules.
    case refusedRules([SQLError])
    /// A file path given to a dialect that reads tables only.
    case pathNeedsTable(path: String, dialect: String)
    /// A counts file row that is malformed or does not match the plan and roster.
    case badCounts(path: String, line: Int, column: Int, reason: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case let .refused(rule, reason):
            let why: String
            switch reason {
            case .checker: why = Messages.text("sql.refuseChecker", lang)
            case .coverageNoRoster: why = Messages.text("sql.refuseCoverageNoRoster", lang)
            case .kindNoRoster: why = Messages.text("sql.refuseKindNoRoster", lang)
            case .slotNames: why = Messages.text("sql.refuseSlotNames", lang)
            case .coverageRole: why = Messages.text("sql.refuseCoverageRole", lang)
            }
            return Messages.text("sql.refuse", lang, rule, why)
        case .refusedRules(let list):
            return list.map { $0.message(lang) }.joined(separator: "\n")
        case let .pathNeedsTable(path, dialect):
            return Messages.text("sql.pathNeedsTable", lang, path, dialect)
        case let .badCounts(path, line, column, reason):
            return "\(path):\(line):\(column): " + reason
        }
    }

    public var description: String { message(.zh) }
}
