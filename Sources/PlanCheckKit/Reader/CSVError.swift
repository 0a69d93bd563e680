/// Errors that stop reading an input: the file cannot be used at all.
///
/// Row-level problems are not errors: they become ``Rejection``s and reading goes on.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedMessage {
    /// The input could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// A directory was given where a file was expected (and it holds no `.csv` files).
    case noCSVInDirectory(path: String)
    /// The input has no bytes, or only blank lines: there is no header.
    case empty(path: String)
    /// A required column is missing from the header.
    case missingColumns(path: String, line: Int, missing: [String], found: [String], accepted: [String])
    /// A quoted field is never closed before the end of the input.
    case unterminatedQuote(path: String, line: Int, column: Int)
    /// A single row (header or record) is larger than the row size limit.
    case rowTooLarge(path: String, line: Int, column: Int, limit: Int, inQuotes: Bool)
    /// A row has more fields than the column limit.
    case tooManyColumns(path: String, line: Int, count: Int, limit: Int)
    /// `--encoding` named an encoding plancheck does not read.
    case unknownEncoding(name: String)
    /// `--delimiter` was not a single ASCII character.
    case badDelimiter(value: String)
    /// The header could not be decoded in the file's encoding.
    case undecodableHeader(path: String, line: Int, column: Int, encoding: String)

    /// The message in English (logs, tests).
    public var description: String { message(.en) }

    /// The message in `lang`, with its `file:line:column:` prefix where it has one.
    public func message(_ lang: Lang) -> String {
        switch self {
        case let .cannotRead(path, reason):
            return Messages.text("csv.cannotRead", lang, path, reason)
        case let .noCSVInDirectory(path):
            return Messages.text("csv.noCSVInDirectory", lang, path)
        case let .empty(path):
            return Messages.text("csv.empty", lang, path)
        case let .missingColumns(path, line, missing, found, accepted):
            return Messages.text("csv.missingColumns", lang, path, line, missing.joined(separator: ", "),
                                 found.isEmpty ? Messages.text("csv.nothing", lang) : found.joined(separator: ", "), accepted.joined(separator: "; "))
        case let .unterminatedQuote(path, line, column):
            return Messages.text("csv.unterminatedQuote", lang, path, line, column)
        case let .rowTooLarge(path, line, column, limit, inQuotes):
            return Messages.text(inQuotes ? "csv.rowTooLargeInQuotes" : "csv.rowTooLarge", lang, path, line, column, limit)
        case let .tooManyColumns(path, line, count, limit):
            return Messages.text("csv.tooManyColumns", lang, path, line, count, limit)
        case let .unknownEncoding(name):
            return Messages.text("csv.unknownEncoding", lang, name)
        case let .badDelimiter(value):
            return Messages.text("csv.badDelimiter", lang, value)
        case let .undecodableHeader(path, line, column, encoding):
            return Messages.text("csv.undecodableHeader", lang, path, line, column, encoding)
        }
    }
}

/// A row that could not become a record, kept with where it is and why.
///
/// Rows are rejected on the reader's worker threads, before anyone knows which language the report
/// is in: a rejection keeps its kind and the words of its reason (``args``), and says itself in a
/// language when a report is written (``message(_:)``).
public struct Rejection: Equatable, Sendable, LocalizedMessage {
    /// The input's path as given (or `-` for standard input).
    public var file: String
    /// Physical line where the row starts (1-based).
    public var line: Int
    /// Field number (1-based) the problem is in, or 0 for the whole row.
    public var column: Int
    /// Short reason category, a stable English code used for counting ("impossible date",
    /// "wrong field count" …; ``kindLabel(_:_:)`` says it for people).
    public var kind: String
    /// Catalogue id of the reason, or nil when ``reason`` is the only text.
    public var messageID: String?
    /// The reason's arguments (a field is written `field:date` and said in the report's language).
    public var args: [String]
    /// The unit the row names, if the row has that cell ("" otherwise).
    public var org: String = ""
    /// The reason in English (logs, JSON of older versions).
    public var reason: String { message(.en) }
    private var text: String

