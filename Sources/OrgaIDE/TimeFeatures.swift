import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// Editor features of the time figures (docs/language.md, Time): hovers on dated
/// values and the filled-vs-effective line of a position's hover.
extension IDEWorkspace {
    /// The model as the staffing engine reads it: dated values as the averages over the
    /// model `year` (the model itself without dated values or without a year).
    static func evaluatedForStaffing(_ model: Model) -> Model { PeriodEvaluation.overModelYear(model) }

    /// On a `planned`, `filled` or `volume` statement whose value is dated: the average
    /// over the period (the model `year`) and the value on the status date (`asof`).
    func timeHover(_ ctx: DocContext, _ offset: Int) -> (range: ByteRange, text: DualText)? {
        let tree = ctx.tree
        guard let sid = tree.innermostStatement(at: offset), let keyword = tree.spec(sid)?.keyword,
              keyword == .planned || keyword == .filled || keyword == .volume,
              let parent = tree.parent(sid), let name = tree.declaredName(parent)?.name else { return nil }
        let model = ctx.model
        let series: DatedSeries
        let unit: String
        var position: PositionID? = nil
        if keyword == .volume {
            guard let p = model.processes.firstID(where: { $0.name == name }) else { return nil }
            series = model.processes[p].volumeSeries
            unit = "/year"
        } else {
            guard let p = model.positions.firstID(where: { $0.name == name }) else { return nil }
            series = keyword == .planned ? model.positions[p].plannedSeries : model.positions[p].filledSeries
            unit = "fte"
            position = p
        }
        guard !series.isConstant else { return nil }
        var d = DualText()
        if let e = Evaluation.of(model) {
            let average = series.average(over: e.span)
            d.line(md: "`\(keyword)` over \(e.span.first.iso)…\(e.span.last.iso): average **\(fmt(average, 3)) \(unit)** (day-weighted)",
                   plain: "\(keyword) over \(e.span.first.iso)…\(e.span.last.iso): average \(fmt(average, 3)) \(unit) (day-weighted)")
            if keyword == .filled, let p = position, let ramp = Capacity.ramp(forPosition: p, in: model) {
                let t = Capacity.position(p, in: model, over: e.span)
                d.line(md: "effective **\(fmt(t.effectiveAverage, 3)) fte** · ramp-up loss \(fmt(t.rampupLoss, 3)) fte (`ramp` \(fmt(ramp.days, 1)) days, start \(fmt(ramp.start * 100, 1)) %)",
                       plain: "effective \(fmt(t.effectiveAverage, 3)) fte · ramp-up loss \(fmt(t.rampupLoss, 3)) fte (ramp \(fmt(ramp.days, 1)) days, start \(fmt(ramp.start * 100, 1)) %)")
            }
        } else {
            d.line(md: "no `year` in the model: no period to average over", plain: "no year in the model: no period to average over")
        }
        if let asof = model.settings.asof {
            d.line(md: "on `asof` \(asof.iso): **\(fmt(series.value(at: asof), 3)) \(unit)**", plain: "on asof \(asof.iso): \(fmt(series.value(at: asof), 3)) \(unit)")
        } else {
            d.line(md: "no `asof` in the model: no status date", plain: "no asof in the model: no status date")
        }
        if series.undated == nil, keyword != .volume, let first = series.dated.first {
            d.line(md: "no undated value: 0 fte before \(first.from.iso)", plain: "no undated value: 0 fte before \(first.from.iso)")
        }
        let steps = series.dated.map { "\(fmt($0.value, 3)) from \($0.from.iso)" }
        d.line(md: "steps: " + ([series.undated.map { fmt($0, 3) + " undated" }].compactMap { $0 } + steps).joined(separator: " · "),
               plain: "steps: " + ([series.undated.map { fmt($0, 3) + " undated" }].compactMap { $0 } + steps).joined(separator: " · "))
        return (tree.range(sid), d)
    }

    /// The filled-vs-effective line of a position's hover (nil when the model uses no time features).
    func effectiveLine(position p: PositionID, _ model: Model) -> String? {
        guard PeriodEvaluation.usesTime(model), let e = Evaluation.of(model) else { return nil }
        let t = Capacity.position(p, in: model, over: e.span)
        return "\(e.span.first.year): filled **\(fmt(t.filledAverage, 3)) fte** · effective **\(fmt(t.effectiveAverage, 3)) fte** · ramp-up loss \(fmt(t.rampupLoss, 3)) fte"
    }
}
