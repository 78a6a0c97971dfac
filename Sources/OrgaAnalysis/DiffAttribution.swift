import OrgaSemantics

/// Which cause moves how much need (docs/diff.md, "How moves are attributed").
///
/// Every need figure is a sum of contributions (the audit trail of the report): a step
/// done by a position or unit, an effort, a coverage, a leadership share. Each
/// contribution is a product of factors:
///
/// - step: cases × visits × share × time × (1 + Verteilzeit) × 1/worktime
/// - effort in fte: fte; effort in h/year: hours × 1/worktime
/// - coverage: h/week × 52 × 1/worktime
/// - leadership: leadership × filled fte led
///
/// Contributions are matched between OLD and NEW by what they are (process, step and
/// performer; position and effort label; …). The change of a matched contribution is
/// split over its factors by the Shapley value of the product (exact: the parts add up
/// to the change, whatever the order; a factor that did not change gets 0). Each
/// factor's part goes to the causes that can change that factor: the step's `time`
/// cause, the `share` cause, the process's flow causes (visits), the worktime and
/// Verteilzeit causes along the performer's units, and for the cases the same split
/// one level up — a process's cases are its own volume plus, per calling step, the
/// caller's cases × visits × share, each split the same way. A contribution that
/// exists on one side only goes to the cause that made it appear or disappear (the
/// performer changed, the step was added or removed, …). When several causes act on
/// one factor (two branch shares of one process), they share its part equally. With
/// a single changed input every part goes to that input, so its moves are exactly
/// report(NEW) − report(OLD).
struct DiffAttribution {
    let old: ModelVersion
    let new: ModelVersion
    let inputs: DiffInputs
    /// Per cause: owner (position or unit name) → Δ fte.
    var moves: [[String: Double]]
    /// owner → Δ fte no cause could be given.
    var unattributed: [String: Double] = [:]

    private typealias Share = [Int: Double]   // cause → amount; key -1: no cause
    private static let nobody = -1

    /// Name → index of positions and units, per side (0 old, 1 new).
    private let positionIndex: [[String: Int]]
    private let unitIndex: [[String: Int]]

    init(old: ModelVersion, new: ModelVersion, inputs: DiffInputs) {
        self.old = old
        self.new = new
        self.inputs = inputs
        self.moves = Array(repeating: [:], count: inputs.causes.count)
        func names(_ xs: [String]) -> [String: Int] {
            var d: [String: Int] = [:]
            for (i, x) in xs.enumerated() where d[x] == nil { d[x] = i }
            return d
        }
        positionIndex = [names(old.model.positions.map(\.name)), names(new.model.positions.map(\.name))]
        unitIndex = [names(old.model.units.map(\.name)), names(new.model.units.map(\.name))]
    }

    // MARK: Contributions of one side

    private enum Part: Hashable {
        case step(process: String, node: String)
        case effort(label: String)
        case coverage
        case leadership(unit: String)
    }

    private struct Record {
        var owner: String
        var part: Part
        var fte: Double
        var factors: [Double]
    }

    /// What a contribution is, for matching it between the sides.
    private struct RecordKey: Hashable {
        var owner: String
        var part: Part
        /// The how-many-th contribution with the same owner and part (efforts with one label).
        var occurrence: Int
    }

