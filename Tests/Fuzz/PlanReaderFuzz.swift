// libFuzzer target for the plan and roster readers: bytes in, never a crash or a hang.
//
// Input layout: byte 0 chooses the as-of day and options, the rest is the plan file. The bytes
// are read as a plan (every problem reported, never thrown past `validate`), as a roster, and —
// when the plan has valid rules — the plan is run over a small fixed set of records and rendered
// in every report format, so hostile rule titles, thresholds, windows and scopes reach the
// checkers and reporters. Invariants: a plan with problems never reaches the engine; every rule
// gives findings with sane numbers; CSV output re-parses and has no formula-like cell.
#if canImport(Glibc)
import Glibc
#endif

nonisolated(unsafe) var fixedRecords: String? = nil
nonisolated(unsafe) var fixedRoster: Roster? = nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let ctl = data[0]
    let path = FuzzFile.write("plan-2022.csv", UnsafeBufferPointer(start: data + 1, count: size - 1))
    if fixedRecords == nil {
        fixedRecords = FuzzFile.write("records.csv", """
        id,date,org,type,title,participants,lead,target
        1,2022-01-05,甲支部,党课,"=1+1",10,王一,
        2,2022-03-05,乙支部,主题党日,@SUM(1),20,李二,甲支部
        3,2022-04-01,甲支部,巡察,t,5,王一,乙支部
        4,2022-07-01,丙委员会,培训,"-2+3",30,张三,
        5,2022-12-31,甲支部,研判,"<script>x</script>",,王一,
        6,2022-02-30,甲支部,党课,bad,1,王一,

        """)
        let units = FuzzFile.write("units.csv", "name,kind,parent\n丙委员会,党工委,\n甲支部,社区党支部,丙委员会\n乙支部,机关党支部,丙委员会\n")
        let people = FuzzFile.write("people.csv", "name,unit,role\n王一,甲支部,支部书记\n张三,丙委员会,党工委委员\n")
        fixedRoster = try? Roster.read([units, people])
        if fixedRoster == nil { fuzzFail("the fixed roster does not parse") }
    }
    // As a roster: must either parse or throw a PlanError, never crash.
    _ = try? Roster.read([path])

    let plan: Plan
    do {
        let (p, problems) = try PlanReader.validate([path])
        if !problems.isEmpty {
            // read() must refuse what validate() found wrong.
            if (try? PlanReader.read([path])) != nil { fuzzFail("read accepted a plan with \(problems.count) problems") }
            for x in problems where x.line < 1 || x.column < 0 { fuzzFail("problem without a place: \(x)") }
            return 0
        }
        plan = p
    } catch {
        guard error is PlanError else { fuzzFail("validate threw something other than PlanError: \(error)") }
        return 0
    }
    if plan.rules.isEmpty { return 0 }
    let asOfs = ["2022-01-01", "2022-06-30", "2022-12-31", "2023-03-01", "2021-12-31", "2022-02-28", "2022-07-01", "2022-10-01"]
    let asOf = Day.parseISO(asOfs[Int(ctl & 7)])!
    let roster = ctl & 8 != 0 ? nil : fixedRoster
    var ro = ReaderOptions()
    ro.threads = 1
    do {
        let report = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: asOf,
                                               inputs: [.file(fixedRecords!)], readerOptions: ro,
                                               evidenceCap: Int(ctl >> 4), org: ctl & 0x80 != 0 ? "甲支部" : nil)
        if report.read.rowsRead != 6 || report.read.accepted != 5 { fuzzFail("fixed records read as \(report.read.rowsRead)/\(report.read.accepted)") }
        for f in report.findings {
            if f.required < 0 || f.actual < 0 || f.shortfall < 0 { fuzzFail("negative number in finding \(f.rule): \(f.required) \(f.actual) \(f.shortfall)") }
            if f.evidence.count > max(Int(ctl >> 4), 3) && f.checker != QualityChecker.identifier { fuzzFail("evidence over the cap in \(f.rule)") }
        }
        renderAllReports(report)
    } catch {
        fuzzFail("check failed with a valid plan: \(error)")
    }
    return 0
}
