import OrgaTestSupport
import XCTest
import Foundation
@testable import OrgaSupport

/// The one number formatter. The five formatters it replaced are kept below as
/// reference copies (`Before`), and each caller's style must print what its old
/// formatter printed for every ordinary value; where the old ones differed from each
/// other only at absurd magnitudes, the new behaviour is pinned by a test of its own.
final class NumberFormatTests: XCTestCase {
    let de = NumberFormat(.de), en = NumberFormat(.en)
    /// The styles of the callers.
    let drawing = NumberFormat(.en, grouping: false, nonFinite: NonFiniteText(nan: "–", infinity: "∞", negativeInfinity: "-∞"))
    let hover = NumberFormat(.en, grouping: true, missing: "–")

    func testGermanAndEnglish() {
        XCTAssertEqual(de.fixed(1234567.891, 2), "1.234.567,89")
        XCTAssertEqual(en.fixed(1234567.891, 2), "1,234,567.89")
        XCTAssertEqual(de.fixed(-1234.5, 1), "-1.234,5")
        XCTAssertEqual(de.fixed(123, 0), "123")
        XCTAssertEqual(de.fixed(1234, 0), "1.234")
        XCTAssertEqual(en.fixed(999_999.5, 0), "1,000,000")
        XCTAssertEqual(de.fixed(0.5, 3), "0,500")
        XCTAssertEqual(NumberFormat(.de, grouping: false, missing: "").fixed(1234.5, 1), "1234,5")
        XCTAssertEqual(de.compact(1590), "1.590")
        XCTAssertEqual(de.compact(0.25), "0,25")
        XCTAssertEqual(en.compact(2.50, 2), "2.5")
        XCTAssertEqual(de.percent(0.1), "10")
        XCTAssertEqual(de.percent(0.125), "12,5")
        XCTAssertEqual(de.signed(-1.8207547, 3), "-1,821")
        XCTAssertEqual(de.signed(0.0876, 3), "+0,088")
        XCTAssertEqual(de.signed(-0.0001, 3), "0,000")
        XCTAssertEqual(de.signed(0.0001, 3), "0,000")
    }

    func testRoundsHalfAwayFromZero() {
        XCTAssertEqual(en.fixed(0.125, 2), "0.13")
        XCTAssertEqual(en.fixed(-0.125, 2), "-0.13")
        XCTAssertEqual(en.fixed(2.5, 0), "3")
        XCTAssertEqual(en.fixed(-2.5, 0), "-3")
        // 1.005 is 1.00499999999999989… in binary: it rounds down, as before.
        XCTAssertEqual(en.fixed(1.005, 2), "1.00")
    }

    func testDecimalsAreClamped() {
        XCTAssertEqual(en.fixed(1.5, -3), "2")
        XCTAssertEqual(en.fixed(1, 20), "1.000000000")
        XCTAssertEqual(en.compact(0.1234567891234, 20), "0.123456789")
    }

    func testNonFiniteAndMissing() {
        XCTAssertEqual(de.fixed(.nan, 2), "—")
        XCTAssertEqual(de.fixed(.infinity, 2), "—")
        XCTAssertEqual(de.fixed(nil, 2), "—")
        XCTAssertEqual(de.signed(-.infinity, 2), "—")
        XCTAssertEqual(de.percent(nil), "—")
        XCTAssertEqual(NumberFormat(.de, grouping: false, missing: "").compact(.nan), "")
        XCTAssertEqual(drawing.compact(.nan, 2), "–")
        XCTAssertEqual(drawing.compact(.infinity, 2), "∞")
        XCTAssertEqual(drawing.compact(-.infinity, 2), "-∞")
        XCTAssertEqual(NumberFormat.shortest(.nan), "nan")
        XCTAssertEqual(NumberFormat.shortest(.infinity), "inf")
        XCTAssertEqual(NumberFormat.shortest(-.infinity), "-inf")
        XCTAssertEqual(NumberFormat.json(.nan), "null")
        XCTAssertEqual(NumberFormat.json(-.infinity), "null")
    }

