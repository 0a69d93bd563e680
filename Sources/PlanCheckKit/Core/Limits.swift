/// The documented range of every number plancheck takes from options or plan files
/// (Tests/README.md lists them). A value outside its range is a usage or plan error (exit 2) that
/// names the range; none reaches arithmetic or an allocation.
///
/// Memory never follows these values: caps bound what is kept, and what is kept is allocated as
/// the data arrives.
public enum Limits {
    /// `--year`: 1900 … 9999 (ISO weeks of 9999 reach into 10000-01-0x, which the calendar handles).
    public static let year = 1900...9999
    /// `--threads`: 1 … 64 (each parsing thread holds a few chunk buffers; more than the machine's
    /// cores only costs memory).
    public static let threads = 1...64
    /// `--evidence-cap`: 0 … 10,000 records cited per finding.
    public static let evidenceCap = 0...10_000
    /// `--max-duplicate-keys`: 1 … 2³¹ fingerprints (at most 12 bytes each, held as they arrive).
    public static let maxDuplicateKeys = 1...(1 << 31)
    /// `--max-row-bytes`: 1 … 1 GiB.
    public static let maxRowBytes = 1...(1 << 30)
    /// `--max-columns`: 1 … 1,048,576.
    public static let maxColumns = 1...(1 << 20)
    /// `--max-listed` (inspect): 1 … 1,000,000.
    public static let maxListed = 1...1_000_000
    /// A plan's `threshold`: 1 … 1,000,000,000 (a pro-rata pace multiplies it by the days gone).
    public static let threshold = 1...1_000_000_000
    /// A record's participants: at most 18 digits (below 10¹⁸, so a sum of them saturates instead
    /// of overflowing; see ``SlotTally``).
    public static let countDigits = 18

    /// Parses a whole number within `range` for option `--name`; a usage error naming the range
    /// otherwise (also for numbers too long for any integer type).
    static func option(_ value: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        let t = value.trimmingWhitespace()
        let parsed = Int(t) ?? ChineseNumber.parse(t)
        guard let n = parsed, range.contains(n) else {
            throw UsageError(id: "limits.optionRange", name, value, range.lowerBound, range.upperBound)
        }
        return n
    }

}

extension Int {
    /// `self + x`, held at `Int.max` (or `Int.min`) instead of trapping: sums of input numbers
    /// (participants) saturate, and a saturated sum is still far past any threshold.
    @inline(__always)
    func addingSaturating(_ x: Int) -> Int {
        let (s, o) = addingReportingOverflow(x)
        return o ? (x > 0 ? Int.max : Int.min) : s
    }
}
