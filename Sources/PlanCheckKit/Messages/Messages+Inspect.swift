extension Messages {
    /// `plancheck inspect`: how each file was read.
    static let inspect: [String: MessageText] = [
        "inspect.encoding": MessageText(zh: "编码", en: "encoding"),
        "inspect.delimiter": MessageText(zh: "分隔符", en: "delimiter"),
        "inspect.columns": MessageText(zh: "列", en: "columns"),
        "inspect.unmapped": MessageText(zh: "未用的列", en: "unmapped"),
        "inspect.unmappedList": MessageText(zh: "{0}（保留，未使用）", en: "{0} (kept, not used)"),
        "inspect.rowsLabel": MessageText(zh: "行数", en: "rows"),
        "inspect.rowsCounts": MessageText(zh: "读取 {0} 行，接受 {1} 行，拒绝 {2} 行", en: "{0} read, {1} accepted, {2} rejected"),
        "inspect.dates": MessageText(zh: "日期", en: "dates"),
        "inspect.orgs": MessageText(zh: "单位", en: "orgs"),
        "inspect.types": MessageText(zh: "活动类型", en: "types"),
        "inspect.more": MessageText(zh: "… 另有 {0} 个", en: "… {0} more"),
        "inspect.sep": MessageText(zh: "，", en: ", "),
        "inspect.rejectedRow": MessageText(zh: "拒绝 {0}: {1}", en: "rejected {0}: {1}"),
        "inspect.moreRejected": MessageText(zh: "… 另有 {0} 行被拒绝", en: "… {0} more rejected rows"),
        "inspect.rows": MessageText(zh: "读取 {0} 行，接受 {1} 行，拒绝 {2} 行", en: "{0} rows read, {1} accepted, {2} rejected"),
        "inspect.total": MessageText(zh: "合计：{0} 个文件，读取 {1} 行，接受 {2} 行，拒绝 {3} 行", en: "total: {0} files, {1} rows read, {2} accepted, {3} rejected"),
        "inspect.byReason": MessageText(zh: "拒绝原因：{0}", en: "rejected by reason: {0}"),
    ]
}