    /// Creates a rejection with a reason already in words.
    public init(file: String, line: Int, column: Int, kind: String, reason: String) {
        self.file = file; self.line = line; self.column = column; self.kind = kind
        messageID = nil; args = []; text = reason
    }

    /// Creates a rejection whose reason is catalogue message `id` with `args`.
    public init(file: String, line: Int, column: Int, kind: String, id: String, args: [String]) {
        self.file = file; self.line = line; self.column = column; self.kind = kind
        messageID = id; self.args = args; text = ""
    }

    /// `file:line:column`.
    public var location: String { "\(file):\(line):\(column)" }

    /// The reason in `lang` (without the location).
    public func message(_ lang: Lang) -> String {
        guard let id = messageID else { return text }
        var said = args.map { a in a.hasPrefix("field:") ? Rejection.fieldLabel(String(a.dropFirst(6)), lang) : a }
        // A cell's column is named by the file's own header: in Chinese, with the field's name when the
        // header does not say it (an English app export's `date` → date（日期）).
        if let field = Rejection.fieldOfColumn[id], !said.isEmpty { said[0] = Rejection.columnLabel(said[0], field: field, lang) }
        // A column headed 日期 is not said twice (日期（日期）为空).
        if id == "reader.missingField", said.count == 2, said[0] == said[1] { return Messages.format("reader.missingFieldNamed", lang, said) }
        return Messages.format(id, lang, said)
    }

    /// The field whose column the first argument of these messages names.
    static let fieldOfColumn = ["reader.impossibleDate": "date", "reader.impossibleTime": "date", "reader.unrecognizedDate": "date",
                                "reader.badParticipants": "participants", "cells.badParticipants": "participants"]

    /// A column as the file heads it, for people: the header itself when it says the field
    /// (日期, 活动日期), else the header with the field's name (date（日期）); English keeps the header.
    public static func columnLabel(_ header: String, field: String, _ lang: Lang) -> String {
        let word = fieldLabel(field, lang)
        if lang == .en || header.contains(word) { return header }
        return Messages.text("reader.column", lang, word, header)
    }

    /// A record field's name for people (日期, 单位 …).
    public static func fieldLabel(_ field: String, _ lang: Lang) -> String {
        switch field {
        case "date": return Messages.text("reader.field.date", lang)
        case "org": return Messages.text("reader.field.org", lang)
        case "type": return Messages.text("reader.field.type", lang)
        case "participants": return Messages.text("reader.field.participants", lang)
        case "title": return Messages.text("reader.field.title", lang)
        case "lead": return Messages.text("reader.field.lead", lang)
        case "target": return Messages.text("reader.field.target", lang)
        case "id": return Messages.text("reader.field.id", lang)
        default: return field
        }
    }

    /// A rejection kind (the English code counted in reports) in `lang`.
    public static func kindLabel(_ kind: String, _ lang: Lang) -> String {
        switch kind {
        case "wrong field count": return Messages.text("reader.kind.wrongFieldCount", lang)
        case "invalid text": return Messages.text("reader.kind.invalidText", lang)
        case "NUL byte": return Messages.text("reader.kind.nulByte", lang)
        case "missing date": return Messages.text("reader.kind.missingDate", lang)
        case "missing org": return Messages.text("reader.kind.missingOrg", lang)
        case "missing type": return Messages.text("reader.kind.missingType", lang)
        case "impossible date": return Messages.text("reader.kind.impossibleDate", lang)
        case "unrecognized date": return Messages.text("reader.kind.unrecognizedDate", lang)
        case "bad participants": return Messages.text("reader.kind.badParticipants", lang)
        case "reserved org": return Messages.text("limits.kind.reservedOrg", lang)
        default: return kind
        }
    }
}
