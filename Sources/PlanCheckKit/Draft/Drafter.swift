/// A cell of a draft rule: a value, and whether the sentence settles it.
///
/// An unsettled cell is written `待确认` or `待确认：VALUE` (the proposal); `validate` names every
/// such cell with its line and column until a person replaces it.
public struct DraftCell: Equatable, Sendable {
    /// The value (or the proposal, when not confirmed); may be empty.
    public var value: String
    /// Whether the sentence gives it.
    public var confirmed: Bool

    /// A settled value.
    public static func sure(_ v: String) -> DraftCell { DraftCell(value: v, confirmed: true) }
    /// A proposal to be confirmed (empty: nothing to propose).
    public static func toConfirm(_ v: String = "") -> DraftCell { DraftCell(value: v, confirmed: false) }

    /// The text written to the plan file.
    public var text: String { confirmed ? value : (value.isEmpty ? DraftMarker.prefix : DraftMarker.prefix + "：" + value) }
}

/// The marker of cells still to confirm, and of rows that only record a clause no rule can express.
public enum DraftMarker {
    /// Starts every cell still to confirm.
    public static let prefix = "待确认"
    /// The `checker` of a row that records a clause no checker can express; plan readers skip it.
    public static let unexpressibleChecker = "无法表达"

    /// The proposal in a marked cell (`待确认：quarter` → `quarter`), or nil when `cell` is not marked.
    public static func proposal(_ cell: String) -> String? {
        guard cell.hasPrefix(prefix) else { return nil }
        var rest = cell.dropFirst(prefix.count)
        while let f = rest.first, f == "：" || f == ":" || f == " " { rest = rest.dropFirst() }
        return String(rest)
    }

    /// Whether a plan row is a draft's record of a clause no checker can express (skipped by plan readers).
    static func isUnexpressibleRow(_ cells: [String], checkerColumn: Int?) -> Bool {
        guard let c = checkerColumn, c < cells.count else { return false }
        return cells[c] == unexpressibleChecker
    }

    /// The cells of a row still marked 待确认: column, its index, and the proposal.
    static func unconfirmed(_ cells: [String], columns: [PlanColumn: Int]) -> [(PlanColumn, Int, String)] {
        var out: [(PlanColumn, Int, String)] = []
        for c in PlanColumn.allCases where c != .source && c != .title {
            if let i = columns[c], i < cells.count, let p = proposal(cells[i]) { out.append((c, i, p)) }
        }
        return out.sorted { $0.1 < $1.1 }
    }

    /// What `validate` says of a cell still to confirm (in Chinese, for the clerk who fills it).
    static func message(_ c: PlanColumn, _ proposal: String, line: Int, column: Int, lang: Lang = .zh) -> String {
        proposal.isEmpty ? Messages.text("draft.cellToConfirmEmpty", lang, c.rawValue, line, column)
                         : Messages.text("draft.cellToConfirm", lang, c.rawValue, proposal, line, column)
    }
}

/// One rule of a draft plan.
public struct DraftRule: Equatable, Sendable {
    /// Checker identifier.
    public var checker: String
    /// Activity types.
    public var types: DraftCell
    /// Threshold.
    public var threshold: DraftCell
    /// Period (count and sum), empty otherwise.
    public var period: DraftCell
    /// Scope.
    public var scope: DraftCell
    /// Deadline `MM-DD` (deadline).
    public var deadline = ""
    /// Windows (windows).
    public var windows = ""
    /// Kind of unit to cover (coverage).
    public var targetKind = ""
    /// Summed field (sum).
    public var field = ""
    /// Short title.
    public var title = ""
    /// Clause in the document's numbering.
    public var clause = ""
    /// The sentence, verbatim.
    public var source = ""
    /// The phrase form that found it (``DraftForm/name``).
    public var form = ""
    /// Where in the sentence it was found (characters from the start), for document order.
    var position = 0

    /// Whether a person must confirm its type or scope.
    public var needsTypeOrScope: Bool { !types.confirmed || !scope.confirmed }
    /// Whether any cell is still to confirm.
    public var needsConfirmation: Bool { needsTypeOrScope || !threshold.confirmed || !period.confirmed }
}

