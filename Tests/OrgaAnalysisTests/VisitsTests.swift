import XCTest
import OrgaSyntax
import OrgaSemantics
@testable import OrgaAnalysis

/// The visits solver on large and deeply nested flows, against closed-form values.
final class VisitsTests: XCTestCase {
    /// k nested loops: A1 … Ak, B, Dk … D1, where Di goes back to Ai with probability p.
    /// Loop i is entered once per pass of loop i−1 and runs 1/(1−p) passes, so
    /// visits(Ai) = visits(Di) = (1/(1−p))^i and visits(B) = (1/(1−p))^k.
    static func nestedLoops(k: Int, p: Double) -> String {
        var s = "model M { worktime 1600 h }\nactor X\nprocess Nest {\n  volume 1 /year\n"
        for i in 1...k { s += "  step A\(i) { by X }\n" }
        s += "  step B { by X }\n"
        let pct = p * 100
        for i in stride(from: k, through: 1, by: -1) {
            let out = i == 1 ? "end" : "D\(i - 1)"
            s += "  decide D\(i) { branch \"again\" \(pct) % -> A\(i); branch \"out\" \(100 - pct) % -> \(out) }\n"
        }
        return s + "}\n"
    }

    func testDeeplyNestedLoopsOf2000Nodes() {
        let k = 999, p = 0.0005
        let (m, _) = analyze(Self.nestedLoops(k: k, p: p))
        XCTAssertEqual(m.errorCodes(), [])
        XCTAssertEqual(m.processes[0].nodes.count, 2 * k + 1)
        let start = Date()
        let sol = Visits.solve(m.processes[0])
        let elapsed = Date().timeIntervalSince(start)
        guard let v = sol.visits else { return XCTFail("no visits: \(String(describing: sol.problem))") }
        let f = 1 / (1 - p)
        for i in [1, 2, 500, 998, 999] {
            let expected = pow(f, Double(i))
            XCTAssertEqual(v[i - 1], expected, accuracy: 1e-9 * expected, "A\(i)")       // A_i
            XCTAssertEqual(v[2 * k + 1 - i], expected, accuracy: 1e-9 * expected, "D\(i)") // D_i
        }
        XCTAssertEqual(v[k], pow(f, Double(k)), accuracy: 1e-9 * pow(f, Double(k)), "B")
        XCTAssertFalse(sol.acyclic)
        // Generous bound for a debug build on a shared machine; the release benchmark asks ≤ 50 ms.
        XCTAssertLessThan(elapsed, 20.0, "blow-up guard only; speed is measured in Benchmarks/")
    }

    func testAcyclicFlowUsesTheFastPath() {
        let (m, _) = analyze("""
            actor X
            process P {
              volume 1 /year
              step A { by X }
              decide D { branch "l" 25 % -> L; branch "r" 75 % -> R }
              step L { by X; next J }
              step R { by X }
              step J { by X }
            }
            """)
        let sol = Visits.solve(m.processes[0])
        XCTAssertTrue(sol.acyclic)
        // A 1, D 1, L 0.25, R 0.75, J 1 (both branches join)
        XCTAssertEqual(sol.visits, [1, 1, 0.25, 0.75, 1])
    }

    func testTwoOverlappingLoopsSolvedExactly() {
        // A → B → D; D: 50 % → A, 25 % → B, 25 % → end.
        // v(A) = 1 + 0.5 v(D); v(B) = v(A) + 0.25 v(D); v(D) = v(B)
        // → v(D) = 1 + 0.75 v(D) → v(D) = 4, v(A) = 3, v(B) = 4
        let (m, _) = analyze("""
            actor X
            process P {
              volume 1 /year
              step A { by X }
              step B { by X }
              decide D { branch "a" 50 % -> A; branch "b" 25 % -> B; branch "e" 25 % -> end }
            }
            """)
        let v = Visits.solve(m.processes[0]).visits ?? []
        XCTAssertEqual(v.count, 3)
        if v.count == 3 {
            XCTAssertEqual(v[0], 3, accuracy: 1e-12)
            XCTAssertEqual(v[1], 4, accuracy: 1e-12)
            XCTAssertEqual(v[2], 4, accuracy: 1e-12)
        }
    }

    func testSolverComponentsAreDependenciesFirst() {
        // x0 depends on x1, x1 on x2 and x2 on x1 (a loop): {1,2} before {0}.
        let s = FlowSolver(n: 3, entries: [[(1, 1)], [(2, 0.5)], [(1, 0.5)]])
        XCTAssertEqual(s.components(), [[1, 2], [0]])
        // x1 = 1 + 0.5 x2, x2 = 0.5 x1 → x1 = 1/0.75, x2 = 0.5/0.75, x0 = x1
        let x = s.solve([[0, 1, 0]])?.first ?? []
        XCTAssertEqual(x.count, 3)
        if x.count == 3 {
            XCTAssertEqual(x[1], 4.0 / 3, accuracy: 1e-12)
            XCTAssertEqual(x[2], 2.0 / 3, accuracy: 1e-12)
            XCTAssertEqual(x[0], 4.0 / 3, accuracy: 1e-12)
        }
        // A loop without a way out is singular: no solution rather than garbage.
        XCTAssertNil(FlowSolver(n: 2, entries: [[(1, 1)], [(0, 1)]]).solve([[1, 0]]))
    }
}
