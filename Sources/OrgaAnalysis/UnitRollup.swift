import OrgaSemantics

/// How figures roll up the unit tree: the units in post-order (children before their
/// parent) and, per unit, the sub-units whose figures it adds. Cycle-safe and
/// iterative: a sub-unit is added only when it was finished before its parent and
/// names that parent, so a broken tree (a cycle, a stray `subunits` entry) never
/// counts a unit twice. The staffing engine and the Excel export's formulas share it.
public struct UnitRollup: Sendable {
    /// Every unit once, children before parents.
    public let order: [UnitID]
    /// Per unit (by index): the sub-units whose figures it includes.
    public let included: [[UnitID]]

    public init(_ units: [OrgUnit]) {
        let nu = units.count
        var order: [UnitID] = []
        order.reserveCapacity(nu)
        var included = [[UnitID]](repeating: [], count: nu)
        var state = [UInt8](repeating: 0, count: nu)   // per unit index: 0 new, 1 open, 2 done
        for root in units.ids where state[root.index] == 0 {
            var stack: [(u: UnitID, child: Int)] = [(root, 0)]
            state[root.index] = 1
            while let top = stack.last {
                let subs = units[top.u].subunits
                if top.child < subs.count {
                    stack[stack.count - 1].child += 1
                    let s = subs[top.child]
                    if units.contains(s), state[s.index] == 0 { state[s.index] = 1; stack.append((s, 0)) }
                    continue
                }
                stack.removeLast()
                let u = top.u
                state[u.index] = 2
                included[u.index] = subs.filter { units.contains($0) && $0 != u && state[$0.index] == 2 && units[$0].parent == u }
                order.append(u)
            }
        }
        self.order = order
        self.included = included
    }

    /// The sub-units unit `u` includes.
    public func included(in u: UnitID) -> [UnitID] { included[u.index] }
}