/// A sentence no rule can express, and why.
public struct Unexpressible: Equatable, Sendable {
    /// Clause in the document's numbering.
    public var clause: String
    /// The sentence, verbatim.
    public var sentence: String
    /// Why (one per vague phrase found).
    public var reasons: [String]
}

/// A draft plan: rules in document order, then the sentences no rule can express.
public struct Draft: Sendable {
    /// The rules.
    public var rules: [DraftRule]
    /// The sentences listed as not expressible.
    public var unexpressible: [Unexpressible]
}

/// Turns a plan document's sentences into draft rules with ``DraftPatterns``.
public struct Drafter {
    struct Compiled {
        let form: DraftForm
        let index: Int
        let regex: Regex<AnyRegexOutput>
    }

    struct Hit {
        let form: DraftForm
        let index: Int
        let range: Range<String.Index>
        let captures: [String]
        var segment = 0
    }

    let compiled: [Compiled]
    let typeAliases: [(Regex<AnyRegexOutput>, String)]

    /// Compiles the pattern table.
    public init() {
        compiled = DraftPatterns.forms.enumerated().map { Compiled(form: $1, index: $0, regex: try! Regex($1.pattern)) }
        typeAliases = DraftPatterns.typeAliases.map { (try! Regex($0.pattern), $0.type) }
    }

    /// Drafts a whole document.
    public func draft(_ doc: PlanDocument) -> Draft {
        var clauses = ClauseTracker()
        var rules: [DraftRule] = []
        var notes: [Unexpressible] = []
        for p in doc.paragraphs {
            let numbered = clauses.see(p)
            let halves = p.contains("上半年") && p.contains("下半年")
            for (k, s) in p.draftSentences().enumerated() {
                var (r, n) = draft(sentence: s, clause: clauses.clause, halvesInParagraph: halves)
                // A numbered heading (二、…, （二）…, 15.…。) names a topic, not a duty: never listed.
                if numbered && k == 0 && s.count <= 24 && r.isEmpty { n = nil }
                for x in r where !rules.contains(where: { $0.clause == x.clause && Drafter.sameRequirement($0, x) }) {
                    rules.append(x)
                }
                if let n { notes.append(n) }
            }
        }
        return Draft(rules: rules, unexpressible: notes)
    }

    static func sameRequirement(_ a: DraftRule, _ b: DraftRule) -> Bool {
        a.checker == b.checker && a.types == b.types && a.threshold == b.threshold && a.period == b.period
            && a.deadline == b.deadline && a.windows == b.windows && a.targetKind == b.targetKind && a.field == b.field
    }

    /// The hits of every form in a sentence, overlaps resolved (the earlier start, then the earlier form, wins).
    func hits(_ s: String, halvesInParagraph: Bool) -> [Hit] {
        var all: [Hit] = []
        for c in compiled {
            if c.form.effect == .halves && !halvesInParagraph { continue }
            if !c.form.needs.contains(where: { s.contains($0) }) { continue }
            for m in s.matches(of: c.regex) {
                if m.range.isEmpty { continue }
                if let na = c.form.notAfter, m.range.lowerBound > s.startIndex, s[s.index(before: m.range.lowerBound)] == na { continue }
                var caps: [String] = []
                for i in 1..<max(1, m.output.count) { caps.append(m.output[i].substring.map(String.init) ?? "") }
                all.append(Hit(form: c.form, index: c.index, range: m.range, captures: caps))
            }
        }
        all.sort { ($0.range.lowerBound, $0.index) < ($1.range.lowerBound, $1.index) }
        // Overlaps are resolved within a family: requirements, periods and vague words may share text.
        var kept: [Hit] = []
        for h in all where !kept.contains(where: { Drafter.family($0.form.effect) == Drafter.family(h.form.effect) && $0.range.overlaps(h.range) }) {
            kept.append(h)
        }
        let cuts = s.indices.filter { "，,：:".contains(s[$0]) }
        for i in kept.indices { kept[i].segment = cuts.filter { $0 < kept[i].range.lowerBound }.count }
        return kept
    }

    static func family(_ e: DraftForm.Effect) -> Int {
        switch e {
        case .period, .halves: return 1
        case .vague: return 2
        default: return 0
        }
    }

