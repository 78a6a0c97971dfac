import Foundation
import OrgaSyntax
import OrgaSupport

/// Builds a `Model` from the syntax trees of all files of a model: declares every
/// name (pass 1), then reads properties and resolves references (pass 2). Checks
/// that need the whole model run afterwards (`Checker`).
struct ModelBuilder {
    var model: Model
    /// What each file contributed (for rebuilding one file alone, `replace(file:with:)`).
    private(set) var files: [FileContribution] = []
    /// Diagnostics of the pass that is running (moved into `files` per file).
    private var pending: [Diagnostic] = []
    /// Re-declaring one file into the slots it had: the next slot of each kind, and
    /// the slots the file had (a declaration outside them aborts).
    private var cursor: DeclCounts? = nil
    private var cursorEnd = DeclCounts()
    private var redeclareFailed = false
    private var redeclareModelSeen = 0
    /// The symbol of each declaration that is not the first of its name (looked up by
    /// location in pass 2; the first ones are found through the name tables).
    private var duplicateSymbols: [Location: Int] = [:]
    /// Per process, the first node of each name (targets, duplicate nodes).
    private var nodeNames: [Int: [String: Int]] = [:]
    /// "Did you mean" for unknown references, linear however many there are.
    private var suggester = ReferenceSuggester()
    /// Where the pass that is running first dropped a diagnostic (see `maxStoredDiagnostics`).
    private var pendingDropped: ByteRange? = nil

    /// Findings stored per file and pass, as the lexer bounds its own: a file with 64k
    /// duplicate names keeps the first ones and one W121, not 64k messages (memory).
    static let maxStoredDiagnostics = 4 * Parser.maxDiagnostics

    /// The W121 that says a file's findings were cut short.
    static func tooMany(path: String, at range: ByteRange) -> Diagnostic {
        Diagnostic(.tooManyErrors, path: path, range: range,
                   "too many problems in this file; orgc keeps the first \(maxStoredDiagnostics) of each check")
    }

    init(trees: [SyntaxTree]) {
        model = Model(trees: trees)
    }

    /// Continues from a model this builder built before (pass 1 and 2 done, no `Checker`).
    init(built: Model, files: [FileContribution]) {
        model = built
        self.files = files
        for f in files {
            for case .duplicateName(let s, _) in f.declIssues where s >= 0 && s < model.symbols.count {
                duplicateSymbols[model.symbols[s].location] = s
            }
        }
    }

    /// The first node named `name` in process `p`.
    private mutating func node(named name: String, in p: Int) -> Int? {
        if let table = nodeNames[p] { return table[name] }
        var table: [String: Int] = [:]
        for (i, n) in model.processes[p].nodes.enumerated() where table[n.name] == nil { table[n.name] = i }
        nodeNames[p] = table
        return table[name]
    }

    mutating func build() -> Model {
        files = [FileContribution](repeating: FileContribution(), count: model.trees.count)
        for t in model.trees.indices { declare(file: t) }
        readSettingsRecording()
        for t in model.trees.indices { resolveRecording(file: t) }
        finish()
        return model
    }

    /// Reads the `model` block before any file's pass 2: settings apply to the whole
    /// model whatever file holds them (a `/day` volume in any file needs `workdays`),
    /// so no result may depend on the order in which files are read.
    private mutating func readSettingsRecording() {
        guard let (file, id) = model.settings.statement, file >= 0, file < files.count else { return }
        pending = []
        pendingDropped = nil
        readModel(model.trees[file], file, id)
        files[file].settingsDiagnostics = pending
        if files[file].firstDropped == nil { files[file].firstDropped = pendingDropped }
        pending = []
        pendingDropped = nil
    }

