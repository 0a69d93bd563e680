#if canImport(Glibc)
import Glibc
#endif

/// A text encoding plancheck can read.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 (with or without BOM).
    case utf8 = "UTF-8"
    /// UTF-16 little endian (Excel's "Unicode text").
    case utf16LE = "UTF-16LE"
    /// UTF-16 big endian.
    case utf16BE = "UTF-16BE"
    /// GB18030, a superset of GBK and GB2312 (Excel on Chinese Windows).
    case gb18030 = "GB18030"

    /// Parses an `--encoding` value (case-insensitive; `gbk`, `gb2312`, `utf8` accepted).
    public static func parse(_ name: String) -> TextEncoding? {
        switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": return .utf8
        case "utf-16le", "utf16le", "utf-16", "utf16": return .utf16LE
        case "utf-16be", "utf16be": return .utf16BE
        case "gb18030", "gbk", "gb2312", "cp936": return .gb18030
        default: return nil
        }
    }
}

/// How an input's encoding was decided, for `inspect` and reports.
public struct EncodingInfo: Equatable, Sendable, CustomStringConvertible {
    /// The encoding used.
    public var encoding: TextEncoding
    /// Whether the input started with a byte order mark.
    public var bom: Bool
    /// `bom`, `override`, `detected` (valid UTF-8 / fell back to GB18030), or `ascii` (no non-ASCII byte).
    public var how: String

    public var description: String {
        encoding.rawValue + (bom ? " with BOM" : "") + " (" + how + ")"
    }

    /// The catalogue ids of the ways an encoding is chosen, by `how`.
    static let howIDs: [String: String] = [
        "BOM": "inspect.how.bom", "--encoding": "inspect.how.option", "--encoding (BOM ignored)": "inspect.how.optionBOMIgnored",
        "detected: NUL bytes at every other position": "inspect.how.nul", "detected: valid UTF-8": "inspect.how.utf8",
        "detected: not UTF-8, read as GB18030": "inspect.how.gb18030", "ASCII only": "inspect.how.ascii", "xlsx": "inspect.how.xlsx",
    ]

    /// The description in `lang` (`inspect`); English is ``description``.
    public func message(_ lang: Lang) -> String {
        let h = EncodingInfo.howIDs[how].map { Messages.text($0, lang) } ?? how
        return Messages.text("inspect.encodingLine", lang, encoding.rawValue, bom ? Messages.text("inspect.withBOM", lang) : "", h)
    }
}

/// Where a stream of bytes comes from: a file opened read-only, or standard input.
public enum InputSource: Equatable, Sendable {
    /// A file path.
    case file(String)
    /// Standard input (`-`).
    case standardInput

    /// The name used in messages.
    public var name: String {
        switch self {
        case .file(let p): return p
        case .standardInput: return "-"
        }
    }
}

/// Reads an input in chunks and hands out its text as UTF-8, whatever its encoding.
///
/// The encoding is decided by a BOM, else by `--encoding`, else by the first chunk holding a
/// non-ASCII byte: valid UTF-8 there means UTF-8, otherwise GB18030. Bytes invalid in the chosen
/// encoding come out as 0xFF (never valid UTF-8) so the row holding them is rejected, not lost.
public final class DecodingReader {
    let source: InputSource
    let override: TextEncoding?
    let chunkSize: Int
    /// The decision, known once the first non-ASCII byte (or the end) has been seen.
    public private(set) var info: EncodingInfo?

    /// Creates a reader; nothing is opened until ``run(_:)``.
    public init(source: InputSource, encoding: TextEncoding? = nil, chunkSize: Int = 1 << 20) {
        self.source = source
        self.override = encoding
        self.chunkSize = max(chunkSize, 16)
    }