    func testNegativeZeroPrintsAsZero() {
        XCTAssertEqual(en.fixed(-0.0, 2), "0.00")
        XCTAssertEqual(en.compact(-0.0, 2), "0")
        XCTAssertEqual(en.compact(-0.001, 2), "0")
        XCTAssertEqual(de.signed(-0.0, 1), "0,0")
        XCTAssertEqual(NumberFormat.shortest(-0.0), "0")
        XCTAssertEqual(NumberFormat.json(-0.0), "0")
    }

    func testShortestRoundTrip() {
        XCTAssertEqual(NumberFormat.shortest(10), "10")
        XCTAssertEqual(NumberFormat.shortest(12.5), "12.5")
        XCTAssertEqual(NumberFormat.shortest(0.1), "0.1")
        XCTAssertEqual(NumberFormat.shortest(-3), "-3")
        XCTAssertEqual(NumberFormat.shortest(999_999_999_999_999), "999999999999999")
        XCTAssertEqual(NumberFormat.shortest(1e15), "1000000000000000.0")
        XCTAssertEqual(NumberFormat.shortest(1e16), "1e+16")
        XCTAssertEqual(NumberFormat.shortest(1e300), "1e+300")
        XCTAssertEqual(NumberFormat.shortest(1.5e-7), "1.5e-07")
        var rng = SeededRandom(for: self, default: 0x5EED_0001)
        for _ in 0..<5_000 {
            let v = Double(bitPattern: rng.next())
            guard v.isFinite else { continue }
            XCTAssertEqual(Double(NumberFormat.shortest(v)), v, "seed \(rng.seed), \(v)")
            // Valid JSON (Foundation's parser is not exact enough to compare the value).
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data("[\(NumberFormat.json(v))]".utf8)), "\(v)")
        }
    }

    /// `appendJSON` and `JSONWriter.number` (the JSON report's number writers, no `String`
    /// per number) write the bytes of `json` for every value: edges, typical report
    /// figures (quotients that need 16–17 digits) and random bit patterns.
    func testAppendJSONWritesTheBytesOfJSON() {
        func check(_ v: Double) {
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            NumberFormat.appendJSON(v, to: &bytes)
            XCTAssertEqual(String(decoding: bytes.dropFirst(), as: UTF8.self), NumberFormat.json(v), "\(v.bitPattern)")
            var w = JSONWriter(style: .compact, capacity: 0)
            w.beginArray(); w.item(); w.number(v); w.item(); w.number(v); w.endArray()
            let one = NumberFormat.json(v)
            XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "[\(one),\(one)]", "\(v.bitPattern)")
        }
        let edges: [Double] = [0, -0.0, 1, -1, 9, 10, 0.1, 0.1 + 0.2, 1.0 / 3, 12.5, 0.0001, 0.00001, 1e15 - 1, 1e15, 1e15 + 0.5,
                               999_999_999_999_999, 1e16, 1e21, -1e300, .nan, .infinity, -.infinity, .leastNonzeroMagnitude,
                               .greatestFiniteMagnitude, 123456789012345.6, 2.179245283018868, 1.5e-7]
        for v in edges { check(v); check(-v) }
        var rng = SeededRandom(for: self, default: 0x5EED_0002)
        for _ in 0..<20_000 {
            check(Double(bitPattern: rng.next()))
            let a = Double(rng.next() % 100_000 + 1), b = Double(rng.next() % 10_000 + 1)
            check(a / b)
            check(a / 1590 * 1.1)
            check(-a / 100)
        }
    }

    /// The "beyond Int64 traps" class: no magnitude may trap, in any style.
    func testHugeValuesNeverTrap() {
        let huge: [Double] = [1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 9.2e18, 1.8446744073709552e19,
                              9e15, 1e15, 123456789012.345678, .leastNonzeroMagnitude, -.leastNormalMagnitude]
        for v in huge {
            for d in [0, 1, 2, 3, 6, 9] {
                for f in [de, en, drawing, hover, NumberFormat(.de, grouping: false, missing: "")] {
                    let fixed = f.fixed(v, d), compact = f.compact(v, d)
                    XCTAssertFalse(fixed.isEmpty)
                    XCTAssertFalse(compact.isEmpty)
                    _ = f.signed(v, d)
                    _ = f.percent(v, d)
                }
            }
            _ = NumberFormat.shortest(v)
            _ = NumberFormat.json(v)
        }
        // Exact digits at every magnitude, grouped like any other number.
        XCTAssertEqual(en.fixed(1e20, 0), "100,000,000,000,000,000,000")
        XCTAssertEqual(de.fixed(-1e20, 1), "-100.000.000.000.000.000.000,0")
        XCTAssertEqual(NumberFormat(.en, grouping: false).fixed(1e300, 0), String(format: "%.0f", 1e300))
        XCTAssertEqual(NumberFormat(.en, grouping: false).fixed(.greatestFiniteMagnitude, 0).count, 309)
        // Fraction digits beyond the exact UInt64 range: the integer part exactly, the fraction rounded.
        XCTAssertEqual(en.fixed(12345678901.5, 9), "12,345,678,901.500000000")
        XCTAssertEqual(en.fixed(12345678901.9999999999, 9), "12,345,678,902.000000000")
    }

    /// Integer digits of huge doubles against Foundation's `%.0f` (exact in glibc).
    func testIntegerDigitsMatchPrintf() {
        var rng = SeededRandom(for: self, default: 0x5EED_0002)
        for _ in 0..<2_000 {
            let v = abs(Double(bitPattern: rng.next())).rounded(.towardZero)
            guard v.isFinite, v >= 9e18 else { continue }
            XCTAssertEqual(NumberFormat.integerDigits(v), String(format: "%.0f", v), "seed \(rng.seed)")
        }
    }

    // MARK: Each caller's output is unchanged

    /// Ordinary values: up to 10⁹ with up to six decimals, random signs, and the
    /// rounding ties where binary and decimal disagree. (Beyond, with six decimals, the
    /// old formatters disagreed: see `testFormerEdgesAtAbsurdMagnitudes`.)
    func ordinaryValues() -> [Double] {
        var rng = SeededRandom(for: self, default: 0x5EED_0003)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.285, 1.005, 2.675, 9516, 12365.5, 0.001, -0.001, 1e-9, 999.995]
        for _ in 0..<3_000 {
            let magnitude = Double(rng.next() % 1_000_000_000_000) / 1000 / [1, 10, 100, 1000, 1e6][Int(rng.next() % 5)]
            values.append(rng.next() % 2 == 0 ? magnitude : -magnitude)
            values.append(Double(rng.next() % 100_000) / 8)   // exact binary ties
        }
        return values
    }

    func testReportsFormatAsBefore() {
        for v in ordinaryValues() {
            for d in [0, 1, 2, 3, 4, 6] {
                for (lang, grouping, missing) in [(OutputLanguage.de, true, "—"), (.en, true, "—"), (.de, false, ""), (.en, false, "0")] {
                    let old = Before.ReportNumbers(language: lang, grouping: grouping, missing: missing)
                    let new = NumberFormat(lang, grouping: grouping, missing: missing)
                    XCTAssertEqual(new.fixed(v, d), old.fixed(v, d), "\(v) \(d)")
                    XCTAssertEqual(new.compact(v, d), old.compact(v, d), "\(v) \(d)")
                    XCTAssertEqual(new.signed(v, d), old.signed(v, d), "\(v) \(d)")
                    XCTAssertEqual(new.percent(v / 100, d), old.percent(v / 100, d), "\(v) \(d)")
                }
            }
        }
    }

    func testDrawingsFormatAsBefore() {
        let grouped = NumberFormat(.en, grouping: true, nonFinite: drawing.nonFinite)
        let coordinates = NumberFormat(.en, grouping: false, missing: "0")
        for v in ordinaryValues() {
            for d in [0, 1, 2, 3, 6] {
                XCTAssertEqual(drawing.compact(v, d), Before.numFmt(v, d), "\(v) \(d)")
                XCTAssertEqual(grouped.compact(v, d), Before.numGrouped(v, d), "\(v) \(d)")
            }
            XCTAssertEqual(coordinates.compact(v, 1), Before.coord(v), "\(v)")
        }
        for v in [Double.nan, .infinity, -.infinity] {
            XCTAssertEqual(drawing.compact(v, 2), Before.numFmt(v, 2))
            XCTAssertEqual(coordinates.compact(v, 1), Before.coord(v))
        }
    }

    func testHoversFormatAsBefore() {
        for v in ordinaryValues() + [.nan, .infinity, -.infinity] {
            for d in [0, 1, 2, 3] {
                XCTAssertEqual(NumberFormat(.en, grouping: false, missing: "–").compact(v, d), Before.lspFmt(v, d), "\(v) \(d)")
            }
            XCTAssertEqual(hover.fixed(v, 0), Before.lspGrouped(v), "\(v)")
        }
    }

    func testMessagesAndJSONFormatAsBefore() {
        var rng = SeededRandom(for: self, default: 0x5EED_0004)
        var values = ordinaryValues() + [.nan, .infinity, -.infinity, 1e15, 1e300, -1e300, .greatestFiniteMagnitude]
        for _ in 0..<5_000 { values.append(Double(bitPattern: rng.next())) }
        for v in values {
            XCTAssertEqual(NumberFormat.shortest(v), Before.fmtNumber(v), "\(v)")
            XCTAssertEqual(NumberFormat.json(v), Before.jsonNumber(v), "\(v)")
        }
    }

    /// Where the old formatters disagreed with each other (only beyond what a model can
    /// mean: figures of 10¹³ and more), every caller now prints the exact digits.
    func testFormerEdgesAtAbsurdMagnitudes() {
        // Drawings used to switch to Swift's description at 9·10¹⁵ after scaling.
        XCTAssertEqual(drawing.compact(2e14, 2), "200000000000000")
        XCTAssertEqual(Before.numFmt(2e14, 2), "200000000000000.0")
        XCTAssertEqual(drawing.compact(1e17, 2), "100000000000000000")
        XCTAssertEqual(Before.numFmt(1e17, 2), "1e+17")
        // Hovers grouped up to 10¹⁵ and printed Swift's description beyond; now grouped throughout.
        XCTAssertEqual(hover.fixed(1e16, 0), "10,000,000,000,000,000")
        XCTAssertEqual(Before.lspGrouped(1e16), "1e+16")
        // Reports printed digits beyond 2^53 that scaling had invented.
        XCTAssertEqual(de.fixed(723_673_876_465, 6), "723.673.876.465,000000")
        XCTAssertEqual(Before.ReportNumbers(language: .de, grouping: true, missing: "—").fixed(723_673_876_465, 6), "723.673.876.464,999936")
        // Reports dropped grouping beyond 9·10¹⁸ after scaling; now grouped throughout.
        XCTAssertEqual(de.fixed(1e19, 0), "10.000.000.000.000.000.000")
        XCTAssertEqual(Before.ReportNumbers(language: .de, grouping: true, missing: "—").fixed(1e19, 0), "10000000000000000000")
        // Coordinates printed 0 beyond 10¹⁴; now their digits.
        XCTAssertEqual(NumberFormat(.en, grouping: false, missing: "0").compact(1e15, 1), "1000000000000000")
        XCTAssertEqual(Before.coord(1e15), "0")
    }
}

