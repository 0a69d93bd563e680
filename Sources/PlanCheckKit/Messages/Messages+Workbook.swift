extension Messages {
    /// Workbooks (.xlsx): the ZIP container, the sheet reader, and formats plancheck does not read.
    static let workbook: [String: MessageText] = workbookZip.merging(workbookFormat) { a, _ in a }

    /// The ZIP container.
    static let workbookZip: [String: MessageText] = [
        "workbook.zipTruncated": MessageText(
            zh: "{0}：工作簿不完整（文件末尾的目录缺失或被截断），可能是复制或下载未完成；请用 Excel/WPS 重新打开并另存为 .xlsx 后再试",
            en: "{0}: the workbook is incomplete (its ZIP directory is missing or cut off), probably an unfinished copy or download; open it in Excel/WPS, save it again as .xlsx and retry"),
        "workbook.zipCorrupt": MessageText(
            zh: "{0}：工作簿已损坏（{1} {2}）；请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: the workbook is damaged ({1} {2}); open it in Excel/WPS, save it again as .xlsx and retry"),
        "workbook.zipEncrypted": MessageText(
            zh: "{0}：工作簿设置了密码（{1} 已加密），无法读取；请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存为 .xlsx",
            en: "{0}: the workbook is password-protected ({1} is encrypted); remove the password in Excel/WPS (File → Info → Protect Workbook) and save as .xlsx"),
        "workbook.zipMethod": MessageText(
            zh: "{0}：工作簿的 {1} 使用了不支持的压缩方式 {2}；请用 Excel/WPS 另存为 .xlsx 后再试",
            en: "{0}: {1} in the workbook uses compression method {2}, which plancheck does not read; save it again as .xlsx from Excel/WPS"),
        "workbook.zipBadData": MessageText(
            zh: "{0}：工作簿的 {1} 数据已损坏（{2}）；请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: the data of {1} in the workbook is damaged ({2}); open it in Excel/WPS, save it again as .xlsx and retry"),
        "workbook.inflateTruncated": MessageText(zh: "压缩数据在结束前中断", en: "the compressed data ends too soon"),
        "workbook.inflateBadCode": MessageText(zh: "压缩数据中有无效的编码", en: "the compressed data holds an invalid code"),
        "workbook.inflateDistance": MessageText(zh: "压缩数据引用了不存在的前文", en: "the compressed data refers back past its start"),
        "workbook.inflateTooLarge": MessageText(zh: "解压后超过 {0} 字节", en: "it decompresses to more than {0} bytes"),
        "workbook.inflateSize": MessageText(zh: "目录写明解压后 {0} 字节，实际 {1} 字节", en: "the directory says {0} bytes decompressed, the data gives {1}"),
        "workbook.zipTooLarge": MessageText(
            zh: "{0}：工作簿的 {1} 解压后超过 {2} MB 或压缩比异常（疑似“压缩炸弹”），已停止读取；真实的活动记录表不会这样，请检查文件来源",
            en: "{0}: {1} in the workbook decompresses to more than {2} MB or at an abnormal ratio (a ZIP bomb?); reading stopped. Real activity tables are never like this: check where the file came from"),
        "workbook.zipChecksum": MessageText(
            zh: "{0}：工作簿的 {1} 校验和不符，文件已损坏；请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: the checksum of {1} in the workbook does not match, the file is damaged; open it in Excel/WPS, save it again as .xlsx and retry"),
    ]
}

