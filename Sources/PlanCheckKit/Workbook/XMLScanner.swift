/// A small, streaming XML scanner for the parts of a workbook (SpreadsheetML): start, end and
/// empty tags with their attributes, and text with the predefined and numeric entities decoded.
///
/// It is not a validating parser: DOCTYPE declarations, comments and processing instructions are
/// skipped (no entity of a DOCTYPE is ever expanded, so no "billion laughs"), CDATA is text. It
/// works on pieces of a document: ``scan(_:_:)`` handles every complete construct and returns how
/// many bytes it used, so the caller keeps the rest and appends the next piece.
struct XMLScanner {
    enum Kind { case start, end, empty, text }

    /// One construct, valid only inside the callback.
    struct Event {
        var kind: Kind
        /// The tag's name (with any prefix), or the text (raw, entities not decoded).
        var name: UnsafeBufferPointer<UInt8>
        /// The attribute bytes of a tag.
        var attributes: UnsafeBufferPointer<UInt8>
        /// Whether `name` is CDATA text (no entities to decode).
        var cdata = false

        /// Whether the name, without any `prefix:`, is `local` (ASCII).
        func `is`(_ local: StaticString) -> Bool {
            var start = 0
            for i in 0..<name.count where name[i] == 0x3A { start = i + 1 }
            let n = name.count - start
            guard n == local.utf8CodeUnitCount else { return false }
            let l = local.utf8Start
            for i in 0..<n where name[start + i] != l[i] { return false }
            return true
        }

        /// The value of attribute `key` (matched on its local name when `key` has no prefix), decoded.
        func attribute(_ key: String) -> String? {
            let k = Array(key.utf8)
            let a = attributes
            var i = 0
            while i < a.count {
                while i < a.count && XMLScanner.isSpace(a[i]) { i += 1 }
                let ns = i
                while i < a.count && a[i] != 0x3D && !XMLScanner.isSpace(a[i]) { i += 1 }
                let ne = i
                while i < a.count && a[i] != 0x22 && a[i] != 0x27 { i += 1 }
                guard i < a.count else { return nil }
                let q = a[i]
                i += 1
                let vs = i
                while i < a.count && a[i] != q { i += 1 }
                let ve = min(i, a.count)
                i += 1
                var nameStart = ns
                if !k.contains(0x3A) { for j in ns..<ne where a[j] == 0x3A { nameStart = j + 1 } }
                if ne - nameStart == k.count && (0..<k.count).allSatisfy({ a[nameStart + $0] == k[$0] }) {
                    return XMLScanner.decode(UnsafeBufferPointer(rebasing: a[vs..<ve]))
                }
            }
            return nil
        }