    /// Opens the input read-only, or throws a message naming it.
    public static func open(_ source: InputSource) throws -> Int32 {
        switch source {
        case .standardInput: return 0
        case .file(let path):
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw CSVError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
            var st = stat()
            if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw CSVError.cannotRead(path: path, reason: "it is a directory, expected a CSV file")
            }
            return fd
        }
    }

    /// Streams the whole input as UTF-8 chunks to `body`.
    ///
    /// With `target`, once the input is known to be UTF-8 each read goes straight into the buffer
    /// `target` lends (where the caller wants the text anyway) and `body` is handed that buffer's
    /// bytes read, instead of a copy of them: a province's year is 1.3 GB copied once less.
    public func run(into target: (() throws -> UnsafeMutableBufferPointer<UInt8>)? = nil,
                    _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd = try DecodingReader.open(source)
        defer { if fd != 0 { close(fd) } }
        let raw = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize + 8)
        defer { raw.deallocate() }
        var carry = 0          // bytes kept at the front of `raw` (incomplete sequence)
        var first = true
        var converter: Iconv?
        var decidedUTF8 = false
        var bomSkip = 0

        func readRaw(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) throws -> Int {
            while true {
                let r = read(fd, p, n)
                if r >= 0 { return r }
                if errno == EINTR { continue }
                throw CSVError.cannotRead(path: source.name, reason: String(cString: strerror(errno)))
            }
        }
        func readMore(into offset: Int) throws -> Int { try readRaw(raw + offset, chunkSize - offset) }

        while true {
            if decidedUTF8, let target {
                // Nothing is carried over in UTF-8: the rest of the input goes straight to the target.
                while true {
                    let t = try target()
                    guard let p = t.baseAddress, t.count > 0 else { break }
                    let got = try readRaw(p, t.count)
                    if got == 0 { break }
                    try body(UnsafeBufferPointer(start: p, count: got))
                }
                break
            }
            var got = try readMore(into: carry)
            if first {
                // Make sure a BOM is seen whole.
                while got > 0 && carry + got < 4 {
                    let more = try readMore(into: carry + got)
                    if more == 0 { break }
                    got += more
                }
            }
            let total = carry + got
            let eof = got == 0
            if total == 0 { break }
            if first {
                first = false
                if total >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
                    info = EncodingInfo(encoding: .utf8, bom: true, how: "BOM"); bomSkip = 3
                } else if total >= 2 && raw[0] == 0xFF && raw[1] == 0xFE {
                    info = EncodingInfo(encoding: .utf16LE, bom: true, how: "BOM"); bomSkip = 2
                } else if total >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
                    info = EncodingInfo(encoding: .utf16BE, bom: true, how: "BOM"); bomSkip = 2
                } else if let o = override {
                    info = EncodingInfo(encoding: o, bom: false, how: "--encoding")
                } else if let e = DecodingReader.utf16WithoutBOM(UnsafeBufferPointer(start: raw, count: total)) {
                    info = EncodingInfo(encoding: e, bom: false, how: "detected: NUL bytes at every other position")
                }
                if let i = info, i.bom, let o = override, o != i.encoding {
                    info = EncodingInfo(encoding: o, bom: true, how: "--encoding (BOM ignored)")
                }
                if let i = info {
                    if i.encoding == .utf8 { decidedUTF8 = true } else { converter = try Iconv(from: i.encoding, path: source.name) }
                }
            }
            let chunk = UnsafeBufferPointer(start: raw + bomSkip, count: total - bomSkip)
            bomSkip = 0
            if info == nil {
                // Undecided: pass ASCII through; decide at the first non-ASCII byte.
                if let k = chunk.firstIndex(where: { $0 >= 0x80 }) {
                    let rest = UnsafeBufferPointer(rebasing: chunk[k..<min(chunk.count, k + DecodingReader.sampleBytes)])
                    if DecodingReader.looksLikeUTF8(rest) {
                        info = EncodingInfo(encoding: .utf8, bom: false, how: "detected: valid UTF-8")
                        decidedUTF8 = true
                    } else {
                        info = EncodingInfo(encoding: .gb18030, bom: false, how: "detected: not UTF-8, read as GB18030")
                        converter = try Iconv(from: .gb18030, path: source.name)
                    }
                } else {
                    try body(chunk)
                    carry = 0
                    if eof { break }
                    continue
                }
            }
            if decidedUTF8 {
                try body(chunk)
                carry = 0
            } else if let conv = converter {
                let used = try conv.convert(chunk, final: eof, body)
                let left = chunk.count - used
                if left > 0 { memmove(raw, chunk.baseAddress! + used, left) }
                carry = left
                if eof { break }
                continue
            }
            if eof { break }
        }
        if info == nil { info = EncodingInfo(encoding: override ?? .utf8, bom: false, how: override == nil ? "ASCII only" : "--encoding") }
    }
}

