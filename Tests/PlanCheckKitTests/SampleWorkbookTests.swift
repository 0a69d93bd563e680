import Foundation
import Testing
@testable import PlanCheckKit

/// The sample's 宝胜寺 branch sheet shipped also as a workbook (SampleData/workbooks): the
/// year-end journey gives the same findings from it as from the CSV.
@Suite("The sample as a workbook")
struct SampleWorkbookTests {
    static let root = TestSupport.root + "/SampleData/"

    static func findings(_ records: [String]) throws -> [String] {
        let plan = try PlanReader.read([TestSupport.root + "/Checks/000-street-party-building-2022.csv",
                                        TestSupport.root + "/Checks/001-street-office-party-committee-2022.csv"])
        let roster = try Roster.read([root + "roster-units.csv", root + "roster-people.csv"])
        let report = try CheckCommand.runCheck(plan: plan, roster: roster, year: 2022, asOf: Day.parseISO("2022-12-31")!,
                                               inputs: records.map { .file(root + $0) })
        #expect(report.read.accepted == 1784)
        return report.findings.map { "\($0.rule) \($0.org) \($0.person) \($0.period) \($0.status) \($0.required) \($0.actual)" }
    }

    @Test("year-end findings from the .xlsx are those from the CSV")
    func sameFindings() throws {
        let csv = try Self.findings(["records/app-export-2022.csv", "records/excel-gbk-2022.csv", "records/branch-baoshengsi-2022.csv"])
        let xlsx = try Self.findings(["records/app-export-2022.csv", "records/excel-gbk-2022.csv", "workbooks/branch-baoshengsi-2022.xlsx"])
        #expect(csv.count > 100)
        #expect(csv == xlsx)
    }

    @Test("the workbook's records are the CSV's, field by field")
    func sameRecords() throws {
        func rows(_ path: String) throws -> [String] {
            var out: [String] = []
            _ = try RecordReader().read([.file(Self.root + path)]) { r in
                out.append(([r.date.iso] + [RecordField.org, .type, .title, .lead].map { r.string($0) } + [r.participants.map(String.init) ?? ""]).joined(separator: "|"))
            }
            return out
        }
        let a = try rows("records/branch-baoshengsi-2022.csv"), b = try rows("workbooks/branch-baoshengsi-2022.xlsx")
        #expect(a.count == 251)
        #expect(a == b)
    }
}