        /// The text, entities decoded.
        var text: String { cdata ? String(decoding: name, as: UTF8.self) : XMLScanner.decode(name) }
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// Handles the complete constructs of `p` in order; returns the bytes used (the rest is an
    /// unfinished construct, or text that may go on in the next piece). With `final`, trailing
    /// text is handed on too.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, final: Bool = false, _ handle: (Event) throws -> Void) rethrows -> Int {
        let n = p.count
        var i = 0
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        while i < n {
            if p[i] != 0x3C {
                var j = i
                while j < n && p[j] != 0x3C { j += 1 }
                if j == n && !final { return i }
                try handle(Event(kind: .text, name: UnsafeBufferPointer(rebasing: p[i..<j]), attributes: empty))
                i = j
                continue
            }
            // A tag, comment, CDATA section, processing instruction or declaration.
            if i + 1 >= n { return i }
            let c = p[i + 1]
            if c == 0x21 {   // <!
                if starts(p, i, "<!--") {
                    guard let e = find(p, from: i + 4, "-->") else { return i }
                    i = e + 3
                } else if starts(p, i, "<![CDATA[") {
                    guard let e = find(p, from: i + 9, "]]>") else { return i }
                    try handle(Event(kind: .text, name: UnsafeBufferPointer(rebasing: p[(i + 9)..<e]), attributes: empty, cdata: true))
                    i = e + 3
                } else {
                    // <!DOCTYPE …> with an optional [ internal subset ]: skipped, never expanded.
                    var j = i + 2, depth = 0
                    while j < n && !(p[j] == 0x3E && depth == 0) {
                        if p[j] == 0x5B { depth += 1 } else if p[j] == 0x5D { depth -= 1 }
                        j += 1
                    }
                    if j >= n { return i }
                    i = j + 1
                }
                continue
            }
            if c == 0x3F {   // <? … ?>
                guard let e = find(p, from: i + 2, "?>") else { return i }
                i = e + 2
                continue
            }
            // Find the tag's end, skipping quoted attribute values (which may hold '>').
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let b = p[j]
                if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == 0x3E { break }
                j += 1
            }
            if j >= n { return i }
            var kind = Kind.start
            var ns = i + 1
            var te = j
            if p[ns] == 0x2F { kind = .end; ns += 1 }
            if te > ns && p[te - 1] == 0x2F { kind = .empty; te -= 1 }
            var ne = ns
            while ne < te && !isSpace(p[ne]) { ne += 1 }
            try handle(Event(kind: kind, name: UnsafeBufferPointer(rebasing: p[ns..<ne]),
                             attributes: UnsafeBufferPointer(rebasing: p[ne..<te])))
            i = j + 1
        }
        return i
    }

    static func starts(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        for k in 0..<n where p[i + k] != s.utf8Start[k] { return false }
        return true
    }

    static func find(_ p: UnsafeBufferPointer<UInt8>, from: Int, _ s: StaticString) -> Int? {
        var i = from
        while i + s.utf8CodeUnitCount <= p.count {
            if starts(p, i, s) { return i }
            i += 1
        }
        return nil
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;`; anything else is kept as written.
    static func decode(_ b: UnsafeBufferPointer<UInt8>) -> String {
        guard b.contains(0x26) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            guard b[i] == 0x26, let semi = (i + 1..<min(b.count, i + 12)).first(where: { b[$0] == 0x3B }) else {
                out.append(b[i]); i += 1; continue
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<semi]), as: UTF8.self)
            var scalar: UInt32? = nil
            switch name {
            case "amp": scalar = 0x26
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "quot": scalar = 0x22
            case "apos": scalar = 0x27
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") { scalar = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst()) }
            }
            if let s = scalar, let u = Unicode.Scalar(s) {
                out.append(contentsOf: Array(String(Character(u)).utf8))
                i = semi + 1
            } else {
                out.append(b[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Feeds an XML entry of a ZIP archive to ``XMLScanner`` piece by piece: memory stays at one
/// decompressed piece plus one unfinished construct, whatever the entry's size.
///
/// One construct (a tag with its attributes, a comment, a text run) may be at most
/// ``maxConstruct`` bytes: a longer one is damaged or forged XML, and without the bound it would
/// be held whole and rescanned with every piece appended to it (time growing with its square).
struct XMLStream {
    /// The longest tag, comment, CDATA section or text run accepted: 16 MiB (the longest CSV row
    /// too); Excel's longest cell text is 32,767 characters.
    static let maxConstruct = 16 << 20

    static func run(_ zip: ZipArchive, entry: String, maxConstruct: Int = XMLStream.maxConstruct,
                    _ handle: (XMLScanner.Event) throws -> Void) throws -> Bool {
        var pending: [UInt8] = []
        var consumed = 0   // decompressed bytes of the entry before `pending`
        let found = try zip.stream(entry, flushAt: 1 << 20) { piece in
            pending.append(contentsOf: piece)
            let used = try pending.withUnsafeBufferPointer { try XMLScanner.scan($0, handle) }
            pending.removeFirst(used)
            consumed += used
            if pending.count > maxConstruct {
                throw WorkbookError.xmlTooLong(path: zip.path, entry: entry, offset: consumed, limit: maxConstruct)
            }
        }
        if !pending.isEmpty {
            let used = try pending.withUnsafeBufferPointer { try XMLScanner.scan($0, final: true, handle) }
            if used < pending.count { throw WorkbookError.badXML(path: zip.path, entry: entry) }
        }
        return found
    }
}
