import Foundation
import OrgaSyntax
import OrgaSupport

/// Builds a `Model` and its `SourceMap` from the syntax trees of all files of a model:
/// declares every name (pass 1), then reads properties and resolves references
/// (pass 2). It is the only reader of syntax in the semantic layer; checks that need the
/// whole model run afterwards on the model alone (`Checker`).
///
/// It records what each file contributed (`FileContribution`, with the file's
/// `FileSummary`), so that one file can be rebuilt alone (`replace(file:with:)`).
struct ModelBuilder: Sendable {
    var model = Model()
    var sources = SourceMap()
    /// The syntax trees, index like `sources.files`.
    private(set) var trees: [SyntaxTree]
    /// What each file contributed.
    private(set) var files: [FileContribution] = []
    /// The first `model` statement of the model.
    private var modelStatement: (file: Int, id: Int32)?
    /// Diagnostics of the pass that is running (moved into `files` per file).
    private var pending: [Diagnostic] = []
    /// Whether each file's `FileSummary` is recorded (for `replace(file:with:)`; a
    /// one-off check does not need them).
    var recordsSummaries = false
    /// Re-declaring one file: the next slot of each kind (nil in a full build, where
    /// declarations are appended).
    private var cursor: DeclCounts? = nil
    /// The symbol of each declaration that is not the first of its name, per file by
    /// range (pass 2 finds the first ones through the name tables, these here: one
    /// lookup instead of a search of the file's symbols).
    private var duplicateSymbols: [[ByteRange: SymbolID]] = []
    /// Per process, the first node of each name (targets, duplicate nodes).
    private var nodeNames: [ProcessID: [String: Int]] = [:]
    /// "Did you mean" for unknown references, linear however many there are.
    var suggester = ReferenceSuggester()
    /// Where the pass that is running first dropped a diagnostic (see `maxStoredDiagnostics`).
    private var pendingDropped: ByteRange? = nil
    /// Assessments read by the pass that is running (moved into `files` per file).
    var pendingMatrices: [Matrix] = []
    var pendingRaciCharts: [RaciChart] = []
    /// KPIs and deployments read by the pass that is running (moved into `files` per file).
    var pendingKpis: [Kpi] = []
    var pendingDeployments: [Deployment] = []

    /// Findings stored per file and pass, as the lexer bounds its own: a file with 64k
    /// duplicate names keeps the first ones and one W121, not 64k messages (memory).
    static let maxStoredDiagnostics = 4 * Parser.maxDiagnostics

    /// The W121 that says a file's findings were cut short.
    static func tooMany(path: String, at range: ByteRange) -> Diagnostic {
        Diagnostic(.tooManyErrors, path: path, range: range,
                   "too many problems in this file; orgc keeps the first \(maxStoredDiagnostics) of each check")
    }

    init(trees: [SyntaxTree]) {
        self.trees = trees
        sources = SourceMap(files: trees.map(\.file))
    }

    /// The model built, leaving an empty one (its arrays then have one owner).
    mutating func takeModel() -> Model {
        var out = Model()
        swap(&out, &model)
        return out
    }

    mutating func build() {
        files = [FileContribution](repeating: FileContribution(), count: trees.count)
        duplicateSymbols = [[ByteRange: SymbolID]](repeating: [:], count: trees.count)
        reserveDeclarations()
        for t in trees.indices { declare(file: t) }
        readSettingsRecording()
        for t in trees.indices { resolveRecording(file: t) }
        finish()
    }

    /// Reads the `model` block before any file's pass 2: settings apply to the whole
    /// model whatever file holds them (a `/day` volume in any file needs `workdays`),
    /// so no result may depend on the order in which files are read.
    private mutating func readSettingsRecording() {
        guard let (file, id) = modelStatement, file >= 0, file < files.count else { return }
        pending = []
        pendingDropped = nil
        suggester.startPass()
        readModel(trees[file], file, id)
        files[file].settingsDiagnostics = pending
        if files[file].firstDropped == nil { files[file].firstDropped = pendingDropped }
        pending = []
        pendingDropped = nil
    }

    /// Diagnostics in the order of a full build (parse, pass 1, pass 2, each by file),
    /// and the lists derived from all files.
    private mutating func finish() {
        var diagnostics: [Diagnostic] = []
        for t in trees.indices { diagnostics.append(contentsOf: trees[t].diagnostics) }
        for f in files.indices {
            for issue in files[f].declIssues { if let d = diagnostic(issue) { diagnostics.append(d) } }
        }
        for f in files.indices { diagnostics.append(contentsOf: files[f].settingsDiagnostics) }
        for f in files.indices { if let r = files[f].firstDropped { diagnostics.append(Self.tooMany(path: trees[f].path, at: r)) } }
        for f in files.indices { diagnostics.append(contentsOf: files[f].resolveDiagnostics) }
        model.diagnostics = diagnostics
        model.rejectedWorktimes = files.flatMap(\.rejectedWorktimes)
        model.matrices = files.flatMap(\.matrices)
        model.raciCharts = files.flatMap(\.raciCharts)
        model.kpis = files.flatMap(\.kpis)
        model.deployments = files.flatMap(\.deployments)
        for u in model.units.ids where !model.units[u].subunits.isEmpty || !model.units[u].positions.isEmpty {
            model.units[u].subunits = []
            model.units[u].positions = []
        }
        // By id, not `enumerated()`: iterating the array while appending to its elements
        // kept a second reference and copied all units (128 MB of a 5 MB line of
        // `unit U<i>;`, heaptrack 2026-12-01).
        for u in model.units.ids {
            if let p = model.units[u].parent, model.units.contains(p) { model.units[p].subunits.append(u) }
        }
        for p in model.positions.ids {
            if let u = model.positions[p].unit, model.units.contains(u) { model.units[u].positions.append(p) }
        }
    }

    private mutating func resolveRecording(file: Int) {
        let before = model.references.count
        pending = []
        pendingDropped = nil
        suggester.startPass()
        pendingMatrices = []
        pendingRaciCharts = []
        pendingKpis = []
        pendingDeployments = []
        resolve(file: file)
        files[file].matrices = pendingMatrices
        files[file].raciCharts = pendingRaciCharts
        files[file].kpis = pendingKpis
        files[file].deployments = pendingDeployments
        pendingMatrices = []
        pendingRaciCharts = []
        pendingKpis = []
        pendingDeployments = []
        files[file].resolveDiagnostics = pending
        if files[file].firstDropped == nil { files[file].firstDropped = pendingDropped }
        pending = []
        pendingDropped = nil
        files[file].referenceCount = model.references.count - before
        files[file].rejectedWorktimes = Self.rejectedWorktimes(trees[file], file: file)
    }

    /// Every `worktime` statement of a tree whose value is missing or not more than 0,
    /// wherever it is written (also where it is not read: a later `model` block), and
    /// every unknown keyword that most likely meant `worktime`.
    private static func rejectedWorktimes(_ tree: SyntaxTree, file: Int) -> [Location] {
        var out: [Location] = []
        // Keywords from the flat table; a `Statement` is built only for an unknown keyword
        // (callgrind, 100k model: 13.3 → 5.9 M instructions, 2026-12-02).
        for i in tree.statements.indices {
            let id = Int32(i)
            if let k = tree.specID(id) {
                guard Keywords.keyword(k) == .worktime else { continue }
                if let a = tree.arg(id, .value), a.value > 0 { continue }
            } else if Keywords.probableKeyword(for: tree.keywordText(id), in: tree.statement(id).context) != .worktime {
                continue
            }
            out.append(Location(file: file, range: tree.range(id)))
        }
        return out
    }

    // MARK: Rebuilding one file

    /// Replaces the tree of `file` and rebuilds what it contributed, leaving every
    /// other file's contribution as it is. That is exact when the new tree has the same
    /// `FileSummary.interface` as the old one: other files read of this one only what
    /// the interface holds (names, kinds and order of its declarations, its `model`
    /// blocks and the `workdays` they set), and with the same declarations in the same
    /// order the file's declarations go back into the slots they had. Returns false
    /// (and leaves the builder as it was) when the interface changed: then the model
    /// must be built anew.
    mutating func replace(file f: Int, with tree: SyntaxTree) -> Bool {
        guard recordsSummaries, f >= 0, f < files.count, f < trees.count, tree.path == trees[f].path else { return false }
        let summary = FileSummary(tree, file: f)
        guard summary.interface == files[f].summary.interface else { return false }
        rebuild(file: f, with: tree, summary: summary)
        return true
    }

