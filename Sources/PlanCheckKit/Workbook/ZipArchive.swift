/// Why a ZIP archive (a workbook) could not be read.
public enum ZipError: Error, Equatable, Sendable, LocalizedMessage {
    /// The file does not end with a ZIP end-of-central-directory record, or its directory lies
    /// outside the file: it is cut off (an unfinished copy or download) or not a ZIP archive.
    case truncated(path: String)
    /// A directory entry or local header is malformed.
    case corrupt(path: String, entry: String, detail: String)
    /// An entry is encrypted (a password-protected archive).
    case encrypted(path: String, entry: String)
    /// An entry uses a compression method other than stored (0) or DEFLATE (8).
    case unsupportedMethod(path: String, entry: String, method: Int)
    /// An entry's compressed data is not valid DEFLATE.
    case badData(path: String, entry: String, problem: InflateError)
    /// An entry would decompress to more than the limit, or far more than its compressed size
    /// allows for real data (a ZIP bomb).
    case tooLarge(path: String, entry: String, limit: Int)
    /// An entry's CRC-32 does not match its data.
    case checksum(path: String, entry: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case let .truncated(path):
            return Messages.text("workbook.zipTruncated", lang, path)
        case let .corrupt(path, entry, detail):
            return Messages.text("workbook.zipCorrupt", lang, path, entry, detail)
        case let .encrypted(path, entry):
            return Messages.text("workbook.zipEncrypted", lang, path, entry)
        case let .unsupportedMethod(path, entry, method):
            return Messages.text("workbook.zipMethod", lang, path, entry, method)
        case let .badData(path, entry, problem):
            return Messages.text("workbook.zipBadData", lang, path, entry, problem.message(lang))
        case let .tooLarge(path, entry, limit):
            return Messages.text("workbook.zipTooLarge", lang, path, entry, limit / (1 << 20))
        case let .checksum(path, entry):
            return Messages.text("workbook.zipChecksum", lang, path, entry)
        }
    }
}

/// A read-only ZIP archive held in memory: the central directory, stored and DEFLATE entries,
/// ZIP64 sizes and offsets (as Excel writes them for large workbooks).
///
/// Every entry's output is bounded twice: by ``entryLimit`` and by ``maxRatio`` times its
/// compressed size (above ``ratioFloor``), so a ZIP bomb ends with ``ZipError/tooLarge(path:entry:limit:)``
/// instead of filling memory. Entries are checked against their CRC-32.
public struct ZipArchive: Sendable {
    /// One central-directory entry.
    public struct Entry: Sendable, Equatable {
        /// The entry's name (path inside the archive, `/`-separated).
        public var name: String
        /// 0 stored, 8 DEFLATE.
        public var method: Int
        /// General-purpose flags (bit 0: encrypted).
        public var flags: Int
        /// CRC-32 of the uncompressed data.
        public var crc: UInt32
        public var compressedSize: Int
        public var uncompressedSize: Int
        /// Offset of the entry's local header.
        public var localOffset: Int
    }

    /// The file's path as given (for messages).
    public let path: String
    /// Entries in directory order.
    public let entries: [Entry]
    /// The most bytes one entry may decompress to (default 512 MiB).
    public var entryLimit = 512 << 20
    /// The largest decompressed/compressed ratio accepted once an entry passes ``ratioFloor``.
    public var maxRatio = 200
    /// Output size up to which any ratio is accepted (default 16 MiB).
    public var ratioFloor = 16 << 20

    private let bytes: [UInt8]
    private let index: [String: Int]

    /// The entry names in directory order.
    public var entryNames: [String] { entries.map(\.name) }

