import OrgaSyntax
import OrgaSemantics

/// The Prozess-DNA score (docs/language.md, Prozess-DNA): every criterion normalised to 0…1 —
/// measured ones by min–max over all processes of the model (all equal → 0), rated ones
/// by their scale — and score = 100 × Σ wᵢ·nᵢ ÷ Σ wᵢ over the criteria the process has a
/// value for. A missing value is flagged (`complete == false`), never scored as 0.
public enum DNA {
    /// The value orgc measures for `from MEASURE` of one process; nil when it cannot be
    /// computed (flow not solvable, cases unknown).
    public static func measured(_ measure: String, _ ps: ProcessStaffing) -> Double? {
        let v: Double?
        switch MeasuredCriterion(rawValue: measure) {
        case .volume?: v = ps.cases
        case .hours?: v = ps.flowSolved ? ps.staffHoursPerYear : nil
        case .fte?: v = ps.flowSolved && ps.cases != nil ? ps.fte : nil
        case .mediaBreaks?: v = ps.mediaBreaks
        case .handoffs?: v = ps.handoffs
        case .steps?: v = ps.steps
        case .leadtime?: v = ps.leadTimeDays
        case .digital?: v = ps.digital
        case nil: v = nil
        }
        return v.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Criteria that take part in scoring: a weight and exactly one of a known `from` / a `scale`.
    public static func usableCriteria(_ model: Model) -> [CriterionID] {
        return model.criteria.ids.filter { k in
            let c = model.criteria[k]
            guard let w = c.weight, w.isFinite, w >= 0 else { return false }
            if let m = c.measure { return c.scale == nil && MeasuredCriterion(rawValue: m) != nil }
            return c.scale != nil
        }
    }

    static func compute(_ model: Model, processes: [ProcessStaffing]) -> DNAResult {
        let crits = usableCriteria(model)
        let np = model.processes.count
        // Values per criterion and process.
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: np), count: crits.count)
        for (ci, k) in crits.enumerated() {
            let c = model.criteria[k]
            for p in 0..<np {
                if let m = c.measure {
                    values[ci][p] = p < processes.count ? measured(m, processes[p]) : nil
                } else if let r = model.processes[p].ratings[c.name]?.value, r.isFinite {
                    values[ci][p] = r
                }
            }
        }
        // Normalise.
        var normalized = values
        for (ci, k) in crits.enumerated() {
            let c = model.criteria[k]
            if c.measure != nil {
                let present = values[ci].compactMap { $0 }
                let lo = present.min() ?? 0, hi = present.max() ?? 0
                let span = hi - lo
                for p in 0..<np {
                    guard let v = values[ci][p] else { continue }
                    normalized[ci][p] = span > 0 && span.isFinite ? min(1, max(0, (v - lo) / span)) : 0
                }
            } else if let s = c.scale {
                let span = s.upper - s.lower
                for p in 0..<np {
                    guard let v = values[ci][p] else { continue }
                    normalized[ci][p] = span > 0 && span.isFinite ? min(1, max(0, (v - s.lower) / span)) : 0
                }
            }
        }
        var scores: [DNAScore] = []
        scores.reserveCapacity(np)
        for p in 0..<np {
            var sumW = 0.0, sumWN = 0.0
            var complete = true
            for (ci, k) in crits.enumerated() {
                guard let nrm = normalized[ci][p] else { complete = false; continue }
                let w = model.criteria[k].weight ?? 0
                sumW += w
                sumWN += w * nrm
            }
            if p < processes.count, !processes[p].complete { complete = false }
            let score: Double? = sumW > 0 ? 100 * sumWN / sumW : nil
            let parts: [CriterionScore] = crits.enumerated().map { ci, k in
                let nrm = normalized[ci][p]
                let w = model.criteria[k].weight ?? 0
                let contribution: Double? = nrm.flatMap { n in sumW > 0 ? 100 * w * n / sumW : nil }
                return CriterionScore(criterion: k, value: values[ci][p], normalized: nrm, contribution: contribution)
            }
            scores.append(DNAScore(process: ProcessID(p), score: score.flatMap { $0.isFinite ? $0 : nil }, rank: nil,
                                   complete: complete && !crits.isEmpty, criteria: parts))
        }
        // Rank: score descending; scores equal within 1e-9 share a rank; ties in model order.
        let scored = (0..<np).filter { scores[$0].score != nil }.sorted { a, b in
            let sa = scores[a].score ?? 0, sb = scores[b].score ?? 0
            if abs(sa - sb) > 1e-9 { return sa > sb }
            return a < b
        }
        var rank = 0
        var previous: Double? = nil
        for (i, p) in scored.enumerated() {
            let s = scores[p].score ?? 0
            if let prev = previous, abs(prev - s) <= 1e-9 {} else { rank = i + 1; previous = s }
            scores[p].rank = rank
        }
        let unscored = (0..<np).filter { scores[$0].score == nil }
        return DNAResult(criteria: crits, scores: scores, ranking: (scored + unscored).map { ProcessID($0) })
    }
}
