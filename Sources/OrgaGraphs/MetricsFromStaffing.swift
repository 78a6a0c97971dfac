import OrgaSemantics
import OrgaAnalysis

extension GraphMetrics {
    /// The figures of a staffing analysis (`StaffingAnalysis.analyze(model)`).
    public init(_ r: StaffingResult) {
        self.init()
        processes = r.processes.map { p in
            var f = ProcessFigures()
            f.cases = p.cases
            f.fte = p.flowSolved ? p.fte : nil
            f.complete = p.complete
            f.leadTimeDays = p.leadTimeDays
            f.visits = p.nodes.map(\.visits)
            f.nodeFTE = p.nodes.map(\.fte)
            return f
        }
        units = r.units.map { StaffFigures(planned: $0.planned, filled: $0.filled, need: $0.need, complete: $0.complete) }
        positions = r.positions.map { StaffFigures(planned: $0.planned, filled: $0.filled, need: $0.need, complete: $0.complete) }
    }

    /// Runs the staffing engine on `model` (dated values as their averages over the model `year`).
    public static func analyze(_ model: Model) -> GraphMetrics {
        GraphMetrics(StaffingAnalysis.analyze(PeriodEvaluation.overModelYear(model)))
    }
}
