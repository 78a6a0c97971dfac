import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
import OrgaAnalysis

/// A seeded Monte Carlo check of the exact spreads: 10⁶ draws of the ranges of
/// `Fixtures.rangesModel` from real distributions — uniform for two-point ranges, for
/// three-point ranges the Beta distribution on [a, b] with PERT's mean (a + 4m + b) ÷ 6
/// and sd (b − a) ÷ 6 — must give the engine's mean and sd within 0.5 %.
///
/// Every figure is multilinear in the ranges (a sum of volume × time products), so it is
/// fixed by its values at the 2ᵏ corners; the test interpolates it from 2ᵏ engine runs
/// (Möbius transform) and evaluates the interpolant per draw, which keeps 10⁶ draws fast.
final class RangeMonteCarloTests: XCTestCase {

    func testMonteCarloAgreesWithinHalfAPercent() throws {
        try SlowTests.require()
        let m = Analyzer.check(files: [SourceFile(path: "ranges.orga", text: Fixtures.rangesModel)]).model
        let r = StaffingAnalysis.analyze(m)
        XCTAssertEqual(m.diagnostics.filter { $0.severity == .error }.count, 0)
        var rs: [(p: Int, n: Int?, r: RangeEstimate)] = []
        for (p, proc) in m.processes.enumerated() {
            if let x = proc.volumeRange { rs.append((p, nil, x)) }
            for (n, node) in proc.nodes.enumerated() { if let x = node.timeRange { rs.append((p, n, x)) } }
        }
        let k = rs.count
        XCTAssertEqual(k, 6)
        // The figures checked: (name, exact mean, spread, reader).
        let sb = m.positions.firstID { $0.name == "SB" } ?? PositionID(0), amt = m.units.firstID { $0.name == "Amt" } ?? UnitID(0)
        let antrag = m.processes.firstID { $0.name == "Antrag" } ?? ProcessID(0), zahlung = m.processes.firstID { $0.name == "Zahlung" } ?? ProcessID(0)
        let readers: [(String, Double, Spread, (StaffingResult) -> Double)] = [
            ("SB", r.positions[sb].need, r.positions[sb].needSpread, { $0.positions[sb].need }),
            ("Amt", r.units[amt].need, r.units[amt].needSpread, { $0.units[amt].need }),
            ("total", r.totalNeed, r.totalNeedSpread, { $0.totalNeed }),
            ("total cost", r.totalNeedCost, r.totalNeedCostSpread, { $0.totalNeedCost }),
            ("Zahlung fte", r.processes[zahlung].fte, r.processes[zahlung].fteSpread, { $0.processes[zahlung].fte }),
            ("Antrag lead", r.processes[antrag].leadTimeDays ?? 0, r.processes[antrag].leadTimeSpread ?? .exact(0), { $0.processes[antrag].leadTimeDays ?? 0 }),
        ]
        // Corner values: bit j of the corner = range j at its upper end.
        var corners = [[Double]](repeating: [], count: readers.count)
        for corner in 0..<(1 << k) {
            var x = m
            for (j, e) in rs.enumerated() {
                let v = corner & (1 << j) != 0 ? e.r.high : e.r.low
                if let n = e.n {
                    x.processes[e.p].nodes[n].timeSetting = .given(v, x.processes[e.p].location)
                    x.processes[e.p].nodes[n].timeRange = nil
                } else {
                    x.processes[e.p].volumeSetting = .given(v, x.processes[e.p].location)
                    x.processes[e.p].volumeRange = nil
                }
            }
            let result = StaffingAnalysis.analyze(x)
            for (f, reader) in readers.enumerated() { corners[f].append(reader.3(result)) }
        }
        // Möbius transform: f(u) = Σ_S c_S Π_{j∈S} u_j with u_j = (X_j − low_j) ÷ (high_j − low_j).
        let terms: [[(mask: Int, c: Double)]] = corners.map { values in
            var c = values
            for j in 0..<k {
                for s in 0..<(1 << k) where s & (1 << j) != 0 { c[s] -= c[s ^ (1 << j)] }
            }
            let scale = values.map(abs).max() ?? 1
            return c.enumerated().filter { abs($0.element) > 1e-13 * scale }.map { ($0.offset, $0.element) }
        }

        var rng = SeededRandom(for: self, default: 0x5EED_0014)
        let draws = 1_000_000
        var sum = [Double](repeating: 0, count: readers.count)
        var sumSq = [Double](repeating: 0, count: readers.count)
        var u = [Double](repeating: 0, count: k)
        var products = [Double](repeating: 1, count: 1 << k)
        for _ in 0..<draws {
            for (j, e) in rs.enumerated() {
                let w = e.r.high - e.r.low
                if let likely = e.r.likely {
                    // Beta on [0, 1] with PERT's moments: mean x̄, variance 1/36.
                    let xbar = (e.r.low + 4 * likely + e.r.high) / 6 / w - e.r.low / w
                    let common = xbar * (1 - xbar) * 36 - 1
                    u[j] = Self.beta(xbar * common, (1 - xbar) * common, &rng)
                } else {
                    u[j] = Double.random(in: 0..<1, using: &rng)
                }
            }
            for s in 1..<(1 << k) {
                let low = s & (-s)
                products[s] = products[s ^ low] * u[low.trailingZeroBitCount]
            }
            for f in readers.indices {
                var y = 0.0
                for t in terms[f] { y += t.c * products[t.mask] }
                sum[f] += y; sumSq[f] += y * y
            }
        }
        for (f, reader) in readers.enumerated() {
            let mean = sum[f] / Double(draws)
            let sd = max(0, sumSq[f] / Double(draws) - mean * mean).squareRoot()
            XCTAssertGreaterThan(reader.2.sd, 0, reader.0)
            XCTAssertEqual(mean, reader.1, accuracy: 0.005 * reader.1, "mean of \(reader.0)")
            XCTAssertEqual(sd, reader.2.sd, accuracy: 0.005 * reader.2.sd, "sd of \(reader.0): Monte Carlo \(sd), exact \(reader.2.sd)")
        }
    }

    /// Beta(α, β) from two Gamma draws.
    static func beta(_ a: Double, _ b: Double, _ rng: inout SeededRandom) -> Double {
        let x = gamma(a, &rng), y = gamma(b, &rng)
        return x / (x + y)
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang; shape < 1 by the boost Gamma(a + 1) · U^(1/a).
    static func gamma(_ shape: Double, _ rng: inout SeededRandom) -> Double {
        if shape < 1 {
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            return gamma(shape + 1, &rng) * Foundation.pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                // Standard normal by Box–Muller.
                let u1 = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
                let u2 = Double.random(in: 0..<1, using: &rng)
                x = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = Double.random(in: 0..<1, using: &rng)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }
}
