import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// `orgc report --format xlsx`: a workbook a Kämmerer can audit. The inputs (settings,
/// grades and their costs, planned and filled fte, volumes, visits, shares, times,
/// efforts) are plain cells; every computed figure is a formula over them with orgc's
/// value cached, so changing a time in the spreadsheet moves the need. Visits per case
/// are inputs: they solve the process's Markov chain, which a spreadsheet cannot.
/// A figure orgc cannot compute (a missing input) gets no formula: the cell stays empty.
public enum XLSXReport {
    public static func render(_ ctx: ReportContext) -> [UInt8]? {
        var layout = Layout(ctx)
        return layout.build().bytes()
    }
}

private typealias Cell = Workbook.Cell

private struct Layout {
    let ctx: ReportContext
    let m: Model
    let r: StaffingResult
    let de: Bool
    let names: (settings: String, positions: String, units: String, processes: String, steps: String, trail: String)

    // Rows (1-based) of everything a formula refers to.
    // Row numbers by entity index (`positionRow[p.index]`).
    var positionRow: [Int] = []
    var unitRow: [Int] = []
    var processRow: [Int] = []
    var gradeRow: [Int] = []
    /// Schritte row of (process, node).
    var stepRow: [[Int?]] = []
    /// Herleitung rows of each position's and unit's contributions.
    var positionTrail: [ClosedRange<Int>?] = []
    var unitTrail: [ClosedRange<Int>?] = []
    /// Rows of the Annahmen sheet.
    let worktimeRow = 5, allowanceRow = 6, overheadRow = 7, workplaceRow = 8, leadershipRow = 9, roundingRow = 10

    init(_ ctx: ReportContext) {
        self.ctx = ctx
        self.m = ctx.model
        self.r = ctx.result
        self.de = ctx.language == .de
        names = de ? ("Annahmen", "Stellen", "Einheiten", "Prozesse", "Schritte", "Herleitung")
                   : ("Assumptions", "Positions", "Units", "Processes", "Steps", "Derivation")
    }

    func L(_ de: String, _ en: String) -> String { self.de ? de : en }

    func ref(_ sheet: String?, _ column: Int, _ row: Int, absolute: Bool = false) -> String {
        Workbook.ref(sheet, column: column, row: row, absolute: absolute)
    }

    // Column indices (0-based) of the sheets.
    enum P { static let soll = 4, ist = 5, worktime = 6, allowance = 7, convention = 8, costPerFTE = 9, need = 10 }
    enum U { static let soll = 3, ist = 4, worktime = 5, allowance = 6, convention = 7, own = 8, need = 9 }
    enum R { static let volume = 2, cases = 3, hoursPerCase = 4 }
    enum S { static let cases = 4, visits = 5, share = 6, minutes = 7, hoursPerCase = 8, hours = 9, worktime = 10, allowance = 11, fte = 12, cost = 13 }
    enum H { static let value = 4, fte = 6 }

    mutating func build() -> Workbook {
        planRows()
        var wb = Workbook()
        wb.sheets = [settingsSheet(), positionsSheet(), unitsSheet(), processesSheet(), stepsSheet(), trailSheet()]
        return wb
    }

    /// Every row number first, so that formulas may point anywhere.
    mutating func planRows() {
        gradeRow = m.grades.indices.map { 14 + $0 }
        positionRow = m.positions.indices.map { 2 + $0 }
        unitRow = Array(repeating: 0, count: m.units.count)
        for (i, row) in ctx.unitRows.enumerated() where row.unit.index < unitRow.count { unitRow[row.unit.index] = 2 + i }
        processRow = m.processes.indices.map { 2 + $0 }
        stepRow = m.processes.map { Array(repeating: nil, count: $0.nodes.count) }
        var next = 2
        for (p, proc) in m.processes.enumerated() {
            for (n, node) in proc.nodes.enumerated() where !node.isDecision {
                stepRow[p][n] = next
                next += 1
            }
        }
        next = 2
        for ps in r.positions {
            positionTrail.append(ps.contributions.isEmpty ? nil : next...(next + ps.contributions.count - 1))
            next += ps.contributions.count
        }
        for us in r.units {
            unitTrail.append(us.ownContributions.isEmpty ? nil : next...(next + us.ownContributions.count - 1))
            next += us.ownContributions.count
        }
    }

