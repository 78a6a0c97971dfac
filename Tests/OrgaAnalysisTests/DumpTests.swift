import XCTest
import OrgaSemantics
@testable import OrgaAnalysis

final class DumpTests: XCTestCase {
    func testDump() throws {
        guard ProcessInfo.processInfo.environment["ORGC_DUMP"] != nil else { return }
        for s in ["buergerbuero", "hilden", "landesamt"] {
            let (m, r) = try loadSample(s)
            print("== \(s) errors: \(m.errorCodes()) analysis diags: \(r.diagnostics.map(\.message))")
            for (i, p) in r.positions.enumerated() {
                print("pos \(m.positions[i].name): need \(p.need) planned \(p.planned) gap \(p.gap) prop \(p.proposal) cost \(String(describing: p.plannedCost)) / \(String(describing: p.needCost)) missing \(p.missing.map(\.kind.rawValue))")
            }
            for (i, u) in r.units.enumerated() {
                print("unit \(m.units[i].name): need \(u.need) own \(u.ownNeed) planned \(u.planned) filled \(u.filled) pc \(u.plannedCost) nc \(u.needCost) ok \(u.costComplete)")
            }
            for (i, p) in r.processes.enumerated() {
                print("proc \(m.processes[i].name): cases \(String(describing: p.cases)) h/case \(p.staffHoursPerCase) fte \(p.fte) cost/case \(String(describing: p.costPerCase)) lead \(String(describing: p.leadTimeDays)) media \(String(describing: p.mediaBreaks)) handoffs \(String(describing: p.handoffs)) steps \(String(describing: p.steps)) digital \(String(describing: p.digital)) visits \(p.nodes.map { $0.visits ?? -1 }) missing \(p.missing.map(\.kind.rawValue))")
            }
            for p in r.dna.ranking {
                let d = r.dna.scores[p]
                print("dna \(m.processes[p].name): rank \(String(describing: d.rank)) score \(String(describing: d.score)) complete \(d.complete) \(d.criteria.map { "\(m.criteria[$0.criterion].name)=\($0.value ?? -1)/\($0.normalized ?? -1)/\($0.contribution ?? -1)" })")
            }
        }
    }
}
