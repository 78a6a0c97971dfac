import Foundation
import OrgaTestSupport
import XCTest
import OrgaSyntax
import OrgaSemantics

/// Issue 17, items 5 and 7: every diagnostic path is linear, and a file's stored
/// findings are bounded (the first `maxStoredDiagnostics` of a check, then one W121).
final class MassDiagnosticsTests: XCTestCase {
    override func setUpWithError() throws { try SlowTests.require() }

    private func timed(_ text: String) -> (CheckedModel, Double) {
        let t0 = Date()
        let m = Analyzer.check(trees: [Parser.parse(path: "m.orga", text: text)])
        return (m, Date().timeIntervalSince(t0))
    }

    private func counts(_ m: CheckedModel) -> [String: Int] {
        var c: [String: Int] = [:]
        for d in m.diagnostics { c[d.code.rawValue, default: 0] += 1 }
        return c
    }

    func testManyInstancesOfEachDiagnosticAreLinearAndBounded() {
        let n = 30_000
        let cap = 2_000   // ModelBuilder.maxStoredDiagnostics
        let header = "model M { worktime 1600 h }\nunit U { position P { planned 1 fte } }\n"
        var steps = "", unknownIn = "", targets = "", dupSteps = ""
        for i in 0..<n {
            steps += "  step S\(i) { by Nobody\(i); time 1 min }\n"
            unknownIn += "unit U\(i) { in Missing\(i) }\n"
            targets += "  step T\(i) { by P; time 1 min; next Nowhere\(i) }\n"
            dupSteps += "  step A { by P; time 1 min }\n"
        }
        let cases: [(String, String, String)] = [
            ("E303", String(repeating: "unit A\n", count: n), "duplicate units"),
            ("E303", header + "process X { volume 1 /year\n" + dupSteps + "}\n", "duplicate steps"),
            ("E301", header + "process X { volume 1 /year\n" + steps + "}\n", "unknown performers"),
            ("E301", unknownIn, "unknown units among as many declarations"),
            ("E402", header + "process X { volume 1 /year\n" + targets + "}\n", "unknown targets"),
            ("E306", "model M {\n" + String(repeating: "  year 2024\n", count: n) + "}\n", "duplicate settings"),
        ]
        for (code, text, what) in cases {
            let (m, seconds) = timed(text)
            // A blow-up guard only (quadratic paths took minutes at this size in a debug build).
            XCTAssertLessThan(seconds, 60, what)
            XCTAssertEqual(counts(m)[code], cap, "\(what): the first \(cap) are kept")
            XCTAssertEqual(counts(m)["W121"], 1, "\(what): one W121 says the rest were dropped")
        }
        // A unit cycle through n units is found and reported once.
        var chain = ""
        for i in 0..<n { chain += "unit C\(i) { in C\((i + 1) % n) }\n" }
        let (m, seconds) = timed(chain)
        XCTAssertLessThan(seconds, 60)
        XCTAssertEqual(m.diagnostics.map(\.code), [.unitCycle])
        XCTAssertTrue(m.diagnostics.first?.message.hasPrefix("the unit hierarchy has a cycle: C0 → C1 → C2") ?? false)
    }
}