    /// The contributions of one side, in audit-trail order (positions, then units' own
    /// work), and where each key is.
    private static func records(_ v: ModelVersion, skipPositions: [Bool], skipUnits: [Bool]) -> (list: [(key: RecordKey, record: Record)], index: [RecordKey: Int]) {
        let m = v.model, r = v.result
        var list: [(key: RecordKey, record: Record)] = []
        var index: [RecordKey: Int] = [:]
        func add(_ owner: String, _ c: Contribution, allowance: Allowance) {
            let part: Part
            var factors: [Double]
            switch c.kind {
            case .step:
                guard let p = c.process, let n = c.node, m.processes.contains(p), m.processes[p].nodes.indices.contains(n) else { return }
                part = .step(process: m.processes[p].name, node: m.processes[p].nodes[n].name)
                factors = [c.cases ?? 0, c.visits ?? 0, c.share ?? 0, c.timeHours ?? 0, allowance.load(1), c.worktime.map { 1 / $0 } ?? 0]
            case .effort:
                part = .effort(label: c.label ?? "")
                factors = c.hours.map { [$0, c.worktime.map { 1 / $0 } ?? 0] } ?? [c.fte]
            case .coverage:
                part = .coverage
                factors = [c.hours ?? 0, c.worktime.map { 1 / $0 } ?? 0]
            case .leadership:
                part = .leadership(unit: c.unit.map { m.units.contains($0) ? m.units[$0].name : "" } ?? "")
                factors = [c.fraction ?? 0, c.ledFTE ?? 0]
            }
            var key = RecordKey(owner: owner, part: part, occurrence: 0)
            while index[key] != nil { key.occurrence += 1 }
            index[key] = list.count
            list.append((key, Record(owner: owner, part: part, fte: c.fte, factors: factors)))
        }
        for (i, ps) in r.positions.enumerated() where i < m.positions.count && !(i < skipPositions.count && skipPositions[i]) {
            for c in ps.contributions { add(m.positions[i].name, c, allowance: ps.allowance) }
        }
        for (u, us) in r.units.enumerated() where u < m.units.count && !(u < skipUnits.count && skipUnits[u]) {
            for c in us.ownContributions { add(m.units[u].name, c, allowance: us.allowance) }
        }
        return (list, index)
    }

    /// Per position (or unit) of each side: whether its contributions are the same on
    /// both sides, value for value and name for name. Those change nothing and are left
    /// out of the matching (most of a large model, for a change of a few inputs).
    private func unchangedOwners(units: Bool) -> (old: [Bool], new: [Bool]) {
        let om = old.model, nm = new.model
        let count = (units ? om.units.count : om.positions.count, units ? nm.units.count : nm.positions.count)
        var o = [Bool](repeating: false, count: count.0), n = [Bool](repeating: false, count: count.1)
        let names = units ? unitIndex[1] : positionIndex[1]
        for i in 0..<count.0 {
            let name = units ? om.units[i].name : om.positions[i].name
            guard let j = names[name] else { continue }
            let a: [Contribution], b: [Contribution]
            if units {
                guard i < old.result.units.count, j < new.result.units.count else { continue }
                a = old.result.units[i].ownContributions; b = new.result.units[j].ownContributions
                guard old.result.units[i].allowance == new.result.units[j].allowance else { continue }
            } else {
                guard i < old.result.positions.count, j < new.result.positions.count else { continue }
                a = old.result.positions[i].contributions; b = new.result.positions[j].contributions
                guard old.result.positions[i].allowance == new.result.positions[j].allowance else { continue }
            }
            guard a.count == b.count else { continue }
            var same = true
            for (x, y) in zip(a, b) where !sameContribution(x, y) { same = false; break }
            o[i] = same
            n[j] = same
        }
        return (o, n)
    }

    private func sameContribution(_ x: Contribution, _ y: Contribution) -> Bool {
        guard x.kind == y.kind, x.fte == y.fte, x.cases == y.cases, x.visits == y.visits, x.share == y.share,
              x.timeHours == y.timeHours, x.hours == y.hours, x.worktime == y.worktime, x.label == y.label,
              x.ledFTE == y.ledFTE, x.fraction == y.fraction else { return false }
        let om = old.model, nm = new.model
        func name(_ m: Model, _ p: ProcessID?, _ n: Int?) -> (String, String)? {
            guard let p, m.processes.contains(p) else { return nil }
            guard let n, m.processes[p].nodes.indices.contains(n) else { return (m.processes[p].name, "") }
            return (m.processes[p].name, m.processes[p].nodes[n].name)
        }
        let a = name(om, x.process, x.node), b = name(nm, y.process, y.node)
        guard a?.0 == b?.0, a?.1 == b?.1 else { return false }
        let ua = x.unit.flatMap { om.units.contains($0) ? om.units[$0].name : nil }
        let ub = y.unit.flatMap { nm.units.contains($0) ? nm.units[$0].name : nil }
        return ua == ub
    }