    /// Whether `bytes` start like a ZIP archive (a local header or an empty archive).
    public static func looksLikeZip(_ bytes: some Collection<UInt8>) -> Bool {
        let p = Array(bytes.prefix(4))
        return p == [0x50, 0x4B, 0x03, 0x04] || p == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Reads the central directory of `bytes` (the whole archive).
    public init(bytes: [UInt8], path: String) throws {
        self.bytes = bytes
        self.path = path
        let n = bytes.count
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        func u64(_ o: Int) -> Int { let v = UInt64(u32(o)) | UInt64(u32(o + 4)) << 32; return v > UInt64(Int.max) ? Int.max : Int(v) }

        // End of central directory: the last signature within the last 64 KiB + 22 bytes.
        guard n >= 22 else { throw ZipError.truncated(path: path) }
        var eocd = -1
        var o = n - 22
        let stop = max(0, n - 22 - 65_535)
        while o >= stop {
            if bytes[o] == 0x50, bytes[o + 1] == 0x4B, bytes[o + 2] == 0x05, bytes[o + 3] == 0x06 { eocd = o; break }
            o -= 1
        }
        guard eocd >= 0 else { throw ZipError.truncated(path: path) }
        var count = u16(eocd + 10)
        var cdSize = u32(eocd + 12)
        var cdOffset = u32(eocd + 16)
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the EOCD points at the ZIP64 end record.
            let loc = eocd - 20
            guard loc >= 0, u32(loc) == 0x0706_4B50 else { throw ZipError.corrupt(path: path, entry: "", detail: "ZIP64 locator missing") }
            let rec = u64(loc + 8)
            guard rec <= n - 56, u32(rec) == 0x0606_4B50 else { throw ZipError.truncated(path: path) }
            count = u64(rec + 32); cdSize = u64(rec + 40); cdOffset = u64(rec + 48)
        }
        guard cdOffset <= n, cdSize <= n - cdOffset else { throw ZipError.truncated(path: path) }

        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var p = cdOffset
        let end = cdOffset + cdSize
        for _ in 0..<min(count, cdSize / 46 + 1) {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
                throw ZipError.corrupt(path: path, entry: "", detail: "central directory entry \(entries.count + 1)")
            }
            let nameLen = u16(p + 28), extraLen = u16(p + 30), commentLen = u16(p + 32)
            guard p + 46 + nameLen + extraLen + commentLen <= end else { throw ZipError.truncated(path: path) }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            var e = Entry(name: name, method: u16(p + 10), flags: u16(p + 8), crc: UInt32(u32(p + 16)),
                          compressedSize: u32(p + 20), uncompressedSize: u32(p + 24), localOffset: u32(p + 42))
            // ZIP64 extended information: only the fields that are 0xFFFFFFFF above, in this order.
            var x = p + 46 + nameLen
            let xEnd = x + extraLen
            while x + 4 <= xEnd {
                let id = u16(x), size = u16(x + 2)
                if id == 0x0001 {
                    var f = x + 4
                    if e.uncompressedSize == 0xFFFF_FFFF, f + 8 <= xEnd { e.uncompressedSize = u64(f); f += 8 }
                    if e.compressedSize == 0xFFFF_FFFF, f + 8 <= xEnd { e.compressedSize = u64(f); f += 8 }
                    if e.localOffset == 0xFFFF_FFFF, f + 8 <= xEnd { e.localOffset = u64(f); f += 8 }
                }
                x += 4 + size
            }
            if index[name] == nil { index[name] = entries.count }
            entries.append(e)
            p += 46 + nameLen + extraLen + commentLen
        }
        self.entries = entries
        self.index = index
    }

    /// The entry named `name`, if the archive has one.
    public func entry(_ name: String) -> Entry? { index[name].map { entries[$0] } }

    /// The decompressed data of the entry `name` (nil when there is none), bounded and checked.
    public func data(_ name: String) throws -> [UInt8]? {
        guard let e = entry(name) else { return nil }
        var out: [UInt8] = []
        // The declared size is the file's word, not a fact: reserve no more than the data can
        // make at the accepted ratio (a lying directory cannot reserve 512 MiB).
        let plausible = e.compressedSize > Int.max / maxRatio ? Int.max : max(e.compressedSize * maxRatio, 1 << 16)
        out.reserveCapacity(min(e.uncompressedSize, entryLimit, plausible))
        try stream(e, flushAt: Int.max) { out.append(contentsOf: $0) }
        return out
    }

    /// Decompresses the entry `name` in pieces (memory about `flushAt` + 32 KiB); false when absent.
    @discardableResult
    public func stream(_ name: String, flushAt: Int = 1 << 20, chunk: (ArraySlice<UInt8>) throws -> Void) throws -> Bool {
        guard let e = entry(name) else { return false }
        try stream(e, flushAt: flushAt, chunk: chunk)
        return true
    }

    func stream(_ e: Entry, flushAt: Int, chunk: (ArraySlice<UInt8>) throws -> Void) throws {
        if e.flags & 1 != 0 { throw ZipError.encrypted(path: path, entry: e.name) }
        let o = e.localOffset
        guard o <= bytes.count - 30 else { throw ZipError.truncated(path: path) }
        guard bytes[o] == 0x50, bytes[o + 1] == 0x4B, bytes[o + 2] == 0x03, bytes[o + 3] == 0x04 else {
            throw ZipError.corrupt(path: path, entry: e.name, detail: "local header")
        }
        let nameLen = Int(bytes[o + 26]) | Int(bytes[o + 27]) << 8
        let extraLen = Int(bytes[o + 28]) | Int(bytes[o + 29]) << 8
        let start = o + 30 + nameLen + extraLen
        guard start <= bytes.count, e.compressedSize <= bytes.count - start else { throw ZipError.truncated(path: path) }
        let ratioCap = e.compressedSize > Int.max / maxRatio ? Int.max : e.compressedSize * maxRatio
        let limit = min(entryLimit, max(ratioFloor, ratioCap))
        if e.uncompressedSize > limit { throw ZipError.tooLarge(path: path, entry: e.name, limit: limit) }
        var crc = CRC32()
        var total = 0
        let body = Array(bytes[start..<(start + e.compressedSize)])
        switch e.method {
        case 0:
            crc.update(body[...])
            total = body.count
            try chunk(body[...])
        case 8:
            do {
                total = try Inflate.stream(body, limit: limit, flushAt: flushAt) { piece in
                    crc.update(piece)
                    try chunk(piece)
                }
            } catch let error as InflateError {
                if case .tooLarge = error { throw ZipError.tooLarge(path: path, entry: e.name, limit: limit) }
                throw ZipError.badData(path: path, entry: e.name, problem: error)
            }
        default:
            throw ZipError.unsupportedMethod(path: path, entry: e.name, method: e.method)
        }
        if total != e.uncompressedSize {
            throw ZipError.badData(path: path, entry: e.name,
                                   problem: .sizeMismatch(expected: e.uncompressedSize, actual: total))
        }
        if crc.value != e.crc { throw ZipError.checksum(path: path, entry: e.name) }
    }
}

/// CRC-32 (IEEE 802.3, as ZIP uses it).
public struct CRC32: Sendable {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    private var state: UInt32 = 0xFFFF_FFFF
    /// A CRC of no bytes.
    public init() {}
    /// Adds `bytes`.
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        var c = state
        let t = CRC32.table
        for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        state = c
    }
    /// The CRC of the bytes so far.
    public var value: UInt32 { state ^ 0xFFFF_FFFF }
}