    /// Replaces the tree of `file` after an edit that renamed some of its declarations
    /// and changed nothing else of its interface (the same kinds in the same order, the
    /// same `model` blocks and `workdays`), and rebuilds the other files whose
    /// resolution can change with it: those that refer to a renamed declaration, and
    /// those with an unresolved reference (which may now resolve, or get another "did
    /// you mean"). The declarations keep their slots, so nothing else moves. That is
    /// exact when no other file declares an old or a new name (then the first
    /// declaration of each name stays where a full build puts it): otherwise, or with
    /// more than `maxOtherFiles` files to rebuild, or for a what-if declaration, it
    /// returns nil and leaves the builder as it was. Returns the other files rebuilt.
    /// (Renaming a position on the 100k-line model: 110 ms as a full check before.)
    mutating func replaceRenaming(file f: Int, with tree: SyntaxTree, maxOtherFiles: Int) -> [Int]? {
        guard recordsSummaries, f >= 0, f < files.count, f < trees.count, tree.path == trees[f].path else { return nil }
        let summary = FileSummary(tree, file: f)
        let a = files[f].summary.interface, b = summary.interface
        guard a.kinds == b.kinds, a.processes == b.processes, a.names.count == b.names.count, a.modelBlocks == b.modelBlocks,
              a.workdays == b.workdays, a.workdaysWritten == b.workdaysWritten else { return nil }
        let first = files[f].start.symbols
        let end = f + 1 < files.count ? files[f + 1].start.symbols : model.symbols.count
        guard first >= 0, first <= end, end <= model.symbols.count, end - first == a.names.count else { return nil }
        let mine = first..<end
        var renamed = Set<Int>()
        var globalNames = Set<String>(), criterionNames = Set<String>()
        for i in a.names.indices where a.names[i] != b.names[i] {
            guard model.symbols[first + i].name == a.names[i] else { return nil }
            switch a.kinds[i] {
            case .measure, .scenario, .kpi, .target, .deployment, .programme, .project: return nil
            case .node: break   // names of their process only (its references are in this file or in RACI tasks)
            case .criterion: criterionNames.insert(a.names[i]); criterionNames.insert(b.names[i])
            default: globalNames.insert(a.names[i]); globalNames.insert(b.names[i])
            }
            renamed.insert(first + i)
        }
        guard !renamed.isEmpty else { return nil }
        // Declared by another file (as the first or as a duplicate): the order of files decides.
        for x in globalNames { if let s = model.globalNames[x], !mine.contains(s.index) { return nil } }
        for x in criterionNames { if let s = model.criterionNames[x], !mine.contains(s.index) { return nil } }
        for g in duplicateSymbols.indices where g != f {
            for s in duplicateSymbols[g].values where model.symbols.contains(s) {
                let symbol = model.symbols[s]
                if (symbol.kind == .criterion ? criterionNames : globalNames).contains(symbol.name) { return nil }
            }
        }
        var others = Set<Int>()
        for r in model.references where r.location.file != f {
            if let s = r.symbol { if renamed.contains(s.index) { others.insert(r.location.file) } } else { others.insert(r.location.file) }
        }
        guard others.count <= maxOtherFiles, others.allSatisfy({ $0 >= 0 && $0 < files.count }) else { return nil }
        // This file's entries of the names go; declaring it again enters them in its order.
        for x in globalNames where model.globalNames[x].map({ mine.contains($0.index) }) ?? false { model.globalNames[x] = nil }
        for x in criterionNames where model.criterionNames[x].map({ mine.contains($0.index) }) ?? false { model.criterionNames[x] = nil }
        rebuild(file: f, with: tree, summary: summary)
        let rebuilt = others.sorted()
        for g in rebuilt { rebuild(file: g, with: trees[g], summary: FileSummary(trees[g], file: g)) }
        return rebuilt
    }

    /// What `replaceRedeclaring` did: the other files it rebuilt, and the process slots of
    /// the file before (`oldProcesses`) and how many there are now.
    struct Redeclared {
        var others: [Int]
        var oldProcesses: Range<Int>
        var newProcessCount: Int
    }

