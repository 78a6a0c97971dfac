import XCTest
import OrgaSyntax
import OrgaSemantics
@testable import OrgaAnalysis

/// Prozess-DNA normalisation, scores, ranks and missing ratings, computed by hand.
final class DNATests: XCTestCase {
    static let model = """
        model M { worktime 1600 h }
        actor A
        dna {
          criterion vol   "Fallzahl" { weight 3; from volume }
          criterion legal "Pflicht"  { weight 1; scale 0..4 }
        }
        process P1 { volume 100 /year; dna { legal 4 }; step S { by A } }
        process P2 { volume 300 /year; dna { legal 2 }; step S { by A } }
        process P3 { volume 200 /year; step S { by A } }
        """

    func testNormalisationScoresAndMissingRating() {
        let (m, r) = analyze(Self.model)
        XCTAssertEqual(m.errorCodes(), [])
        // P3 has no `legal` rating: a warning, never a 0.
        XCTAssertEqual(m.diagnostics.filter { $0.code == .missingRating }.count, 1)
        let s1 = r.dna.scores[m.process("P1")], s2 = r.dna.scores[m.process("P2")], s3 = r.dna.scores[m.process("P3")]
        // vol min–max over 100…300: P1 0, P2 1, P3 0.5; legal by scale 0..4: P1 1, P2 0.5
        assertClose(s1.criteria[0].normalized, 0); assertClose(s2.criteria[0].normalized, 1); assertClose(s3.criteria[0].normalized, 0.5)
        assertClose(s1.criteria[1].normalized, 1); assertClose(s2.criteria[1].normalized, 0.5)
        XCTAssertNil(s3.criteria[1].value)
        XCTAssertNil(s3.criteria[1].normalized)
        // P1 = 100 × (3·0 + 1·1) / 4 = 25
        // P2 = 100 × (3·1 + 1·0.5) / 4 = 87.5 (contributions 75 + 12.5)
        // P3 = 100 × (3·0.5) / 3 = 50 (only the criteria it has a value for)
        assertClose(s1.score, 25); assertClose(s2.score, 87.5); assertClose(s3.score, 50)
        assertClose(s2.criteria[0].contribution, 75); assertClose(s2.criteria[1].contribution, 12.5)
        assertClose(s3.criteria[0].contribution, 50)
        XCTAssertNil(s3.criteria[1].contribution)
        XCTAssertTrue(s1.complete); XCTAssertTrue(s2.complete); XCTAssertFalse(s3.complete)
        // Ranking: P2 (87.5), P3 (50), P1 (25)
        XCTAssertEqual(r.dna.ranking, [m.process("P2"), m.process("P3"), m.process("P1")])
        XCTAssertEqual([s2.rank, s3.rank, s1.rank], [1, 2, 3])
    }

    func testAllEqualMeasuredValuesNormaliseToZeroAndTiesShareARank() {
        let (m, r) = analyze("""
            model M { worktime 1600 h }
            actor A
            dna { criterion vol { weight 1; from volume } }
            process P1 { volume 50 /year; step S { by A } }
            process P2 { volume 50 /year; step S { by A } }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        for s in r.dna.scores {
            assertClose(s.criteria[0].normalized, 0)
            assertClose(s.score, 0)
            XCTAssertEqual(s.rank, 1)
        }
        XCTAssertEqual(r.dna.ranking, [ProcessID(0), ProcessID(1)])
    }

    func testMeasuredCriteria() {
        let (m, r) = analyze("""
            model M { worktime 1000 h }
            unit U { position P { planned 1 fte } }
            system Sys
            dna {
              criterion h { weight 1; from hours }
              criterion f { weight 1; from fte }
              criterion mb { weight 1; from media_breaks }
              criterion st { weight 1; from steps }
              criterion dg { weight 1; from digital }
            }
            process X {
              volume 100 /year
              step A { by P; time 2 h; media_break }
              step B { by Sys; time 1 min; share 50 % }
            }
            process Y {
              volume 10 /year
              step A { by P; time 1 h }
            }
            """)
        XCTAssertEqual(m.errorCodes(), [])
        let x = r.dna.scores[m.process("X")].criteria, y = r.dna.scores[m.process("Y")].criteria
        // hours: X 100 × 2 = 200, Y 10 × 1 = 10 (basic time per year)
        assertClose(x[0].value, 200); assertClose(y[0].value, 10)
        // fte: X 0.2, Y 0.01
        assertClose(x[1].value, 0.2, accuracy: 1e-12); assertClose(y[1].value, 0.01, accuracy: 1e-12)
        // media breaks per case: X 1, Y 0
        assertClose(x[2].value, 1); assertClose(y[2].value, 0)
        // steps: X 1 + 0.5 = 1.5, Y 1
        assertClose(x[3].value, 1.5); assertClose(y[3].value, 1)
        // digital: X 1 − 0.5/1.5 = 0.6667, Y 1 − 0 = 1 (the less digital, the higher)
        assertClose(x[4].value, 1 - 0.5 / 1.5, accuracy: 1e-12); assertClose(y[4].value, 1)
        // X: normalised 1, 1, 1, 1, 0 → 100 × 4/5 = 80; Y: 0, 0, 0, 0, 1 → 20
        assertClose(r.dna.scores[m.process("X")].score, 80, accuracy: 1e-9)
        assertClose(r.dna.scores[m.process("Y")].score, 20, accuracy: 1e-9)
    }
}