    // MARK: Running

    mutating func run() {
        let casesShare = casesAttribution()
        let positions = unchangedOwners(units: false), units = unchangedOwners(units: true)
        let o = DiffAttribution.records(old, skipPositions: positions.old, skipUnits: units.old)
        let n = DiffAttribution.records(new, skipPositions: positions.new, skipUnits: units.new)
        // OLD's contributions in order, then those only NEW has: a fixed order, so the
        // sums below are the same run to run.
        var pairs: [(old: Record?, new: Record?)] = o.list.map { ($0.record, n.index[$0.key].map { n.list[$0].record }) }
        for (key, record) in n.list where o.index[key] == nil { pairs.append((nil, record)) }
        for (a, b) in pairs {
            let owner = (b ?? a)?.owner ?? ""
            var share: Share = [:]
            if let a, let b, a.factors.count != b.factors.count {
                // An effort given in fte on one side and in h/year on the other.
                spread(b.fte - a.fte, over: presenceCauses(b.part, owner: owner), into: &share)
            } else if let a, let b {
                let parts = DiffAttribution.shapley(a.factors, b.factors)
                for (f, amount) in parts.enumerated() where amount != 0 {
                    spread(amount, over: factorCauses(b.part, factor: f, owner: owner, casesShare: casesShare, old: a, new: b), into: &share)
                }
            } else if let r = b ?? a {
                let amount = b != nil ? r.fte : -r.fte
                guard amount != 0 else { continue }
                spread(amount, over: presenceCauses(r.part, owner: owner), into: &share)
            }
            for (c, amount) in share {
                if c == DiffAttribution.nobody || !moves.indices.contains(c) {
                    unattributed[owner, default: 0] += amount
                } else {
                    moves[c][owner, default: 0] += amount
                }
            }
        }
    }

    /// `amount` over a distribution (cause → weight): proportional to the weights, or
    /// equally when they add up to (almost) nothing; to nobody when there is none.
    private func spread(_ amount: Double, over dist: Share, into out: inout Share) {
        if dist.isEmpty { out[DiffAttribution.nobody, default: 0] += amount; return }
        // Summed in cause order: the same bits on every run (a dictionary's order is not).
        let causes = dist.keys.sorted()
        let total = causes.reduce(0) { $0 + (dist[$1] ?? 0) }
        let scale = causes.reduce(0) { max($0, abs(dist[$1] ?? 0)) }
        if abs(total) > 1e-12 * max(1, scale) {
            for c in causes { out[c, default: 0] += amount * (dist[c] ?? 0) / total }
        } else {
            for c in causes { out[c, default: 0] += amount / Double(causes.count) }
        }
    }

    /// Equal weights.
    private func equally(_ causes: [Int]) -> Share {
        var d: Share = [:]
        for c in causes { d[c] = 1 }
        return d
    }

    private func causes(_ list: [Int]?, _ kinds: Set<DiffCause.Kind>) -> [Int] {
        (list ?? []).filter { kinds.contains(inputs.causes[$0].kind) }
    }

    // MARK: Factors → causes

    private func factorCauses(_ part: Part, factor f: Int, owner: String, casesShare: [String: Share], old a: Record, new b: Record) -> Share {
        let idx = inputs.index
        switch part {
        case .step(let p, let n):
            let node = idx.node[DiffInputs.nodeKey(p, n)]
            switch f {
            case 0: return casesShare[p] ?? [:]
            case 1: return equally(idx.flow[p] ?? [])
            case 2: return equally(causes(node, [.share]))
            case 3: return equally(causes(node, [.time]))
            case 4: return equally(chainCauses(owner, .allowance))
            default: return equally(chainCauses(owner, .worktime))
            }
        case .effort:
            return f == 0 ? equally(causes(idx.position[owner], [.effort])) : equally(chainCauses(owner, .worktime))
        case .coverage:
            return f == 0 ? equally(causes(idx.position[owner], [.coverage])) : equally(chainCauses(owner, .worktime))
        case .leadership(let u):
            if f == 0 { return equally(idx.setting["leadership"].map { [$0] } ?? []) }
            return ledCauses(unit: u, head: owner)
        }
    }