    /// The segments (parts between commas) of a sentence, as ranges.
    static func segments(_ s: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var start = s.startIndex
        for i in s.indices where "，,：:".contains(s[i]) {
            out.append(start..<i); start = s.index(after: i)
        }
        out.append(start..<s.endIndex)
        return out
    }

    /// The longest sentence analysed, in characters: real ones are under 300; a longer "sentence" is
    /// not prose (a table pasted as text, a document without punctuation) and is listed, not analysed.
    public static let maxSentence = 1000

    /// The rules of one sentence, and the sentence itself when part of it cannot be expressed.
    func draft(sentence s: String, clause: String, halvesInParagraph: Bool = false) -> ([DraftRule], Unexpressible?) {
        if s.count > Drafter.maxSentence {
            return ([], Unexpressible(clause: clause, sentence: s, reasons: [Messages.text("draft.tooLong", .zh, Drafter.maxSentence)]))
        }
        let hits = hits(s, halvesInParagraph: halvesInParagraph)
        let segs = Drafter.segments(s)
        let reqs = hits.filter { Drafter.family($0.form.effect) == 0 }
        let periods = hits.filter { Drafter.family($0.form.effect) == 1 }
        var rules: [DraftRule] = []
        var consumed = Set<Int>()         // indices into reqs used by a deadline or a date
        var usedPeriods = Set<Int>()      // indices into periods that a count or sum took

        func number(_ h: Hit) -> Int? { h.captures.first.flatMap { ChineseNumber.parse($0) } }
        func isCount(_ h: Hit) -> Bool {
            switch h.form.effect { case .count, .countPer, .bareCount: return true; default: return false }
        }
        func period(for h: Hit) -> (PeriodKind, Int)? {
            if case .countPer(let p) = h.form.effect { return (p, -1) }
            var best: (PeriodKind, Int)? = nil
            for (i, p) in periods.enumerated() where p.segment <= h.segment {
                if case .period(let k) = p.form.effect { best = (k, i) }
                if case .halves = p.form.effect { best = (.half, i) }
            }
            return best
        }
        // What the whole sentence names, looked up once (a sentence can hold hundreds of hits).
        let sentenceType = typeIn(s[...], last: false)
        let sentenceScope = scopeIn(s[...])
        func base(_ h: Hit, checker: String) -> DraftRule {
            var r = DraftRule(checker: checker, types: findType(s, hit: h, among: reqs, sentenceType: sentenceType),
                              threshold: .sure("1"), period: .sure(""), scope: findScope(s, hit: h, segs: segs, sentenceScope: sentenceScope))
            r.clause = clause; r.source = s; r.form = h.form.name
            r.position = s.utf8.distance(from: s.startIndex, to: h.range.lowerBound)
            r.title = title(s, segs: segs, segment: h.segment)
            return r
        }

        // Deadlines and dates take the counts of their own part of the sentence.
        for h in reqs {
            var r: DraftRule
            switch h.form.effect {
            case .deadline(let md): r = base(h, checker: "deadline"); r.deadline = md
            case .deadlineDate:
                guard let m = ChineseNumber.parse(h.captures[0]), let d = ChineseNumber.parse(h.captures[1]),
                      let md = MonthDay.parse("\(m)-\(d)") else { continue }
                r = base(h, checker: "deadline"); r.deadline = md.description
            case .deadlineMonthEnd:
                guard let m = ChineseNumber.parse(h.captures[0]), (1...12).contains(m) else { continue }
                r = base(h, checker: "deadline"); r.deadline = MonthDay.parse("\(m)-\(Day.daysIn(month: m, year: 2021))")!.description
            case .day:
                guard let m = ChineseNumber.parse(h.captures[0]), let d = ChineseNumber.parse(h.captures[1]),
                      let md = MonthDay.parse("\(m)-\(d)") else { continue }
                r = base(h, checker: "windows")
                if r.types.value.isEmpty { continue }   // a date alone, naming no activity, is not a requirement
                r.windows = "\(m)月\(d)日:\(md)..\(md)"
            default: continue
            }
            if let (i, c) = reqs.enumerated().first(where: { isCount($0.element) && $0.element.segment == h.segment && !consumed.contains($0.offset) }),
               let n = number(c) {
                consumed.insert(i); r.threshold = .sure(String(n))
            }
            rules.append(r)
        }
        for (i, h) in reqs.enumerated() where !consumed.contains(i) {
            switch h.form.effect {
            case .count, .countPer, .bareCount, .sum:
                // A number that is not a count a plan can hold (不少于99999999999999999999次, 零次) is
                // not dropped in silence: the rule is drafted with the number as written, to confirm.
                let n = number(h).flatMap { Limits.threshold.contains($0) ? $0 : nil }
                guard n != nil || !(h.captures.first ?? "").isEmpty else { continue }
                let p = period(for: h)
                if h.form.effect == .bareCount && p == nil { continue }
                if let p, p.1 >= 0 { usedPeriods.insert(p.1) }
                var r = base(h, checker: h.form.effect == .sum ? "sum" : "count")
                r.threshold = n.map { .sure(String($0)) } ?? .toConfirm(h.captures.first ?? "")
                r.period = p.map { .sure($0.0.rawValue) } ?? .toConfirm(PeriodKind.year.rawValue)
                if h.form.effect == .sum { r.field = "participants" }
                rules.append(r)
            case .windows(let w):
                var r = base(h, checker: "windows"); r.windows = w
                rules.append(r)
            case .coverage:
                var r = base(h, checker: "coverage"); r.targetKind = h.captures.last ?? ""
                rules.append(r)
            case .annualMeetings(let names):
                let text = s[h.range]
                var from = text.startIndex
                var found: [(Range<String.Index>, String)] = []
                while from < text.endIndex {
                    let next = names.compactMap { n in text[from...].range(of: n).map { ($0, n) } }.min { $0.0.lowerBound < $1.0.lowerBound }
                    guard let (r, n) = next else { break }
                    found.append((r, n)); from = r.upperBound
                }
                var prev = h.range.lowerBound
                for (range, name) in found {
                    var r = base(h, checker: "count")
                    r.types = .sure(name)
                    r.threshold = .toConfirm("1")
                    r.period = .sure(PeriodKind.year.rawValue)
                    r.scope = scopeIn(s[prev..<range.lowerBound]) ?? r.scope
                    r.title = String(s[prev..<range.upperBound]).trimmingCharacters(in: "、，开好召开做好")
                    prev = range.upperBound
                    rules.append(r)
                }
            default: continue
            }
        }
        // A period word alone in its part of the sentence: at least once per period.
        for (i, h) in periods.enumerated() where !usedPeriods.contains(i) {
            if reqs.contains(where: { $0.segment == h.segment }) { continue }
            var r = base(h, checker: "count")
            if case .period(let k) = h.form.effect { r.period = .sure(k.rawValue) } else { r.period = .sure(PeriodKind.half.rawValue) }
            rules.append(r)
        }
        // 组织 + a known activity with no number at all: once a year, the threshold to confirm.
        if rules.isEmpty, let h = reqs.first(where: { $0.form.effect == .organise }) {
            let firstSeg = segs[0]
            if let t = typeIn(s[h.range.upperBound..<firstSeg.upperBound], last: false), s[h.range.upperBound...].hasPrefix(t.text) {
                var r = base(h, checker: "count")
                r.types = t.exact ? .sure(t.type) : .toConfirm(t.type)
                r.threshold = .toConfirm("1"); r.period = .sure(PeriodKind.year.rawValue)
                rules.append(r)
            }
        }
        // A yearly count customarily spread over periods: propose that rule too, its period to confirm.
        if !rules.contains(where: { $0.checker == "windows" }) {
            for r in rules where r.checker == "count" && r.period == .sure(PeriodKind.year.rawValue) && r.threshold.confirmed {
                for sp in DraftPatterns.spreads where Int(r.threshold.value) == sp.yearly
                    && !rules.contains(where: { $0.checker == "count" && $0.period.value == sp.period.rawValue }) {
                    var q = r
                    q.threshold = .sure("1"); q.period = .toConfirm(sp.period.rawValue); q.position += 1
                    rules.append(q)
                }
            }
        }
        // Vague words in a part of the sentence that holds no requirement of its own.
        var reasons: [String] = []
        for h in hits {
            guard case .vague(let why) = h.form.effect else { continue }
            if hits.contains(where: { Drafter.family($0.form.effect) != 2 && $0.segment == h.segment && $0.form.effect != .organise }) { continue }
            if !reasons.contains(why) { reasons.append(why) }
        }
        // In the order the sentence states them (a stable sort keeps a proposal after its rule).
        rules = rules.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        return (rules, reasons.isEmpty ? nil : Unexpressible(clause: clause, sentence: s, reasons: reasons))
    }

