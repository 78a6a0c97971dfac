import OrgaSupport
import OrgaSemantics

/// Text width estimates and line wrapping for drawn labels. Widths follow the
/// metrics of Arial / Liberation Sans (metric-compatible; the SVG asks for them
/// first), so the estimate is exact for ASCII and close for other Latin text.
/// Wide scripts and emoji count as one em.
public enum TextMetrics {
    /// Advance widths of ASCII 0x20…0x7E in 1/1000 em (Arial).
    private static let ascii: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,       // p … ~
    ]

    /// Width of one scalar in 1/1000 em.
    @inline(__always)
    static func advance(_ v: UInt32) -> Int {
        if v >= 0x20 && v <= 0x7E { return Int(ascii[Int(v - 0x20)]) }
        if v < 0x20 || v == 0x7F { return 278 }
        // Combining marks, zero-width joiners, variation selectors, skin tones: no advance.
        if (v >= 0x300 && v <= 0x36F) || (v >= 0x200B && v <= 0x200F) || (v >= 0xFE00 && v <= 0xFE0F)
            || (v >= 0x1F3FB && v <= 0x1F3FF) || (v >= 0xE0000 && v <= 0xE007F) { return 0 }
        // East Asian wide, symbols and emoji: one em.
        if (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0x2600 && v <= 0x27BF)
            || (v >= 0x1F000 && v <= 0x1FAFF) || (v >= 0x20000) { return 1000 }
        switch v {
        case 0xC4, 0xD6, 0xDC, 0xC9: return 722   // Ä Ö Ü É (approximate caps)
        case 0xDF: return 611                      // ß
        case 0x2013: return 556                    // –
        case 0x2014: return 1000                   // —
        case 0x2026: return 1000                   // …
        case 0xB7: return 278                      // ·
        default: return v < 0x250 ? 556 : 600
        }
    }

    /// Estimated width in pixels of `s` at `size` px.
    public static func width(_ s: Substring.UnicodeScalarView, size: Double) -> Double {
        var total = 0
        for u in s { total += advance(u.value) }
        return Double(total) * size / 1000
    }

    public static func width(_ s: String, size: Double) -> Double {
        var total = 0
        for u in s.unicodeScalars { total += advance(u.value) }
        return Double(total) * size / 1000
    }

    /// Wraps `text` into lines no wider than `maxWidth` px at `size` px. Lines break at
    /// spaces, and inside a word only after a slash or a hyphen the word has
    /// (`Standesbeamtin/` | `Standesbeamter`). A word wider than the line on its own is
    /// hyphenated visibly (`Personalaktenfüh-` | `rung`). Explicit line ends are kept.
    /// At most `maxLines` lines; a cut last line ends in `…`.
    public static func wrap(_ text: String, maxWidth: Double, size: Double, maxLines: Int = 4) -> [String] {
        let limit = maxWidth.isFinite && size > 0 ? Int(max(0, min(maxWidth, 1e7)) * 1000 / size) : 0
        let ellipsis = advance(0x2026)
        let hyphen = advance(0x2D)
        var lines: [String] = []
        var truncated = false
        // Paragraphs on explicit line ends; control characters as spaces.
        var paragraphs: [[Unicode.Scalar]] = [[]]
        var lastCR = false
        for u in text.unicodeScalars {
            if u == "\n" || u == "\r" || u.value == 0x2028 || u.value == 0x2029 {
                if !(u == "\n" && lastCR) { paragraphs.append([]) }
                lastCR = u == "\r"
                continue
            }
            lastCR = false
            paragraphs[paragraphs.count - 1].append(u.value < 0x20 || u.value == 0x7F ? " " : u)
        }
        outer: for para in paragraphs {
            var line: [Unicode.Scalar] = []
            var lineWidth = 0
            var emitted = false
            func emit() -> Bool {
                if lines.count >= maxLines { truncated = true; return false }
                lines.append(String(String.UnicodeScalarView(line)))
                emitted = true
                line = []
                lineWidth = 0
                return true
            }
            let n = para.count
            var i = 0
            while i < n {
                while i < n && para[i] == " " { i += 1 }
                if i >= n { break }
                var wordEnd = i
                while wordEnd < n && para[wordEnd] != " " { wordEnd += 1 }
                // The word in chunks, each ending after a slash or hyphen inside the word.
                var c = i
                var firstChunk = true
                while c < wordEnd {
                    var e = c
                    var w = 0
                    while e < wordEnd {
                        let u = para[e]
                        w += advance(u.value)
                        e += 1
                        if (u == "/" || u == "-") && e > i + 1 && e < wordEnd { break }
                    }
                    let space = firstChunk && !line.isEmpty ? advance(0x20) : 0
                    if lineWidth + space + w <= limit {
                        if space > 0 { line.append(" ") }
                        line.append(contentsOf: para[c..<e])
                        lineWidth += space + w
                        c = e
                        firstChunk = false
                        continue
                    }
                    if !line.isEmpty {
                        guard emit() else { break outer }
                        firstChunk = false
                        continue
                    }
                    // A chunk wider than the whole line: break it with a visible hyphen.
                    var k = c
                    while k < e {
                        let a = advance(para[k].value)
                        if lineWidth + a + hyphen > limit && !line.isEmpty { break }
                        line.append(para[k])
                        lineWidth += a
                        k += 1
                    }
                    if k < e {
                        line.append("-")
                        guard emit() else { break outer }
                    }
                    c = k
                    firstChunk = false
                }
                i = wordEnd
            }
            if !line.isEmpty || !emitted {
                if lines.count >= maxLines { truncated = true; break outer }
                lines.append(String(String.UnicodeScalarView(line)))
            }
        }
        while lines.count > 1 && lines.last?.isEmpty == true && !truncated { lines.removeLast() }
        if truncated, var last = lines.popLast() {
            var scalars = Array(last.unicodeScalars)
            var w = scalars.reduce(0) { $0 + advance($1.value) }
            while !scalars.isEmpty && w + ellipsis > limit {
                w -= advance(scalars.removeLast().value)
            }
            while scalars.last == " " || scalars.last == "-" { scalars.removeLast() }
            last = String(String.UnicodeScalarView(scalars)) + "…"
            lines.append(last)
        }
        return lines.isEmpty ? [""] : lines
    }

    /// One line, cut with `…` to fit `maxWidth`.
    public static func truncate(_ text: String, maxWidth: Double, size: Double) -> String {
        let one = Escape.singleLine(text)
        if width(one, size: size) <= maxWidth { return one }
        return wrap(one, maxWidth: maxWidth, size: size, maxLines: 1)[0]
    }
}

