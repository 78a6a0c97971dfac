import OrgaSemantics

/// How figures roll up the unit tree: the units in post-order (children before their
/// parent) and, per unit, the sub-units whose figures it adds. Cycle-safe and
/// iterative: a sub-unit is added only when it was finished before its parent and
/// names that parent, so a broken tree (a cycle, a stray `subunits` entry) never
/// counts a unit twice. The staffing engine and the Excel export's formulas share it.
public struct UnitRollup: Sendable {
    /// Every unit once, children before parents.
    public let order: [Int]
    /// Per unit: the sub-units whose figures it includes.
    public let included: [[Int]]

    public init(_ units: [OrgUnit]) {
        let nu = units.count
        var order: [Int] = []
        order.reserveCapacity(nu)
        var included = [[Int]](repeating: [], count: nu)
        var state = [UInt8](repeating: 0, count: nu)   // 0 new, 1 open, 2 done
        for root in 0..<nu where state[root] == 0 {
            var stack: [(u: Int, child: Int)] = [(root, 0)]
            state[root] = 1
            while let top = stack.last {
                let subs = units[top.u].subunits
                if top.child < subs.count {
                    stack[stack.count - 1].child += 1
                    let s = subs[top.child]
                    if s >= 0, s < nu, state[s] == 0 { state[s] = 1; stack.append((s, 0)) }
                    continue
                }
                stack.removeLast()
                let u = top.u
                state[u] = 2
                included[u] = subs.filter { $0 >= 0 && $0 < nu && $0 != u && state[$0] == 2 && units[$0].parent == u }
                order.append(u)
            }
        }
        self.order = order
        self.included = included
    }
}
