#if canImport(Glibc)
import Glibc
#endif
import Foundation

extension Workspace {
    /// What `init` did: the files it wrote and the ones it found and left alone.
    public struct InitResult: Equatable, Sendable {
        /// Files and folders created.
        public var created: [String] = []
        /// Files that existed already and were kept as they are.
        public var kept: [String] = []
    }

    /// Creates a workspace in `dir` (made if missing). Never overwrites: a file that exists is
    /// left as it is and listed in ``InitResult/kept``; each file is written whole or not at all.
    public static func create(_ dir: String, year: Int?, title: String) throws -> InitResult {
        var result = InitResult()
        let fm = FileManager.default
        func folder(_ path: String) throws {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &isDir) {
                if !isDir.boolValue { throw WorkspaceError.notAFolder(path: path) }
                return
            }
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) }
            catch { throw WorkspaceError.cannotWrite(path: path, reason: "\(error)") }
            result.created.append(path + "/")
        }
        // CSV and text files get a UTF-8 BOM: Excel, WPS and old Notepad then read them as UTF-8.
        func file(_ path: String, _ text: String) throws {
            if fm.fileExists(atPath: path) { result.kept.append(path); return }
            try writeNew(path, [0xEF, 0xBB, 0xBF] + Array(text.utf8))
            result.created.append(path)
        }
        try folder(dir)
        try file(join(dir, settingsFile), WorkspaceTemplates.settings(title: title, year: year))
        try file(join(dir, readmeFile), WorkspaceTemplates.readme(title: title))
        let plans = join(dir, plansFolder), examples = join(plans, examplesFolder)
        try folder(plans)
        for seed in SeedPlans.files where seed.name == standardPlanSeed {
            try file(join(plans, standardPlanFile), seed.text)
        }
        try folder(examples)
        for seed in SeedPlans.files where seed.name != standardPlanSeed {
            try file(join(examples, seed.name), seed.text)
        }
        let rosters = join(dir, rostersFolder)
        try folder(rosters)
        try file(join(rosters, WorkspaceTemplates.unitRoster.name), WorkspaceTemplates.unitRoster.text)
        try file(join(rosters, WorkspaceTemplates.peopleRoster.name), WorkspaceTemplates.peopleRoster.text)
        try folder(join(dir, recordsFolder))
        try folder(join(dir, reportsFolder))
        return result
    }

    /// Writes `bytes` to a temporary file beside `path`, then links it to `path`, which fails
    /// rather than replace a file that appeared meanwhile.
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws {
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        var template = Array(((dir.isEmpty ? "." : dir) + "/.plancheck-init-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let temp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(temp) }
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno)); close(fd)
                throw WorkspaceError.cannotWrite(path: path, reason: reason)
            }
            off += n
        }
        fchmod(fd, 0o644)
        let synced = fsync(fd) == 0 ? nil : String(cString: strerror(errno))
        let closed = close(fd) == 0 ? nil : String(cString: strerror(errno))
        if let why = synced ?? closed { throw WorkspaceError.cannotWrite(path: path, reason: why) }
        if link(temp, path) != 0 {
            if errno == EEXIST { return }
            throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Errors of creating a workspace.
public enum WorkspaceError: Error, Equatable, Sendable, LocalizedMessage, CustomStringConvertible {
    /// A path that must be a folder is a file.
    case notAFolder(path: String)
    /// A file or folder could not be created.
    case cannotWrite(path: String, reason: String)

    public func message(_ lang: Lang) -> String {
        switch self {
        case .notAFolder(let path): return Messages.text("workspace.notAFolder", lang, path)
        case let .cannotWrite(path, reason): return Messages.text("workspace.cannotWrite", lang, path, Messages.systemReason(reason, lang))
        }
    }

    public var description: String { message(.zh) }
}
