extension Messages {
    /// `plancheck sql` and `check --counts`: refusals and counts-file problems.
    static let sql: [String: MessageText] = [
        "sql.refuse": MessageText(zh: "规则 {0} 无法编译为 SQL：{1}（不做近似，请用 plancheck check 直接检查本规则）",
                                  en: "rule {0} cannot be compiled to SQL: {1} (never approximated; check this rule with plancheck check)"),
        "sql.refuseChecker": MessageText(zh: "该检查器没有 SQL 形式", en: "its checker has no SQL form"),
        "sql.refuseCoverageNoRoster": MessageText(zh: "覆盖检查需要花名册（--roster）列出对象类别的单位",
                                                  en: "a coverage rule needs a roster (--roster) listing the units of its target kind"),
        "sql.refuseKindNoRoster": MessageText(zh: "没有花名册时 kind: 范围指记录中出现过的全部单位，SQL 无法按读取顺序复现；请提供 --roster",
                                              en: "without a roster a kind: scope means every unit seen in the records, in the order read, which SQL does not reproduce; give --roster"),
        "sql.refuseSlotNames": MessageText(zh: "两个时间窗同名，按周期汇总会把它们合并", en: "two of its windows share a name, so counts by period would merge them"),
        "sql.refuseCoverageRole": MessageText(zh: "按角色（role:）开展的覆盖检查需要按姓名的相关子查询，并非所有引擎都支持",
                                              en: "a coverage rule done by a role (role:) needs a correlated name search that not every engine allows"),
        "sql.pathNeedsTable": MessageText(zh: "“{0}”是文件路径，但 {1} 只能读表；请先把记录装入表并用 --table 给出表名（DuckDB 可直接读 CSV/Parquet，Spark 可直接读 Parquet）",
                                          en: "'{0}' is a file path but {1} reads tables only; load the records into a table and give its name with --table (DuckDB reads CSV/Parquet paths, Spark Parquet paths)"),
        "sql.countsHeader": MessageText(zh: "计数文件的表头应为 {0}，实际为 {1}", en: "a counts file's header is {0}; found {1}"),
        "sql.countsFields": MessageText(zh: "应有 {0} 个字段，实际 {1} 个", en: "expected {0} fields, found {1}"),
        "sql.countsNumber": MessageText(zh: "“{0}”不是非负整数", en: "'{0}' is not a whole number of at least 0"),
        "sql.countsKind": MessageText(zh: "未知的行类别“{0}”，可选：{1}", en: "unknown row kind '{0}'; expected one of: {1}"),
        "sql.countsRule": MessageText(zh: "规则“{0}”不在计划中（计数文件与 --plan 不一致）", en: "rule '{0}' is not in the plan (the counts file does not match --plan)"),
        "sql.countsEntity": MessageText(zh: "规则 {0} 没有对象“{1}”（人员“{2}”）：计数文件与 --plan/--roster 不一致",
                                        en: "rule {0} has no unit '{1}' (person '{2}'): the counts file does not match --plan/--roster"),
        "sql.countsPeriod": MessageText(zh: "规则 {0} 没有周期“{1}”：计数文件与 --plan、--as-of、--year 不一致",
                                        en: "rule {0} has no period '{1}': the counts file does not match --plan, --as-of, --year"),
        "sql.countsWithInputs": MessageText(zh: "--counts 读取引擎写出的计数，不能同时给出记录文件", en: "--counts reads the counts an engine wrote; give no record files with it"),
        "sql.countsRejected": MessageText(zh: "引擎判为无法解析", en: "rejected by the engine"),
    ]
}
