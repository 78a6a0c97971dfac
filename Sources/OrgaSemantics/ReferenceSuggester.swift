import OrgaSyntax

/// "Did you mean" for unknown names in time linear in the number of unknown names:
/// the candidate list of each kind of reference is built once, the answer for a name
/// is remembered, and the edit-distance work of one pass over one file is bounded — a
/// file with thousands of distinct unknown names among thousands of declarations gets
/// suggestions for the first ones only (the rest still get their diagnostic).
///
/// Budget and answers are per pass over a file (`startPass`), so that what a file is
/// told depends on that file and the model's declarations only, never on the files
/// read before it: rebuilding one file alone (`ModelBuilder.replace`) gives exactly
/// what a full build gives.
struct ReferenceSuggester: Sendable {
    /// Candidate comparisons per pass over a file; beyond it, no more suggestions.
    static let comparisonBudget = 250_000

    private var spent = 0
    private var byKinds: [DeclKinds.RawValue: [String]] = [:]
    private var byProcess: [ProcessID: [String]] = [:]
    private var criteria: [String]? = nil
    private var answers: [Scope: [String: String?]] = [:]

    private enum Scope: Hashable {
        case kinds(DeclKinds.RawValue), nodes(ProcessID), criteria
    }

    /// A new pass over one file: a full budget, no remembered answers.
    mutating func startPass() {
        spent = 0
        answers = [:]
    }

    /// Forgets the candidate lists (the declarations or a process's nodes changed).
    mutating func forgetCandidates() {
        byKinds = [:]
        byProcess = [:]
        criteria = nil
        startPass()
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
    mutating func best(for name: String, amongNodesOf p: ProcessID, in model: Model) -> String? {
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
