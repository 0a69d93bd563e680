/// The year-end review text: paragraphs an office pastes into its 述职报告 or 年终总结, in the
/// register of such reviews ("全年共开展……，其中……"): counts per rule and per kind of unit, units
/// compared only with units of their own kind, shortfalls as sentences, and no rule ids, file paths
/// or version in the body (``footer(planPaths:rosterPaths:files:asOf:lang:)`` says where the numbers
/// come from). Used by `stats` (text and HTML) and at the top of the audit report.
public enum ReviewText {
    /// `met ÷ due` as a percentage with one decimal, rounded half up, without a trailing `.0`
    /// (92.4, 100, 0).
    public static func percent(_ met: Int, _ due: Int) -> String {
        guard due > 0 else { return "" }
        let perMille = (met * 1000 + due / 2) / due
        return perMille % 10 == 0 ? String(perMille / 10) : "\(perMille / 10).\(perMille % 10)"
    }

    /// A rule's title without a trailing note of its period: 基层党组织分析研判党员思想状况（每季度） → …状况.
    static func thing(_ title: String) -> String {
        for open in ["（", "("] {
            if let r = title.range(of: open, options: .backwards), title.hasSuffix("）") || title.hasSuffix(")") {
                let inner = title[r.upperBound..<title.index(before: title.endIndex)]
                if ["全年", "每年", "年度", "每半年", "半年", "每季度", "季度", "每月", "每周"].contains(String(inner)) {
                    return String(title[..<r.lowerBound])
                }
            }
        }
        return title
    }

    /// A day without its year, as offices write deadlines: 7月1日.
    static func monthDay(_ d: Day, _ L: Lang) -> String {
        let c = d.components
        return L == .zh ? "\(c.month)月\(c.day)日" : d.iso
    }

