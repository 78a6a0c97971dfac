import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

extension IDEWorkspace {
    /// Hover figures of a kpi: plan, actual and achievement per year.
    func kpiFigures(_ sym: Symbol, _ ctx: DocContext) -> [String] {
        let model = ctx.model
        guard let i = model.kpis.firstID(where: { $0.location == sym.location }) else { return [] }
        let k = model.kpis[i]
        var out: [String] = []
        out.append("better **\(k.better?.rawValue ?? "–")**" + (k.plan == nil ? " · no plan" : ""))
        let r = KpiFigures.evaluate(k, id: i)
        for y in r.years {
            let achievement = y.achievement.map { "**\(fmt($0 * 100, 1)) %**" } ?? "–"
            let met = y.met.map { $0 ? " · met" : " · missed" } ?? ""
            out.append("\(y.year): plan \(y.plan.map { fmt($0, 3) } ?? "–") · actual \(fmt(y.actual, 3)) · achievement \(achievement)\(met)")
        }
        if r.years.isEmpty { out.append("no actual yet") }
        return out
    }

    /// Hover figures of a deployment: its average fte in the period and its pool's utilisation.
    func deploymentFigures(_ sym: Symbol, _ ctx: DocContext) -> [String] {
        let model = ctx.model
        guard let i = model.deployments.firstID(where: { $0.location == sym.location }) else { return [] }
        let d = model.deployments[i]
        let f = PoolFigures.evaluate(model, staffing: nil)
        var out: [String] = []
        if let period = f.period, let avg = f.deployments[safe: i]?.fteAverage {
            out.append("**\(fmt(avg, 3)) fte** on average in \(period.first.iso)..\(period.last.iso)")
        }
        if let pool = f.pools.first(where: { $0.unit == d.pool }), let name = model.units[safe: d.pool]?.name {
            var line = "pool `\(name)`: deployed \(pool.deployed.map { fmt($0, 3) } ?? "–") fte of \(pool.effectiveFilled.map { fmt($0, 3) } ?? "–") fte effective filled"
            if let u = pool.utilisation { line += " · utilisation **\(fmt(u * 100, 1)) %**" }
            out.append(line)
            if let o = pool.overCommitment {
                out.append("over-committed from \(o.date.iso): \(fmt(o.deployed, 3)) fte deployed, \(fmt(o.filled, 3)) fte filled")
            }
        }
        return out
    }
}
