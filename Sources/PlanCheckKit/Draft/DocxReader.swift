/// Reads the paragraphs of a Word document (`.docx`): `word/document.xml` in the ZIP container,
/// its `w:p` paragraphs made of the `w:t` texts of their `w:r` runs (a word split across runs is
/// joined), `w:tab` as a tab, `w:br` / `w:cr` as a line break (a new paragraph for the draft).
public enum DocxReader {
    /// Reads `path` as a `.docx`.
    public static func read(_ path: String) throws -> PlanDocument {
        let xml = try documentXML(path)
        let doc = PlanDocument(path: path, paragraphs: paragraphs(xml))
        if doc.paragraphs.isEmpty { throw DraftError.noText(path: path) }
        return doc
    }

    /// The paragraphs of a WordprocessingML body, in order (empty ones included).
    public static func paragraphs(_ xml: [UInt8]) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        var inParagraph = false
        var runDepth = 0
        var inText = false
        var i = 0
        let n = xml.count
        func flush() { out.append(decodeEntities(cur)); cur.removeAll(keepingCapacity: true) }
        while i < n {
            let b = xml[i]
            if b != 0x3C {  // '<'
                if inText { cur.append(b) }
                i += 1; continue
            }
            // A tag, a comment, a processing instruction or CDATA.
            if i + 3 < n && xml[i + 1] == 0x21 && xml[i + 2] == 0x2D && xml[i + 3] == 0x2D {  // <!--
                var j = i + 4
                while j + 2 < n && !(xml[j] == 0x2D && xml[j + 1] == 0x2D && xml[j + 2] == 0x3E) { j += 1 }
                i = j + 3; continue
            }
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let c = xml[j]
                if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == 0x3E { break }
                j += 1
            }
            let tag = xml[(i + 1)..<min(j, n)]
            i = j + 1
            var k = tag.startIndex
            let closing = k < tag.endIndex && tag[k] == 0x2F
            if closing { k += 1 }
            var e = k
            while e < tag.endIndex && tag[e] != 0x20 && tag[e] != 0x2F && tag[e] != 0x09 && tag[e] != 0x0A && tag[e] != 0x0D { e += 1 }
            var name = tag[k..<e]
            if let colon = name.firstIndex(of: 0x3A) { name = name[(colon + 1)...] }
            let selfClosing = tag.last == 0x2F
            switch Array(name) {
            case Array("p".utf8):
                if closing { if inParagraph { flush() }; inParagraph = false; runDepth = 0; inText = false }
                else if selfClosing { out.append("") }
                else { if inParagraph { flush() }; inParagraph = true }
            case Array("r".utf8):
                if closing { runDepth = max(0, runDepth - 1); inText = false } else if !selfClosing { runDepth += 1 }
            case Array("t".utf8):
                if closing { inText = false } else if !selfClosing && runDepth > 0 { inText = true }
            case Array("tab".utf8):
                if runDepth > 0 && !closing { cur.append(0x09) }
            case Array("br".utf8), Array("cr".utf8):
                if runDepth > 0 && !closing && inParagraph { flush() }
            default: break
            }
        }
        if inParagraph && !cur.isEmpty { flush() }
        return out
    }

    /// Replaces `&lt; &gt; &amp; &quot; &apos; &#N; &#xH;` in text.
    static func decodeEntities(_ b: [UInt8]) -> String {
        guard b.contains(0x26) else { return String(decoding: b, as: UTF8.self) }
        let s = String(decoding: b, as: UTF8.self)
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let ent = s[s.index(after: i)..<semi]
                var rep: String? = nil
                switch ent {
                case "lt": rep = "<"
                case "gt": rep = ">"
                case "amp": rep = "&"
                case "quot": rep = "\""
                case "apos": rep = "'"
                default:
                    if ent.hasPrefix("#x") || ent.hasPrefix("#X") { rep = UInt32(ent.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
                    else if ent.hasPrefix("#") { rep = UInt32(ent.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
                }
                if let rep { out += rep; i = s.index(after: semi); continue }
            }
            out.append(s[i]); i = s.index(after: i)
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension DocxReader {
    /// The largest document read (`.docx` or text): a plan is tens of kilobytes; this is far above any real one.
    public static let maxFileBytes = 16 << 20

    /// The bytes of `word/document.xml`.
    static func documentXML(_ path: String) throws -> [UInt8] {
        let bytes = try readFile(path)
        do {
            guard ZipArchive.looksLikeZip(bytes) else { throw DraftError.badDocx(path: path, reason: Messages.text("draft.docxNotZip", .zh)) }
            let zip = try ZipArchive(bytes: bytes, path: path)
            guard let xml = try zip.data("word/document.xml") else {
                throw DraftError.badDocx(path: path, reason: Messages.text("draft.docxNoDocument", .zh))
            }
            return xml
        } catch let e as ZipError {
            throw DraftError.badDocx(path: path, reason: e.message(.zh))
        }
    }

    /// The whole file, read-only, at most ``maxFileBytes``.
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd: Int32
        do { fd = try DecodingReader.open(.file(path)) } catch { throw DraftError.unreadable(path: path, reason: "\(error)") }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw DraftError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
            if out.count > maxFileBytes { throw DraftError.unreadable(path: path, reason: Messages.text("draft.tooLargeFile", .zh, maxFileBytes >> 20)) }
        }
        return out
    }
}
