import OrgaSemantics

extension ModelDiff {
    /// Compares two versions of a model (docs/diff.md): effects per unit, position and
    /// process, totals, and the changed inputs with the need each of them moves.
    /// Declarations are matched by name; a renamed one is removed + added.
    public static func compare(old: ModelVersion, new: ModelVersion) -> ModelDiff {
        var inputs = DiffInputs(old: old, new: new)
        inputs.run()
        var attribution = DiffAttribution(old: old, new: new, inputs: inputs)
        attribution.run()
        var causes = inputs.causes
        for i in causes.indices {
            causes[i].moves = sortedMoves(attribution.moves[i])
        }
        let order = causes.indices.sorted { a, b in
            let x = causes[a], y = causes[b]
            if x.inOld != y.inOld { return !x.inOld }
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            if x.target != y.target { return x.target < y.target }
            return x.property != y.property ? x.property < y.property : a < b
        }
        let ro = old.result, rn = new.result
        var diff = ModelDiff(
            old: old, new: new,
            totalNeed: DiffFigure.amount(ro.totalNeed, rn.totalNeed, status: .changed),
            totalPlanned: DiffFigure.amount(ro.totalPlanned, rn.totalPlanned, status: .changed),
            totalFilled: DiffFigure.amount(ro.totalFilled, rn.totalFilled, status: .changed),
            totalNeedCost: DiffFigure.amount(ro.totalNeedCost, rn.totalNeedCost, status: .changed),
            units: staffingRows(old, new, unit: true),
            positions: staffingRows(old, new, unit: false),
            processes: processRows(old, new),
            causes: order.map { causes[$0] },
            unattributed: sortedMoves(attribution.unattributed))
        if old.scenario == nil && new.scenario == nil { diff.scenarios = scenarioRows(old, new) }
        return diff
    }

    /// Each scenario of both sides evaluated on its side; the rows whose totals moved.
    static func scenarioRows(_ old: ModelVersion, _ new: ModelVersion) -> [ScenarioDiffRow] {
        let om = old.model, nm = new.model
        guard !om.scenarios.isEmpty, !nm.scenarios.isEmpty else { return [] }
        var rows: [ScenarioDiffRow] = []
        for (j, s) in zip(nm.scenarios.ids, nm.scenarios) where nm.scenarios.firstID(where: { $0.name == s.name }) == j {
            guard let i = ScenarioEvaluator.scenario(named: s.name, in: om) else { continue }
            let a = ScenarioEvaluator.evaluate(om, scenario: i).staffing, b = ScenarioEvaluator.evaluate(nm, scenario: j).staffing
            let row = ScenarioDiffRow(id: s.name, need: .amount(a.totalNeed, b.totalNeed, status: .changed),
                                      needCost: .amount(a.totalNeedCost, b.totalNeedCost, status: .changed))
            if row.need.changed || row.needCost.changed { rows.append(row) }
        }
        return rows
    }

    static func sortedMoves(_ d: [String: Double]) -> [(id: String, fte: Double)] {
        d.filter { abs($0.value) > epsilon }
            .sorted { abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : $0.key < $1.key }
            .map { (id: $0.key, fte: $0.value) }
    }

    /// Pairs of indices (old, new) matched by name, in OLD's order then NEW's additions.
    static func matched(_ o: [String], _ n: [String]) -> [(old: Int?, new: Int?)] {
        var ni: [String: Int] = [:]
        for (j, x) in n.enumerated() where ni[x] == nil { ni[x] = j }
        var oi = Set<String>()
        var out: [(Int?, Int?)] = []
        for (i, x) in o.enumerated() where oi.insert(x).inserted { out.append((i, ni[x])) }
        for (j, x) in n.enumerated() where ni[x] == j && !oi.contains(x) { out.append((nil, j)) }
        return out
    }

    private static func status(_ pair: (old: Int?, new: Int?)) -> DiffStatus {
        pair.old == nil ? .added : pair.new == nil ? .removed : .changed
    }

