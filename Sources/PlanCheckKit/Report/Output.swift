#if canImport(Glibc)
import Glibc
#endif

/// Where commands write text: standard output/error, a report file, or memory (tests).
public protocol OutputSink: AnyObject {
    /// Appends UTF-8 bytes.
    func write(bytes: UnsafeBufferPointer<UInt8>)
    /// Pushes buffered bytes to their destination.
    func flush() throws
}

extension OutputSink {
    /// Appends a string as UTF-8.
    public func write(_ s: String) {
        var s = s
        s.withUTF8 { write(bytes: $0) }
    }
}

/// Collects output in memory; what tests pass to commands instead of standard output.
public final class MemoryOutput: OutputSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// Creates an empty buffer.
    public init() {}
    public func write(bytes b: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: b) }
    public func flush() throws {}
    /// The output decoded as UTF-8.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// Everything written so far, leaving the buffer empty with as much room as that took (the
    /// report's helper thread fills one buffer per block of rows: grown from empty each time, the
    /// doublings copied each block about twice over).
    func take() -> [UInt8] {
        var next: [UInt8] = []
        next.reserveCapacity(bytes.count)
        swap(&next, &bytes)
        return next
    }
}

/// A buffered writer to a file descriptor (standard output, standard error, or an open file).
public final class FileDescriptorOutput: OutputSink {
    let fd: Int32
    var buffer: [UInt8] = []
    let capacity: Int
    /// The first write error, reported at ``flush()``.
    public private(set) var failure: String?
    /// Whether the first write error was a closed pipe (`| head`): the reader wanted no more, so
    /// commands end quietly with their usual status instead of reporting it.
    public private(set) var brokenPipe = false
    /// What error messages call the destination: a report's path, or standard output.
    public let name: String

    /// Wraps a descriptor; it is not closed by this object. `name` is what errors call it (default:
    /// standard output for fd 1, else the descriptor's number).
    public init(fd: Int32, capacity: Int = 1 << 16, name: String? = nil) {
        self.fd = fd
        self.capacity = capacity
        self.name = name ?? (fd == 1 ? "standard output" : "fd \(fd)")
        buffer.reserveCapacity(capacity)
    }

    public func write(bytes b: UnsafeBufferPointer<UInt8>) {
        if buffer.count + b.count > capacity { drain() }
        if b.count >= capacity { writeAll(b) } else { buffer.append(contentsOf: b) }
    }

    func drain() {
        if buffer.isEmpty { return }
        buffer.withUnsafeBufferPointer { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    func writeAll(_ b: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, var p = b.baseAddress else { return }
        var left = b.count
        while left > 0 {
            let r = Glibc.write(fd, p, left)
            if r < 0 {
                if errno == EINTR { continue }
                brokenPipe = errno == EPIPE
                failure = String(cString: strerror(errno)); return
            }
            p += r; left -= r
        }
    }

    public func flush() throws {
        drain()
        if let f = failure { throw ReportError.writeFailed(path: name, reason: f) }
    }
}

/// Errors writing reports.
public enum ReportError: Error, Equatable, CustomStringConvertible, LocalizedMessage {
    /// The output directory is missing or not writable (checked before any work).
    case outputNotWritable(path: String, reason: OutputRefusal)
    /// Writing or renaming the report failed; the previous report, if any, is intact.
    case writeFailed(path: String, reason: String)
    /// The format could not be told from the file name.
    case unknownFormat(path: String, known: [String])

    /// The message in English (logs, tests).
    public var description: String { message(.en) }

    /// The message in `lang`, starting with the report's path.
    public func message(_ lang: Lang) -> String {
        switch self {
        case let .outputNotWritable(path, reason): return Messages.text("csv.outputNotWritable", lang, path, reason.message(lang))
        case let .writeFailed(path, reason): return Messages.text("csv.writeFailed", lang, path, Messages.systemReason(reason, lang))
        case let .unknownFormat(path, known): return Messages.text("csv.unknownExtension", lang, path, known.joined(separator: ", "))
        }
    }
}

/// Why a report cannot be written at the path asked for.
public enum OutputRefusal: Equatable, Sendable, LocalizedMessage {
    case noDirectory(String)
    case notDirectory(String)
    case directoryReadOnly(String)
    case isDirectory
    case isInput
    /// The system's reason (`strerror`).
    case system(String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .noDirectory(let d): return Messages.text("limits.outputNoDirectory", lang, d)
        case .notDirectory(let d): return Messages.text("limits.outputNotDirectory", lang, d)
        case .directoryReadOnly(let d): return Messages.text("limits.outputDirectoryReadOnly", lang, d)
        case .isDirectory: return Messages.text("limits.outputIsDirectory", lang)
        case .isInput: return Messages.text("limits.outputIsInput", lang)
        case .system(let r): return Messages.systemReason(r, lang)
        }
    }
}

/// Writes a report to a temporary file in the target's directory and renames it into place, so a
/// reader never sees a half-written report and an interrupted run leaves the old one intact.
public final class AtomicFileOutput: OutputSink {
    /// The final path.
    public let path: String
    let tempPath: String
    let inner: FileDescriptorOutput
    let fd: Int32
    var done = false
    /// Its slot in ``TemporaryFiles`` (removed on SIGINT, SIGTERM, SIGHUP).
    var signalSlot: Int?

