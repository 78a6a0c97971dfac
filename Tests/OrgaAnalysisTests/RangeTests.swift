import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// Ranges (docs/staffing.md, Ranges): hand-computed spreads, then a brute-force
/// enumeration over discrete stand-ins for the ranges that runs the whole engine once per
/// outcome. Every expected number is worked out in the comment beside it.
final class RangeTests: XCTestCase {

    // MARK: Hand-computed

    func testOneStepWithAThreePointTime() {
        let (m, r) = analyze("""
            model M { year 2024; worktime 1600 h }
            unit A { position SB { planned 1 fte } }
            process P { owner A; volume 960 /year
              step S { by SB; time 20..30..60 min }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let sb = r.positions[m.position("SB")]
        // PERT: mean (20 + 4·30 + 60) ÷ 6 = 200/6 min = 1/1.8 h; sd (60 − 20) ÷ 6 = 40/6 min = 1/9 h.
        // need = 960 × T ÷ 1600 = 0.6 T: mean 0.6/1.8 = 0.3333…, sd 0.6/9 = 0.0666…
        assertClose(sb.need, 1.0 / 3)
        assertClose(sb.needSpread.sd, 0.6 / 9)
        // min 0.6 × 20/60 = 0.2, max 0.6 × 1 = 0.6
        assertClose(sb.needSpread.min, 0.2)
        assertClose(sb.needSpread.max, 0.6)
        // P90 by the normal approximation: 0.3333 + 1.28155 × 0.06667 = 0.41877 → 0.42 (rounding 0.01)
        assertClose(sb.proposalP90, 0.42)
        assertClose(sb.proposal, 0.34)
        // staff hours per case: T itself; lead time T ÷ 24 days.
        let p = r.processes[m.process("P")]
        assertClose(p.staffHoursPerCaseSpread.sd, 1.0 / 9)
        assertClose(p.leadTimeSpread?.sd, 1.0 / 9 / 24)
        assertClose(p.leadTimeSpread?.max, 1.0 / 24)
        assertClose(p.fteSpread.sd, 0.6 / 9)
        assertClose(sb.contributions[0].fteSpread.sd, 0.6 / 9)
    }

    func testTwoStepsOfAPositionShareOneUncertainVolume() {
        let (m, r) = analyze("""
            model M { year 2024; worktime 1000 h }
            unit A { position SB { planned 1 fte } }
            process P { owner A; volume 1_000..2_000 /year
              step S1 { by SB; time 1..3 h }
              step S2 { by SB; time 2 h }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let sb = r.positions[m.position("SB")]
        // need = V (T + 2) ÷ 1000. V uniform: μ 1500, σ² 1000²/12 = 83,333.3; X = T + 2: μ 4, σ² 2²/12 = 1/3.
        // mean 1500 × 4 / 1000 = 6.
        assertClose(sb.need, 6)
        // Var(VX) = μV²σX² + μX²σV² + σV²σX² = 750,000 + 1,333,333.3 + 27,777.8 = 2,111,111.1 → ÷ 1000² = 2.1111
        // (treating the two steps as independent would give 0.6455² + … — the shared V makes them covary).
        assertClose(sb.needSpread.sd, (2_111_111.111111111 / 1e6).squareRoot(), accuracy: 1e-9)
        // min 1000 × 3 / 1000 = 3; max 2000 × 5 / 1000 = 10
        assertClose(sb.needSpread.min, 3)
        assertClose(sb.needSpread.max, 10)
        // Step S2 alone: 2V/1000: sd 2 × 288.675 / 1000 = 0.57735
        assertClose(sb.contributions[1].fteSpread.sd, 2 * (1e6 / 12).squareRoot() / 1000)
        // The unit and the total equal the position.
        assertClose(r.units[m.unit("A")].needSpread.sd, sb.needSpread.sd, accuracy: 1e-12)
        assertClose(r.totalNeedSpread.sd, sb.needSpread.sd, accuracy: 1e-12)
        // Staff hours per case do not depend on the volume: T + 2, sd 1/√3.
        assertClose(r.processes[m.process("P")].staffHoursPerCaseSpread.sd, (1.0 / 3).squareRoot())
    }

    func testALoopMultipliesTheTimeOnce() {
        let (m, r) = analyze("""
            model M { year 2024; worktime 1000 h }
            unit A { position SB { planned 1 fte } }
            process P { owner A; volume 100 /year
              step S { by SB; time 1..2 h }
              decide D { branch "fertig" 80 % -> end; branch "nochmal" 20 % -> S }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let sb = r.positions[m.position("SB")]
        // visits of S = 1 ÷ 0.8 = 1.25. need = 100 × 1.25 × T ÷ 1000 = 0.125 T.
        // T uniform 1..2: μ 1.5, σ 1/√12 = 0.288675 → mean 0.1875, sd 0.125 × 0.288675 = 0.0360844
        // (one average time for every visit: the sd scales by 1.25, not by √1.25).
        assertClose(sb.need, 0.1875)
        assertClose(sb.needSpread.sd, 0.125 / 12.0.squareRoot())
        assertClose(sb.needSpread.min, 0.125)
        assertClose(sb.needSpread.max, 0.25)
        // lead time 1.25 × T ÷ 24: sd 1.25 × 0.288675 ÷ 24
        assertClose(r.processes[m.process("P")].leadTimeSpread?.sd, 1.25 / 12.0.squareRoot() / 24)
    }

    func testACallCarriesTheCallersUncertainVolume() {
        let (m, r) = analyze("""
            model M { year 2024; worktime 1000 h }
            grade E9 { cost 50_000 EUR }
            unit A { position SB { grade E9; planned 1 fte } }
            process Parent { owner A; volume 100..300 /year
              step Own { by SB; time 1 h }
              step Hand { call Child }
            }
            process Child { owner A; volume 50 /year
              step Work { by SB; time 1..3 h }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        // Child cases C = 50 + V, V uniform 100..300: μC 250, σ²C = 200²/12 = 3,333.33; T uniform 1..3: μ 2, σ² 1/3.
        let child = r.processes[m.process("Child")]
        // Child fte = C T ÷ 1000: mean 0.5; Var(CT) = 62,500/3 + 4 × 3,333.33 + 3,333.33/3 = 35,277.78 → ÷ 1e6
        assertClose(child.fte, 0.5)
        assertClose(child.fteSpread.sd, (35_277.777777777 / 1e6).squareRoot(), accuracy: 1e-9)
        assertClose(child.fteSpread.min, 0.15)   // 150 × 1 / 1000
        assertClose(child.fteSpread.max, 1.05)   // 350 × 3 / 1000
        // Position SB does Parent.Own (V × 1 h) and Child.Work (C × T): Y = (V + 50T + VT) ÷ 1000.
        // mean (200 + 100 + 400) ÷ 1000 = 0.7.
        // Var = Var(V(1+T)) + 2500 Var T + 2·50·Cov(V(1+T), T)
        //     = (40,000/3 + 9 × 3,333.33 + 3,333.33/3) + 2,500/3 + 100 × 200/3
        //     = 44,444.44 + 833.33 + 6,666.67 = 51,944.44 → ÷ 1e6
        let sb = r.positions[m.position("SB")]
        assertClose(sb.need, 0.7)
        assertClose(sb.needSpread.sd, (51_944.444444444 / 1e6).squareRoot(), accuracy: 1e-9)
        // need cost = need × 50,000: sd scales.
        assertClose(sb.needCostSpread?.sd, 50_000 * (51_944.444444444 / 1e6).squareRoot(), accuracy: 1e-5)
        assertClose(r.totalNeedCostSpread.sd, 50_000 * (51_944.444444444 / 1e6).squareRoot(), accuracy: 1e-5)
        // Lead time of Parent = 1/24 + Child's T/24 (no volume in lead times): sd (1/√3)/24.
        assertClose(r.processes[m.process("Parent")].leadTimeSpread?.sd, (1.0 / 3).squareRoot() / 24)
    }

    func testPlainAndZeroWidthValuesAreExact() {
        let (m, r) = analyze("""
            model M { year 2024; worktime 1000 h }
            unit A { position SB { planned 1 fte } }
            process P { owner A; volume 100..100 /year
              step S { by SB; time 15..15 min }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let sb = r.positions[m.position("SB")]
        XCTAssertTrue(sb.needSpread.isExact)
        XCTAssertEqual(sb.needSpread, .exact(sb.need))
        XCTAssertNil(sb.proposalP90)
        XCTAssertEqual(r.totalNeedSpread, .exact(r.totalNeed))
    }

    // MARK: Brute force over discrete stand-ins

    /// A model with every kind of sharing (shared with the Monte Carlo slow test).
    static let rich = Fixtures.rangesModel

    /// Every range of the model: (process, node or nil for the volume).
    private func ranges(_ m: Model) -> [(p: Int, n: Int?, r: RangeEstimate)] {
        var out: [(Int, Int?, RangeEstimate)] = []
        for (p, proc) in m.processes.enumerated() {
            if let r = proc.volumeRange { out.append((p, nil, r)) }
            for (n, node) in proc.nodes.enumerated() { if let r = node.timeRange { out.append((p, n, r)) } }
        }
        return out
    }

    /// The model with each range replaced by the exact value `values[k]`.
    private func substitute(_ m: Model, _ rs: [(p: Int, n: Int?, r: RangeEstimate)], _ values: [Double]) -> Model {
        var x = m
        for (k, e) in rs.enumerated() {
            if let n = e.n {
                let l = x.processes[e.p].nodes[n].timeSetting.location ?? x.processes[e.p].location
                x.processes[e.p].nodes[n].timeSetting = .given(values[k], l)
                x.processes[e.p].nodes[n].timeRange = nil
            } else {
                let l = x.processes[e.p].volumeSetting.location ?? x.processes[e.p].location
                x.processes[e.p].volumeSetting = .given(values[k], l)
                x.processes[e.p].volumeRange = nil
            }
        }
        return x
    }

    /// Every figure with a spread, flattened: (name, value, spread).
    private func figures(_ m: Model, _ r: StaffingResult) -> [(String, Double, Spread)] {
        var out: [(String, Double, Spread)] = []
        for (i, p) in r.positions.enumerated() {
            out.append(("position \(m.positions[i].name)", p.need, p.needSpread))
            if let c = p.needCost, let s = p.needCostSpread { out.append(("cost \(m.positions[i].name)", c, s)) }
            for (k, c) in p.contributions.enumerated() { out.append(("contribution \(m.positions[i].name)#\(k)", c.fte, c.fteSpread)) }
        }
        for (u, x) in r.units.enumerated() {
            out.append(("unit \(m.units[u].name)", x.need, x.needSpread))
            out.append(("unit own \(m.units[u].name)", x.ownNeed, x.ownNeedSpread))
            out.append(("unit cost \(m.units[u].name)", x.needCost, x.needCostSpread))
        }
        for (p, x) in r.processes.enumerated() {
            out.append(("process fte \(m.processes[p].name)", x.fte, x.fteSpread))
            out.append(("process hours \(m.processes[p].name)", x.staffHoursPerCase, x.staffHoursPerCaseSpread))
            if let l = x.leadTimeDays, let s = x.leadTimeSpread { out.append(("process lead \(m.processes[p].name)", l, s)) }
        }
        out.append(("total", r.totalNeed, r.totalNeedSpread))
        out.append(("total cost", r.totalNeedCost, r.totalNeedCostSpread))
        return out
    }

    /// Replaces each range by a discrete variable with the same mean and variance (two
    /// points μ ± σ, or three points μ, μ ± σ·√1.5, each equally likely): the exact
    /// variance of a sum of products of independent factors depends only on their means
    /// and variances, so the engine's sd must equal the enumerated one. The bounds are
    /// checked by enumerating every corner (each range at its low or high end).
    func testVarianceEqualsBruteForceEnumeration() throws {
        let (m, r) = analyze(Self.rich)
        XCTAssertEqual(m.errorCodes(), [])
        let rs = ranges(m)
        XCTAssertEqual(rs.count, 6)
        let expected = figures(m, r)
        XCTAssertTrue(expected.contains { $0.2.sd > 0 && $0.0.hasPrefix("unit Amt") })

        // Points per range: two-point stand-ins for even k, three-point for odd k.
        let points: [[Double]] = rs.enumerated().map { k, e in
            let mu = e.r.mean, s = e.r.sd
            return k % 2 == 0 ? [mu - s, mu + s] : [mu - s * 1.5.squareRoot(), mu, mu + s * 1.5.squareRoot()]
        }
        var sum = [Double](repeating: 0, count: expected.count)
        var sumSq = [Double](repeating: 0, count: expected.count)
        var outcomes = 0
        var index = [Int](repeating: 0, count: rs.count)
        while true {
            let values = index.enumerated().map { points[$0.offset][$0.element] }
            let x = substitute(m, rs, values)
            let f = figures(x, StaffingAnalysis.analyze(x))
            XCTAssertEqual(f.count, expected.count)
            for k in f.indices where k < expected.count { sum[k] += f[k].1; sumSq[k] += f[k].1 * f[k].1 }
            outcomes += 1
            var d = 0
            while d < index.count { index[d] += 1; if index[d] < points[d].count { break }; index[d] = 0; d += 1 }
            if d == index.count { break }
        }
        XCTAssertEqual(outcomes, 2 * 3 * 2 * 3 * 2 * 3)
        for (k, e) in expected.enumerated() {
            let mean = sum[k] / Double(outcomes)
            let variance = max(0, sumSq[k] / Double(outcomes) - mean * mean)
            let tol = 1e-9 * max(1, abs(e.1))
            XCTAssertEqual(mean, e.1, accuracy: tol, "mean of \(e.0)")
            XCTAssertEqual(variance.squareRoot(), e.2.sd, accuracy: 1e-6 * max(1, e.2.sd) + 1e-7 * max(1, abs(e.1)), "sd of \(e.0)")
        }

        // Bounds: min and max over every corner.
        var lows = [Double](repeating: .infinity, count: expected.count)
        var highs = [Double](repeating: -.infinity, count: expected.count)
        for corner in 0..<(1 << rs.count) {
            let values = rs.enumerated().map { k, e in corner & (1 << k) != 0 ? e.r.high : e.r.low }
            let x = substitute(m, rs, values)
            for (k, f) in figures(x, StaffingAnalysis.analyze(x)).enumerated() where k < lows.count {
                lows[k] = min(lows[k], f.1); highs[k] = max(highs[k], f.1)
            }
        }
        for (k, e) in expected.enumerated() {
            XCTAssertEqual(lows[k], e.2.min, accuracy: 1e-9 * max(1, abs(e.1)), "min of \(e.0)")
            XCTAssertEqual(highs[k], e.2.max, accuracy: 1e-9 * max(1, abs(e.1)), "max of \(e.0)")
        }
    }
}
