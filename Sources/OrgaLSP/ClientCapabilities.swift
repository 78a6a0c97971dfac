import OrgaSyntax
import OrgaSupport

/// What the client said it can do, reduced to what the server's answers depend on.
struct ClientInfo {
    var encoding: PositionEncoding = .utf16
    var hoverMarkdown = false
    var completionDocMarkdown = false
    var completionDocAllowed = true
    var completionKinds: Set<Int>? = nil
    var hierarchicalSymbols = false
    var symbolKinds: Set<Int>? = nil
    var prepareRename = false
    var documentChanges = false
    var codeActionLiterals = false
    var watchedFilesDynamic = false
    var diagnosticVersion = false
    var codeDescription = false
    var diagnosticTags = false
    var lineFoldingOnly = false
    var semanticTokensMultiline = false
    /// Shows `$/progress` of server-created tokens.
    var workDoneProgress = false
    var name = ""

    init() {}

    init(_ params: JSONValue) {
        let caps = params["capabilities"] ?? .null
        let offered = caps[path: "general", "positionEncodings"]?.arrayValue?.compactMap { $0.stringValue } ?? []
        encoding = PositionEncoding.negotiate(offered)
        let td = caps["textDocument"] ?? .null
        hoverMarkdown = td[path: "hover", "contentFormat"]?.arrayValue?.contains { $0.stringValue == "markdown" } ?? false
        let docFormats = td[path: "completion", "completionItem", "documentationFormat"]?.arrayValue?.compactMap { $0.stringValue }
        completionDocMarkdown = docFormats?.contains("markdown") ?? false
        completionDocAllowed = true   // a plain string is always allowed
        if let ks = td[path: "completion", "completionItemKind", "valueSet"]?.arrayValue {
            completionKinds = Set(ks.compactMap { $0.intValue })
        }
        hierarchicalSymbols = td[path: "documentSymbol", "hierarchicalDocumentSymbolSupport"].isTrue
        if let ks = td[path: "documentSymbol", "symbolKind", "valueSet"]?.arrayValue {
            symbolKinds = Set(ks.compactMap { $0.intValue })
        }
        prepareRename = td[path: "rename", "prepareSupport"].isTrue
        codeActionLiterals = td[path: "codeAction", "codeActionLiteralSupport"] != nil
        documentChanges = caps[path: "workspace", "workspaceEdit", "documentChanges"].isTrue
        watchedFilesDynamic = caps[path: "workspace", "didChangeWatchedFiles", "dynamicRegistration"].isTrue
        diagnosticVersion = td[path: "publishDiagnostics", "versionSupport"].isTrue
        codeDescription = td[path: "publishDiagnostics", "codeDescriptionSupport"].isTrue
        diagnosticTags = td[path: "publishDiagnostics", "tagSupport"] != nil
        lineFoldingOnly = td[path: "foldingRange", "lineFoldingOnly"].isTrue
        semanticTokensMultiline = td[path: "semanticTokens", "multilineTokenSupport"].isTrue
        workDoneProgress = caps[path: "window", "workDoneProgress"].isTrue
        name = params[path: "clientInfo", "name"]?.stringValue ?? ""
    }

    /// A completion item kind the client knows (the base set 1…18 always).
    func completionKind(_ k: Int) -> Int? {
        if k <= 18 { return k }
        return completionKinds?.contains(k) == true ? k : nil
    }

    /// A symbol kind the client knows (the base set 1…18 always), else `fallback`.
    func symbolKind(_ k: Int, fallback: Int = 13) -> Int {
        if k <= 18 { return k }
        return symbolKinds?.contains(k) == true ? k : fallback
    }
}

/// Server settings from `initializationOptions` (all optional).
struct ServerSettings {
    /// Publish diagnostics of files that are not open too (default: only open files).
    var workspaceDiagnostics = false
    /// A URL template for diagnostic codes, `{code}` replaced (sent as `codeDescription`).
    var explainURL: String? = nil
    /// Inlay hints on/off.
    var inlayHints = true

    init() {}

    init(_ options: JSONValue?) {
        guard let o = options else { return }
        let root = o["orga"] ?? o
        if case .bool(let b)? = root[path: "diagnostics", "workspace"] { workspaceDiagnostics = b }
        if let u = root[path: "diagnostics", "explainUrl"]?.stringValue, !u.isEmpty { explainURL = u }
        if case .bool(let b)? = root[path: "inlayHints", "enabled"] { inlayHints = b }
    }
}
