#if canImport(Glibc)
import Glibc
#endif

/// Writes a report made of blocks, in order, with every other block formatted on a second thread:
/// the calling thread formats the even blocks straight to the output and copies each odd block
/// there when the helper has formatted it into memory (at most two wait). Large reports (a
/// check's 140,000 rows, `stats`' long table of millions) were formatted on one thread after
/// reading, while the other core sat idle.
enum BlockWriter {
    /// Writes blocks `0..<blocks`: `main(b)` writes block `b` to the output itself (on the calling
    /// thread); `helper(b)` returns block `b`'s bytes (on the second thread, odd blocks only, in
    /// order), which go to `sink`. With `threads` < 2 or a single block every block goes to `main`.
    static func write(blocks: Int, threads: Int, to sink: OutputSink, main: (Int) -> Void,
                      helper: @escaping (Int) -> [UInt8]) {
        if threads < 2 || blocks < 2 {
            for b in 0..<blocks { main(b) }
            return
        }
        let handoff = Handoff(writer: pthread_self())
        startThread {
            for b in stride(from: 1, to: blocks, by: 2) {
                if !handoff.put(helper(b)) { return }
            }
        }
        defer { handoff.cancel() }
        for b in 0..<blocks {
            if b % 2 == 0 { main(b) } else { handoff.take().withUnsafeBufferPointer { sink.write(bytes: $0) } }
        }
    }

    /// Formatted blocks passed from the helper thread to the writing one, in order; `put` waits
    /// while two are waiting, and returns false once the writer has stopped. (When no thread could
    /// be started, the helper's work runs on the writing thread before it writes anything, and
    /// `put` then does not wait.)
    final class Handoff: @unchecked Sendable {
        let lock = Condition()
        var ready: [[UInt8]] = []
        var cancelled = false
        let writer: pthread_t

        init(writer: pthread_t) { self.writer = writer }

        func put(_ block: [UInt8]) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            while ready.count >= 2 && !cancelled && pthread_equal(pthread_self(), writer) == 0 { lock.wait() }
            if cancelled { return false }
            ready.append(block)
            lock.broadcast()
            return true
        }

        func take() -> [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            while ready.isEmpty { lock.wait() }
            let b = ready.removeFirst()
            lock.broadcast()
            return b
        }

        func cancel() {
            lock.lock()
            cancelled = true
            lock.broadcast()
            lock.unlock()
        }
    }
}