    func text(_ s: String?) -> Cell { s.map { Cell(.text($0)) } ?? Cell(.empty) }
    func number(_ v: Double?, _ style: Workbook.Style) -> Cell { v.map { Cell(.number($0), style) } ?? Cell(.empty, style) }
    func formula(_ f: String, _ v: Double?, _ style: Workbook.Style) -> Cell {
        guard let v, v.isFinite else { return Cell(.empty, style) }
        // Beyond Excel's formula length the figure stays a value (still orgc's).
        guard f.utf8.count <= 8_000 else { return Cell(.number(v), style) }
        return Cell(.formula(f, cached: v), style)
    }
    func header(_ titles: [String]) -> [Cell] { titles.map { Cell(.text($0), .header) } }
    func sum(_ terms: [String]) -> String { terms.isEmpty ? "0" : terms.joined(separator: "+") }

    /// Terms adding up column `column` of `sheet` over `rows`: one cell each, or
    /// `SUM(first:last)` for a run of three or more consecutive rows (keeps formulas of
    /// large units short; Excel allows 8,192 characters).
    func cells(_ sheet: String?, _ column: Int, _ rows: [Int]) -> [String] {
        var terms: [String] = []
        var i = 0
        while i < rows.count {
            var j = i
            while j + 1 < rows.count, rows[j + 1] == rows[j] + 1 { j += 1 }
            if j - i >= 2 {
                terms.append("SUM(\(ref(sheet, column, rows[i])):\(ref(nil, column, rows[j])))")
            } else {
                for k in i...j { terms.append(ref(sheet, column, rows[k])) }
            }
            i = j + 1
        }
        return terms
    }
    func conventionText(_ a: Allowance) -> String {
        a.convention == .surcharge ? L("Zuschlag", "surcharge") : L("Abzug von der JAZ", "of worktime")
    }

    // MARK: Annahmen

