extension Messages {
    /// Files in input folders that are not read.
    static let folder: [String: MessageText] = [
        "folder.notRead": MessageText(zh: "未读取 {0}：{1}", en: "not read {0}: {1}"),
        "folder.notTable": MessageText(zh: "不是表格文件（{0}），活动记录请存为 CSV 或 .xlsx", en: "not a table ({0}); keep activity records as CSV or .xlsx"),
        "folder.notActivity": MessageText(zh: "不是活动记录表：表头没有{0}列（表头：{1}），可能是花名册、计划或其他表格；如确是活动记录，请用 --column 指定列",
                                          en: "not an activity table: the header has no {0} column (header: {1}); a roster, a plan or another table? If it is activities, name the columns with --column"),
        "folder.legacy": MessageText(zh: "旧版 Excel/WPS 表格（.xls/.et），请在 Excel/WPS 中另存为 .xlsx 后再放入", en: "an old Excel/WPS workbook (.xls/.et); save it as .xlsx in Excel/WPS"),
        "folder.lockFile": MessageText(zh: "Excel/WPS 打开文件时生成的临时文件", en: "a temporary file Excel/WPS makes while a file is open"),
        "folder.unreadable": MessageText(zh: "无法作为表格读取：{0}", en: "cannot be read as a table: {0}"),
        "folder.empty": MessageText(zh: "空文件", en: "empty file"),
        "folder.auditRow": MessageText(zh: "未读取的文件 {0} 个", en: "{0} {0|file|files} not read"),
        "folder.csvTitle": MessageText(zh: "未读取的文件", en: "file not read"),
        "folder.tooDeep": MessageText(zh: "文件夹层级太深，未进入", en: "folder nested too deep, not entered"),
    ]
}
