extension Messages {
    /// The workspace folder: `init`, its settings file, and `check DIR` / `stats DIR`.
    static let workspace: [String: MessageText] = [
        "workspace.settingsProblems": MessageText(zh: "设置文件 {0} 有 {1} 处问题：", en: "{1} problem(s) in the settings file {0}:"),
        "workspace.settingsUnreadable": MessageText(zh: "无法读取设置文件 {0}", en: "cannot read the settings file {0}"),
        "workspace.settingsNotKeyValue": MessageText(zh: "“{0}”不是“名称 = 值”的格式（说明文字请在行首加 #）",
                                                     en: "'{0}' is not a 'key = value' line (start comments with #)"),
        "workspace.settingsUnknownKeySuggest": MessageText(zh: "没有“{0}”这一项；是否要写“{1}”？", en: "unknown key '{0}'; did you mean '{1}'?"),
        "workspace.settingsUnknownKey": MessageText(zh: "没有“{0}”这一项；可写的项：{1}", en: "unknown key '{0}'; the keys are: {1}"),
        "workspace.settingsBadValue": MessageText(zh: "“{0}”的值“{1}”无效：{2}", en: "'{0}' = '{1}' is not valid: {2}"),
        "workspace.settingsRepeated": MessageText(zh: "“{0}”重复设置（第 {1} 行已设置）", en: "'{0}' is set again (first on line {1})"),
        "workspace.expectYear": MessageText(zh: "应写四位年份（如 2026），或 current（当年）", en: "expected a year such as 2026, or current"),
        "workspace.expectLanguage": MessageText(zh: "应写 zh（中文）或 en（英文）", en: "expected zh or en"),
        "workspace.expectFailOn": MessageText(zh: "应写 missed（未完成）、at-risk（有风险）、warning（提示）或 never（从不）",
                                              en: "expected missed, at-risk, warning or never"),
        "workspace.expectReports": MessageText(zh: "应写 csv、html、json、txt 中的一个或几个（用逗号分隔），或“无”",
                                               en: "expected one or more of csv, html, json, txt (comma-separated), or none"),
        "workspace.expectFolder": MessageText(zh: "应写文件夹名称", en: "expected a folder name"),
        "workspace.expectEvidenceCap": MessageText(zh: "应写 0 或正整数", en: "expected 0 or a whole number"),
        "workspace.notAFolder": MessageText(zh: "{0} 已存在，但不是文件夹", en: "{0} exists and is not a folder"),
        "workspace.cannotWrite": MessageText(zh: "无法创建 {0}：{1}", en: "cannot create {0}: {1}"),
        "workspace.created": MessageText(zh: "已创建  {0}", en: "created  {0}"),
        "workspace.kept": MessageText(zh: "已存在，未改动  {0}", en: "exists, kept  {0}"),
        "workspace.unchanged": MessageText(zh: "{0} 中的文件都已存在，没有改动。", en: "Every file of {0} exists already; nothing changed."),
        "workspace.next": MessageText(zh: "下一步：把活动记录（CSV）放入“活动记录”文件夹，填好“花名册”，核对“工作计划”和“设置.txt”，然后运行：plancheck check {0}",
                                      en: "Next: put the record exports (CSV) into 活动记录, fill in 花名册, review 工作计划 and 设置.txt, then run: plancheck check {0}"),
    ]
}