    private static func staffingRows(_ old: ModelVersion, _ new: ModelVersion, unit: Bool) -> [StaffingDiffRow] {
        let om = old.model, nm = new.model
        let pairs = unit ? matched(om.units.map(\.name), nm.units.map(\.name)) : matched(om.positions.map(\.name), nm.positions.map(\.name))
        var rows: [StaffingDiffRow] = []
        for pair in pairs {
            typealias Figures = (planned: Double, filled: Double, need: Double, gap: Double, cost: Double?, title: String?, name: String)
            func figures(_ v: ModelVersion, _ i: Int?) -> Figures? {
                guard let i else { return nil }
                if unit {
                    let u = UnitID(i)
                    guard v.result.units.contains(u), v.model.units.contains(u) else { return nil }
                    let r = v.result.units[u]
                    return (r.planned, r.filled, r.need, r.gap, r.needCost, v.model.units[u].title, v.model.units[u].name)
                }
                let p = PositionID(i)
                guard v.result.positions.contains(p), v.model.positions.contains(p) else { return nil }
                let r = v.result.positions[p]
                return (r.planned, r.filled, r.need, r.gap, r.needCost, v.model.positions[p].title, v.model.positions[p].name)
            }
            let a = figures(old, pair.old), b = figures(new, pair.new)
            guard let any = b ?? a else { continue }
            let s = status(pair)
            let row = StaffingDiffRow(
                id: any.name, title: any.title, status: s,
                planned: .amount(a?.planned, b?.planned, status: s), filled: .amount(a?.filled, b?.filled, status: s),
                need: .amount(a?.need, b?.need, status: s), gap: .amount(a?.gap, b?.gap, status: s),
                needCost: .amount(a?.cost, b?.cost, status: s))
            if s != .changed || row.planned.changed || row.filled.changed || row.need.changed || row.gap.changed || row.needCost.changed {
                rows.append(row)
            }
        }
        return sortByNeed(rows, \.need, \.id)
    }

    private static func processRows(_ old: ModelVersion, _ new: ModelVersion) -> [ProcessDiffRow] {
        let pairs = matched(old.model.processes.map(\.name), new.model.processes.map(\.name))
        var rows: [ProcessDiffRow] = []
        for pair in pairs {
            func r(_ v: ModelVersion, _ i: Int?) -> ProcessStaffing? {
                guard let i = i.map({ ProcessID($0) }), v.result.processes.contains(i) else { return nil }
                return v.result.processes[i]
            }
            let a = r(old, pair.old), b = r(new, pair.new)
            let s = status(pair)
            let name = pair.new.map { new.model.processes[$0].name } ?? pair.old.map { old.model.processes[$0].name } ?? ""
            let title = pair.new.map { new.model.processes[$0].title } ?? pair.old.map { old.model.processes[$0].title } ?? nil
            let row = ProcessDiffRow(
                id: name, title: title, status: s,
                cases: .amount(a?.cases, b?.cases, status: s),
                staffHoursPerCase: .rate(a.map(\.staffHoursPerCase), b.map(\.staffHoursPerCase)),
                leadTimeDays: .rate(a?.leadTimeDays, b?.leadTimeDays),
                need: .amount(a?.fte, b?.fte, status: s))
            if s != .changed || row.cases.changed || row.staffHoursPerCase.changed || row.leadTimeDays.changed || row.need.changed {
                rows.append(row)
            }
        }
        return sortByNeed(rows, \.need, \.id)
    }

    private static func sortByNeed<R>(_ rows: [R], _ need: KeyPath<R, DiffFigure>, _ id: KeyPath<R, String>) -> [R] {
        rows.sorted { x, y in
            let a = abs(x[keyPath: need].delta ?? 0), b = abs(y[keyPath: need].delta ?? 0)
            return a != b ? a > b : x[keyPath: id] < y[keyPath: id]
        }
    }
}