    /// Diagnostics in the order of a full build (parse, pass 1, pass 2, each by file),
    /// and the derived lists of units.
    private mutating func finish() {
        var diagnostics: [Diagnostic] = []
        for t in model.trees.indices { diagnostics.append(contentsOf: model.trees[t].diagnostics) }
        for f in files.indices {
            for issue in files[f].declIssues { if let d = diagnostic(issue) { diagnostics.append(d) } }
        }
        for f in files.indices { diagnostics.append(contentsOf: files[f].settingsDiagnostics) }
        for f in files.indices { if let r = files[f].firstDropped { diagnostics.append(Self.tooMany(path: model.trees[f].path, at: r)) } }
        for f in files.indices { diagnostics.append(contentsOf: files[f].resolveDiagnostics) }
        model.diagnostics = diagnostics
        for u in model.units.indices where !model.units[u].subunits.isEmpty || !model.units[u].positions.isEmpty {
            model.units[u].subunits = []
            model.units[u].positions = []
        }
        for (i, u) in model.units.enumerated() {
            if let p = u.parent, p >= 0, p < model.units.count { model.units[p].subunits.append(i) }
        }
        for (i, p) in model.positions.enumerated() {
            if let u = p.unit, u >= 0, u < model.units.count { model.units[u].positions.append(i) }
        }
    }

    private mutating func resolveRecording(file: Int) {
        let before = model.references.count
        pending = []
        pendingDropped = nil
        resolve(file: file)
        files[file].resolveDiagnostics = pending
        if files[file].firstDropped == nil { files[file].firstDropped = pendingDropped }
        pending = []
        pendingDropped = nil
        files[file].referenceCount = model.references.count - before
    }

    // MARK: Rebuilding one file

    /// Replaces the tree of `file` and rebuilds what it contributed, leaving every
    /// other file's contribution as it is. That is exact when the file declares the
    /// same names of the same kinds in the same order (and as many `model` blocks),
    /// and, if it holds the model block, `workdays` (read by other files' `/day`
    /// volumes) stays the same. Returns false otherwise; the model is then unusable
    /// and must be built anew.
    mutating func replace(file f: Int, with tree: SyntaxTree) -> Bool {
        guard f >= 0, f < files.count, f < model.trees.count, tree.path == model.trees[f].path else { return false }
        let old = files[f]
        model.trees[f] = tree
        // Pass 1 into the same slots.
        cursor = old.start
        cursorEnd = old.end
        redeclareFailed = false
        redeclareModelSeen = 0
        files[f].declIssues = []
        files[f].firstDropped = nil
        declare(file: f)
        let reached = cursor
        cursor = nil
        guard !redeclareFailed, reached == old.end, files[f].modelStatements == old.modelStatements else { return false }
        // Settings are read before pass 2 (as in a full build): again only if this file holds them.
        let saved = model.settings
        let modelFile = saved.statement?.file
        if modelFile == f {
            resetReadSettings()
            files[f].settingsDiagnostics = []
            readSettingsRecording()
            if saved.workdays?.bitPattern != model.settings.workdays?.bitPattern { return false }
        }
        var refStart = 0
        for g in 0..<f { refStart += files[g].referenceCount }
        guard refStart + old.referenceCount <= model.references.count else { return false }
        var others: [Reference] = []
        swap(&others, &model.references)
        resolveRecording(file: f)
        var mine: [Reference] = []
        swap(&mine, &model.references)
        model.references = others
        model.references.replaceSubrange(refStart..<(refStart + old.referenceCount), with: mine)
        finish()
        return true
    }

    /// The settings that `readModel` fills, back to their values before it ran.
    private mutating func resetReadSettings() {
        let d = ModelSettings()
        model.settings.year = d.year
        model.settings.worktime = d.worktime
        model.settings.allowance = d.allowance
        model.settings.workdays = d.workdays
        model.settings.overhead = d.overhead
        model.settings.workplace = d.workplace
        model.settings.workplaceDeclared = d.workplaceDeclared
        model.settings.leadership = d.leadership
        model.settings.rounding = d.rounding
    }