    func settingsSheet() -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: names.settings)
        sheet.autofilter = false
        let s = m.settings
        let a = s.allowance?.value ?? .none
        sheet.rows = [
            header([L("Annahme", "Assumption"), L("Wert", "Value"), L("Erläuterung", "Note")]),
            [text(L("Modell", "Model")), text(s.name), text(s.title)],
            [text(L("Jahr", "Year")), number(s.year.map(Double.init), .plain), Cell(.empty)],
            [text(L("Quelle der Zeiten", "Source of times")), text(ctx.sourcesOfTimes.map { "\($0.source): \($0.processes.joined(separator: ", "))" }.joined(separator: "; ")), Cell(.empty)],
            [text(L("Jahresarbeitszeit (JAZ)", "Annual working time")), number(s.worktime?.value, .hours), text(L("h je VZÄ und Jahr", "h per fte and year"))],
            [text(L("Verteilzeit", "Allowance")), number(a.fraction, .percent), text(conventionText(a))],
            [text(L("Gemeinkostenzuschlag", "Overhead")), number(s.overhead, .percent), text(L("auf die Personalkosten der Entgeltgruppe", "on the grade's personnel cost"))],
            [text(L("Arbeitsplatzkosten", "Workplace cost")), number(s.workplace, .money), text(L("€ je VZÄ und Jahr", "EUR per fte and year"))],
            [text(L("Leitungsanteil", "Leadership share")), number(s.leadership, .percent), text(L("je geführte besetzte VZÄ", "per filled fte led"))],
            [text(L("Rundung", "Rounding")), number(s.rounding, .fte), text(L("Stellenvorschlag aufgerundet auf ein Vielfaches (VZÄ)", "proposal rounded up to a multiple (fte)"))],
            [text(L("Arbeitstage", "Workdays")), number(s.workdays, .hours), Cell(.empty)],
            [],
            header([L("Entgeltgruppe", "Grade"), L("Kosten je VZÄ", "Cost per fte"), L("Bezeichnung", "Title")]),
        ]
        for g in m.grades {
            sheet.rows.append([text(g.name), number(g.cost, .money), text(g.title)])
        }
        return sheet
    }

    // MARK: Worktime and Verteilzeit, inherited by reference

    /// The cell that holds the worktime (or allowance) of unit `u`: its own when it sets
    /// one, else the nearest enclosing unit's that does, else the model's. nil: none.
    func inheritedUnitSetting(_ u: UnitID, column: Int, settingsRow: Int, has: (OrgUnit) -> Bool, modelHas: Bool) -> (own: Bool, ref: String?) {
        var cur: UnitID? = u
        var steps = 0
        while let c = cur, m.units.contains(c), steps <= m.units.count {
            if has(m.units[c]) { return c == u ? (true, nil) : (false, ref(names.units, column, unitRow[c.index], absolute: true)) }
            cur = m.units[c].parent
            steps += 1
        }
        return (false, modelHas ? ref(names.settings, 1, settingsRow, absolute: true) : nil)
    }

    func settingCell(own: Double?, ref: String?, cached: Double?, style: Workbook.Style) -> Cell {
        if let own { return Cell(.number(own), style) }
        if let ref, let cached { return Cell(.formula(ref, cached: cached), style) }
        return Cell(.empty, style)
    }

    // MARK: Stellen

    func positionsSheet() -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: names.positions)
        sheet.rows = [header([L("Stelle", "Position"), L("Bezeichnung", "Title"), L("Einheit", "Unit"), L("Entgeltgruppe", "Grade"),
                              L("Soll (VZÄ)", "Planned (fte)"), L("Ist (VZÄ)", "Filled (fte)"), L("JAZ (h)", "Worktime (h)"),
                              L("Verteilzeit", "Allowance"), L("Verteilzeit-Art", "Convention"), L("Kosten je VZÄ", "Cost per fte"),
                              L("Bedarf (VZÄ)", "Need (fte)"), L("Differenz (VZÄ)", "Gap (fte)"), L("Vakanz (VZÄ)", "Vacancy (fte)"),
                              L("Vorschlag (VZÄ)", "Proposal (fte)"), L("Kosten Soll", "Planned cost"), L("Kosten Bedarf", "Need cost")])]
        for (i, pos) in zip(m.positions.ids, m.positions) {
            let ps = r.positions[i]
            let row = positionRow[i.index]
            let worktimeRef: String?, allowanceRef: String?
            if let u = pos.unit, m.units.contains(u) {
                worktimeRef = ref(names.units, U.worktime, unitRow[u.index], absolute: true)
                allowanceRef = ref(names.units, U.allowance, unitRow[u.index], absolute: true)
            } else {
                worktimeRef = m.settings.worktime != nil ? ref(names.settings, 1, worktimeRow, absolute: true) : nil
                allowanceRef = ref(names.settings, 1, allowanceRow, absolute: true)
            }
            var cpf = Cell(.empty, .money)
            if let g = pos.grade, m.grades.contains(g), m.grades[g].cost != nil, let v = ps.costPerFTE {
                let f = "\(ref(names.settings, 1, gradeRow[g.index], absolute: true))*(1+\(ref(names.settings, 1, overheadRow, absolute: true)))+\(ref(names.settings, 1, workplaceRow, absolute: true))"
                cpf = Cell(.formula(f, cached: v), .money)
            }
            let needTerms = positionTrail[i.index].map { ["SUM(\(ref(names.trail, H.fte, $0.lowerBound)):\(ref(nil, H.fte, $0.upperBound)))"] } ?? []
            let c = { (col: Int) in ref(nil, col, row) }
            sheet.rows.append([
                text(pos.name), text(pos.title), text(pos.unit.map { ctx.unitName($0) }), text(pos.grade.map { ctx.gradeName($0) }),
                Cell(.number(ps.planned), .fte), Cell(.number(ps.filled), .fte),
                settingCell(own: pos.worktime?.value, ref: worktimeRef, cached: ps.worktime, style: .hours),
                settingCell(own: pos.allowance?.value.fraction, ref: allowanceRef, cached: ps.allowance.fraction, style: .percent),
                text(conventionText(ps.allowance)),
                cpf,
                formula(sum(needTerms), ps.need, .fte),
                formula("\(c(P.need))-\(c(P.soll))", ps.gap, .fte),
                formula("\(c(P.soll))-\(c(P.ist))", ps.vacancy, .fte),
                formula(roundUp(c(P.need)), ps.proposal, .fte),
                ps.plannedCost.map { formula("\(c(P.soll))*\(c(P.costPerFTE))", $0, .money) } ?? Cell(.empty, .money),
                ps.needCost.map { formula("\(c(P.need))*\(c(P.costPerFTE))", $0, .money) } ?? Cell(.empty, .money),
            ])
        }
        return sheet
    }

    /// `Costs.roundUp`: up to a multiple of the rounding step, tolerant of floating-point
    /// noise (within 1e-9 of a multiple counts as that multiple), nine decimals.
    func roundUp(_ cell: String) -> String {
        let step = ref(names.settings, 1, roundingRow, absolute: true)
        let q = "\(cell)/\(step)"
        return "IF(\(step)>0,ROUND(IF(ABS(\(q)-ROUND(\(q),0))<=1E-9*MAX(1,ABS(\(q))),ROUND(\(q),0),CEILING(\(q),1))*\(step),9),\(cell))"
    }

    // MARK: Einheiten

    func unitsSheet() -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: names.units)
        sheet.rows = [header([L("Einheit", "Unit"), L("Bezeichnung", "Title"), L("Übergeordnet", "Parent"),
                              L("Soll (VZÄ)", "Planned (fte)"), L("Ist (VZÄ)", "Filled (fte)"), L("JAZ (h)", "Worktime (h)"),
                              L("Verteilzeit", "Allowance"), L("Verteilzeit-Art", "Convention"), L("Eigene Arbeit (VZÄ)", "Own work (fte)"),
                              L("Bedarf (VZÄ)", "Need (fte)"), L("Differenz (VZÄ)", "Gap (fte)"), L("Vakanz (VZÄ)", "Vacancy (fte)"),
                              L("Vorschlag (VZÄ)", "Proposal (fte)"), L("Kosten Soll", "Planned cost"), L("Kosten Bedarf", "Need cost")])]
        let rollup = UnitRollup(m.units)
        for (u, _) in ctx.unitRows {
            let unit = m.units[u]
            let us = r.units[u]
            let row = unitRow[u.index]
            let c = { (col: Int) in ref(nil, col, row) }
            let positions = unit.positions.filter { m.positions.contains($0) }
            let subs = rollup.included(in: u)
            func total(_ pcol: Int, _ ucol: Int, positionsWhere: (PositionID) -> Bool = { _ in true }) -> String {
                sum(cells(names.positions, pcol, positions.filter(positionsWhere).map { positionRow[$0.index] }) + cells(nil, ucol, subs.map { unitRow[$0.index] }))
            }
            let wt = inheritedUnitSetting(u, column: U.worktime, settingsRow: worktimeRow, has: { $0.worktime != nil }, modelHas: m.settings.worktime != nil)
            let al = inheritedUnitSetting(u, column: U.allowance, settingsRow: allowanceRow, has: { $0.allowance != nil }, modelHas: true)
            let ownTerms = unitTrail[u.index].map { ["SUM(\(ref(names.trail, H.fte, $0.lowerBound)):\(ref(nil, H.fte, $0.upperBound)))"] } ?? []
            let needTerms = [c(U.own)] + cells(names.positions, P.need, positions.map { positionRow[$0.index] }) + cells(nil, U.need, subs.map { unitRow[$0.index] })
            sheet.rows.append([
                text(unit.name), text(unit.title), text(unit.parent.map { ctx.unitName($0) }),
                formula(total(P.soll, U.soll), us.planned, .fte),
                formula(total(P.ist, U.ist), us.filled, .fte),
                settingCell(own: wt.own ? unit.worktime?.value : nil, ref: wt.ref, cached: us.worktime, style: .hours),
                settingCell(own: al.own ? unit.allowance?.value.fraction : nil, ref: al.ref, cached: us.allowance.fraction, style: .percent),
                text(conventionText(us.allowance)),
                formula(sum(ownTerms), us.ownNeed, .fte),
                formula(sum(needTerms), us.need, .fte),
                formula("\(c(U.need))-\(c(U.soll))", us.gap, .fte),
                formula("\(c(U.soll))-\(c(U.ist))", us.vacancy, .fte),
                formula(roundUp(c(U.need)), us.proposal, .fte),
                formula(total(P.need + 4, U.need + 4, positionsWhere: { r.positions[$0].plannedCost != nil }), us.plannedCost, .money),
                formula(total(P.need + 5, U.need + 5, positionsWhere: { r.positions[$0].needCost != nil }), us.needCost, .money),
            ])
        }
        return sheet
    }

    // MARK: Prozesse

    func processesSheet() -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: names.processes)
        sheet.rows = [header([L("Prozess", "Process"), L("Bezeichnung", "Title"), L("Eigenes Volumen (Fälle/Jahr)", "Own volume (cases/year)"),
                              L("Fälle/Jahr", "Cases/year"), L("Bearbeitungszeit je Fall (h)", "Staff hours per case"),
                              L("Stunden/Jahr", "Staff hours/year"), L("Bedarf (VZÄ)", "Need (fte)"), L("Kosten je Fall", "Cost per case"),
                              L("Quelle", "Source")])]
        for (p, proc) in m.processes.enumerated() {
            let ps = r.processes[p]
            let row = processRow[p]
            let c = { (col: Int) in ref(nil, col, row) }
            let rows = stepRow[p].compactMap { $0 }
            let range = { (col: Int) in rows.isEmpty ? "0" : "SUM(\(ref(names.steps, col, rows[0])):\(ref(nil, col, rows[rows.count - 1])))" }
            var casesTerms: [String] = ps.ownVolume != nil ? [c(R.volume)] : []
            for caller in ps.callers {
                let cp = caller.process.index
                guard cp >= 0, cp < stepRow.count, caller.node >= 0, caller.node < stepRow[cp].count,
                      let sr = stepRow[cp][caller.node] else { continue }
                casesTerms.append([S.cases, S.visits, S.share].map { ref(names.steps, $0, sr) }.joined(separator: "*"))
            }
            let solved = ps.flowSolved
            sheet.rows.append([
                text(proc.name), text(proc.title),
                number(ps.ownVolume, .count),
                formula(sum(casesTerms), ps.cases, .count),
                solved ? formula(range(S.hoursPerCase), ps.staffHoursPerCase, .hours) : Cell(.empty, .hours),
                solved ? formula("\(c(R.cases))*\(c(R.hoursPerCase))", ps.staffHoursPerYear, .hours) : Cell(.empty, .hours),
                solved && ps.cases != nil ? formula(range(S.fte), ps.fte, .fte) : Cell(.empty, .fte),
                formula("\(range(S.cost))/\(c(R.cases))", ps.costPerCase, .money),
                text(proc.source),
            ])
        }
        return sheet
    }

    // MARK: Schritte

    func stepsSheet() -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: names.steps)
        sheet.rows = [header([L("Prozess", "Process"), L("Schritt", "Step"), L("Bezeichnung", "Title"), L("Bearbeitet von", "Performed by"),
                              L("Fälle/Jahr", "Cases/year"), L("Besuche je Fall", "Visits per case"), L("Anteil", "Share"),
                              L("Zeit (min)", "Time (min)"), L("Stunden je Fall", "Hours per case"), L("Stunden/Jahr", "Hours/year"),
                              L("JAZ (h)", "Worktime (h)"), L("Verteilzeit", "Allowance"), L("Bedarf (VZÄ)", "Need (fte)"),
                              L("Kosten/Jahr", "Cost/year"), L("Ruft auf", "Calls")])]
        for (p, proc) in m.processes.enumerated() {
            let ps = r.processes[p]
            for (n, node) in proc.nodes.enumerated() where !node.isDecision {
                guard let row = stepRow[p][n] else { continue }
                let c = { (col: Int) in ref(nil, col, row) }
                let ns = ps.nodes[n]
                let visits = ns.visits
                var performerCells = (worktime: Cell(.empty, .hours), allowance: Cell(.empty, .percent))
                var allowance = Allowance.none
                var costRef: String?
                switch node.performer {
                case .position(let i) where m.positions.contains(i):
                    let pst = r.positions[i]
                    allowance = pst.allowance
                    if let w = pst.worktime { performerCells.worktime = Cell(.formula(ref(names.positions, P.worktime, positionRow[i.index]), cached: w), .hours) }
                    performerCells.allowance = Cell(.formula(ref(names.positions, P.allowance, positionRow[i.index]), cached: allowance.fraction), .percent)
                    if pst.costPerFTE != nil { costRef = ref(names.positions, P.costPerFTE, positionRow[i.index]) }
                case .unit(let u) where m.units.contains(u):
                    let ust = r.units[u]
                    allowance = ust.allowance
                    if let w = ust.worktime { performerCells.worktime = Cell(.formula(ref(names.units, U.worktime, unitRow[u.index]), cached: w), .hours) }
                    performerCells.allowance = Cell(.formula(ref(names.units, U.allowance, unitRow[u.index]), cached: allowance.fraction), .percent)
                default: break
                }
                let isStaff = node.performer?.isStaff ?? false
                let staffTimed = isStaff && node.timeHours != nil && visits != nil && node.call == nil
                let load = allowance.convention == .surcharge ? "*(1+\(c(S.allowance)))" : "/(1-\(c(S.allowance)))"
                let fte = ns.fte
                sheet.rows.append([
                    text(proc.name), text(node.name), text(node.title),
                    text(node.performer.map { m.performerName($0) }),
                    ps.cases != nil ? formula(ref(names.processes, R.cases, processRow[p]), ps.cases, .count) : Cell(.empty, .count),
                    number(visits, .visits),
                    number(node.share, .percent),
                    number(node.timeHours.map { $0 * 60 }, .hours),
                    staffTimed ? formula("\(c(S.visits))*\(c(S.share))*\(c(S.minutes))/60", visits.flatMap { v in node.timeHours.map { v * node.share * $0 } }, .hours) : Cell(.empty, .hours),
                    ns.hoursPerYear != nil && staffTimed ? formula("\(c(S.cases))*\(c(S.hoursPerCase))", ns.hoursPerYear, .hours) : Cell(.empty, .hours),
                    node.call == nil ? performerCells.worktime : Cell(.empty, .hours),
                    node.call == nil ? performerCells.allowance : Cell(.empty, .percent),
                    fte != nil ? formula("\(c(S.hours))\(load)/\(c(S.worktime))", fte, .fte) : Cell(.empty, .fte),
                    fte != nil && costRef != nil ? formula("\(c(S.fte))*\(costRef ?? "0")", fte.flatMap { f in costRefValue(node) .map { f * $0 } }, .money) : Cell(.empty, .money),
                    text(node.call.map { ctx.processName($0) }),
                ])
            }
        }
        return sheet
    }

    func costRefValue(_ node: FlowNode) -> Double? {
        if case .position(let i) = node.performer, r.positions.contains(i) { return r.positions[i].costPerFTE }
        return nil
    }

    // MARK: Herleitung

    /// Positions whose filled fte the head of unit `u` leads directly (the engine's rule,
    /// in its order): the other positions of the unit, heads of sub-units, and through a
    /// sub-unit without a head its members, each once, never the head itself.
    func ledPositions(unit u: UnitID, head h: PositionID) -> [PositionID] {
        var out: [PositionID] = []
        var visited = Set<UnitID>([u])
        var led = Set<PositionID>([h])
        func lead(_ p: PositionID) {
            guard m.positions.contains(p), led.insert(p).inserted else { return }
            out.append(p)
        }
        var queue = [u]
        var qi = 0
        while qi < queue.count {
            let x = queue[qi]; qi += 1
            for p in m.units[x].positions { lead(p) }
            for s in m.units[x].subunits where m.units.contains(s) && !visited.contains(s) {
                visited.insert(s)
                if let sh = m.units[s].head, m.positions.contains(sh) { lead(sh) } else { queue.append(s) }
            }
        }
        return out
    }

    func trailSheet() -> Workbook.Sheet {
        var sheet = Workbook.Sheet(name: names.trail)
        sheet.rows = [header([L("Art", "Kind"), L("Stelle / Einheit", "Position / unit"), L("Quelle", "Source"),
                              L("Eingabe", "Input"), L("Wert", "Value"), L("JAZ (h)", "Worktime (h)"), L("Bedarf (VZÄ)", "Need (fte)"),
                              L("Rechenweg", "Derivation")])]
        func rows(_ contributions: [Contribution], owner: String, allowance: Allowance, worktimeRef: String, first: Int) {
            for (k, c) in contributions.enumerated() {
                let row = first + k
                let line = ctx.auditLine(c, allowance: allowance)
                var input = Cell(.empty), value = Cell(.empty), worktime = Cell(.empty, .hours)
                var fte = Cell(.number(c.fte), .fte)
                switch c.kind {
                case .step:
                    if let p = c.process?.index, let n = c.node, p >= 0, p < stepRow.count, n >= 0, n < stepRow[p].count, let sr = stepRow[p][n] {
                        fte = formula(ref(names.steps, S.fte, sr), c.fte, .fte)
                        worktime = formula(ref(names.steps, S.worktime, sr), c.worktime, .hours)
                    }
                case .effort:
                    if let h = c.hours {
                        input = text(L("Stunden/Jahr", "hours/year")); value = Cell(.number(h), .hours)
                        worktime = formula(worktimeRef, c.worktime, .hours)
                        fte = formula("\(ref(nil, H.value, row))/\(ref(nil, H.fte - 1, row))", c.fte, .fte)
                    } else {
                        input = text(L("VZÄ", "fte")); value = Cell(.number(c.fte), .fte)
                        fte = formula(ref(nil, H.value, row), c.fte, .fte)
                    }
                case .coverage:
                    input = text(L("Stunden/Woche", "hours/week")); value = number(c.hoursPerWeek, .hours)
                    worktime = formula(worktimeRef, c.worktime, .hours)
                    fte = formula("\(ref(nil, H.value, row))*52/\(ref(nil, H.fte - 1, row))", c.fte, .fte)
                case .leadership:
                    input = text(L("geführte besetzte VZÄ", "filled fte led"))
                    if let u = c.unit, m.units.contains(u), let h = m.units[u].head {
                        let led = cells(names.positions, P.ist, ledPositions(unit: u, head: h).map { positionRow[$0.index] })
                        value = formula(sum(led), c.ledFTE, .fte)
                        fte = formula("\(ref(names.settings, 1, leadershipRow, absolute: true))*\(ref(nil, H.value, row))", c.fte, .fte)
                    }
                }
                sheet.rows.append([text(line.kind), text(owner), text(line.source), input, value, worktime, fte, text(line.formula)])
            }
        }
        for (i, ps) in zip(r.positions.ids, r.positions) {
            guard let range = positionTrail[i.index] else { continue }
            rows(ps.contributions, owner: m.positions[i].name, allowance: ps.allowance,
                 worktimeRef: ref(names.positions, P.worktime, positionRow[i.index]), first: range.lowerBound)
        }
        for (u, us) in zip(r.units.ids, r.units) {
            guard let range = unitTrail[u.index] else { continue }
            rows(us.ownContributions, owner: m.units[u].name, allowance: us.allowance,
                 worktimeRef: ref(names.units, U.worktime, unitRow[u.index]), first: range.lowerBound)
        }
        return sheet
    }
}
