import Foundation
import OrgaFormat
import OrgaSyntax
import OrgaTestSupport
import XCTest

/// The formatter's hard properties (lossless, idempotent, re-parses without new
/// diagnostics) on fuzzed variants of every corpus file that parses cleanly, and no
/// trap on arbitrary byte damage. `ORGC_FUZZ_LONG=1` runs 20 times as many.
final class FormatFuzzTests: XCTestCase {
    /// `ORGC_FORMAT_FUZZ_VARIANTS=N` overrides the variants per file (60; long mode 1,200).
    static let variantsPerFile = SlowTests.iterations("ORGC_FORMAT_FUZZ_VARIANTS", short: 60, long: 1_200)
    /// Byte-damaged copies per file (25; long mode 500).
    static let damagesPerFile = SlowTests.iterations("ORGC_FORMAT_FUZZ_DAMAGES", short: 25, long: 500)

    /// Bases for mutation: every corpus file that parses without errors.
    private func fuzzBases() throws -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for url in ModelFiles.corpus() {
            let bytes = try XCTUnwrap(ModelFiles.bytes(url))
            if !FormatterProperties.hasErrors(FormatterProperties.parse(bytes)) { out.append((url.lastPathComponent, bytes)) }
        }
        return out
    }

    /// Byte offsets where a token ends (between two tokens, on the same line or not).
    private func boundaries(_ tree: SyntaxTree) -> [Int] {
        tree.tokens.filter { $0.kind != .eof }.map { Int($0.end) }
    }

    /// One random edit that keeps most inputs parseable: whitespace, line breaks,
    /// `;`, comments of every kind, blank lines, moved or duplicated lines, CRLF.
    private func mutate(_ bytes: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var b = bytes
        let tree = FormatterProperties.parse(b)
        let cuts = boundaries(tree)
        let at = cuts.isEmpty ? 0 : min(b.count, rng.pick(cuts) ?? 0)
        let snippets: [String] = [
            " ", "  ", "\t", "\n", "\n\n\n", ";", "; ", " ;", "\r\n", "\r",
            " /* c */ ", "/* c */", " /* multi\n   line */ ", " // line\n", "\n/// doc\n", " /// trailing doc\n",
            "\n// own line\n", "\n/* own */\n", "\n/* a */ /* b */\n", "/**/", " //\n", " // trailing   \t\n",
        ]
        switch rng.below(10) {
        case 0, 1, 2, 3:
            b.insert(contentsOf: Array((rng.pick(snippets) ?? " ").utf8), at: at)
        case 4:
            // Delete whitespace or a line break after a token boundary.
            var end = at
            while end < b.count, b[end] == 0x20 || b[end] == 0x09 || b[end] == 0x0A || b[end] == 0x0D { end += 1 }
            if end > at { b.removeSubrange(at..<end) }
        case 5:
            // Replace the line break after a boundary with `;`.
            var i = at
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            if i < b.count, b[i] == 0x0A { b[i] = UInt8(ascii: ";") }
        case 6:
            // Duplicate or delete a whole line.
            let lines = FormatterProperties.text(b).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard !lines.isEmpty else { break }
            var ls = lines
            let i = rng.below(ls.count)
            if rng.below(2) == 0 { ls.insert(ls[i], at: i) } else { ls.remove(at: i) }
            b = Array(ls.joined(separator: "\n").utf8)
        case 7:
            // Move a line elsewhere.
            var ls = FormatterProperties.text(b).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard ls.count > 1 else { break }
            let l = ls.remove(at: rng.below(ls.count))
            ls.insert(l, at: rng.below(ls.count + 1))
            b = Array(ls.joined(separator: "\n").utf8)
        case 8:
            // Line endings: all CRLF, or trailing whitespace on every line.
            let s = FormatterProperties.text(b)
            b = Array((rng.below(2) == 0 ? s.replacingOccurrences(of: "\n", with: "\r\n")
                                         : s.replacingOccurrences(of: "\n", with: "  \t\n")).utf8)
        default:
            // Indentation mangled: strip or add leading whitespace on every line.
            let ls = FormatterProperties.text(b).split(separator: "\n", omittingEmptySubsequences: false)
            let add = rng.below(2) == 0
            b = Array(ls.map { add ? "\t  " + $0 : String($0.drop { $0 == " " || $0 == "\t" }) }.joined(separator: "\n").utf8)
        }
        return b
    }

    func testFuzzedVariantsFormatLosslessly() throws {
        let bases = try fuzzBases()
        XCTAssertGreaterThan(bases.count, 10)
        try SlowTests.require()
        var rng = SeededRandom(for: self, default: 0x0F0A_2024)
        var tried = 0, clean = 0
        for (name, base) in bases {
            for v in 0..<Self.variantsPerFile {
                var b = base
                for _ in 0..<(1 + rng.below(4)) { b = mutate(b, &rng) }
                tried += 1
                let tree = FormatterProperties.parse(b)
                if FormatterProperties.hasErrors(tree) {
                    XCTAssertEqual(Formatter.format(tree).outcome, .syntaxErrors)
                    continue
                }
                clean += 1
                if FormatterProperties.assertProperties(b, "\(name) variant \(v)") == nil { return }
            }
        }
        print("fuzz: \(clean) of \(tried) variants parse without errors and were checked")
        // Most variants must still parse, or the fuzzer tests little.
        XCTAssertGreaterThan(clean * 2, tried, "only \(clean) of \(tried) variants parse")
    }

    /// Arbitrary byte damage: the formatter must never trap, must refuse files with
    /// errors, and must keep its properties on whatever still parses.
    func testRandomByteDamageNeverTraps() throws {
        let bases = try fuzzBases()
        try SlowTests.require()
        var rng = SeededRandom(for: self, default: 42)
        let alphabet: [UInt8] = Array("{}\";/*\n\r\t ,.-+>%€_0a\u{FEFF}ü".utf8) + [0xFF, 0xC3, 0x00]
        for (name, base) in bases {
            for v in 0..<Self.damagesPerFile {
                var b = base
                for _ in 0..<(1 + rng.below(3)) {
                    let i = rng.below(b.count + 1)
                    switch rng.below(3) {
                    case 0: b.insert(rng.pick(alphabet) ?? 0x20, at: i)
                    case 1: if i < b.count { b.remove(at: i) }
                    default: if i < b.count { b[i] = rng.pick(alphabet) ?? 0x20 }
                    }
                }
                let tree = FormatterProperties.parse(b)
                let r = Formatter.format(tree)
                if FormatterProperties.hasErrors(tree) {
                    XCTAssertEqual(r.outcome, .syntaxErrors, "\(name) damaged \(v)")
                    XCTAssertNil(r.bytes)
                } else {
                    FormatterProperties.assertProperties(b, "\(name) damaged \(v)")
                }
            }
        }
    }
}