    /// A short title: the part of the sentence holding the requirement (with the next part when very short).
    func title(_ s: String, segs: [Range<String.Index>], segment: Int) -> String {
        var t = String(s[segs[min(segment, segs.count - 1)]])
        if t.count < 8 && segment + 1 < segs.count { t += "，" + s[segs[segment + 1]] }
        t = t.trimmingCharacters(in: "。；;“”\"")
        return t.count > 40 ? String(t.prefix(40)) + "…" : t
    }

    /// The activity type of a requirement: a type named in its own part of the sentence (after the
    /// phrase, then before it) is proposed as is; another wording, or a type named elsewhere in the
    /// sentence, is proposed to be confirmed.
    func findType(_ s: String, hit h: Hit, among others: [Hit], sentenceType: (type: String, text: String, exact: Bool)?) -> DraftCell {
        let segs = Drafter.segments(s)
        let seg = segs[min(h.segment, segs.count - 1)]
        let nextStart = others.filter { $0.segment == h.segment && $0.range.lowerBound >= h.range.upperBound }.map(\.range.lowerBound).min() ?? seg.upperBound
        let prevEnd = others.filter { $0.segment == h.segment && $0.range.upperBound <= h.range.lowerBound }.map(\.range.upperBound).max() ?? seg.lowerBound
        let after = s[h.range.upperBound..<max(h.range.upperBound, nextStart)]
        let before = s[min(prevEnd, h.range.lowerBound)..<h.range.lowerBound]
        // Named as is next to the requirement: proposed as is; otherwise to be confirmed.
        for (text, last) in [(after, false), (before, true)] {
            if let t = typeIn(text, last: last) { return t.exact ? .sure(t.type) : .toConfirm(t.type) }
        }
        return .toConfirm(sentenceType?.type ?? "")
    }

