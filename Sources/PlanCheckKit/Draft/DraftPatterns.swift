/// The phrase forms `plancheck draft` recognises in a work plan's sentences, in one table.
///
/// A new phrasing is one entry here and one test case in `DraftPatternTests`. Patterns are regular
/// expressions with placeholders: `{N}` a count in Arabic, full-width or Chinese numerals (read
/// with ``ChineseNumber/parse(_:)``), `{M}` / `{D}` a month and a day, `{KIND}` a kind of unit.
public enum DraftPatterns {
    /// Every form, in the order they are tried (an earlier form wins where two overlap).
    public static let forms: [DraftForm] = [
        // Counts with an explicit minimum.
        DraftForm("至少N次", #"(?:至少|不少于|不得少于|不低于|最少)[^，。；,{NUM}]{0,8}?{N}(?:次|场)(?:以上)?"#, .count, needs: ["次", "场"]),
        DraftForm("N次以上", #"{N}(?:次|场)以上"#, .count, needs: ["以上"]),
        DraftForm("一年N次", #"一年{N}次"#, .countPer(.year), needs: ["一年"]),
        // Sums: person-times and audiences.
        DraftForm("N人次", #"(?:至少|不少于|不得少于|不低于)?{N}余?人次"#, .sum, needs: ["人次"]),
        DraftForm("受众N人", #"受众(?:达|超过|逾)?{N}余?人"#, .sum, needs: ["受众"]),
        // A bare count ("6次警示教育", "讲党课1次", "宣讲31场"): only where the sentence gives a period or deadline.
        DraftForm("N次", #"{N}(?:次|场)(?!全会|全体会议|会议|党代会|代表大会|一)"#, .bareCount, notAfter: "第", needs: ["次", "场"]),
        // Periods.
        DraftForm("每年", #"每年|全年|年内"#, .period(.year), needs: ["每年", "全年", "年内"]),
        DraftForm("每半年", #"每半年"#, .period(.half), needs: ["每半年"]),
        DraftForm("每季度", #"每(?:个)?季度?"#, .period(.quarter), needs: ["每季", "每个季"]),
        DraftForm("每月", #"每(?:个)?月"#, .period(.month), needs: ["每月", "每个月"]),
        DraftForm("每周", #"每周|每星期"#, .period(.week), needs: ["每周", "每星期"]),
        DraftForm("上半年…下半年", #"^(?:上半年|下半年)"#, .halves, needs: ["上半年", "下半年"]),
        // Deadlines and dates.
        DraftForm("“七一”前", #"[“"]?七一[”"]?(?:前夕|之前|前)"#, .deadline("07-01"), needs: ["七一"]),
        DraftForm("X月X日前", #"{M}月{D}日(?:之前|前)"#, .deadlineDate, needs: ["日前", "日之前"]),
        DraftForm("X月底前", #"{M}月底(?:之)?前"#, .deadlineMonthEnd, needs: ["月底"]),
        DraftForm("年底前", #"年底(?:之)?前|年末(?:之)?前"#, .deadline("12-31"), needs: ["年底", "年末"]),
        DraftForm("X月X日", #"{M}月{D}日(?![前起至到])"#, .day, needs: ["日"]),
        DraftForm("年初…年中…年末", #"年初[^，。；]{0,8}年中[^，。；]{0,8}年末"#,
                  .windows("年初:01-01..03-31;年中:06-01..08-31;年末:11-01..12-31"), needs: ["年初"]),
        // Coverage of every unit of a kind.
        DraftForm("对N个…全覆盖", #"对{N}个({KIND})"#, .coverage, needs: ["个"]),
        // Meetings held once a year by party rules, named with 开好/召开/做好 and no number.
        DraftForm("开好民主生活会、组织生活会", #"(?:开好|召开|做好)[^，。；]{0,12}?(?:民主生活会|组织生活会)[^，。；]{0,16}"#, .annualMeetings(["民主生活会", "组织生活会"]), needs: ["生活会"]),
        // An instruction to organise a known activity, with no number at all.
        DraftForm("组织X", #"^(?:组织|开展)"#, .organise, needs: ["组织", "开展"]),
        // Not expressible: vague or relative frequencies, event-driven duties, deadlines without a calendar day.
        DraftForm("不定期", #"不定期"#, .vague("“不定期”没有次数或周期"), needs: ["不定期"]),
        DraftForm("定期", #"定期"#, .vague("“定期”没有次数或周期"), needs: ["定期"]),
        DraftForm("经常性", #"经常性"#, .vague("“经常性”没有次数或周期"), needs: ["经常性"]),
        DraftForm("适时", #"适时"#, .vague("“适时”没有次数或周期"), needs: ["适时"]),
        DraftForm("及时", #"及时"#, .vague("“及时”随事而定，没有次数或周期"), needs: ["及时"]),
        DraftForm("持续", #"持续"#, .vague("“持续”没有次数或周期"), needs: ["持续"]),
        DraftForm("加大…频率", #"加大[^，。；]{0,12}频率"#, .vague("“加大频率”是相对要求，没有次数"), needs: ["频率"]),
        DraftForm("通报", #"通报"#, .vague("通报随事而定，没有次数或周期"), needs: ["通报"]),
        DraftForm("…结束前", #"(?:结束|节日|节|召开|开幕|闭幕|换届)(?:之)?前(?:夕)?"#, .vague("截止时间不是日历日期"), needs: ["前"]),
    ]

    /// The activity types of Checks/README.md, proposed as they are when a sentence names them.
    public static let types: [String] = [
        "党建工作汇报", "宣传教育活动", "培训", "思想动态分析研判", "意识形态专题研究", "意识形态工作报告", "谈心谈话",
        "明察暗访", "廉政专题学习", "警示教育", "党课", "三会一课", "支部委员会", "党员大会", "主题党日", "组织生活会",
        "民主评议党员", "民主生活会", "中心组学习", "巡察", "专题会议", "三会一课检查", "入党宣誓", "英模宣讲", "志愿服务",
        "帮扶走访", "评先评优", "发展党员", "纪检业务培训",
    ]

    /// Other wordings of a type: the type is proposed, marked to be confirmed.
    public static let typeAliases: [(pattern: String, type: String)] = [
        (#"分析研判[^，。；]{0,8}思想|思想[^，。；]{0,6}分析研判|分析研判"#, "思想动态分析研判"),
        (#"专题研究意识形态"#, "意识形态专题研究"),
        (#"报告意识形态工作|意识形态工作情况"#, "意识形态工作报告"),
        (#"纪检[^，。；]{0,4}培训"#, "纪检业务培训"),
        (#"三会一课[^。]{0,30}检查"#, "三会一课检查"),
        (#"中心组[^，。；]{0,6}学习"#, "中心组学习"),
        (#"帮扶对象|帮扶"#, "帮扶走访"),
        (#"两优一先|评选"#, "评先评优"),
        (#"入党誓词"#, "入党宣誓"),
        (#"宣讲"#, "英模宣讲"),
    ]

    /// Who a sentence names, and the scope proposed; `sure` is false where the words name a group
    /// whose kinds the roster must settle (基层党组织).
    public static let scopes: [(phrase: String, scope: String, sure: Bool)] = [
        ("党工委委员", "role:党工委委员", true),
        ("纪工委", "org:纪工委", true),
        ("党工委", "org:党工委", true),
        ("党总支", "kind:党总支", true),
        ("各党支部", "kind:党支部", true),
        ("各支部", "kind:党支部", true),
        ("基层党组织", "kind:党支部", false),
        ("党委", "kind:党委", true),
        ("党组", "kind:党组", true),
    ]

    /// A yearly count of this size is customarily spread over these periods: the draft also
    /// proposes that rule, with its period marked to be confirmed (000 二（二）: 4 a year → 1 a quarter).
    public static let spreads: [(yearly: Int, period: PeriodKind)] = [(4, .quarter)]

    /// The numeral characters `{N}` accepts.
    static let numerals = "0-9０-９零〇一二两三四五六七八九十百千"

    /// A pattern with its placeholders expanded.
    static func expand(_ p: String) -> String {
        p.replacingAll("{NUM}", with: numerals)
            .replacingAll("{N}", with: "([\(numerals)]+)")
            .replacingAll("{M}", with: "([0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])")
            .replacingAll("{D}", with: "([0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])")
            .replacingAll("{KIND}", with: "[^，。；、\\s]{0,10}?(?:党支部|党总支|党组织|支部|单位)")
    }
}

/// One phrase form of ``DraftPatterns``: how people write a requirement, and what it becomes.
public struct DraftForm: Sendable {
    /// What a form contributes to a rule.
    public enum Effect: Sendable, Equatable {
        /// `{N}` is a minimum count (period from the sentence).
        case count
        /// `{N}` is a minimum count per this period.
        case countPer(PeriodKind)
        /// `{N}` is a minimum sum of participants.
        case sum
        /// `{N}` is a count, only where the sentence gives a period or a deadline.
        case bareCount
        /// A period word; alone in its part of the sentence it means at least once per period.
        case period(PeriodKind)
        /// 上半年 … 下半年 in one paragraph: once per half.
        case halves
        /// A deadline month-day.
        case deadline(String)
        /// A deadline from `{M}` and `{D}`.
        case deadlineDate
        /// A deadline at the end of month `{M}`.
        case deadlineMonthEnd
        /// A one-day window from `{M}` and `{D}`.
        case day
        /// Named windows (`name:MM-DD..MM-DD;…`).
        case windows(String)
        /// Every unit of kind `{KIND}` covered.
        case coverage
        /// These meetings, once a year (the threshold marked to be confirmed: the sentence has no number).
        case annualMeetings([String])
        /// 组织 + a known activity at the start of a sentence: once a year, threshold to be confirmed.
        case organise
        /// Not expressible, for this reason.
        case vague(String)
    }

    /// The form as people write it (`至少N次`); also the name tests use.
    public let name: String
    /// The regular expression, placeholders expanded.
    public let pattern: String
    /// What it contributes.
    public let effect: Effect
    /// A character that must not precede the match (`第` before `N次`).
    public let notAfter: Character?
    /// Words of which every match holds one: a sentence holding none is not searched (regular
    /// expressions cost far more than a substring search).
    public let needs: [String]

    init(_ name: String, _ pattern: String, _ effect: Effect, notAfter: Character? = nil, needs: [String]) {
        self.name = name; self.pattern = DraftPatterns.expand(pattern); self.effect = effect; self.notAfter = notAfter
        self.needs = needs
    }
}
