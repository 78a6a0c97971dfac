import OrgaSyntax
import OrgaSupport

/// Reads `programme` and `project` blocks into `Model.programmes` and `Model.projects`.
/// Like `WhatIfReader` it runs on the built model (every name declared and resolved:
/// the model builder reported unknown owners, projects, measures, scenarios and the
/// programme of `in`) before the `Checker`, in a full and an incremental check alike,
/// and keeps no state between checks. It reports what one block shows: a field of `in
/// P.F` that the programme does not declare (E852), a field or milestone declared twice
/// in its block (E303).
struct PortfolioReader {
    var model: Model
    let sources: SourceMap
    let trees: [SyntaxTree]
    private var findings = CappedFindings()

    init(model: Model, sources: SourceMap, trees: [SyntaxTree]) {
        self.model = model
        self.sources = sources
        self.trees = trees
    }

    mutating func run() -> Model {
        // `anyKind` reads the kinds in place: `contains(where:)` copied every symbol (2.4 %
        // of a language-server edit on the 100k-line model, perf 2026-12-01).
        guard model.symbols.anyKind({ $0 == .programme || $0 == .project }) else { return model }
        for i in model.symbols.ids {   // by id: no copy of the array (WhatIfReader.run)
            let s = model.symbols[i]
            switch s.kind {
            case .programme:
                model.symbols[i].index = model.programmes.nextID.index
                model.programmes.append(Programme(name: s.name, symbol: i, location: s.location))
            case .project:
                model.symbols[i].index = model.projects.nextID.index
                model.projects.append(Project(name: s.name, symbol: i, location: s.location))
            default: continue
            }
        }
        for p in model.programmes.ids { readProgramme(p) }
        for p in model.projects.ids { readProject(p) }
        model.diagnostics.append(contentsOf: findings.diagnostics)
        return model
    }

    // MARK: Helpers

    private func statement(_ symbol: SymbolID) -> (SyntaxTree, Int, Int32)? {
        sources.declaringStatement(symbol, in: trees)
    }

