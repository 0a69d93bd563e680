import Testing
@testable import PlanCheckKit

@Suite("windows checker")
struct WindowsCheckerTests {
    static let rule: [PlanColumn: String] = [.id: "W", .checker: "windows", .types: "意识形态专题研究", .threshold: "1", .scope: "org:党工委",
                                             .windows: "年初:01-01..03-31;年中:06-01..08-31;年末:11-01..12-31"]

    @Test("window edges are inclusive; a record between windows counts for none")
    func edges() throws {
        let rows = "date,org,type\n2022-03-31,党工委,意识形态专题研究\n2022-05-31,党工委,意识形态专题研究\n2022-09-01,党工委,意识形态专题研究\n2022-11-01,党工委,意识形态专题研究\n"
        let fs = try CheckHarness.run(rule: Self.rule, records: rows, asOf: "2022-12-31", units: ["党工委|党工委"])
        #expect(CheckHarness.summary(fs) == ["党工委||年初|1|met", "党工委||年中|0|missed", "党工委||年末|1|met"])
        #expect(fs.map(\.due.iso) == ["2022-03-31", "2022-08-31", "2022-12-31"])
    }

    @Test("mid-year: past windows missed or met, the current one by pace, later ones upcoming; a unit with no records")
    func midYear() throws {
        let fs = try CheckHarness.run(rule: Self.rule, records: "date,org,type\n2022-01-15,甲支部,意识形态专题研究\n", asOf: "2022-08-25",
                                      units: ["党工委|党工委", "甲支部|社区党支部"])
        #expect(CheckHarness.summary(fs) == ["党工委||年初|0|missed", "党工委||年中|0|at-risk", "党工委||年末|0|upcoming"])
    }

    @Test("malformed windows are a plan problem", arguments: ["年初 01-01..03-31", "年初:03-31..01-01", "年初:01-01..13-01", "年初:01-01"])
    func malformed(w: String) throws {
        var r = Self.rule
        r[.windows] = w
        #expect(throws: PlanError.self) { _ = try CheckHarness.run(rule: r, records: "date,org,type\n", asOf: "2022-12-31") }
    }
}