    /// Checks that `path`'s directory exists and is writable, without creating anything.
    public static func preflight(_ path: String) throws {
        let dir = directory(of: path)
        var st = stat()
        if stat(dir, &st) != 0 { throw ReportError.outputNotWritable(path: path, reason: .noDirectory(dir)) }
        if (st.st_mode & S_IFMT) != S_IFDIR { throw ReportError.outputNotWritable(path: path, reason: .notDirectory(dir)) }
        if access(dir, W_OK) != 0 { throw ReportError.outputNotWritable(path: path, reason: .directoryReadOnly(dir)) }
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { throw ReportError.outputNotWritable(path: path, reason: .isDirectory) }
    }

    /// Refuses a report path that is one of the inputs (the same file, by device and inode, however
    /// it is spelled): renaming the report into place would replace the user's records or plan.
    public static func refuseInputs(_ outputs: [String], inputs: [InputSource], also: [String] = []) throws {
        var files = Set<[UInt64]>()
        for case .file(let p) in inputs.map({ $0 }) + also.map({ InputSource.file($0) }) {
            var st = stat()
            if stat(p, &st) == 0 { files.insert([UInt64(st.st_dev), UInt64(st.st_ino)]) }
        }
        for o in outputs {
            var st = stat()
            if stat(o, &st) == 0 && files.contains([UInt64(st.st_dev), UInt64(st.st_ino)]) {
                throw ReportError.outputNotWritable(path: o, reason: .isInput)
            }
        }
    }

    /// Whether folder `dir` is an input folder: one given on the command line, or the folder of
    /// an input file (same device and inode, however spelled). Tables written there would be read
    /// as records by the next run over that folder.
    public static func isInputFolder(_ dir: String, positionals: [String], inputs: [InputSource]) -> Bool {
        func id(_ p: String) -> [UInt64]? {
            var st = stat()
            return stat(p, &st) == 0 ? [UInt64(st.st_dev), UInt64(st.st_ino)] : nil
        }
        guard let target = id(dir) else { return false }
        var folders = positionals
        for case .file(let p) in inputs { folders.append(directory(of: p)) }
        return folders.contains { id($0) == target }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    /// Creates the temporary file next to `path`.
    public init(path: String) throws {
        try AtomicFileOutput.preflight(path)
        let dir = AtomicFileOutput.directory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array((dir + "/." + base + ".tmp-XXXXXX").utf8CString)
        let (f, slot) = TemporaryFiles.withSignalsHeld { () -> (Int32, Int?) in
            let f = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard f >= 0 else { return (f, nil) }
            return (f, TemporaryFiles.register(template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }))
        }
        if f < 0 { throw ReportError.outputNotWritable(path: path, reason: .system(String(cString: strerror(errno)))) }
        fchmod(f, 0o644)
        self.fd = f
        self.path = path
        self.tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.inner = FileDescriptorOutput(fd: f, capacity: 1 << 18, name: path)
        self.signalSlot = slot
    }

    public func write(bytes b: UnsafeBufferPointer<UInt8>) { inner.write(bytes: b) }

    public func flush() throws { try inner.flush() }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws {
        guard !done else { return }
        done = true
        defer { TemporaryFiles.unregister(signalSlot) }
        do { try inner.flush() } catch {
            close(fd); unlink(tempPath)
            throw ReportError.writeFailed(path: path, reason: inner.failure ?? "\(error)")
        }
        // fsync and close each report their own error (a full disk on NFS shows only at close);
        // the descriptor is closed either way.
        let synced = fsync(fd) == 0 ? nil : String(cString: strerror(errno))
        let closed = close(fd) == 0 ? nil : String(cString: strerror(errno))
        if let why = synced ?? closed {
            unlink(tempPath)
            throw ReportError.writeFailed(path: path, reason: why)
        }
        if rename(tempPath, path) != 0 {
            let why = String(cString: strerror(errno)); unlink(tempPath)
            throw ReportError.writeFailed(path: path, reason: why)
        }
    }

    /// Throws the temporary file away (on error).
    public func discard() {
        guard !done else { return }
        done = true
        close(fd); unlink(tempPath)
        TemporaryFiles.unregister(signalSlot)
    }

    deinit { discard() }
}