    /// The first (or last) type named in `text`: exact names, then other wordings.
    func typeIn(_ text: Substring, last: Bool, aliases: Bool = true) -> (type: String, text: String, exact: Bool)? {
        var best: (Range<String.Index>, String, String, Bool)? = nil
        func consider(_ r: Range<String.Index>, _ type: String, _ exact: Bool) {
            guard let b = best else { best = (r, type, String(text[r]), exact); return }
            let better = last ? r.lowerBound > b.0.lowerBound || (r.lowerBound == b.0.lowerBound && r.upperBound > b.0.upperBound)
                              : r.lowerBound < b.0.lowerBound || (r.lowerBound == b.0.lowerBound && r.upperBound > b.0.upperBound)
            if better { best = (r, type, String(text[r]), exact) }
        }
        for t in DraftPatterns.types {
            var from = text.startIndex
            while let r = text[from...].range(of: t) { consider(r, t, true); from = r.upperBound }
        }
        if aliases {
            for (re, t) in typeAliases { for m in text.matches(of: re) where !m.range.isEmpty { consider(m.range, t, false) } }
        }
        return best.map { ($0.1, $0.2, $0.3) }
    }

    /// The scope a requirement names: the leftmost body before it in its own part, else in the sentence.
    func findScope(_ s: String, hit h: Hit, segs: [Range<String.Index>], sentenceScope: DraftCell?) -> DraftCell {
        let seg = segs[min(h.segment, segs.count - 1)]
        return scopeIn(s[seg.lowerBound..<h.range.lowerBound]) ?? sentenceScope ?? .toConfirm()
    }

    func scopeIn(_ text: Substring) -> DraftCell? {
        var i = text.startIndex
        while i < text.endIndex {
            for e in DraftPatterns.scopes where text[i...].hasPrefix(e.phrase) {
                return e.sure ? .sure(e.scope) : .toConfirm(e.scope)
            }
            i = text.index(after: i)
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
