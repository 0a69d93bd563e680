extension Messages {
    /// `plancheck draft` and the cells a draft leaves to confirm.
    static let draft: [String: MessageText] = [
        "draft.unsupported": MessageText(
            zh: "{0}：无法读取这种格式；请另存为 .docx 或 .txt（UTF-8 或 GB18030）后再试",
            en: "{0}: this format cannot be read; save it as .docx or .txt (UTF-8 or GB18030) and try again"),
        "draft.unreadable": MessageText(zh: "{0}：无法读取：{1}", en: "{0}: cannot be read: {1}"),
        "draft.noText": MessageText(zh: "{0}：文件中没有文字", en: "{0}: the file holds no text"),
        "draft.badDocx": MessageText(zh: "{0}：不是可读取的 Word 文档（.docx）：{1}", en: "{0}: not a readable Word document (.docx): {1}"),
        "draft.docxNotZip": MessageText(zh: "不是 ZIP 容器（.docx 应是 ZIP 压缩包；旧版 .doc 请另存为 .docx）",
                                        en: "not a ZIP container (a .docx is a ZIP archive; save an old .doc as .docx)"),
        "draft.docxNoDocument": MessageText(zh: "压缩包中没有 word/document.xml", en: "the archive has no word/document.xml"),
        "draft.tooLong": MessageText(zh: "句子超过 {0} 字，未分析，请人工阅读", en: "sentence longer than {0} characters, not analysed; read it yourself"),
        "draft.tooLargeFile": MessageText(zh: "文件超过 {0} MiB，不像是一份工作计划", en: "larger than {0} MiB, not a work plan"),
        "draft.summary": MessageText(
            zh: "{0}：找到 {1} 条频次要求，其中 {2} 条需确认活动类型或范围，{3} 处无法用规则表达。",
            en: "{0}: {1} {1|requirement|requirements} found, {2} {2|needs|need} a type or scope confirmed, {3} not expressible."),
        "draft.written": MessageText(zh: "草案已写入 {0}。", en: "Draft written to {0}."),
        "draft.rule": MessageText(zh: "  {0}（{1}）{2}：类型 {3}，至少 {4}，{5}，范围 {6}",
                                  en: "  {0} ({1}) {2}: types {3}, at least {4}, {5}, scope {6}"),
        "draft.whenPeriod": MessageText(zh: "周期 {0}", en: "period {0}"),
        "draft.period.year": MessageText(zh: "年", en: "year"),
        "draft.period.half": MessageText(zh: "半年", en: "half"),
        "draft.period.quarter": MessageText(zh: "季度", en: "quarter"),
        "draft.period.month": MessageText(zh: "月", en: "month"),
        "draft.period.week": MessageText(zh: "周", en: "week"),
        "draft.whenDeadline": MessageText(zh: "截止 {0}", en: "by {0}"),
        "draft.whenWindows": MessageText(zh: "时间窗 {0}", en: "windows {0}"),
        "draft.whenCoverage": MessageText(zh: "覆盖每个{0}", en: "covering every {0}"),
        "draft.unexpressibleHeader": MessageText(zh: "无法表达（已列在草案末尾，供人工处理）：", en: "Not expressible (listed at the end of the draft for a person):"),
        "draft.unexpressible": MessageText(zh: "  {0} {1}——{2}", en: "  {0} {1} — {2}"),
        "draft.next": MessageText(
            zh: "下一步：在 Excel/WPS 中打开草案，把标有“待确认”的格子改为确定的值，然后运行 plancheck validate {0}",
            en: "Next: open the draft in Excel/WPS, replace every cell marked 待确认 with a settled value, then run plancheck validate {0}"),
        "draft.cellToConfirm": MessageText(
            zh: "第{2}行第{3}列“{0}”待确认（草案建议：{1}）；请核对原文后填入确定的值，并删去“待确认”",
            en: "line {2} column {3} '{0}' is to be confirmed (the draft proposes: {1}); check the clause, enter a settled value and remove 待确认"),
        "draft.cellToConfirmEmpty": MessageText(
            zh: "第{1}行第{2}列“{0}”待确认（原文未写明）；请填入确定的值，并删去“待确认”",
            en: "line {1} column {2} '{0}' is to be confirmed (the clause does not say); enter a settled value and remove 待确认"),
        "draft.notesSkipped": MessageText(
            zh: "注意：{0} 行标为“无法表达”，只作记录，不参与检查",
            en: "note: {0} {0|row is|rows are} marked 无法表达 (not expressible); {0|it is|they are} kept as a record and not checked"),
    ]
}
