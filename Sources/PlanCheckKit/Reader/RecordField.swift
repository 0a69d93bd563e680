/// The canonical fields of an activity record and the header names that map to them.
public enum RecordField: Int, CaseIterable, Sendable {
    case id, date, org, type, participants, title, lead, target

    /// The canonical (English) name, as written in normalized output.
    public var name: String {
        switch self {
        case .id: return "id"
        case .date: return "date"
        case .org: return "org"
        case .type: return "type"
        case .participants: return "participants"
        case .title: return "title"
        case .lead: return "lead"
        case .target: return "target"
        }
    }

    /// Whether a file must have this column.
    public var isRequired: Bool { self == .date || self == .org || self == .type }

    /// Header names accepted for this field (compared after ``HeaderNames/normalize(_:)``).
    public var aliases: [String] {
        switch self {
        case .date: return ["date", "日期", "活动日期", "时间", "活动时间", "开展时间", "开展日期", "召开时间", "会议时间", "会议日期", "举办时间", "举办日期"]
        case .org: return ["org", "organization", "organisation", "党组织", "组织", "支部", "党支部", "单位", "组织名称", "党组织名称",
                           "支部名称", "党支部名称", "单位名称", "所属支部", "所在支部", "所属党组织", "所在党组织", "党组织全称"]
        case .type: return ["type", "activity", "活动类型", "类型", "类别", "活动形式", "活动类别", "会议类型", "形式", "活动方式"]
        case .participants: return ["participants", "参加人数", "人数", "参与人数", "人次", "参会人数", "出席人数", "实到人数", "到会人数", "参加人次"]
        case .title: return ["title", "主题", "名称", "活动主题", "内容", "标题", "活动内容", "活动名称", "会议主题", "会议内容", "活动标题", "主要内容"]
        case .lead: return ["lead", "负责人", "主讲人", "组织者", "主持人", "讲课人", "授课人", "宣讲人", "活动负责人"]
        case .target: return ["target", "对象", "检查对象", "被检查单位", "被巡察单位", "检查单位", "走访对象"]
        case .id: return ["id", "编号", "序号"]
        }
    }
}

/// Header-name normalization and lookup, shared by the record, plan and roster readers.
public enum HeaderNames {
    /// Trims, drops every white space (ASCII and full-width U+3000) and lowercases ASCII letters.
    public static func normalize(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\u{3000}" || ch == "\u{A0}" || ch == "\r" || ch == "\n" || ch == "\u{FEFF}" { continue }
            if ch.value >= 0x41 && ch.value <= 0x5A { out.unicodeScalars.append(Unicode.Scalar(ch.value + 32)!) } else { out.unicodeScalars.append(ch) }
        }
        return out
    }

    /// The header names of `headers` nearest to `aliases` (sharing the most characters with one
    /// of them, at least two, or one for a one-character name), best first, at most two.
    public static func nearest(_ headers: [String], to aliases: [String]) -> [String] {
        var scored: [(String, Int)] = []
        for h in headers {
            // A header of more than 64 characters is no misspelt column name (and a megabyte-long
            // cell would cost its length times every alias).
            guard h.utf8.count <= 256 else { continue }
            let hn = Array(normalize(h))
            guard !hn.isEmpty, hn.count <= 64 else { continue }
            var best = 0
            for a in aliases {
                var rest = Array(normalize(a))
                var shared = 0
                for c in hn { if let i = rest.firstIndex(of: c) { rest.remove(at: i); shared += 1 } }
                best = max(best, shared)
            }
            if best >= min(2, hn.count) { scored.append((h, best)) }
        }
        return scored.sorted { $0.1 > $1.1 }.prefix(2).map(\.0)
    }

    /// Maps each header to a field using `aliases`; returns the column of each field (first match
    /// wins) and the indexes of columns no field took.
    public static func map<F: Hashable>(_ headers: [String], fields: [F], aliases: (F) -> [String]) -> (columns: [F: Int], unmapped: [Int]) {
        var lookup: [String: F] = [:]
        for f in fields { for a in aliases(f) { lookup[normalize(a)] = f } }
        var columns: [F: Int] = [:]
        var unmapped: [Int] = []
        for (i, h) in headers.enumerated() {
            if let f = lookup[normalize(h)], columns[f] == nil { columns[f] = i } else { unmapped.append(i) }
        }
        return (columns, unmapped)
    }
}
