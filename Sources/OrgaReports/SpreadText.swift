import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// How reports write the spread of a figure computed from ranges (docs/staffing.md,
/// Ranges): the mean as before, then "(lowest–highest; σ sd)" when the figure is
/// uncertain, nothing when it is exact. Plain text; each format escapes it.
extension ReportContext {
    /// " (1,80–2,71; σ 0,12)" after an uncertain figure, "" after an exact one.
    public func spreadSuffix(_ s: Spread?, digits: Int = 2) -> String {
        guard let s, !s.isExact else { return "" }
        let n = numbers
        return " (\(n.fixed(s.min, digits))–\(n.fixed(s.max, digits)); \(t(.sdSymbol)) \(n.fixed(s.sd, digits)))"
    }

    /// "2,18 VZÄ (1,80–2,71; σ 0,12)": a need in fte with its spread.
    public func fteWithSpread(_ v: Double, _ s: Spread?) -> String {
        "\(numbers.fixed(v, 2)) \(t(.fte))" + spreadSuffix(s)
    }

    /// Whether any range of the model reaches a figure of the report.
    public var hasRanges: Bool { !result.totalNeedSpread.isExact || result.processes.contains { !($0.leadTimeSpread?.isExact ?? true) || !$0.staffHoursPerCaseSpread.isExact || !($0.casesSpread?.isExact ?? true) } }

    /// A range as written, in minutes when every bound is whole minutes up to 2 h, else in
    /// hours: "20..30..60 min", "0,5..1,25 h".
    public func timeRangeText(_ r: RangeEstimate) -> String {
        let bounds = [r.low] + (r.likely.map { [$0] } ?? []) + [r.high]
        let minutes = bounds.map { $0 * 60 }
        if r.high <= 2, minutes.allSatisfy({ abs($0 - $0.rounded()) < 1e-6 }) {
            return minutes.map { numbers.compact($0, 2) }.joined(separator: "..") + " min"
        }
        return bounds.map { numbers.compact($0, 4) }.joined(separator: "..") + " h"
    }

    /// The time range of a step, if it has one.
    public func timeRange(process p: ProcessID?, node n: Int?) -> RangeEstimate? {
        guard let p, let n, model.processes.contains(p), n >= 0, n < model.processes[p].nodes.count else { return nil }
        return model.processes[p].nodes[n].timeRange
    }

    /// One row of the proposal at the 90th percentile.
    public struct P90Row: Sendable {
        public var isUnit: Bool
        /// Of the unit or the position.
        public var index: Int
        public var name: String
        public var title: String
        public var need: Double
        public var spread: Spread
        public var proposal: Double
        public var proposalP90: Double
    }

    /// Units (tree order) and positions (model order) whose need is uncertain.
    public var p90Rows: [P90Row] {
        var rows: [P90Row] = []
        for (u, _) in unitRows {
            let s = result.units[u]
            guard let p90 = s.proposalP90 else { continue }
            rows.append(P90Row(isUnit: true, index: u.index, name: model.units[u].name, title: model.units[u].title ?? "",
                               need: s.need, spread: s.needSpread, proposal: s.proposal, proposalP90: p90))
        }
        for (i, m) in zip(model.positions.ids, model.positions) {
            let s = result.positions[i]
            guard let p90 = s.proposalP90 else { continue }
            rows.append(P90Row(isUnit: false, index: i.index, name: m.name, title: m.title ?? "",
                               need: s.need, spread: s.needSpread, proposal: s.proposal, proposalP90: p90))
        }
        return rows
    }
}
