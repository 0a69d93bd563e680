/// `quality`: always on. Flags duplicates, dates outside the year or after as-of, units not in
/// the roster, and activity types no rule counts.
public final class QualityChecker: Checker {
    public static let identifier = "quality"
    public static let summary = "Always on: duplicate records, dates outside the year, dates after as-of, units not in the roster, types no rule counts."
    public static let requiredColumns: [PlanColumn] = []
    public static let seesEveryRecord = true
    public static let examples: [CheckerExample] = [
        CheckerExample(
            summary: "The same date, org, type and title twice is a duplicate; a unit missing from the roster is flagged.",
            rule: [:],
            records: """
            date,org,type,participants,title,lead,target
            2022-05-02,甲支部,主题党日,10,五月主题党日,,
            2022-05-02,甲支部,主题党日,10,五月主题党日,,
            2022-06-01,无名支部,主题党日,10,六月主题党日,,
            """,
            asOf: "2022-12-31",
            expected: ["甲支部||2022|1|warning", "无名支部||2022|1|warning"],
            units: ["甲支部|社区党支部"]),
    ]

    enum Kind: Int, CaseIterable {
        case duplicate, outsideYear, afterAsOf, unknownUnit, uncountedType
        var title: String {
            switch self {
            case .duplicate: return "重复记录"
            case .outsideYear: return "日期不在检查年度内"
            case .afterAsOf: return "日期晚于检查日"
            case .unknownUnit: return "单位不在花名册中"
            case .uncountedType: return "活动类型未被任何规则计入"
            }
        }
    }

    struct Key: Hashable { var kind: Int; var org: Int; var type: String }
    struct Tally { var count = 0; var evidence: [String] = []; var order = 0 }

    let context: CheckContext
    var seen = Set<UInt64>()
    var tallies: [Key: Tally] = [:]
    var uncounted: [String: Int] = [:]

    public init(rule: Rule, context: CheckContext) { self.context = context }

    func note(_ kind: Kind, org: Int, type: String = "", _ r: MatchedRecord) {
        let key = Key(kind: kind.rawValue, org: org, type: type)
        var t = tallies[key] ?? Tally(order: tallies.count)
        t.count += 1
        if kind != .uncountedType && t.evidence.count < max(context.evidenceCap, 1) {
            let f = r.view.fileIndex < context.fileNames.count ? context.fileNames[r.view.fileIndex] : "?"
            t.evidence.append("\(f):\(r.view.line)")
        }
        tallies[key] = t
    }

    public func observe(_ r: MatchedRecord) {
        if r.date.year != context.year { note(.outsideYear, org: r.org, r) }
        else if r.date > context.asOf { note(.afterAsOf, org: r.org, r) }
        if context.hasRoster && !context.inRoster(r.org) { note(.unknownUnit, org: r.org, r) }
        if !r.typeCounted { note(.uncountedType, org: -1, r); uncounted[r.view.string(.type), default: 0] += 1 }
        // Duplicate: same date, org, type and title.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ b: UnsafeBufferPointer<UInt8>) {
            for c in b { h = (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        var d = r.date.ordinal, o = Int32(r.org)
        withUnsafeBytes(of: &d) { mix(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 4)) }
        withUnsafeBytes(of: &o) { mix(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 4)) }
        mix(r.view.bytes(.type))
        mix(r.view.bytes(.title))
        if !seen.insert(h).inserted { note(.duplicate, org: r.org, r) }
    }

    public func findings() -> [Finding] {
        let y = String(context.year)
        return tallies.sorted { $0.value.order < $1.value.order }.map { key, t in
            let kind = Kind(rawValue: key.kind)!
            let org = key.org >= 0 ? context.unitName(key.org) : "*"
            let detail: String
            switch kind {
            case .duplicate: detail = "\(t.count) 条记录与前面的记录日期、单位、类型、主题完全相同"
            case .outsideYear: detail = "\(t.count) 条记录的日期不在 \(y) 年，未计入"
            case .afterAsOf: detail = "\(t.count) 条记录的日期晚于检查日 \(context.asOf.iso)，未计入"
            case .unknownUnit: detail = "单位“\(org)”不在花名册中（\(t.count) 条记录）"
            case .uncountedType:
                let list = uncounted.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                detail = "\(list.count) 种活动类型没有规则计入（共 \(t.count) 条记录）：" + list.map { "\($0.key) \($0.value)" }.joined(separator: "、")
            }
            return Finding(rule: "quality", title: kind.title, checker: QualityChecker.identifier, org: org, period: y,
                           start: context.yearStart, end: context.yearEnd, required: 0, actual: t.count, status: .warning,
                           due: context.yearEnd, measure: "条", evidence: t.evidence, evidenceCount: t.count, note: detail)
        }
    }
}
