/// The SQL engines `plancheck sql` writes for, and what differs between them: quoting, the text
/// type, inline tables, the parse guards for dates and counts, and substring search.
///
/// Only these differ. The calendar never does: plancheck computes it and ships it as literal
/// values, so no engine date function (ISO weeks, time zones, regex `split`) is ever called.
public enum SQLDialect: String, CaseIterable, Sendable {
    /// DuckDB (also reads a CSV or Parquet path directly).
    case duckdb
    /// PostgreSQL 12 or later.
    case postgres
    /// Spark SQL 3.4 or later (Hive tables, Parquet paths).
    case spark
    /// Trino / Presto.
    case trino

    /// The text type.
    var text: String {
        switch self {
        case .duckdb, .trino: return "VARCHAR"
        case .postgres: return "TEXT"
        case .spark: return "STRING"
        }
    }

    /// A string literal. Spark reads backslash escapes inside literals and takes `''` as two
    /// adjacent literals, so it gets backslash escapes; the others double the quote.
    func literal(_ s: String) -> String {
        if self == .spark {
            return "'" + s.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "'"
        }
        return "'" + s.replacingAll("'", with: "''") + "'"
    }

    /// A quoted column name.
    func column(_ name: String) -> String {
        self == .spark ? "`" + name.replacingAll("`", with: "``") + "`" : "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Whether `needle` (an SQL expression) occurs in `haystack`.
    func contains(_ haystack: String, _ needle: String) -> String {
        self == .spark ? "instr(\(haystack), \(needle)) > 0" : "strpos(\(haystack), \(needle)) > 0"
    }

    /// A subquery of `columns` from `from`, one row per distinct name in `list` (an SQL
    /// expression of names joined by `/`) as column `name`: names are matched to the roster by
    /// equality (a hash join), not by searching each record's text for each roster name. The split
    /// is on the literal `/` (Spark's `split` takes a pattern, in which `/` is literal); the empty
    /// names that separators side by side leave match no roster name.
    func exploded(_ columns: String, from: String, _ list: String) -> String {
        switch self {
        case .duckdb:
            return "SELECT \(columns), unnest(list_distinct(string_split(\(list), '/'))) AS name FROM \(from)"
        case .postgres:
            return "SELECT \(columns), nm.name FROM \(from)\n    CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(string_to_array(\(list), '/')) AS x) AS nm(name)"
        case .spark:
            return "SELECT \(columns), nm.name FROM \(from)\n    LATERAL VIEW explode(array_distinct(split(\(list), '/'))) nm AS name"
        case .trino:
            return "SELECT \(columns), nm.name FROM \(from)\n    CROSS JOIN UNNEST(array_distinct(split(\(list), '/'))) AS nm(name)"
        }
    }

    /// The `YYYY-MM-DD` text of a date or text column's value, or NULL when it is not a calendar
    /// date. TRY_CAST where the engine has it; PostgreSQL has none, so a pattern and the
    /// month lengths (leap years included) guard a plain cast, in a CASE that checks before it casts.
    func dateKey(_ e: String) -> String {
        switch self {
        case .duckdb, .trino, .spark:
            return "CAST(TRY_CAST(\(e) AS DATE) AS \(text))"
        case .postgres:
            let t = "CAST(\(e) AS TEXT)"
            let y = "CAST(SUBSTR(\(t), 1, 4) AS INTEGER)", m = "CAST(SUBSTR(\(t), 6, 2) AS INTEGER)", d = "CAST(SUBSTR(\(t), 9, 2) AS INTEGER)"
            let leap = "(\(y) % 4 = 0 AND (\(y) % 100 <> 0 OR \(y) % 400 = 0))"
            let monthLength = "CASE WHEN \(m) = 2 THEN CASE WHEN \(leap) THEN 29 ELSE 28 END WHEN \(m) IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
            return "CASE WHEN \(t) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN CASE WHEN \(m) BETWEEN 1 AND 12 AND \(d) BETWEEN 1 AND \(monthLength) THEN \(t) END END"
        }
    }

    /// A count column's value as BIGINT, or NULL when it is not a whole number.
    func integer(_ e: String) -> String {
        switch self {
        case .duckdb, .trino, .spark: return "TRY_CAST(\(e) AS BIGINT)"
        case .postgres:
            return "CASE WHEN CAST(\(e) AS TEXT) ~ '^[0-9]{1,18}$' THEN CAST(CAST(\(e) AS TEXT) AS BIGINT) END"
        }
    }

    /// Tables of more rows than this (the roster's units and people) are shipped packed (see
    /// ``packed(_:_:_:)``): an engine binds a `VALUES` list row by row (DuckDB took 1 s per 20,000
    /// rows, and again for each reference), but one long string literal at once.
    static let packRows = 32

    /// The roster tables' text cells may not hold these when packed.
    static let packSeparators: Set<Character> = ["|", "\n", "\r"]

    /// An inline table `name(columns…, ord)` of text rows (raw cells, not SQL literals), `ord`
    /// numbering the rows in order: `VALUES` for a few rows, else one string literal of the rows
    /// (cells ended by `|`, rows by line breaks) that the engine splits (`split_part` and an
    /// unnest with the row position). A cell holding `|` or a line break is shipped as `VALUES`.
    func table(_ name: String, _ columns: [String], _ rows: [[String]]) -> String {
        let usePacked = rows.count > Self.packRows && !rows.contains { $0.contains { $0.contains { Self.packSeparators.contains($0) } } }
        guard usePacked else {
            let literalRows = rows.enumerated().map { $0.element.map(literal) + [String($0.offset)] }
            return values(name, columns + ["ord"], literalRows, dummy: columns.map { _ in "''" } + ["0"])
        }
        return packed(name, columns, rows)
    }

    /// The packed form of ``table(_:_:_:)``.
    func packed(_ name: String, _ columns: [String], _ rows: [[String]]) -> String {
        let text = literal(rows.map { $0.map { $0 + "|" }.joined() }.joined(separator: "\n"))
        let cells = columns.enumerated().map { "split_part(r, '|', \($0.offset + 1)) AS \($0.element)" }.joined(separator: ", ")
        let from: String
        switch self {
        case .duckdb: from = "(SELECT unnest(l) AS r, unnest(range(len(l))) AS ord FROM (SELECT string_split(\(text), chr(10)) AS l) AS p) AS t"
        case .postgres: from = "unnest(string_to_array(\(text), chr(10))) WITH ORDINALITY AS t(r, ord)"
        case .spark: from = "(SELECT posexplode(split(\(text), chr(10))) AS (ord, r)) AS t"
        case .trino: from = "UNNEST(split(\(text), chr(10))) WITH ORDINALITY AS t(r, ord)"
        }
        return "\(name) AS (\n  SELECT \(cells), ord FROM \(from)\n)"
    }

    /// An inline table `name(columns)` of literal rows (each row's cells already SQL literals).
    /// An empty table is one dummy row filtered out, so that every engine knows its column types.
    func values(_ name: String, _ columns: [String], _ rows: [[String]], dummy: [String]) -> String {
        let body = (rows.isEmpty ? [dummy] : rows).map { "    (" + $0.joined(separator: ", ") + ")" }.joined(separator: ",\n")
        let alias = "v(" + columns.joined(separator: ", ") + ")"
        let from = self == .spark ? "VALUES\n\(body)\n  AS \(alias)" : "(VALUES\n\(body)\n  ) AS \(alias)"
        return "\(name) AS (\n  SELECT * FROM \(from)" + (rows.isEmpty ? "\n  WHERE 1 = 0" : "") + "\n)"
    }
}
