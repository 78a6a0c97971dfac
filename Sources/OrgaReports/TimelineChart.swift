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
        for u in units.prefix(maxUnits) { out += chart(ctx, unit: u, span: span) }
        if units.count > maxUnits { out += "<p class=\"note\">\(h(ctx.t(.chartTruncated)))</p>\n" }
        out += "<p class=\"note\">\(h(ctx.tm(.timelineNote)))</p>\n"
        return out
    }

    static func hasDated(_ p: Position) -> Bool { !p.plannedSeries.isConstant || !p.filledSeries.isConstant }

    /// The positions of unit `u` and of every unit below it (cycle-safe).
    static func positions(of u: Int, _ model: Model) -> [Int] {
        var out: [Int] = []
        var stack = [u]
        var seen = Set<Int>()
        while let next = stack.popLast() {
            guard next >= 0, next < model.units.count, seen.insert(next).inserted else { continue }
            out += model.units[next].positions.filter { $0 >= 0 && $0 < model.positions.count }
            stack += model.units[next].subunits.reversed()
        }
        return out
    }

    /// (day, planned, filled, effective) at the chart's points: each breakpoint and the
    /// day before the next one.
    static func points(_ model: Model, _ ps: [Int], _ span: DateSpan) -> [(CalendarDate, Double, Double, Double, Bool)] {
        var breaks = Set<CalendarDate>([span.first])
        var ramps: [Int: Ramp?] = [:]
        for p in ps {
            let pos = model.positions[p]
            let ramp = Capacity.ramp(forPosition: p, in: model)
            ramps[p] = ramp
            for d in pos.plannedSeries.changeDates where span.contains(d) { breaks.insert(d) }
            for d in pos.filledSeries.changeDates {
                if span.contains(d) { breaks.insert(d) }
                if let r = ramp {
                    let end = d.adding(days: Int(r.days.rounded(.up)))
                    if span.contains(end) { breaks.insert(end) }
                }
            }
        }
        let sorted = breaks.sorted()
        var days: [(CalendarDate, Bool)] = []
        for (i, b) in sorted.enumerated() {
            days.append((b, true))
            let before = (i + 1 < sorted.count ? sorted[i + 1] : span.last.adding(days: 1)).adding(days: -1)
            if before > b { days.append((before, false)) }
        }
        return days.map { (day, isBreak) in
            var planned = 0.0, filled = 0.0, effective = 0.0
            guard let one = DateSpan(day, day) else { return (day, 0, 0, 0, isBreak) }
            for p in ps {
                let pos = model.positions[p]
                planned += pos.plannedSeries.value(at: day)
                let t = Capacity.timeline(of: pos.filledSeries, ramp: ramps[p] ?? nil, over: one)
                filled += t.filledAverage
                effective += t.effectiveAverage
            }
            return (day, planned, filled, effective, isBreak)
        }
    }

    static func chart(_ ctx: ReportContext, unit u: Int, span: DateSpan) -> String {
        let model = ctx.written
        let h = Escape.html, c = HTMLReport.c
        let pts = points(model, positions(of: u, model), span)
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
