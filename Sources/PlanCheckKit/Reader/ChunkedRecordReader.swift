#if canImport(Glibc)
import Glibc
#endif

/// One chunk of an input's UTF-8 text and what a worker made of it.
///
/// The buffer holds `capacity` bytes of text and as much again after them, where the worker
/// unescapes quoted fields that are not one contiguous run. The text itself is never modified:
/// if the worker's guess of where rows start proves wrong, the chunk is tokenized again.
final class ChunkWork {
    /// One accepted row: where its spans are, its line relative to the region, what validation parsed.
    struct Entry {
        var line: Int32
        var day: Day
        var participants: Int32   // Int32.min: empty cell
        var keys: RecordKeys
    }

    enum State { case pending, running, done }

    let capacity: Int
    let buffer: UnsafeMutablePointer<UInt8>
    var count = 0
    var seq = 0
    var fileIndex = 0
    /// The first chunk of its input: tokenized by the consumer alone (it holds the header).
    var first = false
    var delimiter: UInt8 = 0x2C
    var encodingName = "UTF-8"
    var state = State.pending

    // The worker's results.
    /// The rows parsed in parallel: `regionStart..<regionEnd` (empty when none were).
    var regionStart = 0, regionEnd = 0
    var lines = 0
    var endedWithCR = false
    var fieldCount = 0
    /// The accepted rows' field spans, `fieldCount` per row, back to back (storing a row's spans is
    /// one copy; a generic array append cost about 95 instructions a row).
    private(set) var spans = RawList<FieldSpan>()
    private(set) var entries = RawList<Entry>()
    /// Each entry's org, interned only once the whole region is parsed (see ``LocalKeyTables/internOrgs(_:into:)``).
    private(set) var orgs = RawList<LocalKeyTables.PendingKey>()
    var summary = ReadSummary()
    var rowsRead = 0, accepted = 0

    init(capacity: Int) {
        self.capacity = capacity
        buffer = .allocate(capacity: 2 * capacity + 16)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
        entries.deallocate()
        orgs.deallocate()
    }

    func reset() {
        count = 0
        state = .pending
        regionStart = 0; regionEnd = 0; lines = 0; endedWithCR = false
        spans.removeAll()
        entries.removeAll()
        orgs.removeAll()
        summary = ReadSummary()
        rowsRead = 0; accepted = 0
    }

    /// Tokenizes and validates the chunk's complete rows that follow its first LF, on a worker
    /// thread. The consumer confirms afterwards that a row really starts there.
    func parse(template: RowValidator, options: ReaderOptions, keys: LocalKeyTables) {
        guard count > 0, let firstLF = memchr(buffer, 0x0A, count) else { return }
        let start = UnsafeMutablePointer<UInt8>(firstLF.assumingMemoryBound(to: UInt8.self)) - buffer + 1
        var stop = count
        while stop > start && buffer[stop - 1] != 0x0A { stop -= 1 }
        guard stop > start else { return }
        let rows = template.copyForRows()
        rows.textIsClean = FieldParsing.isCleanUTF8(UnsafeBufferPointer(start: buffer + start, count: stop - start))
        fieldCount = rows.headerCount
        let tokenizer = RegionTokenizer(delimiter: delimiter, maxRowBytes: options.maxRowBytes, maxColumns: options.maxColumns)
        var summary = ReadSummary()
        let outcome = tokenizer.parse(buffer, from: start, to: stop, side: capacity) { row in
            // Rows after the header never throw.
            guard let ok = try? rows.validate(row, &summary) else { return }
            let k = keys.keys(org: ok.org, type: ok.type,
                              title: rows.titleColumn >= 0 ? FieldParsing.trim(row[rows.titleColumn]) : UnsafeBufferPointer(start: nil, count: 0),
                              pending: &orgs)
            entries.append(Entry(line: Int32(truncatingIfNeeded: row.line), day: ok.day,
                                 participants: ok.participants.map { Int32(truncatingIfNeeded: $0) } ?? Int32.min, keys: k))
            spans.append(contentsOf: row.spans)
        }
        keys.internOrgs(UnsafeBufferPointer(orgs.buffer), into: entries.buffer)
        self.summary = summary
        regionStart = start
        regionEnd = outcome.end
        lines = outcome.lines
        endedWithCR = outcome.endedWithCR
        rowsRead = rows.info.rowsRead
        accepted = rows.info.accepted
    }
}

