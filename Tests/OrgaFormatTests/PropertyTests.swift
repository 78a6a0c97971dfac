import Foundation
import OrgaFormat
import OrgaSyntax
import XCTest

/// The hard properties on every `.orga` file of the project and on fuzzed variants:
/// never loses anything, idempotent, output re-parses without new diagnostics.
final class PropertyTests: XCTestCase {
    /// Samples, golden inputs and outputs, grammar fixtures: all that parse cleanly.
    func testCorpusFormatsLosslesslyAndIdempotently() throws {
        let files = Support.corpus()
        XCTAssertGreaterThan(files.count, 0)
        var clean = 0
        for url in files {
            let bytes = try XCTUnwrap(Support.read(url))
            let name = url.path.replacingOccurrences(of: Support.packageRoot.path + "/", with: "")
            if Support.assertProperties(bytes, name) != nil { clean += 1 }
        }
        XCTAssertGreaterThan(clean, 0, "no error-free file in the corpus")
    }

    /// Samples (written by hand against LANGUAGE.md) must all be formattable.
    func testSamplesAreFormattable() throws {
        let samples = Support.orgaFiles(under: Support.packageRoot.appendingPathComponent("Samples"))
        for url in samples {
            let bytes = try XCTUnwrap(Support.read(url))
            let r = Formatter.format(Support.parse(bytes, url.path))
            XCTAssertEqual(r.outcome, .formatted, "\(url.lastPathComponent): \(r.diagnostics.map(\.message)) \(r.message ?? "")")
        }
    }

    // MARK: Fuzzing

    /// Bases for mutation: every corpus file that parses without errors.
    private func fuzzBases() throws -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        for url in Support.corpus() {
            let bytes = try XCTUnwrap(Support.read(url))
            if !Support.hasErrors(Support.parse(bytes)) { out.append((url.lastPathComponent, bytes)) }
        }
        return out
    }

    /// Byte offsets where a token ends (between two tokens, on the same line or not).
    private func boundaries(_ tree: SyntaxTree) -> [Int] {
        tree.tokens.filter { $0.kind != .eof }.map { Int($0.end) }
    }

    /// One random edit that keeps most inputs parseable: whitespace, line breaks,
    /// `;`, comments of every kind, blank lines, moved or duplicated lines, CRLF.
    private func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        let tree = Support.parse(b)
        let cuts = boundaries(tree)
        let at = cuts.isEmpty ? 0 : min(b.count, rng.pick(cuts))
        let snippets: [String] = [
            " ", "  ", "\t", "\n", "\n\n\n", ";", "; ", " ;", "\r\n", "\r",
            " /* c */ ", "/* c */", " /* multi\n   line */ ", " // line\n", "\n/// doc\n", " /// trailing doc\n",
            "\n// own line\n", "\n/* own */\n", "\n/* a */ /* b */\n", "/**/", " //\n", " // trailing   \t\n",
        ]
        switch rng.below(10) {
        case 0, 1, 2, 3:
            b.insert(contentsOf: Array(rng.pick(snippets).utf8), at: at)
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
            let lines = Support.text(b).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard !lines.isEmpty else { break }
            var ls = lines
            let i = rng.below(ls.count)
            if rng.below(2) == 0 { ls.insert(ls[i], at: i) } else { ls.remove(at: i) }
            b = Array(ls.joined(separator: "\n").utf8)
        case 7:
            // Move a line elsewhere.
            var ls = Support.text(b).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard ls.count > 1 else { break }
            let l = ls.remove(at: rng.below(ls.count))
            ls.insert(l, at: rng.below(ls.count + 1))
            b = Array(ls.joined(separator: "\n").utf8)
        case 8:
            // Line endings: all CRLF, or trailing whitespace on every line.
            let s = Support.text(b)
            b = Array((rng.below(2) == 0 ? s.replacingOccurrences(of: "\n", with: "\r\n")
                                         : s.replacingOccurrences(of: "\n", with: "  \t\n")).utf8)
        default:
            // Indentation mangled: strip or add leading whitespace on every line.
            let ls = Support.text(b).split(separator: "\n", omittingEmptySubsequences: false)
            let add = rng.below(2) == 0
            b = Array(ls.map { add ? "\t  " + $0 : String($0.drop { $0 == " " || $0 == "\t" }) }.joined(separator: "\n").utf8)
        }
        return b
    }

    func testFuzzedVariantsFormatLosslessly() throws {
        let bases = try fuzzBases()
        XCTAssertGreaterThan(bases.count, 10)
        var rng = SplitMix64(seed: 0x0F0A_2024)
        var tried = 0, clean = 0
        for (name, base) in bases {
            for v in 0..<60 {
                var b = base
                for _ in 0..<(1 + rng.below(4)) { b = mutate(b, &rng) }
                tried += 1
                let tree = Support.parse(b)
                if Support.hasErrors(tree) {
                    XCTAssertEqual(Formatter.format(tree).outcome, .syntaxErrors)
                    continue
                }
                clean += 1
                if Support.assertProperties(b, "\(name) variant \(v)") == nil { return }
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
        var rng = SplitMix64(seed: 42)
        let alphabet: [UInt8] = Array("{}\";/*\n\r\t ,.-+>%€_0a\u{FEFF}ü".utf8) + [0xFF, 0xC3, 0x00]
        for (name, base) in bases {
            for v in 0..<25 {
                var b = base
                for _ in 0..<(1 + rng.below(3)) {
                    let i = rng.below(b.count + 1)
                    switch rng.below(3) {
                    case 0: b.insert(rng.pick(alphabet), at: i)
                    case 1: if i < b.count { b.remove(at: i) }
                    default: if i < b.count { b[i] = rng.pick(alphabet) }
                    }
                }
                let tree = Support.parse(b)
                let r = Formatter.format(tree)
                if Support.hasErrors(tree) {
                    XCTAssertEqual(r.outcome, .syntaxErrors, "\(name) damaged \(v)")
                    XCTAssertNil(r.bytes)
                } else {
                    Support.assertProperties(b, "\(name) damaged \(v)")
                }
            }
        }
    }

    /// Deep nesting up to the parser's limit formats without trouble.
    func testDeepNesting() {
        let depth = 200
        var s = ""
        for i in 0..<depth { s += "unit U\(i) {\n" }
        s += "kind \"x\"\n"
        for _ in 0..<depth { s += "}\n" }
        let out = Support.assertProperties(Array(s.utf8), "deep")
        XCTAssertNotNil(out)
    }
}