    /// The causes that make a contribution appear or disappear.
    private func presenceCauses(_ part: Part, owner: String) -> Share {
        let idx = inputs.index
        var found: [Int] = []
        switch part {
        case .step(let p, let n):
            let node = idx.node[DiffInputs.nodeKey(p, n)]
            found = causes(node, [.performer, .added, .removed, .call, .time])
            if found.isEmpty { found = causes(idx.process[p], [.added, .removed]).filter { inputs.causes[$0].target == p } }
            if found.isEmpty { found = node ?? [] }
        case .effort:
            found = causes(idx.position[owner], [.effort, .added, .removed])
        case .coverage:
            found = causes(idx.position[owner], [.coverage, .added, .removed])
        case .leadership(let u):
            found = causes(idx.unit[u], [.head, .added, .removed]) + (idx.setting["leadership"].map { [$0] } ?? [])
            if found.isEmpty { found = causes(idx.position[owner], [.added, .removed]) }
        }
        return equally(found)
    }

    /// The worktime (or Verteilzeit) causes that changed what applies to `owner`: on each
    /// side the value comes from the first level that sets it — the owner, its units
    /// outward, the model — so the causes are those at the level in force in OLD or in
    /// NEW, and, when the chain of units itself differs, the moves that changed it (the
    /// owner to another unit, a unit to another parent). Failing those, every cause on
    /// either chain.
    private func chainCauses(_ owner: String, _ kind: DiffCause.Kind) -> [Int] {
        let idx = inputs.index
        let settingCause = idx.setting[kind == .worktime ? "worktime" : "allowance"]
        var chains: [[String]] = [[], []]
        var inForce: [String?] = [nil, nil]   // unit name, owner name, or nil for the model
        for (side, v) in [old, new].enumerated() {
            let m = v.model
            func sets(position p: PositionID) -> Bool { kind == .worktime ? m.positions[p].worktime != nil : m.positions[p].allowance != nil }
            func sets(unit u: UnitID) -> Bool { kind == .worktime ? m.units[u].worktime != nil : m.units[u].allowance != nil }
            var cur: UnitID?
            if let p = positionIndex[side][owner].map({ PositionID($0) }) {
                if sets(position: p) { inForce[side] = owner }
                cur = m.positions[p].unit
            } else if let u = unitIndex[side][owner].map({ UnitID($0) }) {
                if sets(unit: u) { inForce[side] = owner }
                cur = m.units[u].parent
            }
            var steps = 0
            while let c = cur, m.units.contains(c), steps <= m.units.count {
                chains[side].append(m.units[c].name)
                if inForce[side] == nil && sets(unit: c) { inForce[side] = m.units[c].name }
                cur = m.units[c].parent
                steps += 1
            }
        }
        var out: [Int] = []
        for level in inForce {
            if let name = level {
                out += causes(idx.position[name], [kind]) + causes(idx.unit[name], [kind])
            } else if let s = settingCause {
                out.append(s)
            }
        }
        if chains[0] != chains[1] {
            out += causes(idx.position[owner], [.unit]) + causes(idx.unit[owner], [.parent])
            for u in Set(chains[0] + chains[1]).sorted() { out += causes(idx.unit[u], [.parent]) }
        }
        if out.isEmpty {
            out = causes(idx.position[owner], [kind, .unit]) + causes(idx.unit[owner], [kind, .parent])
            for u in Set(chains[0] + chains[1]).sorted() { out += causes(idx.unit[u], [kind, .parent]) }
            if let s = settingCause { out.append(s) }
        }
        return Array(Set(out)).sorted()
    }