/// How drawings write numbers, in the drawing's language: at most `decimals`
/// decimals with trailing zeros removed (`2,5` / `2.5`, `3`), thousands grouped
/// where a figure is a count of cases (`5.200` / `5,200`), through the one
/// `NumberFormat`. fte carry three decimals, as in the report (`0,175`).
public struct GraphNumbers: Sendable {
    public let language: OutputLanguage
    let plain: NumberFormat
    let grouping: NumberFormat

    public init(_ language: OutputLanguage) {
        self.language = language
        let nonFinite = NonFiniteText(nan: "–", infinity: "∞", negativeInfinity: "-∞")
        plain = NumberFormat(language, grouping: false, nonFinite: nonFinite)
        grouping = NumberFormat(language, grouping: true, nonFinite: nonFinite)
    }

    /// Figures in labels: NaN as `–`, infinities as `∞` / `-∞`.
    public func fmt(_ x: Double, _ decimals: Int = 2) -> String { plain.compact(x, decimals) }

    /// Thousands separated: 9516 → `9.516` (de) / `9,516` (en).
    public func grouped(_ x: Double, _ decimals: Int = 0) -> String { grouping.compact(x, decimals) }

    /// fte as the report rounds them (three decimals), trailing zeros trimmed.
    public func fte(_ x: Double) -> String { grouping.compact(x, 3) }

    /// A processing time given in hours: "30 min", "1,5 Std." / "1.5 h".
    public func duration(hours: Double) -> String {
        let minutes = hours * 60
        if minutes < 60 && abs(minutes - minutes.rounded()) < 1e-6 { return fmt(minutes, 0) + " min" }
        if minutes < 60 { return fmt(minutes, 1) + " min" }
        return fmt(hours, 2) + (language == .de ? " Std." : " h")
    }

    /// Calendar days ("3 Tage" / "3 d"), or hours below a day.
    public func days(_ d: Double) -> String {
        if d < 1 { return fmt(d * 24, 1) + (language == .de ? " Std." : " h") }
        if language == .de { return fmt(d, 1) + (d == 1 ? " Tag" : " Tage") }
        return fmt(d, 1) + " d"
    }

    public func percent(_ fraction: Double) -> String { fmt(fraction * 100, 2) + " %" }

    /// A time range as written, in one unit: "60..90..120 min" (whole minutes up to 2 h),
    /// else "0,5..1,25 Std." / "0.5..1.25 h". Drawings show the range; the figures use its mean.
    public func durationRange(_ r: RangeEstimate) -> String {
        let bounds = [r.low] + (r.likely.map { [$0] } ?? []) + [r.high]
        let minutes = bounds.map { $0 * 60 }
        if r.high <= 2, minutes.allSatisfy({ abs($0 - $0.rounded()) < 1e-6 }) {
            return minutes.map { fmt($0, 0) }.joined(separator: "..") + " min"
        }
        return bounds.map { fmt($0, 2) }.joined(separator: "..") + (language == .de ? " Std." : " h")
    }
}

/// Numbers in the machine-read parts of drawings (coordinates, BPMN attributes) and
/// the English label forms (`GraphNumbers(.en)`).
public enum Num {
    static let english = GraphNumbers(.en)
    /// Coordinates: a broken layout value draws at 0 rather than breaking the file.
    static let coordinates = NumberFormat(.en, grouping: false, missing: "0")

    public static func fmt(_ x: Double, _ decimals: Int = 2) -> String { english.fmt(x, decimals) }

    /// A coordinate with one decimal at most.
    public static func coord(_ x: Double) -> String { coordinates.compact(x, 1) }

    /// Thousands separated by commas: 9516 → "9,516".
    public static func grouped(_ x: Double, _ decimals: Int = 0) -> String { english.grouped(x, decimals) }

    /// A processing time given in hours: "30 min", "1.5 h".
    public static func duration(hours: Double) -> String { english.duration(hours: hours) }

    public static func days(_ d: Double) -> String { english.days(d) }

    public static func percent(_ fraction: Double) -> String { english.percent(fraction) }
}