    /// Replaces the tree of `file` after an edit that added or removed declarations (and
    /// maybe renamed some) but kept its `model` blocks and `workdays`. The entities of
    /// the later files move by as many slots as the file gained or lost of their kind,
    /// so every index held outside the file is mapped (shifted, or, for one of this
    /// file's declarations, taken to the declaration of the same name and kind now);
    /// files that referred to a declaration that is gone, and files with an unresolved
    /// reference, are rebuilt. Exact under the conditions of `replaceRenaming` (no other
    /// file declares a name that was added, removed or renamed, no what-if
    /// declaration), and without assessments, KPIs and deployments (`matrix`, `raci`,
    /// `kpi`, `deploy`: they hold indices too);
    /// else nil, with the builder as it was. (Adding a declaration on the 100k-line
    /// model: 110 ms as a full check before.)
    mutating func replaceRedeclaring(file f: Int, with tree: SyntaxTree, maxOtherFiles: Int) -> Redeclared? {
        guard recordsSummaries, f >= 0, f < files.count, f < trees.count, tree.path == trees[f].path,
              model.matrices.isEmpty, model.raciCharts.isEmpty, model.kpis.isEmpty, model.deployments.isEmpty else { return nil }
        let summary = FileSummary(tree, file: f)
        let a = files[f].summary.interface, b = summary.interface
        guard a.modelBlocks == b.modelBlocks, a.workdays == b.workdays, a.workdaysWritten == b.workdaysWritten,
              a.kinds.count == a.names.count, b.kinds.count == b.names.count else { return nil }
        // What-if and portfolio names: their readers run on the whole model and index them by symbol.
        let isWhatIf: (SymbolKind) -> Bool = { [.measure, .scenario, .kpi, .target, .deployment, .programme, .project].contains($0) }
        guard !a.kinds.contains(where: isWhatIf), !b.kinds.contains(where: isWhatIf) else { return nil }
        let start = files[f].start
        let oldEnd = f + 1 < files.count ? files[f + 1].start : counts()
        guard oldEnd.symbols - start.symbols == a.names.count, oldEnd.symbols <= model.symbols.count, start.symbols >= 0 else { return nil }
        for (i, k) in a.kinds.enumerated() where model.symbols[start.symbols + i].kind != k || model.symbols[start.symbols + i].name != a.names[i] {
            return nil
        }
        // Per kind, the rank of each declaration among those of its kind (its entity slot
        // after the file's start), before and after.
        func ranks(_ kinds: [SymbolKind]) -> (rank: [Int], counts: DeclCounts) {
            var c = DeclCounts()
            var rank: [Int] = []
            rank.reserveCapacity(kinds.count)
            for k in kinds {
                let path = Self.countPath(k)
                rank.append(path.map { c[keyPath: $0] } ?? -1)
                if let path { c[keyPath: path] += 1 }
            }
            c.symbols = kinds.count
            return (rank, c)
        }
        let oldCounts = ranks(a.kinds).counts
        let (newRank, newCounts) = ranks(b.kinds)
        guard oldCounts == oldEnd.minus(start), oldEnd.grades <= model.grades.count, oldEnd.units <= model.units.count,
              oldEnd.positions <= model.positions.count, oldEnd.actors <= model.actors.count, oldEnd.systems <= model.systems.count,
              oldEnd.processes <= model.processes.count, oldEnd.criteria <= model.criteria.count,
              sources.declarations.count == model.symbols.count else { return nil }
        // The first declaration of each name in the file, before and after.
        func firsts(_ i: FileSummary.Interface) -> [String: Int] {
            var out: [String: Int] = [:]
            for k in i.kinds.indices where i.kinds[k] != .node {
                let key = (i.kinds[k] == .criterion ? "c " : "g ") + i.names[k]
                if out[key] == nil { out[key] = k }
            }
            return out
        }
        let oldFirst = firsts(a), newFirst = firsts(b)
        // Names added, removed or of another kind now: no other file may declare them.
        let mine = start.symbols..<oldEnd.symbols
        for key in Set(oldFirst.keys).union(newFirst.keys) {
            let o = oldFirst[key], n = newFirst[key]
            if let o, let n, a.kinds[o] == b.kinds[n] { continue }
            let name = String(key.dropFirst(2))
            let table = key.hasPrefix("c ") ? model.criterionNames : model.globalNames
            if let s = table[name], !mine.contains(s.index) { return nil }
            for g in duplicateSymbols.indices where g != f {
                for d in duplicateSymbols[g].values where model.symbols.contains(d) && model.symbols[d].name == name {
                    if (model.symbols[d].kind == .criterion) == key.hasPrefix("c ") { return nil }
                }
            }
        }
        // Where each of the file's symbols goes: the first declaration of a name that is
        // still declared with that kind; nil for the rest (nodes, duplicates, names gone).
        var symbolInFile = [Int?](repeating: nil, count: a.names.count)
        for (i, k) in a.kinds.enumerated() where k != .node {
            let key = (k == .criterion ? "c " : "g ") + a.names[i]
            guard oldFirst[key] == i, let j = newFirst[key], b.kinds[j] == k else { continue }
            symbolInFile[i] = start.symbols + j
        }
        let symbolShift = newCounts.symbols - oldCounts.symbols
        func mapSymbol(_ s: Int) -> Int? {
            if s < start.symbols { return s }
            if s >= oldEnd.symbols { return s + symbolShift }
            return symbolInFile[s - start.symbols]
        }
        // Entities of one kind: the file's ones through their symbols.
        var entityInFile: [WritableKeyPath<DeclCounts, Int>: [Int?]] = [:]
        for (i, k) in a.kinds.enumerated() {
            guard let path = Self.countPath(k) else { continue }
            var list = entityInFile[path] ?? []
            let target = symbolInFile[i].map { newRank[$0 - start.symbols] }
            list.append(target.map { start[keyPath: path] + $0 })
            entityInFile[path] = list
        }
        func mapEntity(_ path: WritableKeyPath<DeclCounts, Int>, _ e: Int) -> Int? {
            if e < start[keyPath: path] { return e }
            if e >= oldEnd[keyPath: path] { return e + newCounts[keyPath: path] - oldCounts[keyPath: path] }
            let list = entityInFile[path] ?? []
            let k = e - start[keyPath: path]
            return k < list.count ? list[k] : nil
        }
        func mapEntity<ID: EntityID>(_ path: WritableKeyPath<DeclCounts, Int>, _ e: ID) -> ID? {
            mapEntity(path, e.index).map { ID($0) }
        }
        // Files to rebuild: those that referred to a declaration that is gone, and those
        // with an unresolved reference.
        var others = Set<Int>()
        for r in model.references where r.location.file != f {
            if let s = r.symbol { if mapSymbol(s.index) == nil { others.insert(r.location.file) } } else { others.insert(r.location.file) }
        }
        guard others.count <= maxOtherFiles, others.allSatisfy({ $0 >= 0 && $0 < files.count && $0 != f }) else { return nil }

        // Map every index held outside the file (a file to rebuild gets its own afresh).
        func mapped<T>(_ s: Setting<T>, _ map: (T) -> T?) -> Setting<T> {
            guard case .given(let v, let l) = s else { return s }
            return map(v).map { .given($0, l) } ?? s
        }
        func mapPerformer(_ p: Performer) -> Performer? {
            switch p {
            case .position(let i): mapEntity(\.positions, i).map { .position($0) }
            case .unit(let i): mapEntity(\.units, i).map { .unit($0) }
            case .actor(let i): mapEntity(\.actors, i).map { .actor($0) }
            case .system(let i): mapEntity(\.systems, i).map { .system($0) }
            }
        }
        func mapID(_ s: SymbolID) -> SymbolID { mapSymbol(s.index).map { SymbolID($0) } ?? s }
        for u in model.units.ids where !(start.units..<oldEnd.units).contains(u.index) {
            model.units[u].parent = model.units[u].parent.map { mapEntity(\.units, $0) ?? $0 }
            model.units[u].headSetting = mapped(model.units[u].headSetting) { mapEntity(\.positions, $0) }
        }
        for p in model.positions.ids where !(start.positions..<oldEnd.positions).contains(p.index) {
            model.positions[p].unit = model.positions[p].unit.map { mapEntity(\.units, $0) ?? $0 }
            model.positions[p].gradeSetting = mapped(model.positions[p].gradeSetting) { mapEntity(\.grades, $0) }
        }
        for p in model.processes.ids where !(start.processes..<oldEnd.processes).contains(p.index) {
            model.processes[p].ownerSetting = mapped(model.processes[p].ownerSetting) { mapEntity(\.units, $0) }
            model.processes[p].symbol = mapID(model.processes[p].symbol)
            for n in model.processes[p].nodes.indices {
                model.processes[p].nodes[n].performerSetting = mapped(model.processes[p].nodes[n].performerSetting, mapPerformer)
                model.processes[p].nodes[n].systems = model.processes[p].nodes[n].systems.map { mapEntity(\.systems, $0) ?? $0 }
                model.processes[p].nodes[n].callSetting = mapped(model.processes[p].nodes[n].callSetting) { mapEntity(\.processes, $0) }
                model.processes[p].nodes[n].symbol = mapID(model.processes[p].nodes[n].symbol)
            }
        }
        for s in model.symbols.ids where !mine.contains(s.index) {
            let kind = model.symbols[s].kind
            if let path = Self.countPath(kind), let i = model.symbols[s].index { model.symbols[s].index = mapEntity(path, i) ?? i }
            if kind == .node, let p = model.symbols[s].process { model.symbols[s].process = mapEntity(\.processes, p) ?? p }
        }
        for r in model.references.indices where model.references[r].location.file != f {
            model.references[r].symbol = model.references[r].symbol.map(mapID)
        }
        for name in a.names {
            if let s = model.globalNames[name], mine.contains(s.index) { model.globalNames[name] = nil }
            if let s = model.criterionNames[name], mine.contains(s.index) { model.criterionNames[name] = nil }
        }
        model.globalNames = model.globalNames.mapValues(mapID)
        model.criterionNames = model.criterionNames.mapValues(mapID)
        for g in files.indices where g != f {
            if g < duplicateSymbols.count { duplicateSymbols[g] = duplicateSymbols[g].mapValues(mapID) }
            files[g].declIssues = files[g].declIssues.map { issue in
                switch issue {
                case .duplicateName(let s, let first): .duplicateName(symbol: mapID(s), first: mapID(first))
                case .duplicateNode(let s, let first):
                    .duplicateNode(symbol: mapID(s), first: NodeID(process: mapEntity(\.processes, first.process) ?? first.process, index: first.index))
                case .duplicateModel: issue
                }
            }
            if g > f { files[g].start = files[g].start.plus(newCounts.minus(oldCounts)) }
        }
        // The file's slots, as many as it declares now (filled by declaring it again).
        let l = Location(file: f, range: ByteRange(0, 0))
        model.grades.replaceSubrange(start.grades..<oldEnd.grades,
                                     with: repeatElement(Grade(name: "", title: nil, doc: nil, location: l), count: newCounts.grades))
        model.units.replaceSubrange(start.units..<oldEnd.units,
                                    with: repeatElement(OrgUnit(name: "", title: nil, doc: nil, location: l), count: newCounts.units))
        model.positions.replaceSubrange(start.positions..<oldEnd.positions,
                                        with: repeatElement(Position(name: "", title: nil, doc: nil, location: l), count: newCounts.positions))
        model.actors.replaceSubrange(start.actors..<oldEnd.actors,
                                     with: repeatElement(Actor(name: "", title: nil, doc: nil, external: false, location: l), count: newCounts.actors))
        model.systems.replaceSubrange(start.systems..<oldEnd.systems,
                                      with: repeatElement(OrgSystem(name: "", title: nil, doc: nil, location: l), count: newCounts.systems))
        model.processes.replaceSubrange(start.processes..<oldEnd.processes,
                                        with: repeatElement(Process(name: "", title: nil, doc: nil, location: l, file: FileID(f), symbol: SymbolID(0)),
                                                            count: newCounts.processes))
        model.criteria.replaceSubrange(start.criteria..<oldEnd.criteria,
                                       with: repeatElement(Criterion(name: "", title: nil, doc: nil, location: l), count: newCounts.criteria))
        model.symbols.replaceSubrange(mine, with: repeatElement(Symbol(name: "", kind: .unit, index: nil, process: nil, location: l),
                                                                 count: newCounts.symbols))
        sources.declarations.replaceSubrange(mine, with: repeatElement(SourceMap.Declaration(file: f, statement: 0),
                                                                        count: newCounts.symbols))
        rebuild(file: f, with: tree, summary: summary)
        let rebuilt = others.sorted()
        for g in rebuilt { rebuild(file: g, with: trees[g], summary: FileSummary(trees[g], file: g)) }
        return Redeclared(others: rebuilt, oldProcesses: start.processes..<oldEnd.processes, newProcessCount: newCounts.processes)
    }

    /// The count of `DeclCounts` that slots a kind's entities (nil: nodes and what-if names).
    static func countPath(_ kind: SymbolKind) -> WritableKeyPath<DeclCounts, Int>? {
        switch kind {
        case .grade: \.grades
        case .unit: \.units
        case .position: \.positions
        case .actor: \.actors
        case .system: \.systems
        case .process: \.processes
        case .criterion: \.criteria
        case .node, .measure, .scenario, .kpi, .target, .deployment, .programme, .project: nil
        }
    }

    /// Rebuilds what file `f` contributed from `tree`, whose `summary` has the same
    /// interface as the file's (or, from `replaceRenaming`, the same but for names).
    private mutating func rebuild(file f: Int, with tree: SyntaxTree, summary: FileSummary) {
        let old = files[f]
        trees[f] = tree
        sources.files[f] = tree.file
        files[f].summary = summary
        // Pass 1 into the same slots.
        cursor = old.start
        files[f].declIssues = []
        files[f].firstDropped = nil
        // The tables pass 1 fills for this file, and those read from its processes' nodes
        // and from the declarations, afresh (they are rebuilt as a full build builds them).
        if f < duplicateSymbols.count { duplicateSymbols[f] = [:] }
        nodeNames = [:]
        suggester.forgetCandidates()
        declare(file: f)
        cursor = nil
        // Settings are read before pass 2 (as in a full build): again only if this file
        // holds them; the `workdays` other files read are the same (same interface).
        if modelStatement?.file == f {
            resetReadSettings()
            files[f].settingsDiagnostics = []
            readSettingsRecording()
        }
        var refStart = 0
        for g in 0..<f { refStart += files[g].referenceCount }
        var others: [Reference] = []
        swap(&others, &model.references)
        resolveRecording(file: f)
        var mine: [Reference] = []
        swap(&mine, &model.references)
        model.references = others
        let end = min(refStart + old.referenceCount, model.references.count)
        model.references.replaceSubrange(min(refStart, end)..<end, with: mine)
        finish()
    }