    /// The change of the filled fte led by `head` as head of `unit`: each position led
    /// on both sides gives its change of `filled` to its `filled` cause; a position led
    /// on one side only goes to the causes that moved it (it was added, removed, moved to
    /// another unit, became a head) or, failing those, to the structural causes of the
    /// unit's subtree.
    private func ledCauses(unit: String, head: String) -> Share {
        let o = DiffAttribution.led(old.model, unit: unitIndex[0][unit].map { UnitID($0) })
        let n = DiffAttribution.led(new.model, unit: unitIndex[1][unit].map { UnitID($0) })
        let idx = inputs.index
        var share: Share = [:]
        var names = Set(o.keys)
        names.formUnion(n.keys)
        for x in names.sorted() {
            let a = o[x], b = n[x]
            let d = (b ?? 0) - (a ?? 0)
            guard d != 0 else { continue }
            var found: [Int]
            if a != nil && b != nil {
                found = causes(idx.position[x], [.filled])
            } else {
                found = causes(idx.position[x], [.added, .removed, .unit, .filled])
                if found.isEmpty {
                    found = causes(idx.unit[unit], [.head, .parent])
                    for (u, list) in idx.unit.sorted(by: { $0.key < $1.key }) where u != unit {
                        found += list.filter { [.head, .parent, .added, .removed].contains(inputs.causes[$0].kind) }
                    }
                }
            }
            spread(d, over: equally(found), into: &share)
        }
        return share
    }

