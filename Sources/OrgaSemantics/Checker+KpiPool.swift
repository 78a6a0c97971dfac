import OrgaSyntax
import OrgaSupport

/// Whole-model checks of kpis and deployments (docs/language.md, KPIs, pools and
/// deployments): a deployment outside a pool or to its own pool, hours without a
/// worktime, and the stale volume of a kpi's process.
extension Checker {
    mutating func checkKpisAndPools() {
        for d in model.deployments { checkDeployment(d) }
        for k in model.kpis { checkStaleVolume(k) }
    }

    private mutating func checkDeployment(_ d: Deployment) {
        guard model.units.contains(d.pool) else { return }
        let pool = model.units[d.pool]
        if !pool.isPool {
            report(.deployOutsidePool, d.location, "deployment `\(d.name)` stands in unit `\(pool.name)`, which is not a pool; add `pool` to the unit")
        }
        if let to = d.to, let l = d.toSetting.location, isInside(to, d.pool) {
            report(.deploymentToOwnPool, l, "deployment `\(d.name)` sends capacity to `\(model.units[to].name)`, which is its own pool `\(pool.name)` or inside it")
        }
        if d.hoursSetting.value != nil, d.fteSetting.value == nil, model.worktime(unit: d.pool) == nil, let l = d.hoursSetting.location {
            report(.deploymentHoursWithoutWorktime, l, "deployment `\(d.name)` gives hours, but no `worktime` applies to pool `\(pool.name)`; add `worktime` to the unit or the model")
        }
    }

    /// Whether unit `u` is `ancestor` or lies inside it (bounded walk: a cycle ends it).
    private func isInside(_ u: UnitID, _ ancestor: UnitID) -> Bool {
        var cur: UnitID? = u
        var steps = 0
        while let c = cur, model.units.contains(c), steps <= model.units.count {
            if c == ancestor { return true }
            cur = model.units[c].parent
            steps += 1
        }
        return false
    }

    /// With `process P` and `tolerance T`: P's average volume in the model year against
    /// that year's actual A; a warning when they differ by more than T × A.
    private mutating func checkStaleVolume(_ k: Kpi) {
        guard let p = k.process, model.processes.contains(p), let t = k.tolerance, let year = model.settings.year,
              let actual = k.actuals.first(where: { $0.year == year }), let l = k.processSetting.location,
              let volume = KpiVolume.averageVolume(model.processes[p], year: year) else { return }
        guard abs(volume - actual.value) > t * actual.value else { return }
        let process = model.processes[p].name
        report(.kpiStaleVolume, l,
               "process `\(process)` has on average \(NumberFormat.shortest(volume)) cases per year in \(year) (the model year), but kpi `\(k.name)` has the actual \(NumberFormat.shortest(actual.value)); they differ by more than the tolerance of \(NumberFormat.shortest(t * 100)) % of the actual")
    }
}

/// The volume a kpi's process is compared with.
public enum KpiVolume {
    /// The process's day-weighted average volume (cases per year) in `year`; nil when it
    /// has none.
    public static func averageVolume(_ p: Process, year: Int) -> Double? {
        guard p.volumePerYear != nil, let span = DateSpan(year: year) else { return nil }
        return p.volumeSeries.isConstant ? p.volumePerYear : p.volumeSeries.average(over: span)
    }
}