/// The five number formatters as they were before `NumberFormat` (commit d7b8c14),
/// verbatim but for names, as the reference for "unchanged".
enum Before {
    /// OrgaReports `NumberFormat`.
    struct ReportNumbers {
        var language: OutputLanguage, grouping: Bool, missing: String
        var decimalSeparator: String { language == .de ? "," : "." }
        var groupSeparator: String { language == .de ? "." : "," }
        func fixed(_ value: Double?, _ digits: Int) -> String {
            guard let v = value, v.isFinite else { return missing }
            let d = max(0, min(digits, 9))
            var scale = 1.0
            for _ in 0..<d { scale *= 10 }
            let scaled = (abs(v) * scale).rounded(.toNearestOrAwayFromZero)
            guard scaled < 9.0e18 else { return (v < 0 ? "-" : "") + String(format: "%.0f", abs(v)) }
            let n = UInt64(scaled)
            let unit = UInt64(scale)
            let intPart = n / unit
            let frac = n % unit
            var s = String(intPart)
            if grouping && s.count > 3 {
                var out = ""
                let count = s.count
                for (i, ch) in s.enumerated() {
                    if i > 0 && (count - i) % 3 == 0 { out += groupSeparator }
                    out.append(ch)
                }
                s = out
            }
            if d > 0 {
                var f = String(frac)
                while f.count < d { f = "0" + f }
                s += decimalSeparator + f
            }
            return (v < 0 && n != 0 ? "-" : "") + s
        }
        func signed(_ value: Double?, _ digits: Int) -> String {
            guard let v = value, v.isFinite else { return missing }
            let s = fixed(v, digits)
            let nonZero = s.contains { $0 >= "1" && $0 <= "9" }
            return v > 0 && nonZero ? "+" + s : s
        }
        func percent(_ fraction: Double?, _ digits: Int = 2) -> String {
            guard let f = fraction, f.isFinite else { return missing }
            return trimZeros(fixed(f * 100, digits))
        }
        func compact(_ v: Double?, _ digits: Int = 4) -> String {
            guard let v, v.isFinite else { return missing }
            return trimZeros(fixed(v, digits))
        }
        private func trimZeros(_ s: String) -> String {
            guard s.contains(decimalSeparator) else { return s }
            var t = s
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(decimalSeparator) { t.removeLast() }
            return t
        }
    }