    /// The positions led directly by the head of `unit` with their filled fte (the
    /// engine's rule: the other positions of the unit, the heads of its sub-units, and
    /// for a sub-unit without a head its members counted the same way).
    private static func led(_ m: Model, unit: UnitID?) -> [String: Double] {
        guard let u = unit, m.units.contains(u), let h = m.units[u].head, m.positions.contains(h) else { return [:] }
        var out: [String: Double] = [:]
        var visited = Set<UnitID>([u])
        var ledSet = Set<PositionID>([h])
        func lead(_ p: PositionID) {
            guard m.positions.contains(p), ledSet.insert(p).inserted else { return }
            out[m.positions[p].name] = m.positions[p].filled
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

    // MARK: Cases

    /// Per process: which causes changed its cases per year, and by how much (the
    /// amounts add up to Δ cases). Worked out callers first over the union of both
    /// call graphs (Kahn's order; processes on a call cycle come last, in name order).
    private func casesAttribution() -> [String: Share] {
        struct Edge { var caller: String; var node: String; var cases: Double; var factors: [Double] }
        func edges(_ v: ModelVersion) -> (own: [String: Double], into: [String: [String: Edge]]) {
            let m = v.model, r = v.result
            var own: [String: Double] = [:]
            var into: [String: [String: Edge]] = [:]
            for (p, proc) in zip(m.processes.ids, m.processes) where r.processes.contains(p) {
                own[proc.name] = r.processes[p].ownVolume ?? 0
                for c in r.processes[p].callers where m.processes.contains(c.process) && m.processes[c.process].nodes.indices.contains(c.node) {
                    let caller = m.processes[c.process], node = caller.nodes[c.node]
                    let factors: [Double] = [r.processes[c.process].cases ?? 0, r.processes[c.process].nodes[c.node].visits ?? 0, node.share]
                    into[proc.name, default: [:]][DiffInputs.nodeKey(caller.name, node.name)] = Edge(caller: caller.name, node: node.name, cases: c.cases, factors: factors)
                }
            }
            return (own, into)
        }
        let o = edges(old), n = edges(new)
        var names = Set(o.own.keys)
        names.formUnion(n.own.keys)
        // Callers first.
        var callees: [String: Set<String>] = [:]
        var indegree: [String: Int] = [:]
        for name in names { indegree[name] = 0 }
        for side in [o.into, n.into] {
            for (callee, es) in side {
                for e in es.values where callees[e.caller, default: []].insert(callee).inserted {
                    indegree[callee, default: 0] += 1
                }
            }
        }
        var order: [String] = []
        var ready = names.filter { indegree[$0] == 0 }.sorted()
        var placed = Set<String>()
        while let x = ready.popLast() {
            order.append(x)
            placed.insert(x)
            for c in (callees[x] ?? []).sorted() {
                indegree[c, default: 0] -= 1
                if indegree[c] == 0 { ready.append(c) }
            }
        }
        order += names.subtracting(placed).sorted()

        let idx = inputs.index
        var result: [String: Share] = [:]
        for q in order {
            var share: Share = [:]
            let dOwn = (n.own[q] ?? 0) - (o.own[q] ?? 0)
            if dOwn != 0 {
                var found = causes(idx.process[q], [.volume])
                if found.isEmpty, let w = idx.setting["workdays"] { found = [w] }
                if found.isEmpty { found = causes(idx.process[q], [.added, .removed]).filter { inputs.causes[$0].target == q } }
                spread(dOwn, over: equally(found), into: &share)
            }
            var keys = Set((o.into[q] ?? [:]).keys)
            keys.formUnion((n.into[q] ?? [:]).keys)
            for k in keys.sorted() {
                let a = o.into[q]?[k], b = n.into[q]?[k]
                if let a, let b {
                    let parts = DiffAttribution.shapley(a.factors, b.factors)
                    let node = idx.node[DiffInputs.nodeKey(b.caller, b.node)]
                    for (f, amount) in parts.enumerated() where amount != 0 {
                        let dist: Share
                        switch f {
                        case 0: dist = result[b.caller] ?? [:]
                        case 1: dist = equally(idx.flow[b.caller] ?? [])
                        default: dist = equally(causes(node, [.share]))
                        }
                        spread(amount, over: dist, into: &share)
                    }
                } else if let e = b ?? a {
                    let node = idx.node[DiffInputs.nodeKey(e.caller, e.node)]
                    var found = causes(node, [.call, .added, .removed])
                    if found.isEmpty { found = causes(idx.process[e.caller], [.added, .removed]).filter { inputs.causes[$0].target == e.caller } }
                    if found.isEmpty { found = node ?? [] }
                    spread(b != nil ? e.cases : -e.cases, over: equally(found), into: &share)
                }
            }
            result[q] = share
        }
        return result
    }

    // MARK: Shapley value of a product

    /// The Shapley split of Π new − Π old over the factors: φᵢ = Σ over sets S of the
    /// other changed factors of |S|!(k−|S|−1)!/k! × (f(S ∪ {i}) − f(S)), f(S) the
    /// product with the factors in S at their new value. Factors that did not change
    /// get 0; the parts add up to the change. At most 6 factors, so 64 products.
    static func shapley(_ old: [Double], _ new: [Double]) -> [Double] {
        let changed = old.indices.filter { $0 < new.count && old[$0] != new[$0] }
        var out = [Double](repeating: 0, count: old.count)
        let k = changed.count
        guard k > 0, k <= 12 else { return out }
        var f = [Double](repeating: 0, count: 1 << k)
        for mask in 0..<(1 << k) {
            var prod = 1.0
            var bit = 0
            for i in old.indices {
                if bit < k && changed[bit] == i {
                    prod *= (mask >> bit) & 1 == 1 ? new[i] : old[i]
                    bit += 1
                } else {
                    prod *= old[i]
                }
            }
            f[mask] = prod
        }
        var factorial = [Double](repeating: 1, count: k + 1)
        for i in 1...k { factorial[i] = factorial[i - 1] * Double(i) }
        for (bi, i) in changed.enumerated() {
            var phi = 0.0
            for mask in 0..<(1 << k) where (mask >> bi) & 1 == 0 {
                let s = mask.nonzeroBitCount
                phi += factorial[s] * factorial[k - s - 1] / factorial[k] * (f[mask | (1 << bi)] - f[mask])
            }
            out[i] = phi
        }
        return out
    }
}
