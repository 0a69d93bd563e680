/// The stats report as text for people: a summary to paste into a year-end review (Chinese by
/// default, English with `--lang en`), then tables aligned by display width.
public enum StatsTextReporter {
    static let enMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    struct Words {
        let zh: Bool
        func callAsFunction(_ zh: String, _ en: String) -> String { self.zh ? zh : en }
        func month(_ m: Int) -> String { zh ? "\(m)月" : StatsTextReporter.enMonths[m - 1] }
        func run(_ a: Int, _ b: Int) -> String {
            if a == b { return month(a) }
            return zh ? "\(a)—\(b)月" : "\(StatsTextReporter.enMonths[a - 1])–\(StatsTextReporter.enMonths[b - 1])"
        }
        var listSep: String { zh ? "、" : ", " }
        var clauseSep: String { zh ? "；" : "; " }
        /// `1 record`, `2 records`.
        static func en(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        var end: String { zh ? "。" : "." }
        func paren(_ s: String) -> String { zh ? "（\(s)）" : " (\(s))" }
    }

    /// The summary paragraphs (what the office pastes into its review), without tables.
    public static func summary(_ r: StatsReport, lang: Lang = .zh) -> [String] {
        let w = Words(zh: lang == .zh)
        var paras: [String] = []
        let (_, am, ad) = r.asOf.components
        // Totals and types.
        var s = r.fullYear ? w("全年", "In \(r.year), units held ")
            : w("截至 \(am) 月 \(ad) 日", "By \(r.asOf.iso), units held ")
        s += w("共开展活动 \(r.total.count) 次，参与 \(r.total.participants) 人次",
               "\(r.total.count) activities with \(r.total.participants) participant-times")
        if !r.types.isEmpty {
            s += w("；其中", ", of which ")
            s += r.types.map { w("\($0.name) \($0.total.count) 次", "\($0.name) \($0.total.count)") }.joined(separator: w.listSep)
        }
        paras.append(s + w.end)
        // Units.
        let units = r.units
        if let maxC = units.map(\.total.count).max(), let minC = units.map(\.total.count).min(), units.count > 1, maxC != minC {
            let most = units.filter { $0.total.count == maxC }.map(\.name).joined(separator: w.listSep)
            let least = units.filter { $0.total.count == minC }.map(\.name).joined(separator: w.listSep)
            paras.append(w("按单位看，开展活动最多的是\(most)（\(maxC) 次），最少的是\(least)（\(minC) 次）。",
                           "By unit, the most active was \(most) (\(maxC)) and the least active \(least) (\(minC))."))
        }
        // Months.
        if !r.months.isEmpty {
            let counts = r.months.map(\.count)
            let maxC = counts.max()!, minC = counts.min()!
            let most = (0..<counts.count).filter { counts[$0] == maxC }.map { w.month($0 + 1) }.joined(separator: w.listSep)
            let least = (0..<counts.count).filter { counts[$0] == minC }.map { w.month($0 + 1) }.joined(separator: w.listSep)
            var m = w("按月份看，活动最多的是\(most)（\(maxC) 次），最少的是\(least)（\(minC) 次）",
                      "By month, the busiest was \(most) (\(maxC)) and the quietest \(least) (\(minC))")
            if r.health.emptyMonths.isEmpty {
                m += w("；每个月都有活动记录", "; every month has activity")
            } else {
                m += w("；全部单位均无活动的月份：", "; months with no activity anywhere: ")
                    + r.health.emptyMonths.map { w.month($0) }.joined(separator: w.listSep)
            }
            paras.append(m + w.end)
            let silent = r.silentUnits
            if silent.isEmpty {
                paras.append(w("各单位每个月都有活动记录。", "Every unit has activity in every month."))
            } else {
                let list = silent.map { u in u.name + w.paren(u.silentRuns.map { w.run($0.from, $0.to) }.joined(separator: w.listSep)) }
                paras.append(w("整月无活动记录的单位 \(silent.count) 个：", Words.en(silent.count, "unit") + " had a whole month or more without activity: ")
                             + list.joined(separator: w.listSep) + w.end)
            }
        }
        // Plan.
        if r.hasPlan {
            let c = r.planTotal
            var p = w("对照计划共检查 \(c.checks) 项，已到期 \(c.due) 项，达标 \(c.met) 项、未达标 \(c.missed) 项",
                      "Against the plan: \(c.checks) checks, \(c.due) due, \(c.met) met and \(c.missed) missed")
            if c.due > 0 { p += w("，完成率 \(c.percent)%", ", \(c.percent)% met") }
            let open = c.atRisk + c.onTrack + c.upcoming
            if open > 0 {
                p += w("；未到期 \(open) 项（其中滞后 \(c.atRisk) 项、按进度 \(c.onTrack) 项、未开始 \(c.upcoming) 项）",
                       "; \(open) not yet due (\(c.atRisk) at risk, \(c.onTrack) on track, \(c.upcoming) upcoming)")
            }
            paras.append(p + w.end)
            let ranked = r.unitRanks.filter { $0.rank != nil }
            if let first = ranked.first, let last = ranked.last, ranked.count > 1, first.rank != last.rank {
                let best = ranked.filter { $0.rank == first.rank }
                let worst = ranked.filter { $0.rank == last.rank }
                // Units sharing a rank share % met and missed count: say them once.
                func show(_ xs: [StatsUnitRow]) -> String {
                    let c = xs[0].completion
                    let all = xs.count > 1 ? w("均为", "each ") : ""
                    return xs.map(\.org).joined(separator: w.listSep)
                        + w.paren(all + w("完成率 \(c.percent)%，未达标 \(c.missed) 项", "\(c.percent)% met, \(c.missed) missed"))
                }
                paras.append(w("对照计划完成最好的单位：", "Best units against the plan: ") + show(best)
                             + w("；最弱的：", "; weakest: ") + show(worst) + w.end)
            }
            if !r.problems.isEmpty {
                // A review paragraph names at most 30 items; the CSV/JSON/HTML reports list them all.
                let shownProblems = r.problems.prefix(30)
                var items = shownProblems.map { f -> String in
                    let who = f.person.isEmpty ? f.org : f.person + w.paren(f.org)
                    let state = f.status == .missed ? w("未达标", "missed") : w("滞后", "at risk")
                    return w("\(f.rule) \(who) \(f.period) 要求 \(f.required) \(f.measure)、实际 \(f.actual) \(f.measure)（\(state)）",
                             "\(f.rule) \(who) \(f.period): \(f.actual) of \(f.required) (\(state))")
                }
                if r.problems.count > shownProblems.count {
                    items.append(w("等共 \(r.problems.count) 项（完整清单见 check 的 CSV 报告）",
                                   "and \(r.problems.count - shownProblems.count) more (all in check's CSV report)"))
                }
                paras.append(w("未达标和滞后事项：", "Missed and at-risk: ") + items.joined(separator: w.clauseSep) + w.end)
            }
        }
        // Data health.
        let h = r.health
        var d = w("数据质量：读取 \(h.rowsRead) 行，接受 \(h.accepted) 行，拒绝 \(h.rejected) 行",
                  "Data: \(h.rowsRead) rows read, \(h.accepted) accepted, \(h.rejected) rejected")
        if !h.rejectedByReason.isEmpty { d += w.paren(h.rejectedByReason.map { "\(Rejection.kindLabel($0.reason, lang)) \($0.count)" }.joined(separator: w.listSep)) }
        if h.duplicateCount > 0 {
            d += w("；重复记录 \(h.duplicateCount) 条", "; " + Words.en(h.duplicateCount, "duplicate record"))
                + w.paren(h.duplicates.map { "\($0.org) \($0.count)" }.joined(separator: w.listSep))
        }
        if !h.unknownUnits.isEmpty {
            d += w("；不在花名册的单位 \(h.unknownUnits.count) 个：", "; " + Words.en(h.unknownUnits.count, "unit") + " not in the roster: ")
                + h.unknownUnits.map { $0.org + w.paren(w("\($0.count) 条", "\($0.count)")) }.joined(separator: w.listSep)
        }
        if h.outsideYear > 0 { d += w("；\(h.outsideYear) 条记录不在 \(r.year) 年，未统计", "; " + Words.en(h.outsideYear, "record") + " outside \(r.year), not counted") }
        if h.afterAsOf > 0 { d += w("；\(h.afterAsOf) 条记录晚于 \(r.asOf.iso)，未统计", "; " + Words.en(h.afterAsOf, "record") + " after \(r.asOf.iso), not counted") }
        if h.missingParticipants > 0 { d += w("；\(h.missingParticipants) 条记录无参加人数", "; " + Words.en(h.missingParticipants, "record") + " without participants") }
        paras.append(d + w.end)
        return paras
    }

    /// Writes the header, summary and tables.
    public static func write(_ r: StatsReport, to sink: OutputSink, options o: ReportOptions) {
        let w = Words(zh: o.lang == .zh)
        var out = w("plancheck \(PlanCheckCLI.version) · \(r.year) 年度活动统计 · 统计截至 \(r.asOf.iso)\n",
                    "plancheck \(PlanCheckCLI.version) · activity statistics \(r.year) · as of \(r.asOf.iso)\n")
        if r.hasPlan { out += w("计划：", "Plans: ") + r.planPaths.joined(separator: ", ") + "\n" }
        out += w("花名册：", "Rosters: ") + (r.rosterPaths.isEmpty ? w("（无）", "(none)") : r.rosterPaths.joined(separator: ", ")) + "\n"
        out += w("记录：", "Records: ") + r.files.joined(separator: ", ") + "\n\n"
        for p in summary(r, lang: o.lang) { out += p + "\n" }
        func section(_ title: String, _ rows: [[String]], right: Set<Int>) {
            out += "\n" + title + "\n" + DisplayWidth.table(rows.map { ["  " + $0[0]] + $0.dropFirst() }, rightAligned: right)
        }
        if r.lastMonth > 0 {
            var rows = [[w("月份", "Month"), w("活动", "Activities"), w("人次", "Participants")]]
            for (i, c) in r.months.enumerated() { rows.append([r.period(i + 1), String(c.count), String(c.participants)]) }
            rows.append([w("合计", "Total"), String(r.total.count), String(r.total.participants)])
            section(w("按月份", "By month"), rows, right: [1, 2])
        }
        if !r.types.isEmpty {
            var rows = [[w("活动类型", "Type"), w("活动", "Activities"), w("人次", "Participants")]]
            for t in r.types { rows.append([t.name, String(t.total.count), String(t.total.participants)]) }
            section(w("按活动类型", "By type"), rows, right: [1, 2])
        }
        if !r.units.isEmpty {
            var rows = [[w("单位", "Unit"), w("类别", "Kind"), w("活动", "Activities"), w("人次", "Participants"),
                         w("有活动月数", "Active months"), w("无活动月份", "Silent months")]]
            for u in r.units {
                rows.append([u.name, u.inRoster ? u.kind : w("不在花名册", "not in roster"), String(u.total.count), String(u.total.participants),
                             "\(u.activeMonths)/\(r.lastMonth)", u.silentRuns.map { w.run($0.from, $0.to) }.joined(separator: w.listSep)])
            }
            section(w("按单位", "By unit"), rows, right: [2, 3, 4])
            if r.lastMonth > 0 {
                var pivot = [[w("单位", "Unit")] + (1...r.lastMonth).map { w.month($0) } + [w("合计", "Total")]]
                for u in r.units { pivot.append([u.name] + u.months.map { String($0.count) } + [String(u.total.count)]) }
                pivot.append([w("合计", "Total")] + r.months.map { String($0.count) } + [String(r.total.count)])
                section(w("单位 × 月份 活动次数", "Activities by unit × month"), pivot, right: Set(1...(r.lastMonth + 1)))
            }
        }
        if r.hasPlan {
            var rows = [[w("规则", "Rule"), w("标题", "Title"), w("检查", "Checks"), w("到期", "Due"), w("达标", "Met"),
                         w("未达标", "Missed"), w("完成率%", "% met")]]
            for x in r.rules {
                let c = x.completion
                rows.append([x.id, x.title, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent])
            }
            let c = r.planTotal
            rows.append([w("合计", "Total"), "", String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent])
            section(w("规则完成情况", "Completion by rule"), rows, right: [2, 3, 4, 5, 6])
            var units = [[w("名次", "Rank"), w("单位", "Unit"), w("检查", "Checks"), w("到期", "Due"), w("达标", "Met"),
                          w("未达标", "Missed"), w("完成率%", "% met")]]
            for x in r.unitRanks {
                let c = x.completion
                units.append([x.rank.map(String.init) ?? "-", x.org, String(c.checks), String(c.due), String(c.met), String(c.missed), c.percent])
            }
            section(w("单位完成情况", "Completion by unit"), units, right: [0, 2, 3, 4, 5, 6])
        }
        for n in r.notes { out += "\n" + w("注意：", "Note: ") + n }
        if !r.notes.isEmpty { out += "\n" }
        sink.write(out)
    }
}
