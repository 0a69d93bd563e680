#if canImport(Glibc)
import Glibc
#endif

/// Accepted rows of one input, packed for the hand-over from the reading thread to the
/// consuming one: the rows' field bytes back to back, each row's field ends, and what validation
/// parsed (line, day, participants). A batch never spans two inputs.
final class RecordBatch {
    struct Entry {
        var byteStart: Int
        var endsStart: Int
        var fieldCount: Int
        var line: Int
        var day: Day
        var participants: Int   // Int.min when the cell was empty
    }

    var bytes: [UInt8] = []
    var ends: [Int] = []
    var entries: [Entry] = []
    var fileIndex = 0
    var columns: [Int] = []
    var unmapped: [Int] = []

    init(byteCapacity: Int) {
        bytes.reserveCapacity(byteCapacity + 4096)
        ends.reserveCapacity(byteCapacity / 8)
        entries.reserveCapacity(byteCapacity / 64)
    }

    func reset(fileIndex: Int, columns: [Int], unmapped: [Int]) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        self.fileIndex = fileIndex
        self.columns = columns
        self.unmapped = unmapped
    }

    @inline(__always)
    func append(_ row: CSVTokenizer.Row, _ ok: AcceptedRow) {
        entries.append(Entry(byteStart: bytes.count, endsStart: ends.count, fieldCount: row.count, line: row.line,
                             day: ok.day, participants: ok.participants ?? Int.min))
        bytes.append(contentsOf: row.bytes)
        ends.append(contentsOf: row.ends)
    }

    /// Calls `body` with each record, in order.
    func forEach(_ body: (RecordView) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { b in
            try ends.withUnsafeBufferPointer { e in
                try columns.withUnsafeBufferPointer { cols in
                    for x in entries {
                        let n = x.fieldCount
                        let rowBytes = UnsafeBufferPointer(rebasing: b[x.byteStart..<(n > 0 ? x.byteStart + e[x.endsStart + n - 1] : x.byteStart)])
                        let row = CSVTokenizer.Row(bytes: rowBytes, ends: UnsafeBufferPointer(rebasing: e[x.endsStart..<(x.endsStart + n)]), line: x.line)
                        try body(RecordView(fileIndex: fileIndex, line: x.line, date: x.day,
                                            participants: x.participants == Int.min ? nil : x.participants,
                                            row: row, columns: cols, unmappedColumns: unmapped))
                    }
                }
            }
        }
    }
}

/// The two-thread read: a reader thread decodes, tokenizes and validates every input in order,
/// packing accepted rows into batches; the calling thread takes the batches in order and hands
/// each record to the callback. At most `depth` batches wait between the two, so memory does
/// not grow with the input.
final class ParallelRecordReader: @unchecked Sendable {
    enum Item {
        case batch(RecordBatch)
        case done(ReadSummary)
        case failed(any Error)
    }

    /// Thrown inside the reader thread once the consumer has stopped.
    struct Cancelled: Error {}

    let options: ReaderOptions
    let sources: [InputSource]
    let depth = 4
    let lock = Condition()
    var queue: [Item] = []
    var head = 0
    var free: [RecordBatch] = []
    var cancelled = false
    var finished = false

    init(options: ReaderOptions, sources: [InputSource]) {
        self.options = options
        self.sources = sources
    }

    // MARK: reader thread

    func put(_ item: Item) throws {
        lock.lock()
        defer { lock.unlock() }
        while queue.count - head >= depth && !cancelled { lock.wait() }
        if cancelled { throw Cancelled() }
        queue.append(item)
        lock.broadcast()
    }

    func freshBatch() -> RecordBatch {
        lock.lock()
        let b = free.popLast()
        lock.unlock()
        return b ?? RecordBatch(byteCapacity: options.batchBytes)
    }

    func produce() {
        var summary = ReadSummary()
        do {
            for (index, source) in sources.enumerated() {
                try produceOne(source, index: index, into: &summary)
            }
            try put(.done(summary))
        } catch is Cancelled {
        } catch {
            try? put(.failed(error))
        }
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    func produceOne(_ source: InputSource, index: Int, into summary: inout ReadSummary) throws {
        let opts = options
        let decoder = DecodingReader(source: source, encoding: opts.encoding, chunkSize: max(opts.chunkSize, 4096))
        let rows = RowValidator(path: source.name, decoder: decoder, maxKeptRejections: opts.maxKeptRejections)
        var batch: RecordBatch?
        let limit = max(1, opts.batchBytes)
        var delimiter: UInt8 = 0x2C
        try RecordReader.tokenize(decoder, path: source.name, options: opts, delimiter: &delimiter) { row in
            guard let ok = try rows.validate(row, &summary) else { return }
            if batch == nil {
                batch = freshBatch()
                batch!.reset(fileIndex: index, columns: rows.columns, unmapped: rows.unmapped)
            }
            batch!.append(row, ok)
            if batch!.bytes.count >= limit || batch!.entries.count >= limit / 8 {
                try put(.batch(batch!))
                batch = nil
            }
        }
        if let b = batch { try put(.batch(b)) }
        rows.info.encoding = decoder.info
        rows.info.delimiter = delimiter
        if !rows.haveHeader { throw CSVError.empty(path: source.name) }
        summary.files.append(rows.info)
    }

    // MARK: calling thread

    func take() -> Item {
        lock.lock()
        defer { lock.unlock() }
        while queue.count == head { lock.wait() }
        let item = queue[head]
        head += 1
        if head > 64 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
        lock.broadcast()
        return item
    }

    func recycle(_ b: RecordBatch) {
        lock.lock()
        if free.count < depth + 2 { free.append(b) }
        lock.unlock()
    }

    /// Stops the reader thread and waits until it has left.
    func stop() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        while !finished { lock.wait() }
        lock.unlock()
    }

    func run(_ onRecord: (RecordView) throws -> Void) throws -> ReadSummary {
        startThread { [self] in produce() }
        while true {
            let item = take()
            switch item {
            case .batch(let b):
                do { try b.forEach(onRecord) } catch { stop(); throw error }
                recycle(b)
            case .done(let summary):
                stop()
                return summary
            case .failed(let error):
                stop()
                throw error
            }
        }
    }
}
