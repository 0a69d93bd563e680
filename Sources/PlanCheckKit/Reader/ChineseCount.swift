extension FieldParsing {
    /// A count written in Chinese numerals (十八, 二十三人, 一百二十人次), through ``ChineseNumber/parse(_:)``;
    /// nil when the cell is not one.
    static func chineseCount(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var s = Substring(String(decoding: b, as: UTF8.self))
        if s.hasSuffix("人次") { s = s.dropLast(2) } else if s.hasSuffix("人") { s = s.dropLast() }
        guard !s.isEmpty, let v = ChineseNumber.parse(s), v >= 0 else { return nil }
        return v
    }
}

extension FieldParsing {
    /// A date written as records write it (2022/12/31, 2022年12月31日, 20221231 …); nil otherwise.
    static func day(_ s: String) -> Day? {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { b -> Day? in
            if case .day(let d) = parseDate(trim(UnsafeBufferPointer(b))) { return d }
            return nil
        }
    }
}
