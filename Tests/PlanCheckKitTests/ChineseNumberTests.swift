import Testing
@testable import PlanCheckKit

@Suite struct ChineseNumberTests {
    @Test(arguments: [
        ("6", 6), ("１２", 12), ("六", 6), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百二十", 120),
        ("一百零五", 105), ("两", 2), ("两千零五", 2005), ("一万二千", 12000), ("1万", 10000), ("3千", 3000),
        ("五百", 500), ("十八", 18), ("零", 0), ("一千二百三十四", 1234), (" 七 ", 7),
    ])
    func reads(_ s: String, _ v: Int) { #expect(ChineseNumber.parse(s) == v) }

    @Test(arguments: ["", "abc", "二三", "十八人", "1.5", "-3", "99999999999999999999", "一万万万万万万"])
    func refuses(_ s: String) { #expect(ChineseNumber.parse(s) == nil) }
}
