import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// The HTML timeline (inline SVG): per unit, planned, filled and effective fte over
/// every date where a value changes, across the calendar years the model's dates span
/// (docs/language.md, Time). Planned and filled are steps; effective rises linearly
/// while new staff ramp up, so it is drawn through its breakpoints (change dates and
/// the days ramps end) — exact at every drawn point.
enum TimelineChart {
    /// At most this many units get a chart (the note says when more had one).
    static let maxUnits = 24
    /// At most this many calendar years are drawn (from the first date's year).
    static let maxYears = 30
    static let effectiveColor = "#59a14f"

    static func section(_ ctx: ReportContext) -> String {
        let model = ctx.written
        guard ctx.showsTime, PeriodEvaluation.hasDatedValues(model) else { return "" }
        let dates = PeriodEvaluation.changeDates(model)
        guard let firstDate = dates.first, let lastDate = dates.last else { return "" }
        let firstYear = min(firstDate.year, ctx.evaluation?.span.first.year ?? firstDate.year)
        let lastYear = min(max(lastDate.year, ctx.evaluation?.span.last.year ?? lastDate.year), firstYear + maxYears - 1)
        guard let first = DateSpan(year: firstYear)?.first, let last = DateSpan(year: lastYear)?.last, let span = DateSpan(first, last) else { return "" }
        // Units whose subtree has a dated planned or filled, in tree order.
        let units = ctx.unitRows.map(\.unit).filter { !positions(of: $0, model).filter { hasDated(model.positions[$0]) }.isEmpty }
        guard !units.isEmpty else { return "" }
        let h = Escape.html
        var out = "<h3>\(h(ctx.tm(.timelineChart)))</h3>\n"
        let charted = Array(units.prefix(maxUnits))
        let sums = daily(model, units: charted, span: span)
        for u in charted {
            guard let d = sums[u] else { continue }
            out += chart(ctx, unit: u, span: span, points: points(d, span))
        }
        if units.count > maxUnits { out += "<p class=\"note\">\(h(ctx.t(.chartTruncated)))</p>\n" }
        out += "<p class=\"note\">\(h(ctx.tm(.timelineNote)))</p>\n"
        return out
    }

    static func hasDated(_ p: Position) -> Bool { !p.plannedSeries.isConstant || !p.filledSeries.isConstant }

    /// The positions of unit `u` and of every unit below it (cycle-safe).
    static func positions(of u: UnitID, _ model: Model) -> [PositionID] {
        var out: [PositionID] = []
        var stack = [u]
        var seen = Set<UnitID>()
        while let next = stack.popLast() {
            guard model.units.contains(next), seen.insert(next).inserted else { continue }
            out += model.units[next].positions.filter { model.positions.contains($0) }
            stack += model.units[next].subunits.reversed()
        }
        return out
    }

