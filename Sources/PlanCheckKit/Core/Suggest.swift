/// "Did you mean …": the nearest of a set of known words to a misspelt one.
///
/// Used for misspelt options (`--paln` → `--plan`), settings keys, checker, column and period
/// names. Distance is counted in characters (so 年份 and 年度 are one apart), with a swap of two
/// neighbours counting as one edit.
public enum Suggest {
    /// Edits (insert, delete, replace, swap neighbours) turning `a` into `b`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The known word nearest to `word`, when it is near enough to be a misspelling: at most
    /// half the longer word's length in edits (at least one, at most three). Among equally near
    /// words the one sharing more characters wins (每季 → 每季度, not 每年), then the first in `known`.
    public static func nearest(_ word: String, among known: [String]) -> String? {
        var best: (word: String, distance: Int, shared: Int)? = nil
        // At most three edits apart: a word longer than every known one by more is no misspelling,
        // and is not compared (a header cell of megabytes cost a megabytes-by-letters table each).
        let longest = known.map(\.count).max() ?? 0
        guard word.utf8.count <= 4 * (longest + 3) else { return nil }
        let wordCount = word.count
        for k in known where abs(wordCount - k.count) <= 3 {
            let d = distance(word, k)
            let limit = min(3, max(1, max(word.count, k.count) / 2))
            guard d <= limit else { continue }
            let shared = common(word, k)
            if best == nil || d < best!.distance || (d == best!.distance && shared > best!.shared) { best = (k, d, shared) }
        }
        return best?.word
    }

    /// Characters two words have in common, counted with repeats.
    static func common(_ a: String, _ b: String) -> Int {
        var counts: [Character: Int] = [:]
        for c in a.lowercased() { counts[c, default: 0] += 1 }
        var n = 0
        for c in b.lowercased() where (counts[c] ?? 0) > 0 { counts[c]! -= 1; n += 1 }
        return n
    }
}
