import XCTest
import OrgaSyntax
import OrgaSemantics
@testable import OrgaAnalysis

/// Matrix figures and RACI counts against hand computation.
final class AssessmentTests: XCTestCase {
    func cell(_ f: MatrixFigures, _ m: Matrix, _ area: String, _ aspect: String) -> MatrixCell? {
        guard let a = m.areas.firstIndex(where: { $0.name == area }), let k = m.aspects.firstIndex(where: { $0.name == aspect }) else { return nil }
        return f.cells[a][k]
    }

    /// The sample's 4×4 matrix (Samples/jugendamt/bewertungen.orga; scores fictitious).
    func testSampleMatrixByHand() throws {
        let (model, _) = try loadSample("jugendamt")
        XCTAssertFalse(model.hasErrors)
        let m = try XCTUnwrap(model.matrix(named: "Reife"))
        let f = MatrixFigures(model, matrix: m)
        let matrix = model.matrices[m]
        XCTAssertEqual(f.raters.map { matrix.ratings[$0].name }, ["Amt50", "Jugend", "SozAsyl"])
        XCTAssertEqual(f.target.map { matrix.ratings[$0].name }, "Zielbild")
        // Technik × passt: Amt50 2, Jugend 1, SozAsyl 4 → mean 7/3, min 1, max 4, spread 3, n 3;
        // target 4, gap 4 − 7/3 = 5/3. The scale 1..4 has half-width 1.5: 3 ≥ 1.5, the raters disagree.
        let tp = try XCTUnwrap(cell(f, matrix, "Technik", "passt"))
        XCTAssertEqual(tp.mean ?? 0, 7.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(tp.min, 1); XCTAssertEqual(tp.max, 4); XCTAssertEqual(tp.spread, 3); XCTAssertEqual(tp.n, 3)
        XCTAssertEqual(tp.target, 4)
        XCTAssertEqual(tp.gap ?? 0, 5.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(f.disagreementThreshold, 1.5)
        XCTAssertTrue(f.disagree(tp))
        // Technik × flexibel: 1, 1, 1 → mean 1, spread 0; target 3, gap 2.
        let tf = try XCTUnwrap(cell(f, matrix, "Technik", "flexibel"))
        XCTAssertEqual(tf.mean, 1); XCTAssertEqual(tf.spread, 0); XCTAssertEqual(tf.gap, 2)
        XCTAssertFalse(f.disagree(tf))
        // Only Technik × passt has a spread ≥ 1.5.
        XCTAssertEqual(f.cells.flatMap { $0 }.filter { f.disagree($0) }.count, 1)
        // Area means (mean of the four cell indices, in thirds):
        //   Technik    (7 + 7 + 5 + 3) / 3 / 4 = 22/12
        //   Prozesse   (5 + 4 + 3 + 4) / 3 / 4 = 16/12
        //   Personal   (8 + 7 + 5 + 7) / 3 / 4 = 27/12
        //   Strukturen (7 + 5 + 6 + 5) / 3 / 4 = 23/12
        let areaMeans = f.areaMeans.map { $0 ?? .nan }
        for (got, want) in zip(areaMeans, [22.0 / 12, 16.0 / 12, 27.0 / 12, 23.0 / 12]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        // Aspect means: passt (7+5+8+7)/12 = 27/12, funktioniert (7+4+7+5)/12 = 23/12,
        // nachhaltig (5+3+5+6)/12 = 19/12, flexibel (3+4+7+5)/12 = 19/12.
        let aspectMeans = f.aspectMeans.map { $0 ?? .nan }
        for (got, want) in zip(aspectMeans, [27.0 / 12, 23.0 / 12, 19.0 / 12, 19.0 / 12]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
    }

    /// `-` and an area left out are not counted (never as 0); out-of-scale values neither;
    /// a cell nobody rated has no index and no gap; area means skip it.
    func testMissingValuesAreLeftOut() {
        let (model, _) = analyze("""
            unit A; unit B; unit C
            matrix M {
              scale 0..10
              area X; area Y
              aspect p; aspect q
              rating A { rate X 2, -; rate Y 4, 6 }
              rating B { rate X 4, - }
              rating C { rate X 12, 3; rate Y 8, 10 }
              rating Soll { target; rate X 9, 9 }
            }
            """)
        // E941: C's 12. W944: A's `-`, B's `-`, B leaves Y out, the target leaves Y out.
        XCTAssertEqual(model.diagnostics.map(\.code.rawValue).sorted(), ["E941", "W944", "W944", "W944", "W944"])
        let f = MatrixFigures(model, matrix: 0)
        // X × p: A 2, B 4 (C's 12 is outside 0..10) → mean 3, n 2, spread 2; gap 9 − 3 = 6.
        XCTAssertEqual(f.cells[0][0], MatrixCell(mean: 3, min: 2, max: 4, spread: 2, n: 2, target: 9, gap: 6))
        // X × q: only C 3 → mean 3, n 1; gap 9 − 3 = 6.
        XCTAssertEqual(f.cells[0][1], MatrixCell(mean: 3, min: 3, max: 3, spread: 0, n: 1, target: 9, gap: 6))
        // Y × p: A 4, C 8 (B left Y out) → mean 6, spread 4 (< half of 10: no disagreement); no target.
        XCTAssertEqual(f.cells[1][0], MatrixCell(mean: 6, min: 4, max: 8, spread: 4, n: 2, target: nil, gap: nil))
        XCTAssertFalse(f.disagree(f.cells[1][0]))
        // Y × q: A 6, C 10 → mean 8, spread 4.
        XCTAssertEqual(f.cells[1][1].mean, 8)
        // Area X: (3 + 3) / 2 = 3; Y: (6 + 8) / 2 = 7. Aspect p: (3 + 6) / 2 = 4.5; q: (3 + 8) / 2 = 5.5.
        XCTAssertEqual(f.areaMeans, [3, 7])
        XCTAssertEqual(f.aspectMeans, [4.5, 5.5])
    }

    func testUnratedCellHasNoIndex() {
        let (model, _) = analyze("""
            unit A
            matrix M { scale 1..4; area X; aspect p; aspect q; rating A { rate X 2, - } }
            """)
        let f = MatrixFigures(model, matrix: 0)
        XCTAssertEqual(f.cells[0][1], MatrixCell(mean: nil, min: nil, max: nil, spread: nil, n: 0, target: nil, gap: nil))
        XCTAssertEqual(f.aspectMeans, [2, nil])
        XCTAssertEqual(f.areaMeans, [2])
    }

    /// Per-party counts of the sample's Funktionogramm (bewertungen.orga), counted by hand:
    /// AL50 R in Berichten, A in Beraten and Berichten; Adressaten C in Beraten and Hilfe,
    /// I in Pruefen and Erbringen; Partner C in Hilfe, R in Erbringen.
    func testSampleRaciCounts() throws {
        let (model, _) = try loadSample("jugendamt")
        let c = try XCTUnwrap(model.raciChart(named: "Funktionogramm"))
        let t = RaciTable(model, chart: c)
        func counts(_ name: String) -> [Int]? {
            t.counts.first { model.partyName($0.party) == name }.map { [$0.r, $0.a, $0.c, $0.i] }
        }
        XCTAssertEqual(counts("AL50"), [1, 2, 0, 0])
        XCTAssertEqual(counts("Adressaten"), [0, 0, 2, 2])
        XCTAssertEqual(counts("Partner"), [1, 0, 1, 0])
        XCTAssertEqual(counts("ASD"), [2, 0, 1, 0])
        // Every task has exactly one A: the A counts add up to the 5 tasks.
        XCTAssertEqual(t.counts.map(\.a).reduce(0, +), 5)
        XCTAssertEqual(t.parties.count, 10)
    }
}
