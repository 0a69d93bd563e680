// Shared by both fuzz harnesses. Compiled with swiftc together with Sources/PlanCheckKit into one
// module (see Fuzz/run.sh), so internal API is visible. Not part of the SwiftPM package.
#if canImport(Glibc)
import Glibc
#endif

/// Scratch files in /dev/shm (memory-backed): the readers take paths, not byte buffers, and going
/// through a real file exercises the same open/read/iconv path as the command line.
enum FuzzFile {
    nonisolated(unsafe) static var paths: [String: String] = [:]

    /// Writes `bytes` to the scratch file `name` (truncating it) and returns its path.
    static func write(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let path: String
        if let p = paths[name] { path = p } else {
            let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
            path = "\(dir)/plancheck-fuzz-\(getpid())-\(name)"
            paths[name] = path
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { perror("fuzz scratch file"); abort() }
        var off = 0
        while off < bytes.count {
            let r = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
            if r <= 0 { perror("fuzz scratch write"); abort() }
            off += r
        }
        close(fd)
        return path
    }

    static func write(_ name: String, _ text: String) -> String {
        var t = text
        return t.withUTF8 { write(name, $0) }
    }
}

/// Fails the run (libFuzzer records the input as a crash) with a message.
func fuzzFail(_ message: String) -> Never {
    var m = "FUZZ INVARIANT BROKEN: " + message + "\n"
    m.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    abort()
}

/// No cell of a formula-guarded CSV report starts with = + - @ tab or CR (a lone "-" is no formula).
func checkGuardedCSV(_ bytes: [UInt8]) {
    var rows: [[String]] = []
    bytes.withUnsafeBufferPointer { b in
        var t = CSVTokenizer(path: "report", maxRowBytes: 1 << 30, maxColumns: 1 << 20)
        let body = b.count >= 3 && b[0] == 0xEF ? UnsafeBufferPointer(rebasing: b[3...]) : b
        do {
            try t.feed(body) { r in rows.append((0..<r.count).map { r.string($0) }) }
            try t.finish { r in rows.append((0..<r.count).map { r.string($0) }) }
        } catch { fuzzFail("the CSV report does not parse back: \(error)") }
    }
    for r in rows.dropFirst() {
        if r.count != CSVCheckReporter.header.count { fuzzFail("CSV report row has \(r.count) cells: \(r)") }
        for c in r where c.utf8.count > 1 {
            if let f = c.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(f) {
                fuzzFail("formula-like cell in the CSV report: \(c.debugDescription)")
            }
        }
    }
}

/// The HTML report has no element the reporter did not write (record text is escaped).
func checkHTML(_ bytes: [UInt8]) {
    let s = String(decoding: bytes, as: UTF8.self)
    if s.contains("<script") || s.contains("<img") || s.contains("<iframe") { fuzzFail("unescaped markup in the HTML report") }
}

/// Renders the report in every check format and checks the CSV (no formula cell) and the HTML
/// (no markup from the records).
func renderAllReports(_ report: CheckReport) {
    for r in CheckReporters.all {
        let m = MemoryOutput()
        r.write(report, to: m, options: ReportOptions())
        if r.format == "csv" { checkGuardedCSV(m.bytes) }
        if r.format == "html" { checkHTML(m.bytes) }
    }
}
