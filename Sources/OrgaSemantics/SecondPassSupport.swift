import OrgaSyntax

/// What the readers that run on the built model share (`WhatIfReader`,
/// `PortfolioReader`): finding the statement that declares a symbol, and keeping their
/// findings under the model builder's per-file cap.
extension SourceMap {
    /// The tree, file index and statement that declare `symbol`, if still in range.
    func declaringStatement(_ symbol: SymbolID, in trees: [SyntaxTree]) -> (SyntaxTree, Int, Int32)? {
        guard let d = declaration(symbol), d.file >= 0, d.file < trees.count else { return nil }
        let tree = trees[d.file]
        guard d.statement >= 0, Int(d.statement) < tree.statements.count else { return nil }
        return (tree, d.file, d.statement)
    }
}

/// Findings of a reader, at most `ModelBuilder.maxStoredDiagnostics` per file (a
/// generated or garbled file cannot flood the model with them).
struct CappedFindings {
    private(set) var diagnostics: [Diagnostic] = []
    private var storedPerFile: [Int: Int] = [:]

    mutating func report(_ code: DiagnosticCode, _ l: Location, _ message: String, fixes: [Fix] = [], sources: SourceMap) {
        let n = storedPerFile[l.file, default: 0]
        guard n < ModelBuilder.maxStoredDiagnostics else { return }
        storedPerFile[l.file] = n + 1
        diagnostics.append(Diagnostic(code, path: sources.path(l), range: l.range, message, fixes: fixes))
    }
}