    /// Daily planned, filled and effective fte of each charted unit (with its sub-units):
    /// each position's timeline is computed once and added to every charted unit above it.
    static func daily(_ model: Model, units: [UnitID], span: DateSpan) -> [UnitID: (planned: [Double], filled: [Double], effective: [Double])] {
        let n = span.dayCount
        var sums: [UnitID: (planned: [Double], filled: [Double], effective: [Double])] = [:]
        for u in units { sums[u] = ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n), [Double](repeating: 0, count: n)) }
        for p in model.positions.ids {
            // The charted units this position counts in (cycle-safe walk up the tree).
            var targets: [UnitID] = []
            var unit = model.positions[p].unit
            var seen = Set<UnitID>()
            while let u = unit, model.units.contains(u), seen.insert(u).inserted {
                if sums[u] != nil { targets.append(u) }
                unit = model.units[u].parent
            }
            guard !targets.isEmpty else { continue }
            let t = Capacity.timeline(of: model.positions[p].filledSeries, ramp: Capacity.ramp(forPosition: p, in: model), over: span)
            let planned = model.positions[p].plannedSeries
            var plannedDaily = [Double](repeating: planned.value(at: span.first), count: n)
            for step in planned.dated where span.contains(step.from) {
                let from = span.first.days(to: step.from)
                for i in from..<n { plannedDaily[i] = step.value }
            }
            for u in targets {
                guard var s = sums[u] else { continue }
                sums[u] = nil   // unique storage while adding
                for i in 0..<n {
                    s.planned[i] += plannedDaily[i]
                    s.filled[i] += t.filled[i]
                    s.effective[i] += t.effective[i]
                }
                sums[u] = s
            }
        }
        return sums
    }

    /// (day, planned, filled, effective, is a breakpoint) at the chart's points: every day
    /// where planned or filled changes or effective changes its slope (so the drawn lines
    /// are exact), and the day before each.
    static func points(_ d: (planned: [Double], filled: [Double], effective: [Double]), _ span: DateSpan) -> [(CalendarDate, Double, Double, Double, Bool)] {
        let n = d.filled.count
        guard n > 0 else { return [] }
        var breaks: [Int] = [0]
        func changes(_ i: Int) -> Bool { d.planned[i] != d.planned[i - 1] || d.filled[i] != d.filled[i - 1] }
        for i in 1..<n {
            // A vertex of effective: its slope into day i differs from its slope out of it
            // (a jump on the next day is that day's change, drawn from the day before).
            let vertex = i + 1 < n && !changes(i + 1) && abs((d.effective[i + 1] - d.effective[i]) - (d.effective[i] - d.effective[i - 1])) > 1e-9
            if changes(i) || vertex { breaks.append(i) }
        }
        var out: [(CalendarDate, Double, Double, Double, Bool)] = []
        for (k, b) in breaks.enumerated() {
            out.append((span.first.adding(days: b), d.planned[b], d.filled[b], d.effective[b], true))
            let before = (k + 1 < breaks.count ? breaks[k + 1] : n) - 1
            if before > b { out.append((span.first.adding(days: before), d.planned[before], d.filled[before], d.effective[before], false)) }
        }
        return out
    }

    static func chart(_ ctx: ReportContext, unit u: UnitID, span: DateSpan, points pts: [(CalendarDate, Double, Double, Double, Bool)]) -> String {
        let model = ctx.written
        let h = Escape.html, c = HTMLReport.c
        let maxV = pts.map { max($0.1, $0.2, $0.3) }.filter(\.isFinite).max() ?? 0
        let step = HTMLReport.niceStep(maxV)
        let axisMax = max(step, (maxV / step).rounded(.up) * step)
        let left = 48.0, plotW = 760.0, top = 30.0, plotH = 150.0, width = left + plotW + 20, height = top + plotH + 30
        let total = Double(span.dayCount)
        func x(_ d: CalendarDate) -> Double { left + Double(span.first.days(to: d)) / total * plotW }
        func xEnd(_ d: CalendarDate) -> Double { left + Double(span.first.days(to: d) + 1) / total * plotW }
        func y(_ v: Double) -> Double { top + plotH - (v.isFinite ? max(0, v) : 0) / axisMax * plotH }
        let name = model.units[u].title ?? model.units[u].name
        var out = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-label=\"\(h(ctx.tm(.timelineCaption))): \(h(name))\">\n"
        out += "<title>\(h(ctx.tm(.timelineCaption))): \(h(name))</title>\n"
        // Legend
        var lx = left
        for (label, color) in [(ctx.tm(.plannedLine), HTMLReport.plannedColor), (ctx.tm(.filledLine), HTMLReport.filledColor), (ctx.tm(.effectiveLine), effectiveColor)] {
            out += "<rect x=\"\(c(lx))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/><text x=\"\(c(lx + 16))\" y=\"18\" font-size=\"12\">\(h(label))</text>\n"
            lx += 120
        }
        out += "<text x=\"\(c(width - 20))\" y=\"18\" font-size=\"12\" text-anchor=\"end\">\(h(name))</text>\n"
        // Value grid
        var tick = 0.0
        while tick <= axisMax + step / 2 {
            out += "<line x1=\"\(c(left))\" y1=\"\(c(y(tick)))\" x2=\"\(c(left + plotW))\" y2=\"\(c(y(tick)))\" stroke=\"#e3e7eb\"/>"
            out += "<text x=\"\(c(left - 6))\" y=\"\(c(y(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(h(ctx.numbers.compact(tick, 2)))</text>\n"
            tick += step
        }
        // Year grid
        for year in span.first.year...span.last.year {
            guard let jan1 = CalendarDate(year: year, month: 1, day: 1) else { continue }
            let yx = x(jan1)
            out += "<line x1=\"\(c(yx))\" y1=\"\(c(top))\" x2=\"\(c(yx))\" y2=\"\(c(top + plotH))\" stroke=\"#c8cdd2\"/>"
            out += "<text x=\"\(c(yx + 4))\" y=\"\(c(top + plotH + 16))\" font-size=\"11\">\(year)</text>\n"
        }
        // The period of the report, shaded.
        if let e = ctx.evaluation, let period = span.intersection(e.span) {
            out += "<rect x=\"\(c(x(period.first)))\" y=\"\(c(top))\" width=\"\(c(max(1, xEnd(period.last) - x(period.first))))\" height=\"\(c(plotH))\" fill=\"#f2f4f6\" opacity=\"0.6\"><title>\(h(ctx.periodText ?? ""))</title></rect>\n"
        }
        // Steps for planned and filled: flat to the end of each day before the next point.
        func stepLine(_ value: (Int) -> Double) -> String {
            var coords: [String] = []
            for (i, p) in pts.enumerated() {
                let endDay = i + 1 < pts.count ? pts[i + 1].0 : span.last.adding(days: 1)
                coords.append("\(c(x(p.0))),\(c(y(value(i))))")
                coords.append("\(c(x(endDay))),\(c(y(value(i))))")
            }
            return coords.joined(separator: " ")
        }
        // Effective through its daily values (linear between points within a ramp).
        func linearLine() -> String {
            pts.map { "\(c(x($0.0))),\(c(y($0.3)))" }.joined(separator: " ") + (pts.last.map { " \(c(xEnd(span.last))),\(c(y($0.3)))" } ?? "")
        }
        out += "<polyline fill=\"none\" stroke=\"\(HTMLReport.plannedColor)\" stroke-width=\"2\" stroke-dasharray=\"6 3\" points=\"\(stepLine { pts[$0].1 })\"/>\n"
        out += "<polyline fill=\"none\" stroke=\"\(HTMLReport.filledColor)\" stroke-width=\"3\" points=\"\(stepLine { pts[$0].2 })\"/>\n"
        out += "<polyline fill=\"none\" stroke=\"\(effectiveColor)\" stroke-width=\"2\" points=\"\(linearLine())\"/>\n"
        // A tooltip at each change: the date and the three values.
        for p in pts where p.4 {
            let tip = "\(p.0.text(ctx.language)): \(ctx.tm(.plannedLine)) \(ctx.numbers.fte(p.1)), \(ctx.tm(.filledLine)) \(ctx.numbers.fte(p.2)), \(ctx.tm(.effectiveLine)) \(ctx.numbers.fte(p.3))"
            out += "<circle cx=\"\(c(x(p.0)))\" cy=\"\(c(y(p.2)))\" r=\"2.5\" fill=\"\(HTMLReport.filledColor)\"><title>\(h(tip))</title></circle>\n"
        }
        out += "</svg>\n<figcaption>\(h(ctx.tm(.timelineCaption))): \(h(name))</figcaption>\n</figure>\n"
        return out
    }
}
