// libFuzzer target for the record reader: bytes in, never a crash, a hang or a silent loss.
//
// Input layout: byte 0 chooses options (tokenizer piece size, forced encoding, forced delimiter,
// whether to also run a check), the rest is the file. Each input is read four ways and the results
// must agree: one thread with the tokenizer fed whole chunks (the reference), one thread fed tiny
// pieces (quotes, CRLF and multi-byte sequences straddle boundaries), two threads, and two threads
// with tiny batches. Invariants: accepted + rejected == rows read per file and in total; every
// rejection counted under its kind; an error is the same error whichever way the file is read.
#if canImport(Glibc)
import Glibc
#endif

/// Everything observable about one read, as plain values.
struct ReadOutcome: Equatable {
    var records: [[String]] = []
    var files: [String] = []
    var rejections: [Rejection] = []
    var counts: [String: Int] = [:]
    var rowsRead = 0, accepted = 0, rejected = 0
    var error: String?
}

func readOutcome(_ sources: [InputSource], _ o: ReaderOptions) -> ReadOutcome {
    var out = ReadOutcome()
    do {
        let s = try RecordReader(options: o).read(sources) { r in
            var row = [String(r.fileIndex), String(r.line), r.date.iso, r.participants.map(String.init) ?? "-"]
            for f in RecordField.allCases { row.append(r.string(f)) }
            row += r.extras.map { "\($0.column)=\($0.value)" }
            out.records.append(row)
        }
        out.files = s.files.map { f in
            "\(f.path)|\(f.encoding?.description ?? "?")|\(f.delimiter)|\(f.headers)|\(f.rowsRead)|\(f.accepted)|\(f.rejected)"
        }
        out.rejections = s.rejections
        out.counts = s.rejectionCounts
        out.rowsRead = s.rowsRead; out.accepted = s.accepted; out.rejected = s.rejected
        // Nothing lost: every row read is accepted or rejected, every rejection counted by kind.
        if s.accepted + s.rejected != s.rowsRead { fuzzFail("accepted + rejected != rows read") }
        if s.rejectionCounts.values.reduce(0, +) != s.rejected { fuzzFail("rejection counts \(s.rejectionCounts) != rejected \(s.rejected)") }
        if s.accepted != out.records.count { fuzzFail("accepted \(s.accepted) but \(out.records.count) records delivered") }
        for f in s.files where f.accepted + f.rejected != f.rowsRead || f.accepted < 0 || f.accepted > f.rowsRead {
            fuzzFail("file counts do not add up: \(f.rowsRead) read, \(f.accepted) accepted")
        }
        if s.rejections.count != min(s.rejected, o.maxKeptRejections) { fuzzFail("kept \(s.rejections.count) of \(s.rejected) rejections") }
    } catch {
        out.error = "\(error)"
        out.records = []   // how far a failing read got before stopping may differ between paths
    }
    return out
}

nonisolated(unsafe) var fixedPlan: Plan? = nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecordReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let ctl = data[0]
    let path = FuzzFile.write("records.csv", UnsafeBufferPointer(start: data + 1, count: size - 1))
    var base = ReaderOptions()
    base.threads = 1
    base.maxRowBytes = 2048        // small limits so the fuzzer reaches them
    base.maxColumns = 40
    base.maxKeptRejections = 50
    switch (ctl >> 3) & 7 {
    case 1: base.encoding = .utf8
    case 2: base.encoding = .gb18030
    case 3: base.encoding = .utf16LE
    case 4: base.encoding = .utf16BE
    default: break
    }
    switch (ctl >> 6) & 3 {
    case 1: base.delimiter = 0x09
    case 2: base.delimiter = 0x3B
    default: break
    }
    // Two inputs (the same file twice) when bit 2 is set: file indexes and per-file state.
    let sources: [InputSource] = ctl & 4 != 0 ? [.file(path), .file(path)] : [.file(path)]

    let reference = readOutcome(sources, base)
    var tiny = base
    tiny.chunkSize = [1, 2, 3, 5][Int(ctl & 3)]
    check(reference, readOutcome(sources, tiny), "one thread, tokenizer pieces of \(tiny.chunkSize) bytes")
    var two = base
    two.threads = 2
    check(reference, readOutcome(sources, two), "two threads")
    two.chunkSize = [7, 16, 61, 200][Int(ctl & 3)]
    check(reference, readOutcome(sources, two), "two threads, chunks of \(two.chunkSize) bytes")
    two.threads = 3
    two.chunkSize = tiny.chunkSize
    check(reference, readOutcome(sources, two), "three threads, tiny chunks")

    // Then the whole check over these records with a fixed plan, rendered in every format.
    if reference.error == nil && ctl & 0x20 == 0 {
        if fixedPlan == nil {
            let p = FuzzFile.write("plan.csv", """
            id,title,checker,types,keywords,threshold,period,scope,deadline,windows,target_kind,field,clause,source
            F1,=HYPERLINK("x"),count,党课|主题党日,,2,quarter,all,,,,,c,s
            F2,sum,sum,培训,,100,year,all,,,,participants,c,s
            F3,deadline,deadline,党课,,1,year,all,07-01,,,,c,s
            F4,windows,windows,研判,,1,year,all,,a:01-01..03-31;b:10-01..12-31,,,c,s
            F5,coverage,coverage,巡察,,1,year,all,,,k,,c,s
            """)
            fixedPlan = try? PlanReader.read([p])
            if fixedPlan == nil { fuzzFail("the fixed plan does not parse") }
        }
        do {
            let report = try CheckCommand.runCheck(plan: fixedPlan!, roster: nil, year: 2022, asOf: Day.parseISO("2022-06-30")!,
                                                   inputs: sources, readerOptions: base)
            if report.read.rowsRead != reference.rowsRead || report.read.accepted != reference.accepted {
                fuzzFail("check read \(report.read.rowsRead)/\(report.read.accepted), reader \(reference.rowsRead)/\(reference.accepted)")
            }
            renderAllReports(report)
        } catch {
            fuzzFail("check failed on input the reader accepted: \(error)")
        }
    }
    return 0
}

func check(_ a: ReadOutcome, _ b: ReadOutcome, _ how: String) {
    if a != b {
        fuzzFail("""
        read differs (\(how)):
          reference error \(a.error ?? "-") / \(how) error \(b.error ?? "-")
          reference \(a.rowsRead) read \(a.accepted) accepted; \(how) \(b.rowsRead) read \(b.accepted) accepted
          files \(a.files) vs \(b.files)
          first differing record: \(zip(a.records, b.records).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "counts \(a.records.count) vs \(b.records.count)")
          rejections \(a.rejections.prefix(3)) vs \(b.rejections.prefix(3))
        """)
    }
}
