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

    /// Wraps `text` into lines no wider than `maxWidth` px at `size` px, breaking at spaces
    /// (and inside words that are too long on their own). Explicit line ends are kept.
    /// At most `maxLines` lines; a cut last line ends in `…`.
    public static func wrap(_ text: String, maxWidth: Double, size: Double, maxLines: Int = 4) -> [String] {
        let limit = Int(maxWidth * 1000 / size)
        let ellipsis = advance(0x2026)
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
            // Words separated by spaces.
            var line: [Unicode.Scalar] = []
            var lineWidth = 0
            var i = 0
            let n = para.count
            var emitted = false
            while i < n {
                while i < n && para[i] == " " { i += 1 }
                if i >= n { break }
                var j = i
                var w = 0
                while j < n && para[j] != " " { w += advance(para[j].value); j += 1 }
                let space = line.isEmpty ? 0 : advance(0x20)
                if lineWidth + space + w <= limit {
                    if !line.isEmpty { line.append(" ") }
                    line.append(contentsOf: para[i..<j])
                    lineWidth += space + w
                    i = j
                    continue
                }
                if !line.isEmpty {
                    if lines.count >= maxLines { truncated = true; break outer }
                    lines.append(String(String.UnicodeScalarView(line)))
                    emitted = true
                    line = []
                    lineWidth = 0
                    continue
                }
                // A single word wider than the line: hard break it.
                var k = i
                while k < j {
                    let a = advance(para[k].value)
                    if lineWidth + a > limit && !line.isEmpty { break }
                    line.append(para[k])
                    lineWidth += a
                    k += 1
                }
                if k < j {
                    if lines.count >= maxLines { truncated = true; break outer }
                    lines.append(String(String.UnicodeScalarView(line)))
                    emitted = true
                    line = []
                    lineWidth = 0
                }
                i = k
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
            while scalars.last == " " { scalars.removeLast() }
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

/// How drawings write numbers: English digits without grouping, at most `decimals`
/// decimals with trailing zeros removed (2.50 → "2.5", 3.0 → "3"), through the one
/// `NumberFormat`. Drawings are in English numbers whatever `--lang` says.
public enum Num {
    /// Figures in labels: NaN as `–`, infinities as `∞` / `-∞`.
    static let labels = NumberFormat(.en, grouping: false, nonFinite: NonFiniteText(nan: "–", infinity: "∞", negativeInfinity: "-∞"))
    /// Figures with thousands separators (`9,516`).
    static let groupedLabels = NumberFormat(.en, grouping: true, nonFinite: labels.nonFinite)
    /// Coordinates: a broken layout value draws at 0 rather than breaking the file.
    static let coordinates = NumberFormat(.en, grouping: false, missing: "0")

    public static func fmt(_ x: Double, _ decimals: Int = 2) -> String { labels.compact(x, decimals) }

    /// A coordinate with one decimal at most.
    public static func coord(_ x: Double) -> String { coordinates.compact(x, 1) }

    /// Thousands separated by commas: 9516 → "9,516".
    public static func grouped(_ x: Double, _ decimals: Int = 0) -> String { groupedLabels.compact(x, decimals) }

    /// A processing time given in hours: "30 min", "1.5 h".
    public static func duration(hours: Double) -> String {
        let minutes = hours * 60
        if minutes < 60 && abs(minutes - minutes.rounded()) < 1e-6 { return fmt(minutes, 0) + " min" }
        if minutes < 60 { return fmt(minutes, 1) + " min" }
        return fmt(hours, 2) + " h"
    }

    /// A time range as written, in one unit: "60..90..120 min" (whole minutes up to 2 h),
    /// else "0.5..1.25 h". Drawings show the range; the figures use its mean.
    public static func durationRange(_ r: RangeEstimate) -> String {
        let bounds = [r.low] + (r.likely.map { [$0] } ?? []) + [r.high]
        let minutes = bounds.map { $0 * 60 }
        if r.high <= 2, minutes.allSatisfy({ abs($0 - $0.rounded()) < 1e-6 }) {
            return minutes.map { fmt($0, 0) }.joined(separator: "..") + " min"
        }
        return bounds.map { fmt($0, 2) }.joined(separator: "..") + " h"
    }

    /// Calendar days: "3 d", "2.5 wk" is not used; days only, or hours below a day.
    public static func days(_ d: Double) -> String {
        if d < 1 { return fmt(d * 24, 1) + " h" }
        return fmt(d, 1) + " d"
    }

    public static func percent(_ fraction: Double) -> String { fmt(fraction * 100, 2) + " %" }
}
