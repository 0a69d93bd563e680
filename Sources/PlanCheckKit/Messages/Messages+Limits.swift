#if canImport(Glibc)
import Glibc
#endif

extension Messages {
    /// A reason the system gave (`strerror`: "No space left on device") as a clerk reads it: in
    /// Chinese the common ones are translated, with the system's words kept in brackets for the
    /// IT admin; other reasons and English stay as the system said them.
    public static func systemReason(_ reason: String, _ lang: Lang) -> String {
        guard lang == .zh else { return reason }
        let known: [(Int32, String)] = [(ENOSPC, "limits.errno.noSpace"), (EDQUOT, "limits.errno.quota"), (EACCES, "limits.errno.denied"),
                                        (EPERM, "limits.errno.denied"), (EROFS, "limits.errno.readOnly"), (EIO, "limits.errno.io"),
                                        (EFBIG, "limits.errno.tooBig"), (ENOENT, "limits.errno.noEntry")]
        for (code, id) in known where String(cString: strerror(code)) == reason {
            return Messages.text(id, lang) + "（" + reason + "）"
        }
        return reason
    }
}

extension Messages {
    /// Ranges of numbers, failed writes, changed inputs and other hostile-input messages (issue 25).
    static let limits: [String: MessageText] = [
        "limits.optionRange": MessageText(
            zh: "--{0} 的值“{1}”无效：应为 {2} 到 {3} 之间的整数",
            en: "--{0} '{1}' is out of range: expected a whole number from {2} to {3}"),
        "limits.year": MessageText(
            zh: "--year 的值“{0}”不是 {1} 到 {2} 之间的年份（如 2022）",
            en: "--year '{0}' is not a year from {1} to {2} such as 2022"),
        "limits.yearOutside": MessageText(
            zh: "检查年度 {0} 不在 {1} 到 {2} 之间（取自 {3}）；请用 --year 指定年度",
            en: "the year under review, {0}, is not from {1} to {2} (taken from {3}); give it with --year"),
        "limits.threshold": MessageText(
            zh: "阈值“{0}”无效：应为 {1} 到 {2} 之间的整数（可写 12、１２ 或 十二）",
            en: "threshold '{0}' is not a whole number from {1} to {2} (12, １２ or 十二)"),
        "limits.writeFailed": MessageText(
            zh: "{0}：写入失败：{1}；输出不完整",
            en: "{0}: writing failed: {1}; the output is incomplete"),
        "limits.standardOutput": MessageText(zh: "标准输出", en: "standard output"),
        // Why a report cannot be written where it was asked for (checked before any work).
        "limits.outputNoDirectory": MessageText(zh: "文件夹 {0} 不存在", en: "directory {0} does not exist"),
        "limits.outputNotDirectory": MessageText(zh: "{0} 不是文件夹", en: "{0} is not a directory"),
        "limits.outputDirectoryReadOnly": MessageText(zh: "文件夹 {0} 不可写（没有权限或只读）", en: "directory {0} is not writable"),
        "limits.outputIsDirectory": MessageText(zh: "这是一个文件夹", en: "it is a directory"),
        "limits.outputIsInput": MessageText(zh: "它是输入文件之一，写报告会覆盖它", en: "it is one of the inputs, and the report would replace it"),
        // The system's reasons a clerk meets most, said in Chinese (the system's own words follow in brackets).
        "limits.errno.noSpace": MessageText(zh: "磁盘空间已满", en: "No space left on device"),
        "limits.errno.quota": MessageText(zh: "超出磁盘配额", en: "Disk quota exceeded"),
        "limits.errno.denied": MessageText(zh: "没有权限", en: "Permission denied"),
        "limits.errno.readOnly": MessageText(zh: "磁盘或文件夹是只读的", en: "Read-only file system"),
        "limits.errno.io": MessageText(zh: "磁盘读写出错", en: "Input/output error"),
        "limits.errno.tooBig": MessageText(zh: "文件超过了文件系统允许的大小", en: "File too large"),
        "limits.errno.noEntry": MessageText(zh: "文件或文件夹不存在", en: "No such file or directory"),
        "limits.inputChanged": MessageText(
            zh: "{0}：读取期间文件被修改（大小或修改时间变了），结果不可靠；请在文件不再变化后重新运行",
            en: "{0}: the file changed while it was read (size or modification time); the result would be unreliable; run again once it no longer changes"),
        "limits.csvDirIsInput": MessageText(
            zh: "--csv-dir {0} 也是输入目录，统计表会混入输入；请换一个目录",
            en: "--csv-dir {0} is also an input folder: the tables would be written among the inputs; choose another folder"),
        "limits.rosterCycle": MessageText(
            zh: "单位“{0}”的上级链构成循环：{1}",
            en: "the parents of unit {0} form a cycle: {1}"),
        "limits.htmlMoreRows": MessageText(
            zh: "另有 {0} 行未在网页中显示，完整结果见 CSV 报告（-o 报告.csv）",
            en: "{0} more {0|row is|rows are} not shown here; the CSV report (-o report.csv) has them all"),
        "limits.kind.reservedOrg": MessageText(zh: "保留名称", en: "reserved org"),
        "limits.htmlMoreUnits": MessageText(
            zh: "另有 {0} 个单位（{1} 项检查）未在网页中列出，完整结果见 CSV 报告（-o 报告.csv）",
            en: "{0} more {0|unit|units} ({1} {1|rule|rules}) {0|is|are} not listed here; the CSV report (-o report.csv) has them all"),
        "limits.reservedName": MessageText(
            zh: "单位名称“{0}”是报告中的保留标记（* 表示全体单位，合计 表示总计行），不能用作单位名",
            en: "org '{0}' is a marker reports reserve (* is all units together, 合计 the total row) and cannot name a unit"),
    ]
}