    /// OrgaGraphs `Num.fmt`.
    static func numFmt(_ x: Double, _ decimals: Int = 2) -> String {
        guard x.isFinite else { return x.isNaN ? "–" : (x > 0 ? "∞" : "-∞") }
        let d = max(0, min(6, decimals))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        if scaled >= 9e15 { return "\(x.rounded())" }
        let v = Int64(scaled)
        let neg = x < 0 && v != 0
        let p = Int64(scale)
        var s = String(v / p)
        let frac = v % p
        if d > 0 && frac != 0 {
            var digits = String(frac)
            digits = String(repeating: "0", count: d - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        return neg ? "-" + s : s
    }

    /// OrgaGraphs `Num.grouped`.
    static func numGrouped(_ x: Double, _ decimals: Int = 0) -> String {
        let s = numFmt(x, decimals)
        var intPart = Substring(s)
        var rest = Substring("")
        if let dot = s.firstIndex(of: ".") { intPart = s[..<dot]; rest = s[dot...] }
        var sign = ""
        if intPart.hasPrefix("-") { sign = "-"; intPart = intPart.dropFirst() }
        var out = ""
        for (i, c) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return sign + out + rest
    }

    /// OrgaGraphs `Num.coord`.
    static func coord(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let t = (x * 10).rounded()
        if abs(t) > 1e15 { return "0" }
        let v = Int64(t)
        if v % 10 == 0 { return String(v / 10) }
        let neg = v < 0
        let a = neg ? -v : v
        return (neg ? "-" : "") + String(a / 10) + "." + String(a % 10)
    }

    /// OrgaLSP `fmt`.
    static func lspFmt(_ v: Double, _ digits: Int = 2) -> String {
        guard v.isFinite else { return "–" }
        var p = 1.0
        for _ in 0..<digits { p *= 10 }
        let r = (v * p).rounded() / p
        if r == r.rounded() && abs(r) < 1e15 { return String(Int64(r)) }
        var s = String(format: "%.\(digits)f", r)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// OrgaLSP `fmtGrouped`.
    static func lspGrouped(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        guard abs(v) < 1e15 else { return String(v) }
        let n = Int64(v.rounded())
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// OrgaSemantics `fmtNumber`.
    static func fmtNumber(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    /// OrgaSyntax `JSONValue.formatNumber` (and the report's `JSONWriter.number`).
    static func jsonNumber(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(.towardZero) && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}