    /// The paragraphs about the plan: the overall result, per rule (unless `perRule` is false: the
    /// audit report has a section per unit instead), per kind of unit, the shortfalls.
    public static func plan(_ r: CheckReport, lang L: Lang, perRule: Bool = true) -> [String] {
        typealias H = HTMLCheckReporter
        let groups = H.groups(r)
        let lines = groups.flatMap(\.all)
        guard !lines.isEmpty else { return [] }
        let end = Messages.text("review.end", L), sep = Messages.text("review.sep", L), list = Messages.text("review.list", L)
        var paras: [String] = []
        // Overall.
        let statuses = lines.map(\.status)
        let met = statuses.filter { $0 == .met }.count, missed = statuses.filter { $0 == .missed }.count
        let due = met + missed
        var p = Messages.text("review.planIntro", L, Set(lines.map(\.info.id)).count, lines.count)
        if due > 0 { p += Messages.text("review.planResult", L, due, met, missed, percent(met, due)) }
        if lines.count > due { p += Messages.text("review.planOpen", L, lines.count - due, statuses.filter { $0 == .atRisk }.count) }
        paras.append(p + end)
        // Per rule, in plan order.
        var order: [String] = []
        var byRule: [String: [H.Line]] = [:]
        for l in lines {
            if byRule[l.info.id] == nil { order.append(l.info.id) }
            byRule[l.info.id, default: []].append(l)
        }
        var items: [String] = []
        for id in order {
            let ls = byRule[id]!
            let title = ls[0].info.title
            if ls.count == 1 {
                let l = ls[0]
                if l.findings.count == 1 {
                    let f = l.findings[0]
                    let measure = Finding.measureText(f.measure, L)
                    // 党工委培训人次 696 人次 → 党工委培训696人次: the measure is said once.
                    let said = L == .zh && title.hasSuffix(measure) && title.count > measure.count ? String(title.dropLast(measure.count)) : title
                    items.append(Messages.text("review.ruleSingle", L, said, f.actual, measure, f.required))
                } else {
                    items.append(Messages.text("review.ruleAllPeriods", L, title, (L == .zh ? "：" : "") + H.periodsNote(l, L)))
                }
            } else {
                let people = ls.allSatisfy { !$0.person.isEmpty }
                if ls.allSatisfy({ $0.status == .met || $0.status == .missed }) {
                    let done = ls.filter { $0.status == .met }.count
                    if done == ls.count {
                        items.append(Messages.text(people ? "review.rulePeopleAll" : "review.ruleUnitsAll", L, title, ls.count))
                    } else {
                        items.append(Messages.text(people ? "review.rulePeople" : "review.ruleUnits", L, title, ls.count, done))
                    }
                } else {
                    // Mid-year: a unit is fine while nothing of its rule is missed or behind.
                    let fine = ls.filter { $0.status != .missed && $0.status != .atRisk }.count
                    if fine == ls.count {
                        items.append(Messages.text(people ? "review.rulePeopleOpenAll" : "review.ruleUnitsOpenAll", L, title, ls.count))
                    } else {
                        items.append(Messages.text(people ? "review.rulePeopleOpen" : "review.ruleUnitsOpen", L, title, ls.count, fine))
                    }
                }
            }
        }
        if perRule { paras.append(Messages.text("review.rulesIntro", L, items.joined(separator: sep)) + end) }
        // Per kind of unit: units compared only with units of their own kind.
        var kinds: [String] = []
        var byKind: [String: [H.UnitGroup]] = [:]
        for g in groups where g.name != "*" {
            guard let k = g.kind, !k.isEmpty else { continue }
            if byKind[k] == nil { kinds.append(k) }
            byKind[k, default: []].append(g)
        }
        var kindItems: [String] = []
        for k in kinds {
            let gs = byKind[k]!
            guard gs.count > 1 else { continue }
            let failing = gs.filter { g in g.all.contains { $0.status == .missed || $0.status == .atRisk } }
            // Mid-year a kind with nothing missed or behind has not "met every requirement" yet.
            let decided = gs.allSatisfy { g in g.all.allSatisfy { $0.status == .met || $0.status == .missed } }
            if failing.isEmpty { kindItems.append(Messages.text(decided ? "review.kindPlanAll" : "review.kindPlanAllOpen", L, gs.count, k)) }
            else if failing.count == gs.count { kindItems.append(Messages.text("review.kindPlanNone", L, gs.count, k)) }
            else {
                kindItems.append(Messages.text(decided ? "review.kindPlan" : "review.kindPlanOpen", L, gs.count, k, gs.count - failing.count,
                                               capped(failing.map(\.name), list, L)))
            }
        }
        if !kindItems.isEmpty { paras.append(kindItems.joined(separator: sep) + end) }
        // Shortfalls as sentences.
        // One sentence per unit (or person): the unit is named once, its shortfalls follow.
        var sentences: [String] = []
        var count = 0
        for g in groups {
            let unit = g.name == "*" ? Messages.text("report.allUnits", L) : g.name
            var clauses: [String] = []
            var named = ""
            func flush() {
                if !clauses.isEmpty { sentences.append(clauses.joined(separator: Messages.text("review.clauseSep", L))) }
                clauses = []
            }
            for l in g.all where l.status == .missed || l.status == .atRisk {
                let full = unit + (l.person.isEmpty ? "" : (L == .zh ? "" : " ") + l.person)
                if full != named { flush(); named = full }
                let who = clauses.isEmpty || L == .en ? full : ""
                let what = thing(l.info.title)
                let measure = Finding.measureText(l.findings[0].measure, L)
                let missedOnes = l.findings.filter { $0.status == .missed }
                if !missedOnes.isEmpty {
                    if l.findings.count == 1 {
                        let f = l.findings[0]
                        let when = H.kind(f.period) == .year
                            ? (f.due.components.month == 12 && f.due.components.day == 31 ? H.periodName(f.period, L) : Messages.text("review.by", L, monthDay(f.due, L)))
                            : H.periodName(f.period, L)
                        clauses.append(f.actual == 0
                            ? Messages.text("review.notDoneRequired", L, who, when, what, f.required, measure)
                            : Messages.text("review.short", L, who, when, what, f.actual, f.shortfall, measure))
                    } else {
                        let when = missedOnes.map { H.periodName($0.period, L) }.joined(separator: list)
                        clauses.append(missedOnes.allSatisfy { $0.actual == 0 }
                            ? Messages.text("review.notDone", L, who, when, what)
                            : Messages.text("review.notMet", L, who, when, what))
                    }
                }
                for f in l.findings where f.status == .atRisk {
                    clauses.append(Messages.text("review.behind", L, who, what, f.actual, monthDay(f.due, L), measure, f.required))
                }
                count += 1
            }
            flush()
        }
        if sentences.isEmpty {
            if due == lines.count { paras.append(Messages.text("review.noProblems", L) + end) }
        } else {
            var shown = Array(sentences.prefix(30))
            if sentences.count > shown.count { shown.append(Messages.text("review.moreProblems", L, count)) }
            paras.append(Messages.text("review.problemsIntro", L, shown.joined(separator: sep)) + end)
        }
        return paras
    }

    /// Names a summary lists before it says how many more there are: the summary is pasted into a
    /// review, which names a few units, never a roster (a million-unit roster made one line of 71 MB).
    static let namesCap = 10

    /// At most ``namesCap`` names joined by `sep`, then how many there are in all.
    static func capped(_ names: [String], _ sep: String, _ L: Lang) -> String {
        names.count <= namesCap ? names.joined(separator: sep)
            : Messages.text("review.moreNames", L, names.prefix(namesCap).joined(separator: sep), names.count)
    }

    /// Where the numbers come from: one line after the text.
    public static func footer(planPaths: [String], rosterPaths: [String], files: [String], asOf: Day, lang L: Lang) -> String {
        let none = Messages.text("report.none", L)
        func join(_ xs: [String]) -> String { xs.isEmpty ? none : xs.joined(separator: Messages.text("review.list", L)) }
        return Messages.text("review.footer", L, PlanCheckCLI.version, HTMLCheckReporter.date(asOf, L), join(planPaths), join(rosterPaths), join(files))
    }
}