    /// The slots in `model.processes` of the processes that `file` declares (with their nodes).
    func processSlots(file f: Int) -> Range<Int> {
        guard f >= 0, f < files.count else { return 0..<0 }
        let end = f + 1 < files.count ? files[f + 1].start.processes : model.processes.count
        let start = files[f].start.processes
        return start <= end ? start..<end : start..<start
    }

    /// The settings that `readModel` fills, back to their values before it ran.
    private mutating func resetReadSettings() {
        let d = ModelSettings()
        model.settings.yearSetting = d.yearSetting
        model.settings.worktimeSetting = d.worktimeSetting
        model.settings.allowanceSetting = d.allowanceSetting
        model.settings.workdaysSetting = d.workdaysSetting
        model.settings.overheadSetting = d.overheadSetting
        model.settings.workplaceSetting = d.workplaceSetting
        model.settings.leadershipSetting = d.leadershipSetting
        model.settings.roundingSetting = d.roundingSetting
        model.settings.asofSetting = d.asofSetting
        model.settings.rampSetting = d.rampSetting
    }

    /// The next slot for a declaration of one kind: appended in a full build, the
    /// file's own next slot when re-declaring.
    private mutating func nextSlot(_ kind: WritableKeyPath<DeclCounts, Int>, count: Int) -> Int {
        guard var c = cursor else { return count }
        let i = c[keyPath: kind]
        c[keyPath: kind] = i + 1
        cursor = c
        return min(i, count)
    }

    private static func put<T>(_ array: inout [T], _ i: Int, _ value: T) {
        if i == array.count { array.append(value) } else if i < array.count { array[i] = value }
    }

    /// The diagnostic of a pass-1 finding, worded with the current locations.
    private func diagnostic(_ issue: DeclIssue) -> Diagnostic? {
        switch issue {
        case .duplicateName(let s, let first):
            guard model.symbols.contains(s), model.symbols.contains(first) else { return nil }
            let symbol = model.symbols[s], f = model.symbols[first]
            return Diagnostic(.duplicateName, path: sources.path(symbol.location), range: symbol.location.range,
                              "`\(symbol.name)` is already declared as \(article(f.kind.phrase)) at \(describe(f.location))")
        case .duplicateNode(let s, let first):
            guard model.symbols.contains(s), let node = model.node(first) else { return nil }
            let symbol = model.symbols[s]
            return Diagnostic(.duplicateName, path: sources.path(symbol.location), range: symbol.location.range,
                              "process `\(model.processes[first.process].name)` already has a node `\(symbol.name)` at \(describe(node.location))")
        case .duplicateModel(let l):
            guard let first = model.settings.declaration else { return nil }
            return Diagnostic(.duplicateModel, path: sources.path(l), range: l.range,
                              "a model has one `model` block; the first is at \(describe(first))")
        }
    }

    // MARK: Helpers

    func loc(_ file: Int, _ range: ByteRange) -> Location { Location(file: file, range: range) }

    mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        guard pending.count < Self.maxStoredDiagnostics else {
            if pendingDropped == nil { pendingDropped = l.range }
            return
        }
        pending.append(Diagnostic(code, path: sources.path(l), range: l.range, message, fixes: fixes))
    }

    func describe(_ l: Location) -> String { sources.describe(l) }

    /// The keyword that the unknown keyword of statement `c` most likely meant
    /// (`tiem` → `time`), the parser's "did you mean"; nil for a known keyword.
    private func meantKeyword(_ tree: SyntaxTree, _ c: Int32) -> Keyword? {
        let st = tree.statement(c)
        guard st.spec < 0 else { return nil }
        return Keywords.probableKeyword(for: tree.keywordText(c), in: st.context)
    }

    // MARK: Pass 1: declarations

    private mutating func declare(file: Int) {
        let tree = trees[file]
        if cursor == nil {
            files[file].start = counts()
            if recordsSummaries { files[file].summary = FileSummary(tree, file: file) }
        }
        var modelBlocks = 0
        for id in tree.roots { declareStatement(tree, file: file, id: id, process: nil, modelBlocks: &modelBlocks) }
    }

    /// Room for every declaration before pass 1, counted from the trees' statements (an
    /// upper bound: a declaration without a name is skipped later). Arrays of records
    /// growing by doubling held up to twice their size, and the old buffer beside the
    /// new one while growing (the units of a 5 MB line of `unit U<i>;`: 185 MB for 128 MB
    /// of records, heaptrack 2026-12-01).
    private mutating func reserveDeclarations() {
        var c = DeclCounts()
        var names = 0
        for tree in trees {
            // Kinds and keywords only, from the records and flat tables: building each
            // argument and reading each spec took 19 → 13 M instructions (callgrind, 100k model, 2026-12-02).
            for i in tree.arguments.indices where tree.arguments.kind(i) == .name || tree.arguments.kind(i) == .path { names += 1 }
            for i in tree.statements.indices {
                guard let k = tree.specID(Int32(i)), Keywords.declares(k) != nil else { continue }
                c.symbols += 1
                switch Keywords.keyword(k) {
                case .grade: c.grades += 1
                case .unit: c.units += 1
                case .position: c.positions += 1
                case .actor: c.actors += 1
                case .system: c.systems += 1
                case .process: c.processes += 1
                case .criterion: c.criteria += 1
                default: break
                }
            }
        }
        model.grades.reserveCapacity(c.grades)
        model.units.reserveCapacity(c.units)
        model.positions.reserveCapacity(c.positions)
        model.actors.reserveCapacity(c.actors)
        model.systems.reserveCapacity(c.systems)
        model.processes.reserveCapacity(c.processes)
        model.criteria.reserveCapacity(c.criteria)
        model.symbols.reserveCapacity(c.symbols)
        model.globalNames.reserveCapacity(c.symbols)
        sources.declarations.reserveCapacity(c.symbols)
        // A name argument is a declaration's name or a reference (an upper bound).
        model.references.reserveCapacity(max(0, names - c.symbols))
    }

    private func counts() -> DeclCounts {
        DeclCounts(grades: model.grades.count, units: model.units.count, positions: model.positions.count,
                   actors: model.actors.count, systems: model.systems.count, processes: model.processes.count,
                   criteria: model.criteria.count, symbols: model.symbols.count)
    }

    private mutating func declareStatement(_ tree: SyntaxTree, file: Int, id: Int32, process: ProcessID?, modelBlocks: inout Int) {
        guard let spec = tree.spec(id) else { return }
        let st = tree.statement(id)
        if let kinds = spec.declares, let kind = SymbolKind(kinds), let (name, range) = tree.declaredName(id) {
            if kind == .node, !(process.map { model.processes.contains($0) } ?? false) { return }
            let l = loc(file, range)
            let title = tree.declaredTitle(id)
            let doc = tree.docComment(id)
            let symbolID = SymbolID(nextSlot(\.symbols, count: model.symbols.count))
            var index: Int? = nil
            switch kind {
            case .grade:
                let i = nextSlot(\.grades, count: model.grades.count)
                index = i
                Self.put(&model.grades, i, Grade(name: name, title: title, doc: doc, location: l))
            case .unit:
                let i = nextSlot(\.units, count: model.units.count)
                index = i
                Self.put(&model.units, i, OrgUnit(name: name, title: title, doc: doc, location: l))
            case .position:
                let i = nextSlot(\.positions, count: model.positions.count)
                index = i
                Self.put(&model.positions, i, Position(name: name, title: title, doc: doc, location: l))
            case .actor:
                let i = nextSlot(\.actors, count: model.actors.count)
                index = i
                Self.put(&model.actors, i, Actor(name: name, title: title, doc: doc, external: false, location: l))
            case .system:
                let i = nextSlot(\.systems, count: model.systems.count)
                index = i
                Self.put(&model.systems, i, OrgSystem(name: name, title: title, doc: doc, location: l))
            case .process:
                let i = nextSlot(\.processes, count: model.processes.count)
                index = i
                var process = Process(name: name, title: title, doc: doc, location: l, file: FileID(file), symbol: symbolID)
                // Its steps and decisions, counted (grown by doubling, the nodes of the
                // 1M-line model held 59 MB for 35 MB of records, heaptrack 2026-12-01).
                process.nodes.reserveCapacity(tree.childIDs(id).reduce(0) { n, c in n + (tree.spec(c)?.declares == .node ? 1 : 0) })
                Self.put(&model.processes, i, process)
            case .criterion:
                let i = nextSlot(\.criteria, count: model.criteria.count)
                index = i
                Self.put(&model.criteria, i, Criterion(name: name, title: title, doc: doc, location: l))
            case .node:
                guard let p = process else { return }
                index = model.processes[p].nodes.count
                model.processes[p].nodes.append(FlowNode(name: name, title: title, doc: doc, isDecision: spec.keyword == .decide,
                                                         location: l, symbol: symbolID))
            case .measure, .scenario, .target, .kpi, .deployment, .programme, .project:
                index = nil   // names only (v2); kpis and deployments are found by their location
            }
            let symbol = Symbol(name: name, kind: kind, index: index, process: kind == .node ? process : nil, location: l)
            register(symbol, at: symbolID)
            Self.put(&sources.declarations, symbolID.index, SourceMap.Declaration(file: file, statement: id))
            if kind == .process, let index {
                for c in tree.childIDs(id) { declareStatement(tree, file: file, id: c, process: ProcessID(index), modelBlocks: &modelBlocks) }
                return
            }
        }
        if st.context == .file && spec.keyword == .model {
            modelBlocks += 1
            let isFirst: Bool
            if cursor != nil {
                // Re-declaring: the first `model` block of the model is still this file's first one, if it was.
                isFirst = modelStatement?.file == file && modelBlocks == 1
            } else {
                isFirst = model.settings.declaration == nil
            }
            if !isFirst {
                addIssue(.duplicateModel(loc(file, tree.tokenRange(st.keywordToken))), file: file, at: tree.tokenRange(st.keywordToken))
            } else {
                model.settings.declaration = loc(file, tree.declaredName(id)?.range ?? tree.tokenRange(st.keywordToken))
                modelStatement = (file, id)
                sources.modelBlock = SourceMap.Block(file: file, statement: id, insertion: InsertionPoint.of(tree, id))
                model.settings.name = tree.declaredName(id)?.name
                model.settings.title = tree.declaredTitle(id)
            }
        }
        if spec.opens == .unit || spec.opens == .dnaDefinition {
            for c in tree.childIDs(id) { declareStatement(tree, file: file, id: c, process: nil, modelBlocks: &modelBlocks) }
        }
    }

    private mutating func addIssue(_ issue: DeclIssue, file: Int, at range: ByteRange) {
        if files[file].declIssues.count < Self.maxStoredDiagnostics {
            files[file].declIssues.append(issue)
        } else if files[file].firstDropped == nil {
            files[file].firstDropped = range
        }
    }

    /// Up to this many nodes a process is searched by name (cheaper than hashing, and the
    /// usual case); beyond it, through its table in `nodeNames` (linear however large).
    private static let smallProcess = 32

    /// The first node named `name` among the first `count` nodes of process `p`.
    mutating func node(named name: String, in p: ProcessID, among count: Int? = nil) -> Int? {
        let nodes = model.processes[p].nodes
        let n = min(count ?? nodes.count, nodes.count)
        if n <= Self.smallProcess { return nodes[..<n].firstIndex { $0.name == name } }
        if let table = nodeNames[p] { return table[name] }
        // The table of all nodes so far; `register` keeps it up to date from here on.
        var table: [String: Int] = [:]
        for (i, node) in nodes[..<n].enumerated() where table[node.name] == nil { table[node.name] = i }
        nodeNames[p] = table
        return table[name]
    }

    private mutating func register(_ symbol: Symbol, at id: SymbolID) {
        let file = symbol.location.file
        Self.put(&model.symbols, id.index, symbol)
        /// The first declaration of the name in its namespace; when re-declaring, the
        /// name tables are those of the full build, which the same names leave as they are.
        /// One hash for a new name (a key path into the model and two lookups were 3 % of
        /// the 100k check's instructions, callgrind 2026-12-01).
        func first(in table: inout NameTable) -> SymbolID? {
            guard let first = table.updateValue(id, forKey: symbol.name), first != id else { return nil }
            table[symbol.name] = first   // a duplicate (rare): the first declaration keeps the name
            return first
        }
        switch symbol.kind {
        case .node:
            guard let p = symbol.process, model.processes.contains(p) else { return }
            // The node was just appended: compare it with the ones before it.
            let last = model.processes[p].nodes.count - 1
            if last == 0 { nodeNames[p] = nil }   // a process declared (again) from its first node
            if let first = node(named: symbol.name, in: p, among: last) {
                addIssue(.duplicateNode(symbol: id, first: NodeID(process: p, index: first)), file: file, at: symbol.location.range)
            } else if last > Self.smallProcess {
                nodeNames[p]?[symbol.name] = last
            }
        case .criterion:
            if let f = first(in: &model.criterionNames) {
                addIssue(.duplicateName(symbol: id, first: f), file: file, at: symbol.location.range)
                recordDuplicate(id, at: symbol.location)
            }
        case .target:
            break   // targets have their own names (docs/language.md, Declarations, lists the shared namespace without them)
        default:
            if let f = first(in: &model.globalNames) {
                addIssue(.duplicateName(symbol: id, first: f), file: file, at: symbol.location.range)
                recordDuplicate(id, at: symbol.location)
            }
        }
    }

    // MARK: Pass 2: properties and references

    private mutating func resolve(file: Int) {
        let tree = trees[file]
        for id in tree.roots {
            guard let keyword = tree.knownKeyword(id) else { continue }
            switch keyword {
            case .model: break   // read before pass 2 (`readSettingsRecording`)
            case .grade: readGrade(tree, file, id)
            case .unit: readUnit(tree, file, id, nestedIn: nil)
            case .position: readPosition(tree, file, id, nestedIn: nil)
            case .actor: readActor(tree, file, id)
            case .process: readProcess(tree, file, id)
            case .dna:
                if tree.statement(id).hasBlock, tree.statement(id).childCount == 0 { reportEmptyBlock(tree, file, id, "this `dna` block declares no criteria") }
                for c in tree.childIDs(id) { readCriterion(tree, file, c) }
            case .measure, .scenario, .target, .programme, .project: readV2(tree, file, id)
            case .kpi: readKpi(tree, file, id)
            case .matrix: pendingMatrices.append(readMatrix(tree, file, id))
            case .raci: pendingRaciCharts.append(readRaciChart(tree, file, id))
            default: break
            }
        }
    }

    /// Index of the symbol declared by statement `id` of `file` among `kind`.
    /// `tree` is `trees[file]`, passed in: reading it from `trees` copied it (retaining its
    /// arrays) per declaration (callgrind, 100k model: −7.7 M instructions, 2026-12-02).
    private func declaredID<ID: DeclaredID>(_ tree: SyntaxTree, _ file: Int, _ id: Int32, _: ID.Type) -> ID? {
        guard let (name, range) = tree.declaredName(id) else { return nil }
        let l = loc(file, range)
        if let s = (ID.symbolKind == .criterion ? model.criterionNames : model.globalNames)[name], model.symbols[s].location == l,
           let e = model.symbols[s].id(ID.self) {
            return e
        }
        // A duplicate: it has its own entry (properties are still read and checked).
        guard file >= 0, file < duplicateSymbols.count, let s = duplicateSymbols[file][range], model.symbols.contains(s),
              model.symbols[s].location == l else { return nil }
        return model.symbols[s].id(ID.self)
    }

    private mutating func recordDuplicate(_ id: SymbolID, at l: Location) {
        guard l.file >= 0, l.file < duplicateSymbols.count else { return }
        duplicateSymbols[l.file][l.range] = id
    }

    private mutating func reportEmptyBlock(_ tree: SyntaxTree, _ file: Int, _ id: Int32, _ message: String) {
        report(.emptyDeclaration, loc(file, tree.tokenRange(tree.statement(id).keywordToken)), message + "; remove it or fill it in")
    }

    /// Reports statements given twice in one block when their keyword is `unique`.
    mutating func checkUnique(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        let kids = tree.childIDs(id)
        if kids.count > 32 { checkUniqueInLargeBlock(tree, file, kids); return }
        // Blocks are small: compare each unique statement with the earlier ones, without
        // allocating. Ratings in a process's `dna` share one wildcard spec, so they are
        // told apart by their keyword text.
        for (k, c) in zip(kids.indices, kids) {
            // Spec ids and uniqueness from tables; a `Statement` is built only for a unique
            // keyword and a match (callgrind, 100k model: 28 → 23 M instructions, 2026-12-02).
            guard let spec = tree.specID(c), Keywords.isUnique(spec) else { continue }
            let st = tree.statement(c)
            let byText = st.context == .dnaRatings
            for e in kids[kids.startIndex..<k] where tree.specID(e) == spec {
                let earlier = tree.statement(e)
                guard !byText || tree.sameText(earlier.keywordToken, st.keywordToken) else { continue }
                let l = loc(file, tree.tokenRange(st.keywordToken))
                let fl = loc(file, tree.tokenRange(earlier.keywordToken))
                report(.duplicateSetting, l, "`\(tree.keywordText(c))` is already given in this block at \(describe(fl)); remove one")
                break
            }
        }
    }

    /// `checkUnique` for a block with many statements: the first statement of each
    /// keyword from a table (linear; a block of 64k repeated settings stays fast).
    private mutating func checkUniqueInLargeBlock(_ tree: SyntaxTree, _ file: Int, _ kids: ArraySlice<Int32>) {
        var first: [String: Int32] = [:]
        for c in kids {
            let st = tree.statement(c)
            guard st.spec >= 0, Keywords.isUnique(st.spec) else { continue }
            // Ratings in a process's `dna` share one wildcard spec: told apart by their text.
            let key = st.context == .dnaRatings ? "dna:" + tree.keywordText(c) : "spec:\(st.spec)"
            guard let earlier = first[key] else { first[key] = c; continue }
            let l = loc(file, tree.tokenRange(st.keywordToken))
            let fl = loc(file, tree.tokenRange(tree.statement(earlier).keywordToken))
            report(.duplicateSetting, l, "`\(tree.keywordText(c))` is already given in this block at \(describe(fl)); remove one")
        }
    }

    /// Resolves a name to a symbol of one of `kinds`, reporting unknown names and
    /// wrong kinds, and records the reference.
    @discardableResult
    mutating func resolveRef(_ tree: SyntaxTree, _ file: Int, _ arg: Argument, _ kinds: DeclKinds, what: String) -> Symbol? {
        let name = tree.name(arg)
        let l = loc(file, tree.nameRange(arg))
        guard let s = model.globalNames[name] else {
            let suggestion = suggester.best(for: name, kinds: kinds, in: model)
            var message = "no \(kinds.phrase.dropFirst(2)) named `\(name)`"
            if let s = suggestion { message += "; did you mean `\(s)`?" }
            report(.unknownReference, l, message,
                   fixes: suggestion.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: l.range, newText: $0)])] } ?? [])
            model.references.append(Reference(location: l, symbol: nil))
            return nil
        }
        model.references.append(Reference(location: l, symbol: s))
        let sym = model.symbols[s]
        if sym.kind.isDisjoint(with: kinds) {
            report(.wrongKindReference, l, "`\(name)` is \(article(sym.kind.phrase)), but \(what) needs \(article(kinds.phrase))")
            return nil
        }
        return sym
    }

    /// The first part of a `.refPath` argument (`ZOV` of `ZOV.EF3`), resolved like a name.
    private mutating func resolvePathHead(_ tree: SyntaxTree, _ file: Int, _ arg: Argument, _ kinds: DeclKinds, what: String) {
        if arg.kind == .name { resolveRef(tree, file, arg, kinds, what: what); return }
        let full = tree.name(arg)
        let head = String(full.split(separator: ".", maxSplits: 1).first ?? Substring(full))
        let r = tree.nameRange(arg)
        let l = loc(file, ByteRange(r.start, min(r.end, r.start + head.utf8.count)))
        guard let s = model.globalNames[head] else {
            let suggestion = suggester.best(for: head, kinds: kinds, in: model)
            var message = "no \(kinds.phrase.dropFirst(2)) named `\(head)`"
            if let s = suggestion { message += "; did you mean `\(s)`?" }
            report(.unknownReference, l, message,
                   fixes: suggestion.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: l.range, newText: $0)])] } ?? [])
            model.references.append(Reference(location: l, symbol: nil))
            return
        }
        model.references.append(Reference(location: l, symbol: s))
        let sym = model.symbols[s]
        if sym.kind.isDisjoint(with: kinds) {
            report(.wrongKindReference, l, "`\(head)` is \(article(sym.kind.phrase)), but \(what) needs \(article(kinds.phrase))")
        }
    }

    private func quantity(_ a: Argument) -> Double { a.signedValue }

    private func hours(_ a: Argument) -> Double { a.unit == .min ? a.value / 60 : a.value }

    /// The range an argument was written as, in its own unit; nil for a single value and
    /// for equal bounds (`15..15 min` is exact).
    private static func range(_ a: Argument) -> RangeEstimate? {
        guard a.kind == .range, a.upper > a.value else { return nil }
        return RangeEstimate(low: a.value, likely: a.hasLikely ? a.likely : nil, high: a.upper)
    }

    /// An `allowance` statement; a later one replaces an earlier one, also when rejected.
    private mutating func readAllowance(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Setting<Allowance> {
        let l = loc(file, tree.range(c))
        guard let a = tree.arg(c, .value) else { return .rejected(l) }
        let deduction = tree.arg(c, .ofWorktime) != nil
        let fraction = a.value / 100
        if deduction && fraction >= 1 {
            report(.allowanceTooLarge, loc(file, tree.range(of: a)), "`allowance \(NumberFormat.shortest(a.value)) % of worktime` leaves no working time; it must be below 100 %")
            return .rejected(l)
        }
        return .given(Allowance(fraction: fraction, convention: deduction ? .deduction : .surcharge), l)
    }

    /// A `worktime` statement; a later one replaces an earlier one, also when rejected.
    private mutating func readWorktime(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Setting<Double> {
        let l = loc(file, tree.range(c))
        guard let a = tree.arg(c, .value) else { return .rejected(l) }
        let h = hours(a)
        if h <= 0 {
            report(.invalidValue, loc(file, tree.range(of: a)), "`worktime` must be more than 0 h")
            return .rejected(l)
        }
        return .given(h, l)
    }

    // MARK: Dated values and ramp-up

    /// Which of a block's repeatable values already had their undated statement.
    private struct DatedReading {
        var planned = false, filled = false, volume = false
    }

    /// One `planned`/`filled`/`volume` statement, undated or `from DATE`, into the
    /// setting (its first statement; the undated value) and the series. The first of
    /// two undated values (E802) or of two values from one date (E801) counts.
    /// Returns the date of a dated value that was read.
    @discardableResult
    private mutating func readDated(_ tree: SyntaxTree, _ file: Int, _ c: Int32, value: Double?,
                                    setting: inout Setting<Double>, series: inout DatedSeries, undatedSeen: inout Bool) -> CalendarDate? {
        let l = loc(file, tree.range(c))
        if let fromArg = tree.arg(c, .from) {
            guard let date = tree.date(fromArg), let value else {
                setting.write(nil, at: l)
                return nil
            }
            if !series.insert(DatedSeries.Step(from: date, value: value)) {
                report(.datedSameDate, loc(file, tree.range(of: fromArg)),
                       "`\(tree.keywordText(c))` is already given from `\(date.iso)` in this block; the first value counts")
            }
            if !setting.isWritten { setting = .given(series.undated ?? 0, l) }
            return date
        }
        if tree.statement(c).argCount > 1 {
            // `from` with a date that was rejected (its own diagnostic): a dated value, not a second undated one.
            setting.write(nil, at: l)
            return nil
        }
        if undatedSeen {
            report(.twoUndatedValues, l, "`\(tree.keywordText(c))` without a date is already given in this block; give this one a date (`from YYYY-MM-DD`) or remove it")
            return nil
        }
        undatedSeen = true
        series.undated = value
        if let value { setting = .given(value, setting.location ?? l) } else { setting.write(nil, at: l) }
        return nil
    }

    /// Moves a series out of the model (leaving an empty one), so that it is uniquely referenced.
    private static func take(_ series: inout DatedSeries) -> DatedSeries {
        var out = DatedSeries(undated: nil)
        swap(&out, &series)
        return out
    }

    /// `ramp DURATION [start P %]` (E804 out of range).
    private mutating func readRamp(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Setting<Ramp> {
        let l = loc(file, tree.range(c))
        guard let a = tree.arg(c, .value), let unitDays = a.unit?.calendarDays else { return .rejected(l) }
        let days = a.value * unitDays
        if !(days > 0 && days <= Ramp.maximumDays) {
            report(.rampOutOfRange, loc(file, tree.range(of: a)),
                   "`ramp` must last more than 0 days and at most 10 years (3650 days; a month counts 30 days)")
            return .rejected(l)
        }
        var start = 0.0
        if let s = tree.arg(c, .start) {
            start = s.value / 100
            if !(start >= 0 && start < 1) {
                report(.rampOutOfRange, loc(file, tree.range(of: s)), "`start` of a `ramp` must be below 100 %")
                return .rejected(l)
            }
        }
        return .given(Ramp(days: days, start: start), l)
    }

    /// W801: `filled` rises on a date before the end of the position's `freeze`.
    private mutating func checkFreeze(_ p: PositionID, _ steps: [(date: CalendarDate, location: Location)]) {
        guard !steps.isEmpty, let text = model.positions[p].freezeUntil, let end = CalendarDate(iso: text) else { return }
        let series = model.positions[p].filledSeries
        for (date, l) in steps where date < end {
            let before = series.value(at: date.adding(days: -1))
            if series.value(at: date) > before {
                report(.filledDuringFreeze, l,
                       "position `\(model.positions[p].name)` fills more on `\(date.iso)`, before its hiring freeze ends on `\(end.iso)`")
            }
        }
    }

    // MARK: Declarations

    private mutating func readModel(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            guard let keyword = tree.knownKeyword(c) else { continue }
            let a = tree.arg(c, .value)
            let l = loc(file, tree.range(c))
            switch keyword {
            case .year: model.settings.yearSetting.write(a.map { Int($0.value) }, at: l)
            case .asof: model.settings.asofSetting.write(a.flatMap { tree.date($0) }, at: l)
            case .ramp: model.settings.rampSetting = readRamp(tree, file, c)
            case .worktime: model.settings.worktimeSetting = readWorktime(tree, file, c)
            case .allowance: model.settings.allowanceSetting = readAllowance(tree, file, c)
            case .workdays:
                var value: Double? = nil
                if let a {
                    if a.value <= 0 || a.value > 366 {
                        report(.invalidValue, loc(file, tree.range(of: a)), "`workdays` must be between 1 and 366")
                    } else { value = a.value }
                }
                model.settings.workdaysSetting.write(value, at: l)
            case .overhead: model.settings.overheadSetting.write(a.map { $0.value / 100 }, at: l)
            case .workplace: model.settings.workplaceSetting.write(a?.value, at: l)
            case .leadership: model.settings.leadershipSetting.write(a.map { $0.value / 100 }, at: l)
            case .rounding:
                var value: Double? = nil
                if let a {
                    if a.value <= 0 { report(.invalidValue, loc(file, tree.range(of: a)), "`rounding` must be more than 0 fte") } else { value = a.value }
                }
                model.settings.roundingSetting.write(value, at: l)
            default: break
            }
        }
    }

    private mutating func readGrade(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let g = declaredID(tree, file, id, GradeID.self) else { return }
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            if tree.isKeyword(c, .cost) {
                model.grades[g].costSetting.write(tree.arg(c, .value)?.value, at: loc(file, tree.range(c)))
            } else if meantKeyword(tree, c) == .cost {
                model.grades[g].costSetting.markMeant(at: loc(file, tree.range(c)))
            }
        }
    }

    private mutating func readUnit(_ tree: SyntaxTree, _ file: Int, _ id: Int32, nestedIn parent: UnitID?) {
        guard let u = declaredID(tree, file, id, UnitID.self) else { return }
        checkUnique(tree, file, id)
        model.units[u].parent = parent
        for c in tree.childIDs(id) {
            guard let keyword = tree.knownKeyword(c) else { continue }
            let a = tree.arg(c, .value)
            switch keyword {
            case .kind: if let a { model.units[u].kind = tree.stringValue(a) }
            case .code: if let a { model.units[u].code = tree.stringValue(a) }
            case .head:
                let s = a.flatMap { resolveRef(tree, file, $0, .position, what: "`head`") }
                model.units[u].headSetting.write(s?.id(PositionID.self), at: loc(file, a.map { tree.nameRange($0) } ?? tree.range(c)))
            case .in:
                guard let a else { break }
                let s = resolveRef(tree, file, a, .unit, what: "`in`")
                if let parent {
                    report(.nestedAndIn, loc(file, tree.range(c)),
                           "unit `\(model.units[u].name)` is nested in `\(model.units[parent].name)` and also placed with `in`; use one of them")
                } else if let i = s?.id(UnitID.self) { model.units[u].parent = i }
            case .worktime: model.units[u].worktimeSetting = readWorktime(tree, file, c)
            case .allowance: model.units[u].allowanceSetting = readAllowance(tree, file, c)
            case .ramp: model.units[u].rampSetting = readRamp(tree, file, c)
            case .unit: readUnit(tree, file, c, nestedIn: u)
            case .position: readPosition(tree, file, c, nestedIn: u)
            case .pool: model.units[u].poolSetting.write(true, at: loc(file, tree.range(c)))
            case .deploy: readDeployment(tree, file, c, pool: u)
            default: break
            }
        }
    }

    private mutating func readPosition(_ tree: SyntaxTree, _ file: Int, _ id: Int32, nestedIn unit: UnitID?) {
        guard let p = declaredID(tree, file, id, PositionID.self) else { return }
        checkUnique(tree, file, id)
        model.positions[p].unit = unit
        var dated = DatedReading()
        var filledSteps: [(date: CalendarDate, location: Location)] = []
        for c in tree.childIDs(id) {
            let l = loc(file, tree.range(c))
            guard let keyword = tree.knownKeyword(c) else {
                switch meantKeyword(tree, c) {
                case .planned: model.positions[p].plannedSetting.markMeant(at: l)
                case .filled: model.positions[p].filledSetting.markMeant(at: l)
                case .grade: model.positions[p].gradeSetting.markMeant(at: l)
                default: break
                }
                continue
            }
            let a = tree.arg(c, .value)
            switch keyword {
            case .in:
                guard let a else { break }
                let s = resolveRef(tree, file, a, .unit, what: "`in`")
                if let unit {
                    report(.nestedAndIn, l,
                           "position `\(model.positions[p].name)` is nested in `\(model.units[unit].name)` and also placed with `in`; use one of them")
                } else if let i = s?.id(UnitID.self) { model.positions[p].unit = i }
            case .grade:
                let s = a.flatMap { resolveRef(tree, file, $0, .grade, what: "`grade`") }
                model.positions[p].gradeSetting.write(s?.id(GradeID.self), at: l)
            // Written even when the value was rejected (that has its own diagnostic; no W510 on top).
            case .planned:
                // Taken out and put back, so that the series grows in place (no copy per value).
                var setting = model.positions[p].plannedSetting, series = Self.take(&model.positions[p].plannedSeries)
                readDated(tree, file, c, value: a?.value, setting: &setting, series: &series, undatedSeen: &dated.planned)
                model.positions[p].plannedSetting = setting
                model.positions[p].plannedSeries = series
            case .filled:
                var setting = model.positions[p].filledSetting, series = Self.take(&model.positions[p].filledSeries)
                let from = readDated(tree, file, c, value: a?.value, setting: &setting, series: &series, undatedSeen: &dated.filled)
                model.positions[p].filledSetting = setting
                model.positions[p].filledSeries = series
                if let from { filledSteps.append((from, l)) }
            case .ramp: model.positions[p].rampSetting = readRamp(tree, file, c)
            case .kw: model.positions[p].kwSetting.write(a.map { Int($0.value) }, at: l)
            case .freeze: model.positions[p].freezeSetting.write(a.map { tree.text($0.firstToken) }, at: l)
            case .effort:
                guard let q = a else { break }
                let label = tree.arg(c, .label).map { tree.stringValue($0) } ?? ""
                var e = Effort(label: label, fte: nil, hoursPerYear: nil, location: l)
                if q.unit == .fte { e.fte = q.value } else if let per = q.per, let k = per.perYear { e.hoursPerYear = hours(q) * k }
                model.positions[p].efforts.append(e)
            case .coverage: model.positions[p].coverageSetting.write(a.map { hours($0) }, at: l)
            case .worktime: model.positions[p].worktimeSetting = readWorktime(tree, file, c)
            case .allowance: model.positions[p].allowanceSetting = readAllowance(tree, file, c)
            default: break
            }
        }
        checkFreeze(p, filledSteps)
    }

    private mutating func readActor(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let a = declaredID(tree, file, id, ActorID.self) else { return }
        checkUnique(tree, file, id)
        model.actors[a].external = tree.hasChild(id, .external)
    }

    private mutating func readProcess(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let p = declaredID(tree, file, id, ProcessID.self) else { return }
        checkUnique(tree, file, id)
        var nodeIndex = 0
        var dated = DatedReading()
        for c in tree.childIDs(id) {
            let l = loc(file, tree.range(c))
            guard let keyword = tree.knownKeyword(c) else {
                if meantKeyword(tree, c) == .volume { model.processes[p].volumeSetting.markMeant(at: l) }
                continue
            }
            let a = tree.arg(c, .value)
            switch keyword {
            case .owner:
                let s = a.flatMap { resolveRef(tree, file, $0, .unit, what: "`owner`") }
                model.processes[p].ownerSetting.write(s?.id(UnitID.self), at: l)
            case .volume:
                var value: Double? = nil
                var range: RangeEstimate? = nil
                if let a, let per = a.per {
                    let k: Double? = per.perYear ?? model.settings.workdays
                    if let k {
                        range = Self.range(a)?.scaled(by: k)
                        value = range?.mean ?? a.value * k
                    } else {
                        report(.dayRateWithoutWorkdays, loc(file, tree.range(of: a)),
                               "a `/day` rate needs `workdays` in the `model` block (e.g. `workdays 228`) to give cases per year")
                    }
                }
                let undated = tree.arg(c, .from) == nil && !dated.volume
                var setting = model.processes[p].volumeSetting, series = Self.take(&model.processes[p].volumeSeries)
                readDated(tree, file, c, value: value, setting: &setting, series: &series, undatedSeen: &dated.volume)
                model.processes[p].volumeSetting = setting
                model.processes[p].volumeSeries = series
                if value != nil && undated { model.processes[p].volumeRange = range }
            case .source: model.processes[p].sourceSetting.write(a.map { tree.name($0) }, at: l, keepFirstLocation: true)
            case .trigger: if let a { model.processes[p].trigger = tree.stringValue(a) }
            case .result: if let a { model.processes[p].result = tree.stringValue(a) }
            case .step, .decide:
                if tree.declaredName(c) != nil {
                    readNode(tree, file, c, process: p, node: nodeIndex)
                    nodeIndex += 1
                }
            case .dna:
                checkUnique(tree, file, c)
                if tree.statement(c).hasBlock, tree.statement(c).childCount == 0 { reportEmptyBlock(tree, file, c, "this `dna` block rates no criteria") }
                // Room for every rating at once, not grown (and rehashed) per rating (callgrind, 100k model: −1.6 M instructions, 2026-12-02).
                model.processes[p].ratings.reserveCapacity(model.processes[p].ratings.count + tree.childIDs(c).count)
                for r in tree.childIDs(c) {
                    let name = tree.keywordText(r)
                    let l = loc(file, tree.tokenRange(tree.statement(r).keywordToken))
                    guard let crit = model.criterionNames[name] else {
                        let sug = suggester.best(for: name, amongCriteriaOf: model)
                        report(.unknownCriterion, l, "no DNA criterion named `\(name)`" + (sug.map { "; did you mean `\($0)`?" } ?? ""),
                               fixes: sug.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: l.range, newText: $0)])] } ?? [])
                        model.references.append(Reference(location: l, symbol: nil))
                        continue
                    }
                    model.references.append(Reference(location: l, symbol: crit))
                    if let v = tree.arg(r, .value) {
                        model.processes[p].ratings[name] = Located(v.signedValue, loc(file, tree.range(of: v)))
                    }
                }
            default: break
            }
        }
        if !model.processes[p].volumeSeries.isConstant && model.processes[p].volumeSeries.undated == nil,
           let l = model.processes[p].volumeSetting.location {
            // Only dated volumes (E803): no volume before the first date, and no 0 assumed.
            report(.datedVolumeWithoutUndated, l,
                   "process `\(model.processes[p].name)` has a `volume` from a date but none without a date for the time before it; add one, as in `volume 25 /year`")
            model.processes[p].volumeSetting = .rejected(l)
        }
    }

    private mutating func readNode(_ tree: SyntaxTree, _ file: Int, _ id: Int32, process p: ProcessID, node n: Int) {
        guard n < model.processes[p].nodes.count else { return }
        checkUnique(tree, file, id)
        let processName = model.processes[p].name
        func target(_ a: Argument) -> FlowTarget? {
            let name = tree.name(a)
            // Not `loc(…)`: a non-mutating method called from this closure copied the whole
            // builder per target (callgrind, 100k model: −23 M instructions, 2026-12-02).
            let l = Location(file: file, range: tree.nameRange(a))
            if name == Keywords.endTarget { return .end }
            if let i = node(named: name, in: p) {
                model.references.append(Reference(location: l, symbol: model.processes[p].nodes[i].symbol))
                return .node(i)
            }
            let isProcess = model.globalNames[name].map { model.symbols[$0].kind == .process } ?? false
            let sug = isProcess ? nil : suggester.best(for: name, amongNodesOf: p, in: model)
            var message = "`\(name)` is not a step or decision of process `\(processName)`"
            message += sug.map { "; did you mean `\($0)`?" } ?? (isProcess ? "; `\(name)` is a process: to run it use `call \(name)`" : "")
            report(.targetNotInProcess, l, message,
                   fixes: sug.map { [Fix(title: "Change to `\($0)`", edits: [TextEdit(path: tree.path, range: l.range, newText: $0)])] } ?? [])
            model.references.append(Reference(location: l, symbol: nil))
            return nil
        }
        for c in tree.childIDs(id) {
            let l = loc(file, tree.range(c))
            guard let keyword = tree.knownKeyword(c) else {
                switch meantKeyword(tree, c) {
                case .by: model.processes[p].nodes[n].performerSetting.markMeant(at: l)
                case .call: model.processes[p].nodes[n].callSetting.markMeant(at: l)
                case .time: model.processes[p].nodes[n].timeSetting.markMeant(at: l)
                default: break
                }
                continue
            }
            let a = tree.arg(c, .value)
            switch keyword {
            case .by:
                let performer = a.flatMap { resolveRef(tree, file, $0, .performer, what: "`by`") }?.performer
                model.processes[p].nodes[n].performerSetting.write(performer, at: l)
            case .time:
                let range = a.flatMap { a in Self.range(a)?.divided(by: a.unit == .min ? 60 : 1) }
                model.processes[p].nodes[n].timeSetting.write(a.map { range?.mean ?? hours($0) }, at: l)
                if a != nil { model.processes[p].nodes[n].timeRange = range }
            case .wait:
                let days = a.flatMap { a in a.unit?.calendarDays.map { a.value * $0 } }
                model.processes[p].nodes[n].waitSetting.write(days, at: l)
            case .share: model.processes[p].nodes[n].shareSetting.write(a.map { $0.value / 100 }, at: l)
            case .mediaBreak: model.processes[p].nodes[n].mediaBreak = true
            case .system:
                if let a, let s = resolveRef(tree, file, a, .system, what: "`system`"), let i = s.id(SystemID.self) { model.processes[p].nodes[n].systems.append(i) }
            case .next: model.processes[p].nodes[n].nextSetting.write(tree.arg(c, .target).flatMap { target($0) }, at: l)
            case .call:
                let s = a.flatMap { resolveRef(tree, file, $0, .process, what: "`call`") }
                model.processes[p].nodes[n].callSetting.write(s?.id(ProcessID.self), at: l)
            case .branch:
                let title = tree.arg(c, .title).map { tree.stringValue($0) }
                var branch = Branch(title: title, location: l)
                if let share = tree.arg(c, .share) { branch.shareSetting = .given(share.value / 100, loc(file, tree.range(of: share))) }
                branch.target = tree.arg(c, .target).flatMap { target($0) }
                model.processes[p].nodes[n].branches.append(branch)
            default: break
            }
        }
    }

    private mutating func readCriterion(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard tree.isKeyword(id, .criterion), let k = declaredID(tree, file, id, CriterionID.self) else { return }
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            let l = loc(file, tree.range(c))
            guard let keyword = tree.knownKeyword(c) else {
                switch meantKeyword(tree, c) {
                case .weight: model.criteria[k].weightSetting.markMeant(at: l)
                case .from: model.criteria[k].measureSetting.markMeant(at: l)
                case .scale: model.criteria[k].scaleSetting.markMeant(at: l)
                default: break
                }
                continue
            }
            let a = tree.arg(c, .value)
            switch keyword {
            case .weight: model.criteria[k].weightSetting.write(a?.value, at: l)
            case .from: model.criteria[k].measureSetting.write(a.map { tree.name($0) }, at: l)
            case .scale: model.criteria[k].scaleSetting.write(a.map { CriterionScale(lower: $0.value, upper: $0.upper) }, at: l)
            default: break
            }
        }
    }

    private mutating func readV2(_ tree: SyntaxTree, _ file: Int, _ id: Int32, depth: Int = 0) {
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            // A programme's fields and a project's milestones: their own blocks, one level down.
            if spec.opens != nil, depth == 0 { readV2(tree, file, c, depth: 1) }
            for slot in spec.args {
                let kinds: DeclKinds
                switch slot.form {
                case .ref(let k), .refList(let k): kinds = k
                case .refPath(let k):
                    // `in ZOV.EF3`: the programme is a reference here; its field is checked by `PortfolioReader`.
                    if let a = tree.arg(c, slot.role) { resolvePathHead(tree, file, a, k, what: "`\(spec.word)`") }
                    continue
                default: continue
                }
                guard let first = tree.arg(c, slot.role) else { continue }
                // A list: the bound argument and the comma-continued ones after it.
                var started = false
                for aid in tree.argumentIDs(c) {
                    let arg = tree.argument(aid)
                    if !started { started = arg.firstToken == first.firstToken; if !started { continue } }
                    else if !arg.afterComma { break }
                    resolveRef(tree, file, arg, kinds, what: "`\(spec.word)`")
                }
            }
        }
    }
}