    /// The next slot for a declaration of one kind: appended in a full build, the
    /// file's own next slot when re-declaring (nil, and the re-declaration fails, when
    /// the file now declares more of that kind).
    private mutating func nextSlot(_ kind: WritableKeyPath<DeclCounts, Int>, count: Int) -> Int? {
        guard var c = cursor else { return count }
        let i = c[keyPath: kind]
        guard i < cursorEnd[keyPath: kind], i < count else { redeclareFailed = true; return nil }
        c[keyPath: kind] = i + 1
        cursor = c
        return i
    }

    private static func put<T>(_ array: inout [T], _ i: Int, _ value: T) {
        if i == array.count { array.append(value) } else if i < array.count { array[i] = value }
    }

    /// The diagnostic of a pass-1 finding, worded with the current locations.
    private func diagnostic(_ issue: DeclIssue) -> Diagnostic? {
        switch issue {
        case .duplicateName(let s, let first):
            guard model.symbols.indices.contains(s), model.symbols.indices.contains(first) else { return nil }
            let symbol = model.symbols[s], f = model.symbols[first]
            return Diagnostic(.duplicateName, path: model.trees[symbol.location.file].path, range: symbol.location.range,
                              "`\(symbol.name)` is already declared as \(article(f.kind.phrase)) at \(describe(f.location))")
        case .duplicateNode(let s, let p, let first):
            guard model.symbols.indices.contains(s), model.processes.indices.contains(p),
                  model.processes[p].nodes.indices.contains(first) else { return nil }
            let symbol = model.symbols[s]
            return Diagnostic(.duplicateName, path: model.trees[symbol.location.file].path, range: symbol.location.range,
                              "process `\(model.processes[p].name)` already has a node `\(symbol.name)` at \(describe(model.processes[p].nodes[first].location))")
        case .duplicateModel(let l):
            guard let first = model.settings.declaration else { return nil }
            return Diagnostic(.duplicateModel, path: model.trees[l.file].path, range: l.range,
                              "a model has one `model` block; the first is at \(describe(first))")
        }
    }

    // MARK: Helpers

    private func loc(_ file: Int, _ range: ByteRange) -> Location { Location(file: file, range: range) }