/// The parallel read: chunked parsing on worker threads with exact CSV semantics.
///
/// A producer thread decodes each input into fixed-size chunks. Worker threads take chunks as
/// they come and parse, each on its own, the rows that follow the chunk's first LF, guessing that
/// a row starts there, and stop after the chunk's last complete row. While the chunk the calling
/// thread needs next is not parsed yet, it parses a waiting chunk itself, the same way, instead of
/// sleeping: with `threads` N there are N − 1 workers, so that N threads are busy, one per core
/// (with N workers besides it, the threads waited on one another and shared cores and caches; one
/// fewer took 13% off the wall time of a 10M-record check). The calling thread takes the chunks in
/// order with one streaming ``CSVTokenizer`` per input: it tokenizes the bytes before
/// the guess (the end of the row the previous chunk left open), and if that leaves it exactly at
/// a row start the guess was right and the worker's rows are used; otherwise (the LF was inside
/// quotes) it tokenizes the whole chunk itself. It then tokenizes the bytes after the worker's
/// last row, and hands every record to the callback in file order. The first chunk of each input
/// (the header) is tokenized by the calling thread alone. At most `depth` chunks are in flight,
/// so memory does not grow with the input.
final class ChunkedRecordReader: @unchecked Sendable {
    enum Item {
        case chunk(ChunkWork)
        case endOfFile(index: Int, encoding: EncodingInfo?, delimiter: UInt8)
        case failed(any Error)
        case done
    }

    /// Thrown inside the producer once the consumer has stopped.
    struct Cancelled: Error {}

    /// How the chunks went, for tests: worker rows used, chunks tokenized again because the guess
    /// of a row start was wrong, and chunks the calling thread parsed itself while it waited.
    struct Counters { var parallelChunks = 0; var retokenized = 0; var parsedByConsumer = 0 }

    let options: ReaderOptions
    let sources: [InputSource]
    /// Orgs whose ids the consumer already has (see ``RecordReader/read(_:knownOrgs:_:)``).
    let knownOrgs: ByteInterner?
    let workers: Int
    let depth: Int
    let chunkBytes: Int
    let lock = Condition()
    var queue: [Item] = []
    var head = 0
    var free: [ChunkWork] = []
    var templates: [Int: RowValidator] = [:]
    var consumerWants = -1
    var producerDone = false
    var cancelled = false
    var running = 0
    private(set) var counters = Counters()

    /// `workers` overrides the number of worker threads (`threads` − 1); 0, for tests, leaves
    /// every chunk to the calling thread.
    init(options: ReaderOptions, sources: [InputSource], knownOrgs: ByteInterner? = nil, workers: Int? = nil) {
        self.options = options
        self.sources = sources
        self.knownOrgs = knownOrgs
        self.workers = max(0, workers ?? max(1, options.threads - 1))
        depth = 2 * options.threads + 1
        chunkBytes = max(1, min(options.chunkSize, 1 << 28))
    }

    // MARK: producer

    func put(_ item: Item) throws {
        lock.lock()
        defer { lock.unlock() }
        while queue.count - head >= depth && !cancelled { lock.wait() }
        if cancelled { throw Cancelled() }
        queue.append(item)
        lock.broadcast()
    }

    func freshChunk() -> ChunkWork {
        lock.lock()
        let c = free.popLast()
        lock.unlock()
        if let c { c.reset(); return c }
        return ChunkWork(capacity: chunkBytes)
    }