extension DecodingReader {
    /// UTF-16 without a byte order mark, told from the first 1,024 bytes: text of plancheck's
    /// inputs has ASCII commas, digits and line ends, which UTF-16 writes with a 0 byte beside
    /// them; when at least one pair in eight has a 0 byte and nine in ten of those are on the same
    /// side, the file is UTF-16 (little-endian when the 0 is second). UTF-8 and GB18030 text has
    /// no 0 bytes; a file of 0 bytes after a header has them on both sides.
    static func utf16WithoutBOM(_ b: UnsafeBufferPointer<UInt8>) -> TextEncoding? {
        let n = min(b.count, 1024) & ~1
        guard n >= 8 else { return nil }
        var even = 0, odd = 0
        var i = 0
        while i < n {
            if b[i] == 0 { even += 1 }
            if b[i + 1] == 0 { odd += 1 }
            i += 2
        }
        let pairs = n / 2
        if odd * 8 >= pairs && even * 10 <= odd { return .utf16LE }
        if even * 8 >= pairs && odd * 10 <= even { return .utf16BE }
        return nil
    }

    /// How much text, from the first non-ASCII byte, decides the encoding. The whole first chunk
    /// (a 20,000-unit roster is one 1 MiB chunk) cost about 50 instructions a character, 52M in
    /// all, for a decision the first thousands of characters already make.
    static let sampleBytes = 1 << 16

    /// Whether a sample is UTF-8: valid multi-byte sequences outnumber invalid bytes at least four
    /// to one. GBK text read as UTF-8 gives about one valid sequence per four invalid bytes, while a UTF-8 export with one
    /// stray byte should stay UTF-8 (and lose only the row holding that byte).
    static func looksLikeUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var valid = 0, invalid = 0
        var i = 0
        let n = b.count
        while i < n {
            if b[i] < 0x80 { i += 1; continue }
            let rest = UnsafeBufferPointer(rebasing: b[i..<min(n, i + 4)])
            if let bad = FieldParsing.firstInvalidUTF8(rest, allowTruncatedTail: true), bad == 0 {
                invalid += 1; i += 1
            } else {
                // One valid sequence starts here; step over it.
                let len = (FieldParsing.utf8Lead(b[i])?.need ?? 0) + 1
                if i + len > n { break }   // truncated tail: undecided bytes, ignore
                valid += 1; i += len
            }
        }
        return valid > 0 && invalid * 4 < valid
    }
}

/// A thin wrapper over Glibc's iconv converting to UTF-8.
final class Iconv {
    let cd: iconv_t
    let unit: Int
    var out: UnsafeMutablePointer<UInt8>
    let outCap: Int

    init(from enc: TextEncoding, path: String) throws {
        let name: String
        switch enc {
        case .utf8: name = "UTF-8"
        case .utf16LE: name = "UTF-16LE"
        case .utf16BE: name = "UTF-16BE"
        case .gb18030: name = "GB18030"
        }
        let c = iconv_open("UTF-8", name)
        if c == iconv_t(bitPattern: -1) {
            throw CSVError.cannotRead(path: path, reason: "this system's iconv cannot convert from \(name)")
        }
        cd = c!
        unit = (enc == .utf16LE || enc == .utf16BE) ? 2 : 1
        outCap = 1 << 21
        out = .allocate(capacity: outCap)
    }

    deinit { iconv_close(cd); out.deallocate() }

    /// Converts as much of `input` as possible; returns the bytes consumed (an incomplete
    /// sequence at the end is left unless `final`).
    func convert(_ input: UnsafeBufferPointer<UInt8>, final: Bool, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        guard let base = input.baseAddress, input.count > 0 else { return 0 }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while inLeft > 0 {
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out).assumingMemoryBound(to: CChar.self)
            var outLeft = outCap
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            let produced = outCap - outLeft
            if produced > 0 { try body(UnsafeBufferPointer(start: out, count: produced)) }
            if r != -1 { break }
            let e = errno
            if e == E2BIG { continue }
            if e == EINVAL && !final { break }   // incomplete sequence: wait for more bytes
            // EILSEQ, or EINVAL at the very end: mark the bad bytes and skip them.
            var marker: UInt8 = 0xFF
            try withUnsafePointer(to: &marker) { try body(UnsafeBufferPointer(start: $0, count: 1)) }
            let skip = min(unit, inLeft)
            inPtr = inPtr! + skip
            inLeft -= skip
            _ = iconv(cd, nil, nil, nil, nil)
        }
        return input.count - inLeft
    }
}
