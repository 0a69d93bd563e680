/// A minimal JSON value and writer with stable key order (for golden files).
public indirect enum JSONValue: Sendable, Equatable {
    case string(String), int(Int), bool(Bool), null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// Pretty-printed JSON text with two-space indentation.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        let pad1 = String(repeating: "  ", count: indent + 1)
        switch self {
        case .string(let s): return JSONValue.quote(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let a):
            if a.isEmpty { return "[]" }
            if a.allSatisfy({ if case .string = $0 { return true }; if case .int = $0 { return true }; return false }) {
                return "[" + a.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + a.map { pad1 + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            return "{\n" + o.map { pad1 + JSONValue.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "}"
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters, U+2028 and U+2029 as
    /// `\uXXXX` (`\n`, `\r`, `\t` for those three), `<` as `\u003c` (safe to embed in HTML).
    /// Works on the UTF-8 bytes (everything escaped is one ASCII byte, or the three bytes of U+2028
    /// and U+2029): appending scalar by scalar to a `String` was most of a JSON report's time
    /// (1.4 million findings took 16 s).
    public static func quote(_ s: String) -> String {
        // Most texts (names, periods, days, numbers as text) need nothing escaped.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 }) { return "\"" + s + "\"" }
        let b = Array(s.utf8)
        var out: [UInt8] = [0x22]
        out.reserveCapacity(b.count + 8)
        let hex = JSONValue.hexDigits
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x3C: out += Array("\\u003c".utf8)
            case 0..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                out += Array((b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                i += 3
                continue
            default: out.append(c)
            }
            i += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
}
