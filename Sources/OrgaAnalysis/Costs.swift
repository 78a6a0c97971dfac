import OrgaSemantics

/// Personnel cost (docs/language.md, Staffing): cost of a position = fte × grade cost × (1 + overhead)
/// + fte × workplace, for planned and for need.
public enum Costs {
    /// Annual cost of one fte of position `p`: grade cost × (1 + overhead) + workplace.
    /// nil when the position has no grade or its grade has no cost (W509 / W511).
    public static func costPerFTE(_ model: Model, position p: PositionID) -> Double? {
        guard model.positions.contains(p), let g = model.positions[p].grade,
              model.grades.contains(g), let cost = model.grades[g].cost else { return nil }
        let v = cost * (1 + model.settings.overhead) + model.settings.workplace
        return v.isFinite ? v : nil
    }

    /// fte × cost per fte, nil when either is unknown.
    static func cost(_ fte: Double, _ perFTE: Double?) -> Double? {
        guard let c = perFTE else { return nil }
        let v = fte * c
        return v.isFinite ? v : nil
    }

    /// `need` rounded up to a multiple of `step` (tolerant of floating-point noise:
    /// 2.2500000000000004 with step 0.25 gives 2.25, not 2.5).
    public static func roundUp(_ need: Double, step: Double) -> Double {
        guard need.isFinite, step.isFinite, step > 0 else { return need }
        let q = need / step
        let r = q.rounded()
        let k = abs(q - r) <= 1e-9 * max(1, abs(q)) ? r : q.rounded(.up)
        let v = k * step
        // Express the result in the step's decimals where possible (0.01 × 218 = 2.18, not
        // 2.1800000000000002); only for steps that have at most nine decimals.
        guard step >= 1e-6, abs(v) < 1e9 else { return v }
        return (v * 1e9).rounded() / 1e9
    }
}
