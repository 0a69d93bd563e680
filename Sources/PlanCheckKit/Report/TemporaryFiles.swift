#if canImport(Glibc)
import Glibc
#endif

/// Temporary report files being written, removed if the process is interrupted by SIGINT,
/// SIGTERM or SIGHUP (Ctrl-C, `kill`, a closed terminal). The previous report, if any, stays as it
/// was. SIGKILL cannot be caught: it leaves the hidden `.NAME.tmp-XXXXXX` file next to the
/// report (README says so); the next successful run does not reuse it.
///
/// The handler only calls `unlink`, `signal` and `raise` (async-signal-safe), over a fixed table
/// of C strings that registration fills.
enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    nonisolated(unsafe) static var installed = false

    /// Remembers `path` for removal on a signal; returns its slot (nil when the table is full:
    /// the file is then only removed on errors, as before).
    static func register(_ path: String) -> Int? {
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return i
        }
        return nil
    }

    /// Runs `body` (creating a temporary file and registering it) with the three signals held
    /// back, so that no signal falls between the file's creation and its registration.
    static func withSignalsHeld<T>(_ body: () throws -> T) rethrows -> T {
        var set = sigset_t(), old = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        return try body()
    }

    /// Forgets a slot (the file was renamed into place or removed).
    static func unregister(_ slot: Int?) {
        guard let i = slot, let p = slots[i] else { return }
        slots[i] = nil
        free(p)
    }

    /// Installs the handlers (the executable does, once; tests do not).
    static func installHandlers() {
        guard !installed else { return }
        installed = true
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] {
            signal(s, temporaryFilesSignalHandler)
            sigaddset(&set, s)
        }
        // A parent may hand down these signals blocked (a thread pool's spawn does): then a
        // `kill` would wait until the report was done, or forever.
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}

/// Removes every registered temporary file, then dies of the same signal (so the parent sees it).
private func temporaryFilesSignalHandler(_ sig: Int32) {
    for i in 0..<TemporaryFiles.capacity {
        if let p = TemporaryFiles.slots[i] { unlink(p) }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}
