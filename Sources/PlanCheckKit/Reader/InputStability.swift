#if canImport(Glibc)
import Glibc
#endif

/// An input file changed while it was read (truncated, appended to, replaced): the records read
/// are a mix of two versions, so no report is written (exit 2).
public struct InputChangedError: Error, Equatable, CustomStringConvertible, LocalizedMessage {
    /// The file.
    public var path: String
    /// Creates one.
    public init(path: String) { self.path = path }
    public func message(_ lang: Lang) -> String { Messages.text("limits.inputChanged", lang, path) }
    public var description: String { message(.zh) }
}

/// What identifies a file's content without reading it again: device, inode, size and
/// modification time (nanoseconds). Taken before and after a read; any difference means the file
/// changed meanwhile (an editor saving, an export still being written, `truncate`, `>>`).
struct FileSnapshot: Equatable {
    var dev: UInt64, ino: UInt64, size: Int64, mtimeSec: Int, mtimeNsec: Int, ctimeSec: Int, ctimeNsec: Int

    /// The snapshot of `path`, nil when it cannot be stat'ed (the read reports that itself).
    static func of(_ path: String) -> FileSnapshot? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileSnapshot(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino), size: Int64(st.st_size),
                            mtimeSec: st.st_mtim.tv_sec, mtimeNsec: st.st_mtim.tv_nsec,
                            ctimeSec: st.st_ctim.tv_sec, ctimeNsec: st.st_ctim.tv_nsec)
    }

    /// Snapshots of every regular file among `sources` (pipes and standard input are read once
    /// as they come and have nothing to compare).
    static func of(_ sources: [InputSource]) -> [(String, FileSnapshot)] {
        var out: [(String, FileSnapshot)] = []
        for case .file(let p) in sources {
            var st = stat()
            if stat(p, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG, let s = of(p) { out.append((p, s)) }
        }
        return out
    }

    /// Throws ``InputChangedError`` for the first file whose snapshot differs from `before`.
    static func verify(_ before: [(String, FileSnapshot)]) throws {
        for (p, s) in before where FileSnapshot.of(p) != s { throw InputChangedError(path: p) }
    }
}
