extension Messages {
    /// Statuses: what a clerk reads in every report (`--lang en` and JSON codes keep the English words).
    static let status: [String: MessageText] = [
        // 达标 / 未达标 are the words of year-end reviews (述职报告); 滞后 "behind" is what an office
        // says of work behind its pace; 正常推进 "proceeding normally"; 未开始 "not yet begun".
        "status.met": MessageText(zh: "达标", en: "met"),
        "status.missed": MessageText(zh: "未达标", en: "missed"),
        "status.atRisk": MessageText(zh: "滞后", en: "at-risk"),
        "status.onTrack": MessageText(zh: "正常推进", en: "on-track"),
        "status.upcoming": MessageText(zh: "未开始", en: "upcoming"),
        "status.warning": MessageText(zh: "提示", en: "warning"),
    ]

    /// The check report: text, CSV and JSON words.
    static let report: [String: MessageText] = [
        "report.header": MessageText(zh: "plancheck {0} · {1} 年度 · 检查日 {2}", en: "plancheck {0} · year {1} · as of {2}"),
        "report.headerOrg": MessageText(zh: " · 自查单位 {0}", en: " · self-review of {0}"),
        "report.plans": MessageText(zh: "计划：{0}", en: "Plans: {0}"),
        "report.rosters": MessageText(zh: "花名册：{0}", en: "Rosters: {0}"),
        "report.none": MessageText(zh: "（无）", en: "(none)"),
        "report.listSep": MessageText(zh: "，", en: ", "),
        "report.records": MessageText(zh: "记录：{0} 个文件，读取 {1} 行，接受 {2} 行，拒绝 {3} 行",
                                      en: "Records: {0} files, {1} rows read, {2} accepted, {3} rejected"),
        "report.paren": MessageText(zh: "（{0}）", en: " ({0})"),
        "report.rejectedRow": MessageText(zh: "  拒绝 {0}: {1}", en: "  rejected {0}: {1}"),
        "report.moreRejected": MessageText(zh: "  … 另有 {0} 行被拒绝（见 CSV/JSON 报告）", en: "  … {0} more rejected rows (see the CSV/JSON report)"),
        "report.allUnits": MessageText(zh: "全体（所有单位合计）", en: "All units together"),
        "report.notInRoster": MessageText(zh: "不在花名册", en: "not in roster"),
        "report.col.status": MessageText(zh: "状态", en: "status"),
        "report.col.rule": MessageText(zh: "规则", en: "rule"),
        "report.col.title": MessageText(zh: "标题", en: "title"),
        "report.col.person": MessageText(zh: "人员", en: "person"),
        "report.col.period": MessageText(zh: "周期", en: "period"),
        "report.col.required": MessageText(zh: "要求", en: "required"),
        "report.col.actual": MessageText(zh: "实际", en: "actual"),
        "report.col.shortfall": MessageText(zh: "缺口", en: "short"),
        "report.col.advice": MessageText(zh: "说明", en: "note"),
        "report.foldOthers": MessageText(zh: "其余周期", en: "other periods"),
        "report.foldAll": MessageText(zh: "全部 {0} 个周期达标", en: "all {0} periods met"),
        "report.foldSome": MessageText(zh: "其余 {0}/{1} 个周期达标", en: "{0} of {1} periods met"),
        "report.counted": MessageText(zh: "计入：{0}", en: "counted: {0}"),
        "report.countedMore": MessageText(zh: " … 共 {0} 条", en: " … {0} in all"),
        "report.quality": MessageText(zh: "数据质量提示", en: "Data quality"),
        "report.see": MessageText(zh: "见 {0}", en: "see {0}"),
        "report.total": MessageText(
            zh: "合计：{0} 项检查，达标 {1} 项，未达标 {2} 项，滞后 {3} 项，正常推进 {4} 项，未开始 {5} 项；数据质量提示 {6} 条",
            en: "Total: {0} checks, met {1}, missed {2}, at-risk {3}, on-track {4}, upcoming {5}; {6} data-quality warnings"),
        "report.note": MessageText(zh: "注意：{0}", en: "Note: {0}"),
        // Advice: what is still needed and by when ({1} is the measure: 次, 人次 …).
        "report.adviceMissed": MessageText(zh: "缺 {0} {1}，已于 {2} 截止", en: "{0} {1} short, closed on {2}"),
        "report.adviceUpcoming": MessageText(zh: "需 {0} {1}，{2} 开始，截至 {3}", en: "{0} {1} needed, from {2} to {3}"),
        "report.advicePending": MessageText(zh: "还需 {0} {1}，截至 {2} 还有 {3} 天", en: "{0} {1} still needed, {3} days left until {2}"),
        "report.measure.times": MessageText(zh: "次", en: "times"),
        "report.measure.personTimes": MessageText(zh: "人次", en: "attendances"),
        "report.measure.records": MessageText(zh: "条", en: "records"),
        // The findings CSV's header (`--lang en`: the column names machines read, unchanged).
        "report.csv.rule": MessageText(zh: "规则编号", en: "rule"),
        "report.csv.title": MessageText(zh: "规则", en: "title"),
        "report.csv.org": MessageText(zh: "单位", en: "org"),
        "report.csv.person": MessageText(zh: "人员", en: "person"),
        "report.csv.period": MessageText(zh: "周期", en: "period"),
        "report.csv.required": MessageText(zh: "要求", en: "required"),
        "report.csv.actual": MessageText(zh: "实际", en: "actual"),
        "report.csv.shortfall": MessageText(zh: "差额", en: "shortfall"),
        "report.csv.status": MessageText(zh: "状态", en: "status"),
        "report.csv.due": MessageText(zh: "截止日期", en: "due"),
        "report.csv.source": MessageText(zh: "依据", en: "source"),
        "report.csv.evidence": MessageText(zh: "佐证", en: "evidence"),
        "report.csv.checker": MessageText(zh: "检查方式", en: "checker"),
        "report.csv.clause": MessageText(zh: "条款", en: "clause"),
        "report.csv.start": MessageText(zh: "开始日期", en: "start"),
        "report.csv.end": MessageText(zh: "结束日期", en: "end"),
        "report.csv.note": MessageText(zh: "说明", en: "note"),
        // CSV rows after the findings.
        "report.rejectedTitle": MessageText(zh: "拒绝的行", en: "rejected row"),
        "report.inputTitle": MessageText(zh: "读取的记录", en: "rows read"),
        "report.inputNote": MessageText(zh: "读取 {0} 行 = 接受 {1} 行 + 拒绝 {2} 行", en: "{0} rows read = {1} accepted + {2} rejected"),
    ]
}