    private mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        findings.report(code, l, message, fixes: fixes, sources: sources)
    }

    /// The symbol a name refers to when it has one of `kinds` (unknown names were reported by the builder).
    private func lookup(_ name: String, _ kinds: DeclKinds) -> SymbolID? {
        guard let s = model.globalNames[name], model.symbols.contains(s) else { return nil }
        return model.symbols[s].kind.isDisjoint(with: kinds) ? nil : s
    }

    private func entity<ID: DeclaredID>(_ name: String, _: ID.Type) -> ID? {
        lookup(name, ID.symbolKind.asKinds).flatMap { model.symbols[$0].id(ID.self) }
    }

    private func listNames(_ tree: SyntaxTree, _ c: Int32, _ role: ArgRole) -> [(String, ByteRange)] {
        guard let first = tree.arg(c, role) else { return [] }
        var out: [(String, ByteRange)] = []
        var started = false
        for aid in tree.argumentIDs(c) {
            let arg = tree.argument(aid)
            if !started { started = arg.firstToken == first.firstToken; if !started { continue } }
            else if !arg.afterComma { break }
            if arg.kind == .name { out.append((tree.name(arg), tree.nameRange(arg))) }
        }
        return out
    }

    private static let owners: DeclKinds = [.unit, .position, .actor]

    // MARK: Programmes

    private mutating func readProgramme(_ p: ProgrammeID) {
        guard let (tree, file, id) = statement(model.programmes[p].symbol) else { return }
        model.programmes[p].title = tree.declaredTitle(id)
        model.programmes[p].doc = tree.docComment(id)
        var fieldNames: [String: Location] = [:]
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            // The value written (precise), else the keyword.
            let l = Location(file: file, range: a.map { tree.range(of: $0) } ?? tree.tokenRange(tree.statement(c).keywordToken))
            switch spec.keyword {
            case .owner: model.programmes[p].owner = a.flatMap { lookup(tree.name($0), Self.owners) }
            case .period: model.programmes[p].periodSetting.write(a.flatMap { tree.period($0) }, at: l)
            case .budget: model.programmes[p].budgetSetting.write(a?.value, at: l)
            case .scenario: model.programmes[p].scenario = a.flatMap { entity(tree.name($0), ScenarioID.self) }
            case .field:
                guard let (name, range) = tree.declaredName(c) else { continue }
                let fl = Location(file: file, range: range)
                if let first = fieldNames[name] {
                    report(.duplicateName, fl, "field `\(name)` is already declared in programme `\(model.programmes[p].name)` at \(sources.describe(first))")
                    continue
                }
                fieldNames[name] = fl
                var field = ProgrammeField(name: name, title: tree.declaredTitle(c), location: fl)
                for k in tree.childIDs(c) where tree.spec(k)?.keyword == .owner {
                    field.owner = tree.arg(k, .value).flatMap { lookup(tree.name($0), Self.owners) }
                }
                model.programmes[p].fields.append(field)
            default: break
            }
        }
    }

    // MARK: Projects

    private mutating func readProject(_ j: ProjectID) {
        guard let (tree, file, id) = statement(model.projects[j].symbol) else { return }
        model.projects[j].title = tree.declaredTitle(id)
        model.projects[j].doc = tree.docComment(id)
        var milestoneNames: [String: Location] = [:]
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            // The value written (precise), else the keyword.
            let l = Location(file: file, range: a.map { tree.range(of: $0) } ?? tree.tokenRange(tree.statement(c).keywordToken))
            switch spec.keyword {
            case .in:
                model.projects[j].inWritten = true
                if let a { readIn(j, tree, file, a) }
            case .owner:
                model.projects[j].ownerWritten = true
                model.projects[j].owner = a.flatMap { lookup(tree.name($0), Self.owners) }
            case .period: model.projects[j].periodSetting.write(a.flatMap { tree.period($0) }, at: l)
            case .budget: model.projects[j].budgetSetting.write(a?.value, at: l)
            case .status: model.projects[j].statusSetting.write(a.flatMap { ProjectStatus(rawValue: tree.name($0)) }, at: l)
            case .depends:
                for (name, range) in listNames(tree, c, .value) {
                    if let d = entity(name, ProjectID.self) { model.projects[j].depends.append(Located(d, Location(file: file, range: range))) }
                }
            case .delivers:
                for (name, range) in listNames(tree, c, .value) {
                    if let m = entity(name, MeasureID.self) { model.projects[j].delivers.append(Located(m, Location(file: file, range: range))) }
                }
            case .milestone:
                guard let (name, range) = tree.declaredName(c) else { continue }
                let ml = Location(file: file, range: range)
                if let first = milestoneNames[name] {
                    report(.duplicateName, ml, "milestone `\(name)` is already declared in project `\(model.projects[j].name)` at \(sources.describe(first))")
                    continue
                }
                milestoneNames[name] = ml
                var m = Milestone(name: name, title: tree.declaredTitle(c), location: ml)
                for k in tree.childIDs(c) {
                    guard let ks = tree.spec(k) else { continue }
                    switch ks.keyword {
                    case .date:
                        let a = tree.arg(k, .value)
                        let r = a.map { tree.range(of: $0) } ?? tree.tokenRange(tree.statement(k).keywordToken)
                        m.dateSetting.write(a.flatMap { tree.date($0) }, at: Location(file: file, range: r))
                    case .done: m.done = true
                    default: break
                    }
                }
                model.projects[j].milestones.append(m)
            default: break
            }
        }
    }

    /// `in P` or `in P.F`: the programme (its name was resolved by the builder) and the field.
    private mutating func readIn(_ j: ProjectID, _ tree: SyntaxTree, _ file: Int, _ a: Argument) {
        let full = tree.name(a)
        let parts = full.split(separator: ".", maxSplits: 1).map(String.init)
        guard let head = parts.first, let p = entity(head, ProgrammeID.self), model.programmes.contains(p) else { return }
        model.projects[j].programme = p
        guard parts.count == 2 else { return }
        let fieldName = parts[1]
        let r = tree.nameRange(a)
        let l = Location(file: file, range: ByteRange(min(r.end, r.start + head.utf8.count + 1), r.end))
        model.projects[j].fieldLocation = l
        if let f = model.programmes[p].fields.firstIndex(where: { $0.name == fieldName }) {
            model.projects[j].field = f
            return
        }
        let suggestion = Suggestions.best(for: fieldName, among: model.programmes[p].fields.map(\.name))
        var message = "programme `\(head)` has no field `\(fieldName)`"
        if let s = suggestion { message += "; did you mean `\(s)`?" }
        report(.unknownField, l, message,
               fixes: suggestion.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: l.range, newText: $0)])] } ?? [])
    }
}

extension Array where Element == Symbol {
    /// Whether a symbol has a kind that `match`es, reading each kind in place (no copy of
    /// a symbol, and no uniqueness check of the array).
    func anyKind(_ match: (SymbolKind) -> Bool) -> Bool {
        withUnsafeBufferPointer { symbols in
            for i in symbols.indices where match(symbols[i].kind) { return true }
            return false
        }
    }
}
