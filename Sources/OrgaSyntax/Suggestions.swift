/// "Did you mean" suggestions by edit distance, over bytes.
public enum Suggestions {
    /// Damerau–Levenshtein (optimal string alignment) distance, bounded: returns
    /// `limit + 1` as soon as the distance must exceed `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int = 3) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[y.count]
    }

    /// The closest candidate within a distance that grows with the word's length;
    /// case-insensitive equality counts as distance 0. Ties go to the earliest candidate.
    public static func best<S: Sequence>(for word: String, among candidates: S) -> String? where S.Element == String {
        // A one-letter word shares nothing with another one-letter name (`Y` → `K` is
        // no suggestion); only a different case counts for it.
        let limit = word.count <= 1 ? 0 : word.count <= 3 ? 1 : word.count <= 6 ? 2 : 3
        let lower = word.lowercased()
        var best: (String, Int)? = nil
        for c in candidates where c != word {
            let d = c.lowercased() == lower ? 0 : distance(word, c, limit: limit)
            if d <= limit && (best == nil || d < best!.1) { best = (c, d) }
        }
        return best?.0
    }
}
