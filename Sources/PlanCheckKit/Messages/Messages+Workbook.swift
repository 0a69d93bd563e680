extension Messages {
    /// Workbooks (.xlsx): the ZIP container, the sheet reader, and formats plancheck does not read.
    static let workbook: [String: MessageText] = [
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
        "workbook.zipTooLarge": MessageText(
            zh: "{0}：工作簿的 {1} 解压后超过 {2} MB 或压缩比异常（疑似“压缩炸弹”），已停止读取；真实的活动记录表不会这样，请检查文件来源",
            en: "{0}: {1} in the workbook decompresses to more than {2} MB or at an abnormal ratio (a ZIP bomb?); reading stopped. Real activity tables are never like this: check where the file came from"),
        "workbook.zipChecksum": MessageText(
            zh: "{0}：工作簿的 {1} 校验和不符，文件已损坏；请用 Excel/WPS 打开并另存为 .xlsx 后再试",
            en: "{0}: the checksum of {1} in the workbook does not match, the file is damaged; open it in Excel/WPS, save it again as .xlsx and retry"),
    ]
}
