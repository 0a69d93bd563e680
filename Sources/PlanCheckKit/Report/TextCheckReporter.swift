/// The check report for people: grouped by unit, aligned by display width, with what is still
/// needed and by when.
public enum TextCheckReporter: CheckReporter {
    public static let format = "text"

    static func colour(_ s: String, _ st: Status, _ on: Bool) -> String {
        guard on else { return s }
        let code: String
        switch st {
        case .met: code = "32"
        case .missed: code = "31;1"
        case .atRisk: code = "33;1"
        case .warning: code = "35"
        case .onTrack, .upcoming: code = "36"
        }
        return "\u{1B}[\(code)m\(s)\u{1B}[0m"
    }

    public static func write(_ r: CheckReport, to sink: OutputSink, options o: ReportOptions) {
        var out = ""
        var wroteAny = false
        /// Writes what is buffered (per unit group: a province's report is never one huge string).
        func flush() {
            if o.quiet && !wroteAny { while out.hasPrefix("\n") { out.removeFirst() } }
            if out.isEmpty { return }
            sink.write(out)
            wroteAny = true
            out = ""
        }
        let shown = o.quiet ? r.findings.filter { $0.status.isProblem } : r.findings   // a copy only when quiet (few)
        if !o.quiet {
            out += "plancheck \(PlanCheckCLI.version) · \(r.year) 年度 · 检查日 \(r.asOf.iso)"
            if let org = r.org { out += " · 自查单位 \(org)" }
            out += "\n计划：\(r.planPaths.joined(separator: ", "))\n"
            out += "花名册：\(r.rosterPaths.isEmpty ? "（无）" : r.rosterPaths.joined(separator: ", "))\n"
        }
        if !o.quiet || r.read.rejected > 0 {
            out += "记录：\(r.read.files.count) 个文件，读取 \(r.read.rowsRead) 行，接受 \(r.read.accepted) 行，拒绝 \(r.read.rejected) 行"
            if !r.read.rejectionCounts.isEmpty {
                out += "（" + r.read.rejectionCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "，") + "）"
            }
            out += "\n"
            for x in r.read.rejections.prefix(20) { out += "  拒绝 \(x.location): \(x.reason)\n" }
            if r.read.rejected > min(20, r.read.rejections.count) { out += "  … 另有 \(r.read.rejected - min(20, r.read.rejections.count)) 行被拒绝（见 CSV/JSON 报告）\n" }
        }
        // Group rule findings by unit (persons under their unit), in unit order.
        var groups: [String: [Int]] = [:]   // org → indexes into `shown`
        for (i, f) in shown.enumerated() where f.checker != QualityChecker.identifier { groups[f.org, default: []].append(i) }
        var order = r.unitOrder.map(\.name)
        if groups["*"] != nil { order.insert("*", at: 0) }
        let known = Set(order)
        for k in groups.keys.sorted() where !known.contains(k) { order.append(k) }
        let kinds = Dictionary(r.unitOrder.map { ($0.name, $0.kind) }, uniquingKeysWith: { a, _ in a })
        for name in order {
            flush()
            guard let idx = groups[name], !idx.isEmpty else { continue }
            let fs = idx.map { shown[$0] }
            out += "\n" + (name == "*" ? "全体（所有单位合计）" : name + (kinds[name].map { "（\($0)）" } ?? "（不在花名册）")) + "\n"
            var rows: [[String]] = [["  状态", "规则", "标题", "人员", "周期", "要求", "实际", "缺口", "说明"]]
            var statuses: [Status?] = [nil]
            // A rule with several periods: its met periods fold into one line (CSV/JSON keep them all).
            // Periods and met periods per rule and person, counted once (a group can hold many rules).
            struct Fold { var periods = 0; var met = 0; var firstMet = ""; var lastMet = ""; var shown = false }
            struct FoldKey: Hashable { var rule: String; var person: String }
            var foldIndex: [FoldKey: Int] = [:]
            var folds: [Fold] = []
            var foldOf: [Int] = []   // per finding of the group, its fold
            foldOf.reserveCapacity(fs.count)
            let statusOf = fs.map(\.status)
            for (i, f) in fs.enumerated() {
                let k = FoldKey(rule: f.rule, person: f.person)
                let x: Int
                if let j = foldIndex[k] { x = j } else { x = folds.count; foldIndex[k] = x; folds.append(Fold()) }
                foldOf.append(x)
                folds[x].periods += 1
                if statusOf[i] == .met {
                    if folds[x].met == 0 { folds[x].firstMet = f.period }
                    folds[x].met += 1
                    folds[x].lastMet = f.period
                }
            }
            for (i, f) in fs.enumerated() {
                let fold = folds[foldOf[i]]
                if !o.evidence && fold.periods > 1 && fold.met > 1 && statusOf[i] == .met {
                    if fold.shown { continue }
                    folds[foldOf[i]].shown = true
                    let all = fold.met == fold.periods
                    let span = all ? fold.firstMet + "…" + fold.lastMet : "其余周期"
                    rows.append(["  met", f.rule, f.title, f.person, span, String(f.required), "", "",
                                 all ? "全部 \(fold.periods) 个周期达标" : "其余 \(fold.met)/\(fold.periods) 个周期达标"])
                    statuses.append(.met)
                    continue
                }
                rows.append(["  " + f.status.rawValue, f.rule, f.title, f.person, f.period, String(f.required), String(f.actual),
                             String(f.shortfall), f.advice(asOf: r.asOf)])
                statuses.append(f.status)
                if o.evidence && f.evidenceCount > 0 {
                    rows.append(["", "", "", "", "", "", "", "", "计入：" + f.evidence.joined(separator: " ")
                                 + (f.evidenceCount > f.evidence.count ? " … 共 \(f.evidenceCount) 条" : "")])
                    statuses.append(nil)
                }
            }
            for (i, line) in DisplayWidth.tableLines(rows, rightAligned: [5, 6, 7]).enumerated() {
                if let st = statuses[i], o.colour {
                    let word = st.rawValue
                    out += line.replacingAll("  " + word, with: "  " + colour(word, st, true))
                } else {
                    out += line
                }
                out += "\n"
            }
        }
        let quality = shown.filter { $0.checker == QualityChecker.identifier }
        if !quality.isEmpty {
            out += "\n数据质量提示\n"
            var rows: [[String]] = []
            for f in quality {
                rows.append(["  " + (o.colour ? colour("warning", .warning, true) : "warning"), f.title, f.note])
                if !f.evidence.isEmpty {
                    rows.append(["", "", "见 " + f.evidence.prefix(3).joined(separator: " ") + (f.evidenceCount > min(3, f.evidence.count) ? " …" : "")])
                }
            }
            out += DisplayWidth.table(rows)
        }
        if !o.quiet {
            let c = r.statusCounts
            let ruleCount = r.ruleFindings.count
            out += "\n合计：\(ruleCount) 项检查，met \(c[.met] ?? 0)，missed \(c[.missed] ?? 0)，at-risk \(c[.atRisk] ?? 0)，"
                + "on-track \(c[.onTrack] ?? 0)，upcoming \(c[.upcoming] ?? 0)；数据质量提示 \(c[.warning] ?? 0) 条\n"
            for n in r.notes { out += "注意：\(n)\n" }
        }
        flush()
    }
}