    /// Decodes every input into chunks on a producer thread, handing them to the queue.
    func produce() {
        do {
            try produceItems(put)
        } catch is Cancelled {
        } catch {
            try? put(.failed(error))
        }
        lock.lock()
        producerDone = true
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    /// Decodes every input into chunks, handing each chunk, each input's end and the end of all
    /// to `deliver`.
    func produceItems(_ deliver: (Item) throws -> Void) throws {
        var seq = 0
        for (index, source) in sources.enumerated() {
            let decoder = DecodingReader(source: source, encoding: options.encoding, chunkSize: max(options.chunkSize, 4096))
            var delimiter: UInt8?
            var current: ChunkWork?
            var firstOfFile = true
            /// The chunk that takes the next bytes, started if need be.
            func open() -> ChunkWork {
                if let c = current { return c }
                let c = freshChunk()
                c.seq = seq; seq += 1
                c.fileIndex = index
                c.first = firstOfFile; firstOfFile = false
                current = c
                return c
            }
            // Reads go straight into the current chunk's free room once the text is known to be
            // UTF-8; the chunk's delimiter and encoding are set as its bytes are handed over.
            let room: () -> UnsafeMutableBufferPointer<UInt8> = {
                let c = open()
                return UnsafeMutableBufferPointer(start: c.buffer + c.count, count: c.capacity - c.count)
            }
            try decoder.run(into: room) { piece in
                let d = delimiter ?? options.delimiter ?? CSVTokenizer.detectDelimiter(piece)
                delimiter = d
                let encoding = decoder.info?.encoding.rawValue ?? "UTF-8"
                var off = 0
                while off < piece.count {
                    let c = open()
                    c.delimiter = d
                    c.encodingName = encoding
                    let n = min(c.capacity - c.count, piece.count - off)
                    // Read into the chunk itself (see `room`): already in place.
                    if piece.baseAddress! + off != UnsafePointer(c.buffer + c.count) {
                        (c.buffer + c.count).update(from: piece.baseAddress! + off, count: n)
                    }
                    c.count += n
                    off += n
                    if c.count == c.capacity {
                        try deliver(.chunk(c))
                        current = nil
                    }
                }
            }
            if let c = current {
                if c.count > 0 {
                    try deliver(.chunk(c))
                } else {
                    // Opened for a read that found the end of the input: not handed out.
                    seq -= 1
                    lock.lock()
                    if free.count < depth { free.append(c) }
                    lock.unlock()
                }
            }
            try deliver(.endOfFile(index: index, encoding: decoder.info, delimiter: delimiter ?? options.delimiter ?? 0x2C))
        }
        try deliver(.done)
    }

    // MARK: workers

    /// The first chunk, from the head of the queue, that no thread has taken and whose input's
    /// header is known (the lock must be held).
    func waitingChunk() -> ChunkWork? {
        var i = head
        while i < queue.count {
            if case .chunk(let c) = queue[i], c.state == .pending, !c.first, templates[c.fileIndex] != nil { return c }
            i += 1
        }
        return nil
    }

    func work(_ index: Int) {
        let keys = LocalKeyTables(index: index, known: knownOrgs)
        lock.lock()
        while true {
            if cancelled { break }
            var next: ChunkWork?
            var i = head
            while i < queue.count {
                if case .chunk(let c) = queue[i], c.state == .pending, !c.first { next = c; break }
                i += 1
            }
            guard let c = next else {
                if producerDone { break }
                lock.wait()
                continue
            }
            c.state = .running
            // The header of the chunk's input must be known; the consumer publishes it. If the
            // consumer needs this chunk first, it tokenizes the chunk itself.
            while templates[c.fileIndex] == nil && consumerWants < c.seq && !cancelled { lock.wait() }
            let template = templates[c.fileIndex]
            lock.unlock()
            if let template { c.parse(template: template, options: options, keys: keys) }
            lock.lock()
            c.state = .done
            lock.broadcast()
        }
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    // MARK: consumer (the calling thread)

    /// Stops the other threads and waits until they have left.
    func stop() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        while running > 0 { lock.wait() }
        lock.unlock()
    }

    func run(_ onRecord: (RecordView) throws -> Void) throws -> ReadSummary {
        running = 1 + workers
        startThread { [self] in produce() }
        for w in 0..<workers { startThread { [self] in work(w) } }
        do {
            let summary = try consume(onRecord)
            stop()
            return summary
        } catch {
            stop()
            throw error
        }
    }

    /// What the calling thread carries from chunk to chunk: the summary, the current input's
    /// validator and streaming tokenizer, and its own intern tables for the chunks it parses.
    final class ConsumerState {
        var summary = ReadSummary()
        var rows: RowValidator?
        var tokenizer: CSVTokenizer?
        let keys: LocalKeyTables
        init(keys: LocalKeyTables) { self.keys = keys }
    }

    func consume(_ onRecord: (RecordView) throws -> Void) throws -> ReadSummary {
        let state = ConsumerState(keys: LocalKeyTables(index: workers, known: knownOrgs))
        while true {
            lock.lock()
            while queue.count == head { lock.wait() }
            let item = queue[head]
            if case .chunk(let c) = item {
                consumerWants = c.seq
                lock.broadcast()
                while c.state != .done && !c.first {
                    // The header of its input is not known yet (it spans chunks): tokenized below.
                    if c.state == .pending && templates[c.fileIndex] == nil { c.state = .done; break }
                    // Not parsed yet: parse a waiting chunk (this one, if no worker has it).
                    guard let w = waitingChunk() else { lock.wait(); continue }
                    w.state = .running
                    let template = templates[w.fileIndex]!
                    lock.unlock()
                    w.parse(template: template, options: options, keys: state.keys)
                    lock.lock()
                    w.state = .done
                    counters.parsedByConsumer += 1
                    lock.broadcast()
                }
            }
            lock.unlock()

            if try take(item, state, onRecord) { return state.summary }

            lock.lock()
            head += 1
            if head > 64 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
            if case .chunk(let c) = item, free.count < depth { free.append(c) }
            lock.broadcast()
            lock.unlock()
        }
    }

    /// `--threads 1`: decodes, parses and hands on each chunk in turn on the calling thread, with
    /// the same region parser as the workers (the streaming tokenizer alone took about 1.5 times
    /// the instructions), and no other thread.
    func runOnCallingThread(_ onRecord: (RecordView) throws -> Void) throws -> ReadSummary {
        let state = ConsumerState(keys: LocalKeyTables(index: 0, known: knownOrgs))
        try produceItems { item in
            if case .chunk(let c) = item, !c.first, let template = templates[c.fileIndex] {
                c.parse(template: template, options: options, keys: state.keys)
                counters.parsedByConsumer += 1
            }
            if case .failed(let error) = item { throw error }
            _ = try take(item, state, onRecord)
            if case .chunk(let c) = item, free.count < depth { free.append(c) }
        }
        return state.summary
    }

    /// Hands on the records of one item in file order; true at the end of all inputs.
    func take(_ item: Item, _ state: ConsumerState, _ onRecord: (RecordView) throws -> Void) throws -> Bool {
        switch item {
        case .chunk(let c):
            if state.rows == nil {
                state.rows = RowValidator(path: sources[c.fileIndex].name, maxKeptRejections: options.maxKeptRejections)
                state.rows!.columnOverrides = options.columnOverrides
                state.tokenizer = CSVTokenizer(delimiter: c.delimiter, path: sources[c.fileIndex].name,
                                               maxRowBytes: options.maxRowBytes, maxColumns: options.maxColumns)
            }
            let v = state.rows!
            v.encodingName = c.encodingName
            let index = c.fileIndex
            func handle(_ row: CSVTokenizer.Row) throws { try v.pass(row, fileIndex: index, &state.summary, onRecord) }
            func feed(_ lo: Int, _ hi: Int) throws {
                if hi > lo { try state.tokenizer!.feed(UnsafeBufferPointer(start: c.buffer + lo, count: hi - lo), handle) }
            }
            if c.regionEnd <= c.regionStart {
                try feed(0, c.count)
            } else {
                try feed(0, c.regionStart)
                if state.tokenizer!.atRowStart {
                    counters.parallelChunks += 1
                    try use(c, rows: v, lineBase: state.tokenizer!.line - 1, into: &state.summary, onRecord)
                    state.tokenizer!.skip(lines: c.lines, endedWithCR: c.endedWithCR)
                    try feed(c.regionEnd, c.count)
                } else {
                    counters.retokenized += 1
                    try feed(c.regionStart, c.count)
                }
            }
            if v.haveHeader {
                lock.lock()
                if templates[index] == nil { templates[index] = v.copyForRows(); lock.broadcast() }
                lock.unlock()
            }
        case .endOfFile(let index, let encoding, let delimiter):
            let v = state.rows ?? RowValidator(path: sources[index].name, maxKeptRejections: options.maxKeptRejections)
            v.columnOverrides = options.columnOverrides
            if state.tokenizer != nil { try state.tokenizer!.finish { row in try v.pass(row, fileIndex: index, &state.summary, onRecord) } }
            v.info.encoding = encoding
            v.info.delimiter = delimiter
            if !v.haveHeader { throw CSVError.empty(path: sources[index].name) }
            state.summary.files.append(v.info)
            state.rows = nil
            state.tokenizer = nil
            lock.lock()
            templates[index] = nil
            lock.unlock()
        case .failed(let error):
            throw error
        case .done:
            return true
        }
        return false
    }

    /// Hands the worker's rows of chunk `c` to the callback, lines made absolute, and takes over
    /// its counts and rejections.
    func use(_ c: ChunkWork, rows v: RowValidator, lineBase: Int, into summary: inout ReadSummary,
             _ onRecord: (RecordView) throws -> Void) throws {
        v.info.rowsRead += c.rowsRead
        v.info.accepted += c.accepted
        for (k, n) in c.summary.rejectionCounts { summary.rejectionCounts[k, default: 0] += n }
        for var r in c.summary.rejections where summary.rejections.count < options.maxKeptRejections {
            r.line += lineBase
            summary.rejections.append(r)
        }
        summary.cellWarningCount += c.summary.cellWarningCount
        for var r in c.summary.cellWarnings where summary.cellWarnings.count < options.maxKeptRejections {
            r.line += lineBase
            summary.cellWarnings.append(r)
        }
        let fc = c.fieldCount
        let base = UnsafePointer(c.buffer)
        let spans = UnsafeBufferPointer(c.spans.buffer)
        try v.columns.withUnsafeBufferPointer { cols in
            try v.unmapped.withUnsafeBufferPointer { extra in
                var s = 0
                for e in c.entries.buffer {
                    let line = Int(e.line) + lineBase
                    let row = CSVTokenizer.Row(base: base, spans: UnsafeBufferPointer(rebasing: spans[s..<(s + fc)]), line: line)
                    s += fc
                    try onRecord(RecordView(fileIndex: c.fileIndex, line: line, date: e.day,
                                            participants: e.participants == Int32.min ? nil : Int(e.participants),
                                            row: row, columns: cols, unmappedColumns: extra, keys: e.keys))
                }
            }
        }
    }
}
