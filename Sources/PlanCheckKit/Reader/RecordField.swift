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
        case .date: return ["date", "日期", "活动日期", "时间", "活动时间"]
        case .org: return ["org", "organization", "organisation", "党组织", "组织", "支部", "党支部", "单位"]
        case .type: return ["type", "activity", "活动类型", "类型", "类别"]
        case .participants: return ["participants", "参加人数", "人数", "参与人数", "人次"]
        case .title: return ["title", "主题", "名称", "活动主题", "内容"]
        case .lead: return ["lead", "负责人", "主讲人", "组织者", "主持人"]
        case .target: return ["target", "对象", "检查对象", "被检查单位", "被巡察单位"]
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