/// `DeclKinds.phrase` with the right article: "an actor", not "a actor" (but "a unit").
func article(_ phrase: String) -> String {
    guard phrase.hasPrefix("a "), let first = phrase.dropFirst(2).first, "aeio".contains(first) else { return phrase }
    return "an " + phrase.dropFirst(2)
}

/// How many entries of each kind the model had before one file's declarations.
struct DeclCounts: Equatable, Sendable {
    var grades = 0, units = 0, positions = 0, actors = 0, systems = 0, processes = 0, criteria = 0, symbols = 0

    func plus(_ o: DeclCounts) -> DeclCounts {
        DeclCounts(grades: grades + o.grades, units: units + o.units, positions: positions + o.positions, actors: actors + o.actors,
                   systems: systems + o.systems, processes: processes + o.processes, criteria: criteria + o.criteria,
                   symbols: symbols + o.symbols)
    }

    func minus(_ o: DeclCounts) -> DeclCounts {
        DeclCounts(grades: grades - o.grades, units: units - o.units, positions: positions - o.positions, actors: actors - o.actors,
                   systems: systems - o.systems, processes: processes - o.processes, criteria: criteria - o.criteria,
                   symbols: symbols - o.symbols)
    }
}

/// A finding of pass 1. Its message cites another declaration's place, which an edit
/// of that declaration's file may move, so it is worded when the model is finished.
enum DeclIssue: Sendable {
    case duplicateName(symbol: SymbolID, first: SymbolID)
    case duplicateNode(symbol: SymbolID, first: NodeID)
    case duplicateModel(Location)
}

/// What one file contributed to a model: its summary, where its declarations start in
/// the entity arrays, its pass-1 findings, the diagnostics of its settings and of its
/// pass 2, how many references it made and its rejected `worktime` statements.
struct FileContribution: Sendable {
    var summary = FileSummary()
    var start = DeclCounts()
    var declIssues: [DeclIssue] = []
    var resolveDiagnostics: [Diagnostic] = []
    /// Diagnostics of the `model` block's settings (only in the file that holds it).
    var settingsDiagnostics: [Diagnostic] = []
    /// Where the first finding beyond `ModelBuilder.maxStoredDiagnostics` was dropped.
    var firstDropped: ByteRange? = nil
    var referenceCount = 0
    var rejectedWorktimes: [Location] = []
    /// Its assessments (read in pass 2; no other file refers to them by name).
    var matrices: [Matrix] = []
    var raciCharts: [RaciChart] = []
    var kpis: [Kpi] = []
    var deployments: [Deployment] = []
}