    private mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = []) {
        guard pending.count < Self.maxStoredDiagnostics else {
            if pendingDropped == nil { pendingDropped = l.range }
            return
        }
        pending.append(Diagnostic(code, path: model.trees[l.file].path, range: l.range, message, fixes: fixes))
    }

    private func describe(_ l: Location) -> String {
        let (line, col) = model.lineColumn(l)
        return "\(model.trees[l.file].path):\(line):\(col)"
    }

    // MARK: Pass 1: declarations

    private mutating func declare(file: Int) {
        let tree = model.trees[file]
        if cursor == nil { files[file].start = counts() }
        files[file].modelStatements = 0
        for id in tree.roots {
            if redeclareFailed { return }
            declareStatement(tree, file: file, id: id, process: nil)
        }
        if cursor == nil { files[file].end = counts() }
    }

    private func counts() -> DeclCounts {
        DeclCounts(grades: model.grades.count, units: model.units.count, positions: model.positions.count,
                   actors: model.actors.count, systems: model.systems.count, processes: model.processes.count,
                   criteria: model.criteria.count, symbols: model.symbols.count)
    }

    private mutating func declareStatement(_ tree: SyntaxTree, file: Int, id: Int32, process: Int?) {
        guard !redeclareFailed, let spec = tree.spec(id) else { return }
        let st = tree.statement(id)
        if let kind = spec.declares, let (name, range) = tree.declaredName(id) {
            let l = loc(file, range)
            let title = tree.declaredTitle(id)
            let doc = tree.docComment(id)
            var index = 0
            switch kind {
            case .grade:
                guard let i = nextSlot(\.grades, count: model.grades.count) else { return }
                index = i
                Self.put(&model.grades, i, Grade(name: name, title: title, doc: doc, cost: nil, location: l))
            case .unit:
                guard let i = nextSlot(\.units, count: model.units.count) else { return }
                index = i
                Self.put(&model.units, i, OrgUnit(name: name, title: title, doc: doc, location: l))
            case .position:
                guard let i = nextSlot(\.positions, count: model.positions.count) else { return }
                index = i
                Self.put(&model.positions, i, Position(name: name, title: title, doc: doc, location: l))
            case .actor:
                guard let i = nextSlot(\.actors, count: model.actors.count) else { return }
                index = i
                Self.put(&model.actors, i, Actor(name: name, title: title, doc: doc, external: false, location: l))
            case .system:
                guard let i = nextSlot(\.systems, count: model.systems.count) else { return }
                index = i
                Self.put(&model.systems, i, OrgSystem(name: name, title: title, doc: doc, location: l))
            case .process:
                guard let i = nextSlot(\.processes, count: model.processes.count) else { return }
                index = i
                Self.put(&model.processes, i, Process(name: name, title: title, doc: doc, location: l, file: file, statement: id))
            case .criterion:
                guard let i = nextSlot(\.criteria, count: model.criteria.count) else { return }
                index = i
                Self.put(&model.criteria, i, Criterion(name: name, title: title, doc: doc, location: l))
            case .node:
                guard let p = process, p >= 0, p < model.processes.count else { return }
                index = model.processes[p].nodes.count
                model.processes[p].nodes.append(FlowNode(name: name, title: title, doc: doc, isDecision: spec.keyword == .decide,
                                                         location: l, statement: id))
            default:
                index = -1   // measure, scenario, target, kpi: names only (v2)
            }
            let symbol = Symbol(name: name, kind: kind, index: index, process: kind == .node ? process : nil,
                                location: l, file: file, statement: id)
            guard let symbolIndex = nextSlot(\.symbols, count: model.symbols.count) else { return }
            if kind == .node, let p = process { model.processes[p].nodes[index].symbol = symbolIndex }
            register(symbol, at: symbolIndex)
            if redeclareFailed { return }
            if kind == .process {
                for c in tree.childIDs(id) { declareStatement(tree, file: file, id: c, process: index) }
                return
            }
        }
        if st.context == .file && spec.keyword == .model {
            files[file].modelStatements += 1
            let isFirst: Bool
            if cursor != nil {
                // Re-declaring: the first `model` block of the model is still this file's first one, if it was.
                isFirst = model.settings.statement?.file == file && files[file].modelStatements == 1
            } else {
                isFirst = model.settings.declaration == nil
            }
            if !isFirst {
                addIssue(.duplicateModel(loc(file, tree.tokenRange(st.keywordToken))), file: file, at: tree.tokenRange(st.keywordToken))
            } else {
                model.settings.declaration = loc(file, tree.declaredName(id)?.range ?? tree.tokenRange(st.keywordToken))
                model.settings.statement = (file, id)
                model.settings.name = tree.declaredName(id)?.name
                model.settings.title = tree.declaredTitle(id)
            }
        }
        if spec.opens == .unit || spec.opens == .dnaDefinition {
            for c in tree.childIDs(id) { declareStatement(tree, file: file, id: c, process: nil) }
        }
    }

    private mutating func addIssue(_ issue: DeclIssue, file: Int, at range: ByteRange) {
        if files[file].declIssues.count < Self.maxStoredDiagnostics {
            files[file].declIssues.append(issue)
        } else if files[file].firstDropped == nil {
            files[file].firstDropped = range
        }
    }

    private mutating func register(_ symbol: Symbol, at index: Int) {
        let file = symbol.location.file
        if cursor != nil {
            // Re-declaring: the same name, kind and index as before, or the file's declarations changed.
            guard index < model.symbols.count else { redeclareFailed = true; return }
            let old = model.symbols[index]
            guard old.name == symbol.name, old.kind == symbol.kind, old.index == symbol.index, old.process == symbol.process else {
                redeclareFailed = true
                return
            }
        }
        Self.put(&model.symbols, index, symbol)
        /// The first declaration of the name in its namespace; when re-declaring, the
        /// name tables are those of the full build, which the same names leave as they are.
        func first(in table: WritableKeyPath<Model, [String: Int]>) -> Int? {
            if let first = model[keyPath: table][symbol.name] { return first == index ? nil : first }
            if cursor != nil { redeclareFailed = true; return nil }
            model[keyPath: table][symbol.name] = index
            return nil
        }
        switch symbol.kind {
        case .node:
            guard let p = symbol.process, p >= 0, p < model.processes.count else { return }
            let last = model.processes[p].nodes.count - 1
            if last == 0 { nodeNames[p] = [:] }
            if let first = nodeNames[p]?[symbol.name] {
                addIssue(.duplicateNode(symbol: index, process: p, first: first), file: file, at: symbol.location.range)
            } else {
                nodeNames[p, default: [:]][symbol.name] = last
            }
        case .criterion:
            if let f = first(in: \.criterionNames) {
                addIssue(.duplicateName(symbol: index, first: f), file: file, at: symbol.location.range)
                duplicateSymbols[symbol.location] = index
            }
        case .target:
            break   // targets have their own names (LANGUAGE.md §4 lists the shared namespace without them)
        default:
            if let f = first(in: \.globalNames) {
                addIssue(.duplicateName(symbol: index, first: f), file: file, at: symbol.location.range)
                duplicateSymbols[symbol.location] = index
            }
        }
    }

    // MARK: Pass 2: properties and references

    private mutating func resolve(file: Int) {
        let tree = model.trees[file]
        for id in tree.roots {
            guard let spec = tree.spec(id) else { continue }
            switch spec.keyword {
            case .model: break   // read before pass 2 (`readSettingsRecording`)
            case .grade: readGrade(tree, file, id)
            case .unit: readUnit(tree, file, id, nestedIn: nil)
            case .position: readPosition(tree, file, id, nestedIn: nil)
            case .actor: readActor(tree, file, id)
            case .process: readProcess(tree, file, id)
            case .dna:
                if tree.statement(id).hasBlock, tree.statement(id).childCount == 0 { reportEmptyBlock(tree, file, id, "this `dna` block declares no criteria") }
                for c in tree.childIDs(id) { readCriterion(tree, file, c) }
            case .measure, .scenario, .target, .kpi: readV2(tree, file, id)
            default: break
            }
        }
    }

    /// Index of the symbol declared by statement `id` of `file` among `kind`.
    private func declaredIndex(_ file: Int, _ id: Int32, _ kind: DeclKinds) -> Int? {
        guard let (name, range) = model.trees[file].declaredName(id) else { return nil }
        if kind == .criterion {
            guard let s = model.criterionNames[name], model.symbols[s].location == loc(file, range) else {
                return duplicate(at: loc(file, range), kind)
            }
            return model.symbols[s].index
        }
        if let s = model.globalNames[name], model.symbols[s].location == loc(file, range) { return model.symbols[s].index }
        // A duplicate: it has its own entry (properties are still read and checked).
        return duplicate(at: loc(file, range), kind)
    }

    private func duplicate(at l: Location, _ kind: DeclKinds) -> Int? {
        guard let s = duplicateSymbols[l], s >= 0, s < model.symbols.count, model.symbols[s].kind == kind,
              model.symbols[s].location == l else { return nil }
        return model.symbols[s].index
    }

    private mutating func reportEmptyBlock(_ tree: SyntaxTree, _ file: Int, _ id: Int32, _ message: String) {
        report(.emptyDeclaration, loc(file, tree.tokenRange(tree.statement(id).keywordToken)), message + "; remove it or fill it in")
    }

    /// Reports statements given twice in one block when their keyword is `unique`.
    private mutating func checkUnique(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        let kids = tree.childIDs(id)
        if kids.count > 32 { checkUniqueInLargeBlock(tree, file, kids); return }
        // Blocks are small: compare each unique statement with the earlier ones, without
        // allocating. Ratings in a process's `dna` share one wildcard spec, so they are
        // told apart by their keyword text.
        for (k, c) in zip(kids.indices, kids) {
            let st = tree.statement(c)
            guard tree.spec(c)?.unique == true else { continue }
            let byText = st.context == .dnaRatings
            for e in kids[kids.startIndex..<k] {
                let earlier = tree.statement(e)
                guard earlier.spec == st.spec, !byText || tree.sameText(earlier.keywordToken, st.keywordToken) else { continue }
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
            guard st.spec >= 0, Keywords.spec(st.spec).unique else { continue }
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
    private mutating func resolveRef(_ tree: SyntaxTree, _ file: Int, _ arg: Argument, _ kinds: DeclKinds, what: String) -> Symbol? {
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

    private func quantity(_ a: Argument) -> Double { a.signedValue }

    private func hours(_ a: Argument) -> Double { a.unit == .min ? a.value / 60 : a.value }

    private mutating func readAllowance(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Located<Allowance>? {
        guard let a = tree.arg(c, .value) else { return nil }
        let deduction = tree.arg(c, .ofWorktime) != nil
        let fraction = a.value / 100
        let l = loc(file, tree.range(c))
        if deduction && fraction >= 1 {
            report(.allowanceTooLarge, loc(file, tree.range(of: a)), "`allowance \(fmtNumber(a.value)) % of worktime` leaves no working time; it must be below 100 %")
            return nil
        }
        return Located(Allowance(fraction: fraction, convention: deduction ? .deduction : .surcharge), l)
    }

    private mutating func readWorktime(_ tree: SyntaxTree, _ file: Int, _ c: Int32) -> Located<Double>? {
        guard let a = tree.arg(c, .value) else { return nil }
        let h = hours(a)
        if h <= 0 {
            report(.invalidValue, loc(file, tree.range(of: a)), "`worktime` must be more than 0 h")
            return nil
        }
        return Located(h, loc(file, tree.range(c)))
    }

    // MARK: Declarations

    private mutating func readModel(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            switch spec.keyword {
            case .year: if let a { model.settings.year = Int(a.value) }
            case .worktime: model.settings.worktime = readWorktime(tree, file, c)
            case .allowance: model.settings.allowance = readAllowance(tree, file, c)
            case .workdays:
                if let a {
                    if a.value <= 0 || a.value > 366 {
                        report(.invalidValue, loc(file, tree.range(of: a)), "`workdays` must be between 1 and 366")
                    } else { model.settings.workdays = a.value }
                }
            case .overhead: if let a { model.settings.overhead = a.value / 100 }
            case .workplace: if let a { model.settings.workplace = a.value; model.settings.workplaceDeclared = true }
            case .leadership: if let a { model.settings.leadership = a.value / 100 }
            case .rounding:
                if let a {
                    if a.value <= 0 { report(.invalidValue, loc(file, tree.range(of: a)), "`rounding` must be more than 0 fte") } else { model.settings.rounding = a.value }
                }
            default: break
            }
        }
    }

    private mutating func readGrade(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let g = declaredIndex(file, id, .grade) else { return }
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) where tree.isKeyword(c, .cost) {
            if let a = tree.arg(c, .value) { model.grades[g].cost = a.value }
        }
    }

    private mutating func readUnit(_ tree: SyntaxTree, _ file: Int, _ id: Int32, nestedIn parent: Int?) {
        guard let u = declaredIndex(file, id, .unit) else { return }
        checkUnique(tree, file, id)
        model.units[u].parent = parent
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            switch spec.keyword {
            case .kind: if let a { model.units[u].kind = tree.stringValue(a) }
            case .code: if let a { model.units[u].code = tree.stringValue(a) }
            case .head:
                if let a, let s = resolveRef(tree, file, a, .position, what: "`head`") { model.units[u].head = s.index }
            case .in:
                guard let a else { break }
                let s = resolveRef(tree, file, a, .unit, what: "`in`")
                if parent != nil {
                    report(.nestedAndIn, loc(file, tree.range(c)),
                           "unit `\(model.units[u].name)` is nested in `\(model.units[parent!].name)` and also placed with `in`; use one of them")
                } else if let s { model.units[u].parent = s.index }
            case .worktime: model.units[u].worktime = readWorktime(tree, file, c)
            case .allowance: model.units[u].allowance = readAllowance(tree, file, c)
            case .unit: readUnit(tree, file, c, nestedIn: u)
            case .position: readPosition(tree, file, c, nestedIn: u)
            default: break
            }
        }
    }

    private mutating func readPosition(_ tree: SyntaxTree, _ file: Int, _ id: Int32, nestedIn unit: Int?) {
        guard let p = declaredIndex(file, id, .position) else { return }
        checkUnique(tree, file, id)
        model.positions[p].unit = unit
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            switch spec.keyword {
            case .in:
                guard let a else { break }
                let s = resolveRef(tree, file, a, .unit, what: "`in`")
                if unit != nil {
                    report(.nestedAndIn, loc(file, tree.range(c)),
                           "position `\(model.positions[p].name)` is nested in `\(model.units[unit!].name)` and also placed with `in`; use one of them")
                } else if let s { model.positions[p].unit = s.index }
            case .grade:
                if let a, let s = resolveRef(tree, file, a, .grade, what: "`grade`") { model.positions[p].grade = s.index }
            // Given even when the value was rejected (that has its own diagnostic; no W510 on top).
            case .planned: model.positions[p].plannedGiven = true; if let a { model.positions[p].planned = a.value }
            case .filled: model.positions[p].filledGiven = true; if let a { model.positions[p].filled = a.value }
            case .kw: if let a { model.positions[p].kw = Int(a.value) }
            case .freeze: if let d = a { model.positions[p].freezeUntil = tree.text(d.firstToken) }
            case .effort:
                guard let q = a else { break }
                let label = tree.arg(c, .label).map { tree.stringValue($0) } ?? ""
                var e = Effort(label: label, fte: nil, hoursPerYear: nil, location: loc(file, tree.range(c)))
                if q.unit == .fte { e.fte = q.value } else if let per = q.per, let k = per.perYear { e.hoursPerYear = hours(q) * k }
                model.positions[p].efforts.append(e)
            case .coverage: if let a { model.positions[p].coverageHoursPerWeek = hours(a) }
            case .worktime: model.positions[p].worktime = readWorktime(tree, file, c)
            case .allowance: model.positions[p].allowance = readAllowance(tree, file, c)
            default: break
            }
        }
    }

    private mutating func readActor(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let a = declaredIndex(file, id, .actor) else { return }
        checkUnique(tree, file, id)
        model.actors[a].external = tree.hasChild(id, .external)
    }

    private mutating func readProcess(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard let p = declaredIndex(file, id, .process) else { return }
        checkUnique(tree, file, id)
        var nodeIndex = 0
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            switch spec.keyword {
            case .owner:
                if let a, let s = resolveRef(tree, file, a, .unit, what: "`owner`") { model.processes[p].owner = s.index }
            case .volume:
                guard let a, let per = a.per else { break }
                if let k = per.perYear {
                    model.processes[p].volumePerYear = a.value * k
                } else if let wd = model.settings.workdays {
                    model.processes[p].volumePerYear = a.value * wd
                } else {
                    report(.dayRateWithoutWorkdays, loc(file, tree.range(of: a)),
                           "a `/day` rate needs `workdays` in the `model` block (e.g. `workdays 228`) to give cases per year")
                }
            case .source: if let a { model.processes[p].source = tree.name(a) }
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
    }

    private mutating func readNode(_ tree: SyntaxTree, _ file: Int, _ id: Int32, process p: Int, node n: Int) {
        guard n < model.processes[p].nodes.count else { return }
        checkUnique(tree, file, id)
        let processName = model.processes[p].name
        func target(_ a: Argument) -> FlowTarget? {
            let name = tree.name(a)
            let l = loc(file, tree.nameRange(a))
            if name == Keywords.endTarget { return .end }
            if let i = node(named: name, in: p) {
                let s = model.processes[p].nodes[i].symbol
                if s >= 0 { model.references.append(Reference(location: l, symbol: s)) }
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
            guard let spec = tree.spec(c) else { continue }
            let a = tree.arg(c, .value)
            switch spec.keyword {
            case .by:
                guard let a, let s = resolveRef(tree, file, a, .performer, what: "`by`") else { break }
                let perf: Performer
                switch s.kind {
                case .position: perf = .position(s.index)
                case .unit: perf = .unit(s.index)
                case .actor: perf = .actor(s.index)
                default: perf = .system(s.index)
                }
                model.processes[p].nodes[n].performer = perf
            case .time: if let a { model.processes[p].nodes[n].timeHours = hours(a) }
            case .wait: if let a, let d = a.unit?.calendarDays { model.processes[p].nodes[n].waitDays = a.value * d }
            case .share: if let a { model.processes[p].nodes[n].share = a.value / 100 }
            case .mediaBreak: model.processes[p].nodes[n].mediaBreak = true
            case .system:
                if let a, let s = resolveRef(tree, file, a, .system, what: "`system`") { model.processes[p].nodes[n].systems.append(s.index) }
            case .next:
                model.processes[p].nodes[n].nextGiven = true
                if let t = tree.arg(c, .target) { model.processes[p].nodes[n].next = target(t) }
            case .call:
                if let a, let s = resolveRef(tree, file, a, .process, what: "`call`") { model.processes[p].nodes[n].call = s.index }
            case .branch:
                let title = tree.arg(c, .title).map { tree.stringValue($0) }
                let share = tree.arg(c, .share).map { $0.value / 100 } ?? 0
                let t = tree.arg(c, .target).flatMap { target($0) }
                model.processes[p].nodes[n].branches.append(Branch(title: title, share: share, target: t, location: loc(file, tree.range(c))))
            default: break
            }
        }
    }

    private mutating func readCriterion(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        guard tree.isKeyword(id, .criterion), let k = declaredIndex(file, id, .criterion) else { return }
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c), let a = tree.arg(c, .value) else { continue }
            switch spec.keyword {
            case .weight: model.criteria[k].weight = a.value
            case .from: model.criteria[k].measure = tree.name(a)
            case .scale: model.criteria[k].scale = (a.value, a.upper)
            default: break
            }
        }
    }

    private mutating func readV2(_ tree: SyntaxTree, _ file: Int, _ id: Int32) {
        checkUnique(tree, file, id)
        for c in tree.childIDs(id) {
            guard let spec = tree.spec(c) else { continue }
            for slot in spec.args {
                let kinds: DeclKinds
                switch slot.form {
                case .ref(let k), .refList(let k): kinds = k
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

/// Shortest decimal form of a number for messages (`10`, `12.5`).
func fmtNumber(_ v: Double) -> String { NumberFormat.shortest(v) }

/// How many entries of each kind the model had (before or after one file's declarations).
struct DeclCounts: Equatable, Sendable {
    var grades = 0, units = 0, positions = 0, actors = 0, systems = 0, processes = 0, criteria = 0, symbols = 0
}

/// A finding of pass 1. Its message cites another declaration's place, which an edit
/// of that declaration's file may move, so it is worded when the model is finished.
enum DeclIssue: Sendable {
    case duplicateName(symbol: Int, first: Int)
    case duplicateNode(symbol: Int, process: Int, first: Int)
    case duplicateModel(Location)
}

/// What one file contributed to a model: its slots in the entity arrays, its pass-1
/// findings, its pass-2 diagnostics and how many references it made.
struct FileContribution: Sendable {
    var start = DeclCounts()
    var end = DeclCounts()
    var modelStatements = 0
    var declIssues: [DeclIssue] = []
    var resolveDiagnostics: [Diagnostic] = []
    /// Diagnostics of the `model` block's settings (only in the file that holds it).
    var settingsDiagnostics: [Diagnostic] = []
    /// Where the first finding beyond `ModelBuilder.maxStoredDiagnostics` was dropped.
    var firstDropped: ByteRange? = nil
    var referenceCount = 0
}
