/// Errors that stop reading an input: the file cannot be used at all.
///
/// Row-level problems are not errors: they become ``Rejection``s and reading goes on.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
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

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .noCSVInDirectory(path):
            return "\(path): is a directory with no .csv files in it; give a CSV file or a directory of them"
        case let .empty(path):
            return "\(path): is empty: expected a header line naming the columns (date, org, type …)"
        case let .missingColumns(path, line, missing, found, accepted):
            return "\(path):\(line):1: missing required column \(missing.joined(separator: ", ")); "
                + "the header has: \(found.isEmpty ? "(nothing)" : found.joined(separator: ", ")); "
                + "accepted names: \(accepted.joined(separator: "; "))"
        case let .unterminatedQuote(path, line, column):
            return "\(path):\(line):\(column): a quoted field starts here and is never closed; expected a closing \" before the end of the file"
        case let .rowTooLarge(path, line, column, limit, inQuotes):
            return "\(path):\(line):\(column): the row starting here is larger than \(limit) bytes"
                + (inQuotes ? " (inside a quoted field: probably a missing closing \")" : " (a line with no line break?)")
                + "; raise --max-row-bytes if this is real"
        case let .tooManyColumns(path, line, count, limit):
            return "\(path):\(line):1: the row has \(count) or more columns, more than the limit of \(limit); raise --max-columns if this is real"
        case let .unknownEncoding(name):
            return "unknown encoding '\(name)'; expected one of: utf-8, utf-16le, utf-16be, gb18030 (gbk)"
        case let .badDelimiter(value):
            return "bad delimiter '\(value)'; expected one character such as , or ; or \\t (tab)"
        case let .undecodableHeader(path, line, column, encoding):
            return "\(path):\(line):\(column): the header is not valid \(encoding); give --encoding if the file is in another encoding"
        }
    }
}

/// A row that could not become a record, kept with where it is and why.
public struct Rejection: Equatable, Sendable {
    /// The input's path as given (or `-` for standard input).
    public var file: String
    /// Physical line where the row starts (1-based).
    public var line: Int
    /// Field number (1-based) the problem is in, or 0 for the whole row.
    public var column: Int
    /// Short reason category, used for counting ("impossible date", "wrong field count" …).
    public var kind: String
    /// The full reason a clerk can act on.
    public var reason: String

    /// Creates a rejection.
    public init(file: String, line: Int, column: Int, kind: String, reason: String) {
        self.file = file; self.line = line; self.column = column; self.kind = kind; self.reason = reason
    }

    /// `file:line:column: reason`.
    public var location: String { "\(file):\(line):\(column)" }
}