extension Messages {
    /// Workbook formats and sheets.
    static let workbookFormat: [String: MessageText] = [
        "workbook.legacy": MessageText(
            zh: "{0}：这是旧版 Excel（.xls）或 WPS 表格（.et）文件，plancheck 只读 .xlsx 和 CSV；请在 Excel/WPS 中打开，选“文件→另存为”，文件类型选“Excel 工作簿（*.xlsx）”后再试",
            en: "{0}: this is an old Excel (.xls) or WPS (.et) workbook; plancheck reads .xlsx and CSV. Open it in Excel/WPS, choose File → Save As, type \"Excel Workbook (*.xlsx)\", and retry"),
        "workbook.encrypted": MessageText(
            zh: "{0}：工作簿设置了打开密码，无法读取；请在 Excel/WPS 中打开，取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为 .xlsx",
            en: "{0}: the workbook has an open password and cannot be read; open it in Excel/WPS, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it) and save as .xlsx"),
        "workbook.ods": MessageText(
            zh: "{0}：这是 OpenDocument 表格（.ods），plancheck 只读 .xlsx 和 CSV；请在 WPS/LibreOffice 中选“文件→另存为”，文件类型选“Excel 工作簿（*.xlsx）”",
            en: "{0}: this is an OpenDocument spreadsheet (.ods); plancheck reads .xlsx and CSV. In WPS/LibreOffice choose File → Save As, type \"Excel Workbook (*.xlsx)\""),
        "workbook.notWorkbook": MessageText(
            zh: "{0}：这是 ZIP 压缩文件，但不是 Excel 工作簿（可能是 Word 文档或压缩包）；活动记录请给 .xlsx 或 CSV 文件",
            en: "{0}: this is a ZIP archive but not an Excel workbook (a Word document or a .zip?); give activity records as .xlsx or CSV"),
        "workbook.noSheet": MessageText(
            zh: "{0}：工作簿中没有工作表",
            en: "{0}: the workbook has no worksheet"),
        "workbook.sheetNotFound": MessageText(
            zh: "{0}：没有名为“{1}”的工作表；工作簿中的工作表有：{2}",
            en: "{0}: there is no sheet named '{1}'; the workbook's sheets are: {2}"),
        "workbook.badXML": MessageText(
            zh: "{0}：工作簿的 {1} 内容不完整或已损坏；请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: {1} in the workbook is incomplete or damaged; open it in Excel/WPS, save it again as .xlsx and retry"),
        "workbook.tooManyColumns": MessageText(
            zh: "{0}：第 {1} 行的列数超过上限 {2}；如确有这么多列，请加大 --max-columns",
            en: "{0}: row {1} has more columns than the limit of {2}; raise --max-columns if this is real"),
        "workbook.badReference": MessageText(
            zh: "{0}：第 {1} 行：单元格引用“{2}”无效，应在 A1 到 XFD1048576 之间（列 A…XFD，行 1…1048576）；工作簿已损坏或不是 Excel/WPS 保存的，请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: row {1}: the cell reference '{2}' is invalid; expected A1 … XFD1048576 (columns A…XFD, rows 1…1048576). The workbook is damaged or was not saved by Excel/WPS: open it there, save it again as .xlsx and retry"),
        "workbook.badSharedString": MessageText(
            zh: "{0}：单元格 {1} 引用第 {2} 项共享文本，但工作簿只有 {3} 项（应为 0 到项数减 1）；工作簿已损坏，请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: cell {1} refers to shared string {2}, but the workbook has {3} (expected 0 to that count minus 1); the workbook is damaged: open it in Excel/WPS, save it again as .xlsx and retry"),
        "workbook.xmlTooLong": MessageText(
            zh: "{0}：工作簿的 {1} 在解压后第 {2} 字节处有一个超过 {3} MB 的标签、注释或文本，内容已损坏或被伪造；请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: {1} in the workbook has a tag, comment or text longer than {3} MB at decompressed byte {2}; it is damaged or forged: open it in Excel/WPS, save it again as .xlsx and retry"),
        "workbook.fileTooLarge": MessageText(
            zh: "{0}：工作簿有 {1} MB，超过上限 {2} MB；请在 Excel/WPS 中另存为 CSV（CSV 边读边处理，没有大小上限）",
            en: "{0}: the workbook is {1} MB, more than the limit of {2} MB; save it as CSV from Excel/WPS (CSV is read as a stream, with no size limit)"),
    ]
}
