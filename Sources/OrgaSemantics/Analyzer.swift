import OrgaSyntax

/// Entry point of the semantic layer: parse files and check them as one model.
public enum Analyzer {
    /// Builds and checks a model from parsed files. Files are read in path order
    /// whatever order they come in (`model.trees` is in that order), and diagnostics
    /// are sorted and de-duplicated, so output is deterministic.
    public static func check(trees: [SyntaxTree]) -> Model {
        var builder = ModelBuilder(trees: canonicalOrder(trees))
        return finish(builder.build())
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

    public static func check(files: [SourceFile]) -> Model {
        check(trees: files.map { Parser.parse($0) })
    }

    /// The whole-model checks on a built model, and the diagnostics in their final order.
    static func finish(_ built: Model) -> Model {
        var checker = Checker(model: built)
        var model = checker.run()
        var seen = Set<Diagnostic>()
        model.diagnostics = model.diagnostics.filter { seen.insert($0).inserted }.sorted()
        return model
    }
}

/// Checks a model again and again as its files change, with the same result as
/// `Analyzer.check(trees:)` on the same trees, but without redoing the files that did
/// not change where that is exact.
///
/// It keeps the model as built by passes 1 and 2 (before the whole-model `Checker`)
/// and what each file contributed to it. A changed file that declares the same names
/// of the same kinds in the same order (and as many `model` blocks; if it holds the
/// model block, with the same `workdays`) is rebuilt alone: its declarations are put
/// back into the slots they had, its properties and references are read again, and
/// the other files' entries are kept, since their pass 2 reads only names, kinds and
/// indices of other files (and `workdays`). The `Checker` then runs on the whole
/// model. Anything else (files added, removed or renamed, declarations changed, many
/// files changed at once) is a full check.
public struct IncrementalAnalyzer: Sendable {
    private var built: Model?
    private var files: [FileContribution] = []
    private var last: Model?
    /// Whether the last `check` rebuilt only the changed files.
    public private(set) var lastWasIncremental = false
    /// At most this many changed files are rebuilt one by one; more is a full check.
    public var maxChangedFiles = 8

    public init() {}

    public mutating func check(trees unordered: [SyntaxTree]) -> Model {
        lastWasIncremental = false
        let trees = Analyzer.canonicalOrder(unordered)
        if let previous = built, let last, previous.trees.count == trees.count, !trees.isEmpty {
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
                // Same text: the same result (the trees may be other parses of it).
                var model = last
                model.trees = trees
                self.last = model
                built?.trees = trees
                lastWasIncremental = true
                return model
            }
            if samePaths && changed.count <= maxChangedFiles {
                self.built = nil   // let the builder own the arrays (no copies)
                self.last = nil
                var builder = ModelBuilder(built: previous, files: files)
                var ok = true
                for f in changed where !builder.replace(file: f, with: trees[f]) { ok = false; break }
                if ok {
                    // Unchanged files keep their stored trees; take the caller's.
                    builder.model.trees = trees
                    return store(builder, incremental: true)
                }
            }
        }
        var builder = ModelBuilder(trees: trees)
        _ = builder.build()
        return store(builder, incremental: false)
    }

    private mutating func store(_ builder: ModelBuilder, incremental: Bool) -> Model {
        built = builder.model
        files = builder.files
        let model = Analyzer.finish(builder.model)
        last = model
        lastWasIncremental = incremental
        return model
    }

    /// Forgets the stored model: the next check is a full one.
    public mutating func reset() {
        built = nil
        last = nil
        files = []
    }
}
