import OrgaSyntax

/// "Did you mean" for unknown names in time linear in the number of unknown names:
/// the candidate list of each kind of reference is built once, the answer for a name
/// is remembered, and the edit-distance work for one model is bounded — a model with
/// thousands of distinct unknown names among thousands of declarations gets
/// suggestions for the first ones only (the rest still get their diagnostic).
struct ReferenceSuggester {
    /// Candidate comparisons per model; beyond it, no more suggestions.
    static let comparisonBudget = 250_000

    private var spent = 0
    private var byKinds: [DeclKinds.RawValue: [String]] = [:]
    private var byProcess: [Int: [String]] = [:]
    private var criteria: [String]? = nil
    private var answers: [Scope: [String: String?]] = [:]

    private enum Scope: Hashable {
        case kinds(DeclKinds.RawValue), nodes(Int), criteria
    }

    /// A declared name of one of `kinds` (not a node) close to `name`.
    mutating func best(for name: String, kinds: DeclKinds, in model: Model) -> String? {
        let list: [String]
        if let l = byKinds[kinds.rawValue] { list = l } else {
            list = model.symbols.filter { !$0.kind.isDisjoint(with: kinds) && $0.kind != .node }.map(\.name)
            byKinds[kinds.rawValue] = list
        }
        return answer(name, in: .kinds(kinds.rawValue), among: list)
    }

    /// A node of process `p` (or `end`) close to `name`.
    mutating func best(for name: String, amongNodesOf p: Int, in model: Model) -> String? {
        let list: [String]
        if let l = byProcess[p] { list = l } else {
            list = model.processes[p].nodes.map(\.name) + [Keywords.endTarget]
            byProcess[p] = list
        }
        return answer(name, in: .nodes(p), among: list)
    }

    /// A DNA criterion close to `name`.
    mutating func best(for name: String, amongCriteriaOf model: Model) -> String? {
        let list = criteria ?? model.criteria.map(\.name)
        criteria = list
        return answer(name, in: .criteria, among: list)
    }

    private mutating func answer(_ name: String, in scope: Scope, among list: [String]) -> String? {
        if let known = answers[scope]?[name] { return known }
        guard spent + list.count <= Self.comparisonBudget else { return nil }
        spent += list.count
        let s = Suggestions.best(for: name, among: list)
        answers[scope, default: [:]][name] = .some(s)
        return s
    }
}
