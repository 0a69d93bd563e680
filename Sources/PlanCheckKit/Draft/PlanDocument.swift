/// A plan document as paragraphs of text, read from `.txt` (UTF-8 or GB18030) or `.docx`.
public struct PlanDocument: Sendable {
    /// The file read.
    public var path: String
    /// Its paragraphs in order, trimmed, empty ones dropped.
    public var paragraphs: [String]

    /// Creates a document from paragraphs (tests, and the readers below).
    public init(path: String, paragraphs: [String]) {
        self.path = path
        self.paragraphs = paragraphs.map { $0.trimmingDocumentSpace() }.filter { !$0.isEmpty }
    }

    /// Creates a document from plain text: one paragraph a line.
    public init(path: String, text: String) {
        self.init(path: path, paragraphs: text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init))
    }

    /// Reads `path`: `.docx` as WordprocessingML, anything else as text in UTF-8 or GB18030
    /// (decided as for records: a BOM, else UTF-8 if the text is valid UTF-8, else GB18030).
    public static func read(_ path: String) throws -> PlanDocument {
        if path.lowercased().hasSuffix(".docx") { return try DocxReader.read(path) }
        if path.lowercased().hasSuffix(".doc") { throw DraftError.unsupportedFormat(path: path) }
        var bytes: [UInt8] = []
        do {
            try DecodingReader(source: path == "-" ? .standardInput : .file(path)).run {
                bytes.append(contentsOf: $0)
                if bytes.count > DocxReader.maxFileBytes {
                    throw DraftError.unreadable(path: path, reason: Messages.text("draft.tooLargeFile", .zh, DocxReader.maxFileBytes >> 20))
                }
            }
        } catch let e as CSVError {
            throw DraftError.unreadable(path: path, reason: "\(e)")
        }
        let doc = PlanDocument(path: path, text: String(decoding: bytes, as: UTF8.self))
        if doc.paragraphs.isEmpty { throw DraftError.noText(path: path) }
        return doc
    }
}

/// Errors of `plancheck draft`.
public enum DraftError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedMessage {
    /// A format the draft cannot read (`.doc`).
    case unsupportedFormat(path: String)
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The file holds no text.
    case noText(path: String)
    /// The `.docx` is not a Word document this reader understands.
    case badDocx(path: String, reason: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .unsupportedFormat(let p): return Messages.text("draft.unsupported", lang, p)
        case let .unreadable(p, r): return Messages.text("draft.unreadable", lang, p, r)
        case .noText(let p): return Messages.text("draft.noText", lang, p)
        case let .badDocx(p, r): return Messages.text("draft.badDocx", lang, p, r)
        }
    }

    public var description: String { message(.zh) }
}

/// Where a paragraph stands in the document's own numbering: 一、 （一） 1. 一是.
struct ClauseTracker {
    var level1 = ""
    var level2 = ""
    var level3 = ""

    /// The clause of the current paragraph, as Checks/ writes it: `二（一）`, `一.2`, `二.一是`.
    var clause: String {
        var s = level1 + level2
        if !level3.isEmpty { s += (s.isEmpty ? "" : ".") + level3 }
        return s
    }

    static let chineseDigits = Set("一二三四五六七八九十")

    /// Updates the numbering from a paragraph's start; true when the paragraph starts with a number.
    @discardableResult
    mutating func see(_ paragraph: String) -> Bool {
        let c = Array(paragraph.prefix(8))
        var i = 0
        while i < c.count && ClauseTracker.chineseDigits.contains(c[i]) { i += 1 }
        if i > 0 && i <= 3 && i < c.count {
            if c[i] == "、" { level1 = String(c[0..<i]); level2 = ""; level3 = ""; return true }
            if c[i] == "是" { level3 = String(c[0...i]); return true }
        }
        if let open = c.first, open == "（" || open == "(" {
            var j = 1
            while j < c.count && ClauseTracker.chineseDigits.contains(c[j]) { j += 1 }
            if j > 1 && j < c.count && (c[j] == "）" || c[j] == ")") { level2 = "（" + String(c[1..<j]) + "）"; level3 = ""; return true }
        }
        var k = 0
        while k < c.count && c[k].isASCII && c[k].isNumber { k += 1 }
        if k > 0 && k <= 2 && k < c.count && (c[k] == "." || c[k] == "、" || c[k] == "．") {
            level3 = String(c[0..<k])
            return true
        }
        return false
    }
}

extension String {
    /// Trimmed of ASCII and full-width spaces, tabs and line ends.
    func trimmingDocumentSpace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" || $0 == "\r" || $0 == "\n" || $0 == "\u{FEFF}" }
        guard let a = firstIndex(where: { !isSpace($0) }), let b = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[a...b])
    }

    /// The sentences of a paragraph: each ends after 。！？； (and any closing quotes after it).
    func draftSentences() -> [String] {
        var out: [String] = []
        var cur = ""
        var ended = false
        for ch in self {
            if ended && !"”’」』）)".contains(ch) {
                let t = cur.trimmingDocumentSpace(); if !t.isEmpty { out.append(t) }
                cur = ""; ended = false
            }
            cur.append(ch)
            if "。！？；!?;".contains(ch) { ended = true }
        }
        let t = cur.trimmingDocumentSpace(); if !t.isEmpty { out.append(t) }
        return out
    }
}
