import OrgaSemantics

/// How often a party holds each role in one responsibility chart.
public struct RaciCounts: Sendable, Equatable {
    public var party: Party
    public var r = 0, a = 0, c = 0, i = 0

    public init(party: Party) { self.party = party }

    public func count(_ role: RaciRole) -> Int {
        switch role {
        case .responsible: r
        case .accountable: a
        case .consulted: c
        case .informed: i
        }
    }
}

/// A responsibility chart laid out as a matrix: its parties (columns, in the order they
/// first appear in the chart) and, per task and party, the roles held.
public struct RaciTable: Sendable {
    public var chart: Int
    public var parties: [Party]
    /// `roles[task][party column]`: the roles of the party in the task, in R, A, C, I
    /// order (sparse: only the parties the task names).
    public var roles: [[Int: [RaciRole]]]
    public var counts: [RaciCounts]

    public init(_ model: Model, chart ci: Int) {
        chart = ci
        let chart = model.raciCharts[ci]
        var order: [Party] = []
        var column: [Party: Int] = [:]
        for t in chart.tasks {
            for role in RaciRole.allCases {
                for p in t.parties(role) {
                    guard let party = p.party, column[party] == nil else { continue }
                    column[party] = order.count
                    order.append(party)
                }
            }
        }
        parties = order
        var counts = order.map { RaciCounts(party: $0) }
        roles = chart.tasks.map { t in
            var row: [Int: [RaciRole]] = [:]
            for role in RaciRole.allCases {
                for p in t.parties(role) {
                    guard let party = p.party, let c = column[party], !(row[c]?.contains(role) ?? false) else { continue }
                    row[c, default: []].append(role)
                    switch role {
                    case .responsible: counts[c].r += 1
                    case .accountable: counts[c].a += 1
                    case .consulted: counts[c].c += 1
                    case .informed: counts[c].i += 1
                    }
                }
            }
            return row
        }
        self.counts = counts
    }

    /// The counts of `party` in this chart (nil when it holds no role).
    public func counts(of party: Party) -> RaciCounts? { counts.first { $0.party == party } }

    /// The roles of party column `c` in task `t`.
    public func roles(task t: Int, column c: Int) -> [RaciRole] {
        guard t >= 0, t < roles.count else { return [] }
        return roles[t][c] ?? []
    }

    public static func all(_ model: Model) -> [RaciTable] {
        model.raciCharts.indices.map { RaciTable(model, chart: $0) }
    }
}

/// The responsibility chart derived from a process: its steps × their performers, R
/// from each step's `by`, A from the head of the process's owner unit.
public struct ProcessResponsibility: Sendable {
    public struct Row: Sendable {
        /// The step (index into the process's nodes).
        public var node: Int
        public var responsible: Party?
    }
    public var process: ProcessID
    /// Steps in source order (decisions do no work and have no row).
    public var rows: [Row]
    /// Columns: the performers in order of first appearance, then the head if not among them.
    public var parties: [Party]
    /// The head of the owner unit (accountable for every step); nil when the owner or its head is missing.
    public var accountable: Party?

    public init(_ model: Model, process p: ProcessID) {
        process = p
        let proc = model.processes[p]
        rows = proc.nodes.indices.filter { !proc.nodes[$0].isDecision }.map { Row(node: $0, responsible: proc.nodes[$0].performer) }
        if let o = proc.owner, model.units.contains(o), let h = model.units[o].head, model.positions.contains(h) {
            accountable = .position(h)
        } else {
            accountable = nil
        }
        var order: [Party] = []
        var seen = Set<Party>()
        for r in rows { if let x = r.responsible, seen.insert(x).inserted { order.append(x) } }
        if let a = accountable, seen.insert(a).inserted { order.append(a) }
        parties = order
    }

    /// The roles of `party` in the row of step `row`.
    public func roles(row: Int, party: Party) -> [RaciRole] {
        guard row >= 0, row < rows.count else { return [] }
        var out: [RaciRole] = []
        if rows[row].responsible == party { out.append(.responsible) }
        if accountable == party { out.append(.accountable) }
        return out
    }
}
