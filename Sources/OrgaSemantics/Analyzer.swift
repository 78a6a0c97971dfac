import OrgaSyntax

/// Entry point of the semantic layer: parse files and check them as one model.
public enum Analyzer {
    /// Builds and checks a model from parsed files. Diagnostics are sorted and
    /// de-duplicated, so output is deterministic.
    public static func check(trees: [SyntaxTree]) -> Model {
        var builder = ModelBuilder(trees: trees)
        var checker = Checker(model: builder.build())
        var model = checker.run()
        var seen = Set<Diagnostic>()
        model.diagnostics = model.diagnostics.filter { seen.insert($0).inserted }.sorted()
        return model
    }

    public static func check(files: [SourceFile]) -> Model {
        check(trees: files.map { Parser.parse($0) })
    }
}
