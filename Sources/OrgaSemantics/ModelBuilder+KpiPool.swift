import OrgaSyntax
import OrgaSupport

/// Pass 2 of the model builder for kpis and deployments: what only their own
/// statements show is reported here (no plan or direction, an actual or a plan date
/// twice, a year without plan, a zero divisor; a deployment outside a pool, without
/// receiver, amount or period, with both `fte` and `hours`). The checks that need other
/// declarations (the stale volume, a deployment to its own pool) run in the `Checker`;
/// the over-commitment needs the pool's capacity day by day (OrgaAnalysis, `PoolFigures`).
extension ModelBuilder {
    mutating func readKpi(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let (name, range) = tree.declaredName(id) else { return }
        checkUnique(tree, file, id)
        var k = Kpi(name: name, title: tree.declaredTitle(id), doc: tree.docComment(id), location: loc(file, range))
        var plan: DatedSeries? = nil
        var undatedAt: Location? = nil
        var actualYears: [Int: Location] = [:]
        for c in tree.childIDs(id) {
            guard let kw = tree.knownKeyword(c) else { continue }
            let l = statementLocation(tree, file, c)
            let a = tree.arg(c, .value)
            switch kw {
            case .owner:
                let s = a.flatMap { resolveRef(tree, file, $0, .unit, what: "`owner`") }
                k.ownerSetting.write(s?.id(UnitID.self), at: l)
            case .better:
                k.betterSetting.write(a.flatMap { KpiDirection(rawValue: tree.name($0)) }, at: l)
            case .process:
                let s = a.flatMap { resolveRef(tree, file, $0, .process, what: "`process`") }
                k.processSetting.write(s?.id(ProcessID.self), at: l)
            case .tolerance:
                k.toleranceSetting.write(a.map { $0.value / 100 }, at: l)
            case .plan:
                if k.planLocation == nil { k.planLocation = l }
                guard let a else { break }
                var series = plan ?? DatedSeries(undated: nil)
                if let from = tree.datedFrom(c) {
                    if !series.insert(.init(from: from, value: a.value)) {
                        report(.kpiPlanDateTwice, l, "kpi `\(name)` already has a plan from \(from.iso); remove one")
                    }
                } else if tree.arg(c, .from) == nil && tree.argumentIDs(c).count <= 1 {
                    if let first = undatedAt {
                        report(.kpiPlanDateTwice, l, "kpi `\(name)` already has an undated plan at \(describe(first)); date one with `from DATE`")
                    } else {
                        series.undated = a.value
                        undatedAt = l
                    }
                } else {
                    break   // `from` with a bad date: the parser or lexer reported it
                }
                plan = series
            case .actual:
                guard let y = tree.arg(c, .year), let a else { break }
                let year = Int(y.value)
                if let first = actualYears[year] {
                    report(.kpiActualTwice, l, "kpi `\(name)` already has an actual for \(year) at \(describe(first)); remove one")
                    break
                }
                actualYears[year] = l
                k.actuals.append(KpiActual(year: year, value: a.value, location: l))
            default: break
            }
        }
        k.plan = plan
        k.actuals.sort { $0.year < $1.year }
        if k.planLocation == nil {
            report(.kpiWithoutPlan, k.location, "kpi `\(name)` has no `plan`; add one, e.g. `plan 25`")
        }
        if !k.betterSetting.isWritten {
            report(.kpiWithoutDirection, k.location, "kpi `\(name)` has no `better higher` or `better lower`; add the direction that is good")
        }
        if k.toleranceSetting.isWritten && !k.processSetting.isWritten, let l = k.toleranceSetting.location {
            report(.kpiToleranceWithoutProcess, l, "kpi `\(name)` has a `tolerance` but no `process` to compare with; add `process P` or remove it")
        }
        if let plan {
            for a in k.actuals {
                guard let p = k.plan(in: a.year) else {
                    let first = plan.dated.first?.from.iso ?? ""
                    report(.kpiYearWithoutPlan, a.location, "kpi `\(name)` has no plan in \(a.year): its first plan starts \(first)")
                    continue
                }
                guard let better = k.better else { continue }
                let divisor = better == .higher ? p : a.value
                if divisor == 0 {
                    report(.kpiAchievementUndefined, a.location,
                           "kpi `\(name)`: the \(better == .higher ? "plan" : "actual") of \(a.year) is 0, so the year has no achievement")
                }
            }
        }
        pendingKpis.append(k)
    }

    mutating func readDeployment(_ tree: SyntaxTree, _ file: Int, _ id: Int32, pool u: UnitID) {
        guard let (name, range) = tree.declaredName(id) else { return }
        checkUnique(tree, file, id)
        var d = Deployment(name: name, title: tree.declaredTitle(id), doc: tree.docComment(id), location: loc(file, range), pool: u)
        for c in tree.childIDs(id) {
            guard let kw = tree.knownKeyword(c) else { continue }
            let l = statementLocation(tree, file, c)
            let a = tree.arg(c, .value)
            switch kw {
            case .to:
                let s = a.flatMap { resolveRef(tree, file, $0, [.unit, .project], what: "`to`") }
                if s?.kind == .project, let a {
                    // A project: written, but no unit receives the capacity.
                    d.toProject = model.globalNames[tree.name(a)]
                    d.toSetting.write(nil, at: loc(file, tree.nameRange(a)))
                } else {
                    d.toSetting.write(s?.id(UnitID.self), at: a.map { loc(file, tree.nameRange($0)) } ?? l)
                }
            case .fte: d.fteSetting.write(a?.value, at: l)
            case .hours: d.hoursSetting.write(a?.value, at: l)
            case .period: d.periodSetting.write(a.flatMap { tree.period($0) }, at: l)
            default: break
            }
        }
        var missing: [String] = []
        if !d.toSetting.isWritten { missing.append("`to UNIT`") }
        if !d.fteSetting.isWritten && !d.hoursSetting.isWritten { missing.append("`fte F` or `hours H h`") }
        if !d.periodSetting.isWritten { missing.append("`period FROM..UNTIL`") }
        if !missing.isEmpty {
            report(.deploymentIncomplete, d.location, "deployment `\(name)` needs " + missing.joined(separator: " and "))
        }
        if d.fteSetting.isWritten, d.hoursSetting.isWritten, let l = d.hoursSetting.location {
            report(.deploymentFteAndHours, l, "deployment `\(name)` gives both `fte` and `hours`; keep one (`fte` counts)")
        }
        pendingDeployments.append(d)
    }

    /// From the keyword to the end of the last argument (without a comment after it).
    private func statementLocation(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Location {
        let start = tree.tokenRange(tree.statement(c).keywordToken)
        let end = tree.argumentIDs(c).last.map { tree.range(of: tree.argument($0)).end } ?? start.end
        return loc(file, ByteRange(start.start, max(start.end, end)))
    }
}
