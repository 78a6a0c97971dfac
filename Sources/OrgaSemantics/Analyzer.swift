import OrgaSyntax

/// A checked model and where it was written.
@dynamicMemberLookup
public struct CheckedModel: Sendable {
    public var model: Model
    public var sources: SourceMap

    public init(model: Model, sources: SourceMap) {
        self.model = model
        self.sources = sources
    }

    /// The model's fields, read through (`checked.diagnostics`, `checked.processes`).
    public subscript<T>(dynamicMember keyPath: KeyPath<Model, T>) -> T { model[keyPath: keyPath] }
}

/// Entry point of the semantic layer: parse files and check them as one model.
public enum Analyzer {
    /// Builds and checks a model from parsed files. Files are read in path order
    /// whatever order they come in (`sources.files` is in that order), and diagnostics
    /// are sorted and de-duplicated, so output is deterministic.
    public static func check(trees: [SyntaxTree]) -> CheckedModel {
        var builder = ModelBuilder(trees: canonicalOrder(trees))
        builder.build()
        // Taken out of the builder, so that the checks below own its arrays: a write to
        // an array the builder still shared copied it whole.
        return CheckedModel(model: finish(builder.takeModel(), builder.sources, trees: builder.trees), sources: builder.sources)
    }

    /// The trees sorted by path (stable; as `ModelLoader` lists them), so that no
    /// result depends on the order a caller read the files in: which of two
    /// declarations of a name is the first, and the order of entities in reports.
    public static func canonicalOrder(_ trees: [SyntaxTree]) -> [SyntaxTree] {
        if zip(trees, trees.dropFirst()).allSatisfy({ $0.path <= $1.path }) { return trees }
        return trees.indices.sorted { a, b in
            trees[a].path != trees[b].path ? trees[a].path < trees[b].path : a < b
        }.map { trees[$0] }
    }

    public static func check(files: [SourceFile]) -> CheckedModel {
        check(trees: Parser.parseAll(files))
    }

    /// The flow graphs and whole-model checks on a built model, and the diagnostics in
    /// their final order.
    /// `knownFlows`: flow graphs of processes that did not change since an earlier check.
    ///
    /// Each stage is dropped before the next one runs (the `do` blocks): a stage still
    /// holding the model it returned shared its arrays with the next one, whose first
    /// write then copied them whole (all units of a 5 MB line of `unit U<i>;`: 29 MB,
    /// heaptrack 2026-12-01).
    static func finish(_ built: consuming Model, _ sources: SourceMap, trees: [SyntaxTree], knownFlows: [FlowGraph?] = []) -> Model {
        var model = consume built
        do {
            var stage = WhatIfReader(model: model, sources: sources, trees: trees)
            model = Model()
            model = stage.run()
        }
        do {
            var stage = PortfolioReader(model: model, sources: sources, trees: trees)
            model = Model()
            model = stage.run()
        }
        do {
            var stage = Checker(model: model, sources: sources, trees: trees, knownFlows: knownFlows)
            model = Model()
            model = stage.run()
        }
        do {
            var stage = WhatIfChecker(model: model, sources: sources)
            model = Model()
            model = stage.run()
        }
        var seen = Set<Diagnostic>()
        model.diagnostics = model.diagnostics.filter { seen.insert($0).inserted }.sorted()
        return model
    }
}

/// Checks a model again and again as its files change, with the same result as
/// `Analyzer.check(trees:)` on the same trees, but without redoing the files that did
/// not change where that is exact.
///
/// It keeps the model builder as it was after passes 1 and 2 (before the whole-model
/// `Checker`), which knows what each file contributed and each file's `FileSummary`.
/// A changed file whose summary keeps its `interface` (the same declarations in the
/// same order, as many `model` blocks, the same `workdays`) is rebuilt alone: other
/// files read nothing else of it. One changed file whose declarations were renamed,
/// added or removed is rebuilt with the files whose resolution can change
/// (`ModelBuilder.replaceRenaming`, `replaceRedeclaring`), where that is exact. Any
/// other change (files added, removed or renamed, `workdays` changed, a name another
/// file declares too, many files changed at once) is a full check. The `Checker` then
/// runs on the whole model, with the flow graphs of the processes left alone kept.
public struct IncrementalAnalyzer: Sendable {
    private var builder: ModelBuilder?
    private var last: CheckedModel?
    /// Whether the last `check` rebuilt only the changed files.
    public private(set) var lastWasIncremental = false
    /// At most this many changed files are rebuilt one by one; more is a full check.
    public var maxChangedFiles = 8
    /// At most this many other files are rebuilt after declarations changed; more is a full check.
    public var maxOtherFiles = 16

    public init() {}

    public mutating func check(trees unordered: [SyntaxTree]) -> CheckedModel {
        lastWasIncremental = false
        let trees = Analyzer.canonicalOrder(unordered)
        if var previous = builder, let last, previous.trees.count == trees.count, !trees.isEmpty {
            var changed: [Int] = []
            var samePaths = true
            for i in trees.indices {
                let a = previous.trees[i], b = trees[i]
                if a.path != b.path { samePaths = false; break }
                if a.bytes != b.bytes {
                    changed.append(i)
                    if changed.count > maxChangedFiles { break }
                }
            }
            if samePaths && changed.isEmpty {
                // Same text: the same result.
                lastWasIncremental = true
                return last
            }
            if samePaths && changed.count <= maxChangedFiles {
                // The flow graphs of the processes of the files that stay as they were.
                var flows: [FlowGraph?] = last.model.flows
                if flows.count != previous.model.processes.count { flows = [] }
                self.builder = nil   // let `previous` own the arrays (no copies)
                self.last = nil
                var ok = true
                var rebuilt = changed
                for f in changed where !previous.replace(file: f, with: trees[f]) {
                    // One file whose declarations changed: it and the files that refer to them.
                    if changed.count == 1, let others = previous.replaceRenaming(file: f, with: trees[f], maxOtherFiles: maxOtherFiles) {
                        rebuilt += others
                    } else if changed.count == 1,
                              let r = previous.replaceRedeclaring(file: f, with: trees[f], maxOtherFiles: maxOtherFiles) {
                        rebuilt += r.others
                        if !flows.isEmpty && r.oldProcesses.upperBound <= flows.count {
                            flows.replaceSubrange(r.oldProcesses, with: repeatElement(nil, count: r.newProcessCount))
                        } else {
                            flows = []
                        }
                    } else {
                        ok = false
                    }
                    break
                }
                for f in rebuilt {
                    for p in previous.processSlots(file: f) where p < flows.count { flows[p] = nil }
                }
                if ok { return store(previous, incremental: true, knownFlows: flows) }
            }
        }
        var full = ModelBuilder(trees: trees)
        full.recordsSummaries = true
        full.build()
        return store(full, incremental: false)
    }

    private mutating func store(_ builder: ModelBuilder, incremental: Bool, knownFlows: [FlowGraph?] = []) -> CheckedModel {
        self.builder = builder
        let checked = CheckedModel(model: Analyzer.finish(builder.model, builder.sources, trees: builder.trees, knownFlows: knownFlows),
                                   sources: builder.sources)
        last = checked
        lastWasIncremental = incremental
        return checked
    }

    /// Forgets the stored model: the next check is a full one.
    public mutating func reset() {
        builder = nil
        last = nil
    }
}
