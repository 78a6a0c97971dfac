#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import OrgaSyntax
import OrgaIDE
import OrgaSupport

/// One message from the client, as queued for the worker.
enum Incoming {
    case request(id: RequestID, method: String, params: JSONValue)
    case notification(method: String, params: JSONValue)
    case endOfInput
    /// The background staffing computation of a model finished.
    case staffingDone(key: String, generation: Int)
    /// A model's analysis of `generation` has stood for `staffingQuiet`: start its staffing.
    case staffingDue(key: String, generation: Int)
    /// The background indexing of a workspace folder has news.
    case index(IndexEvent)

    var isDocumentUpdate: Bool {
        if case .notification(let m, _) = self {
            return m == "textDocument/didChange" || m == "textDocument/didOpen" || m == "textDocument/didClose"
                || m == "workspace/didChangeWatchedFiles" || m == "textDocument/didSave"
        }
        return false
    }
}

/// The language server. A reader thread frames and parses messages and answers
/// `$/cancelRequest` at once; one worker (the caller of `run`) handles everything
/// else in order. Document updates are cheap (text edits); analysis runs when a
/// request needs it or when the queue is empty, so a burst of edits is analysed
/// once, on its latest version, and results made stale by a newer edit are not
/// published.
public final class LanguageServer: @unchecked Sendable {
    let writer: MessageWriter

    // Guarded by `cond`.
    private let cond = NSCondition()
    private var queue: [Incoming] = []
    private var queueHead = 0
    private var running: RequestID? = nil
    private var runningCancelled = false

    // Worker state.
    var initialized = false
    var shutdownRequested = false
    var client = ClientInfo()
    var settings = ServerSettings()
    let workspace = IDEWorkspace()
    let documents: Documents
    /// Bounds of indexing a workspace folder.
    var indexLimits = IndexLimits()
    /// The running background indexing per workspace folder.
    var indexJobs: [String: IndexJob] = [:]
    var indexCount = 0
    /// Folders are indexed one after the other.
    let indexQueue = DispatchQueue(label: "orgc.lsp.index")
    /// Messages already shown (each once).
    var loggedNotices = Set<String>()
    /// Models whose diagnostics must be published after their next analysis.
    var pendingPublish = Set<String>()
    /// Paths that were opened, changed or saved since their last publication.
    var mustPublish = Set<String>()
    /// Last published diagnostics per URI (serialised), for change detection.
    var published: [String: String] = [:]
    private var outgoingID = 0
    /// Timing log for the benchmark (`ORGC_LSP_TIMINGS=1`).
    let timings: Bool

    public init(writer: MessageWriter) {
        self.writer = writer
        timings = ProcessInfo.processInfo.environment["ORGC_LSP_TIMINGS"] == "1"
        documents = Documents(workspace: workspace)
    }

    // MARK: Reader side

    /// Handles one framed message body (called by the reader thread).
    public func receive(_ body: [UInt8]) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(body)
        } catch {
            writer.send(Messages.error(id: .null, code: ErrorCode.parseError, message: "invalid JSON: \(error.description)"))
            return
        }
        guard case .object = json else {
            writer.send(Messages.error(id: .null, code: ErrorCode.invalidRequest, message: "a message must be a JSON object"))
            return
        }
        let method = json["method"]?.stringValue
        let params = json["params"] ?? .null
        let rawID = json["id"]
        if let method {
            if let rawID, rawID != .null {
                guard let id = RequestID(rawID) else {
                    writer.send(Messages.error(id: .null, code: ErrorCode.invalidRequest, message: "a request id must be an integer or a string"))
                    return
                }
                enqueue(.request(id: id, method: method, params: params))
            } else if method == "$/cancelRequest" {
                if let id = RequestID(params["id"]) { cancel(id) }
            } else {
                enqueue(.notification(method: method, params: params))
            }
        } else if rawID != nil && (json["result"] != nil || json["error"] != nil) {
            // A response to one of our requests (registration): nothing to do.
        } else {
            writer.send(Messages.error(id: rawID.flatMap { RequestID($0)?.json } ?? .null, code: ErrorCode.invalidRequest,
                                       message: "not a JSON-RPC request, notification or response"))
        }
    }

    public func receiveEndOfInput() { enqueue(.endOfInput) }

    func enqueueInternal(_ m: Incoming) { enqueue(m) }

    private func enqueue(_ m: Incoming) {
        cond.lock()
        queue.append(m)
        cond.signal()
        cond.unlock()
    }

    /// Cancels a request: a queued one is answered with -32800 at once, a running
    /// one when it finishes; an answered one is left alone.
    private func cancel(_ id: RequestID) {
        cond.lock()
        var found = false
        var i = queueHead
        while i < queue.count {
            if case .request(let rid, _, _) = queue[i], rid == id {
                queue.remove(at: i)
                found = true
                break
            }
            i += 1
        }
        if !found && running == id { runningCancelled = true }
        cond.unlock()
        if found { writer.send(Messages.error(id: id.json, code: ErrorCode.requestCancelled, message: "request cancelled")) }
    }

    /// Reads stdin on a thread of its own until end of input.
    public func startReader(fd: Int32 = 0) {
        let thread = Thread { [self] in
            var parser = FrameParser()
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, raw.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                chunk.withUnsafeBytes { raw in parser.append(UnsafeRawBufferPointer(rebasing: raw[0..<n])) }
                while let event = parser.next() {
                    switch event {
                    case .message(let body): receive(body)
                    case .error(let e): Log.info("framing: \(e)")
                    }
                }
            }
            receiveEndOfInput()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    // MARK: Worker side

    /// Processes messages until `exit` or end of input; returns the exit code.
    public func run() -> Int32 {
        while true {
            cond.lock()
            while queueHead >= queue.count && pendingPublish.isEmpty { cond.wait() }
            if queueHead >= queue.count {
                cond.unlock()
                publishPending()
                continue
            }
            let m = queue[queueHead]
            queueHead += 1
            if queueHead > 1024 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            if case .request(let id, _, _) = m {
                running = id
                runningCancelled = false
            }
            cond.unlock()
            switch m {
            case .endOfInput:
                return shutdownRequested ? 0 : 1
            case .staffingDone(let key, let generation):
                if let m = workspace.models[key] {
                    switch workspace.staffingFinished(m, generation: generation) {
                    case .restart where !pendingPublish.contains(key):
                        // Analysed again meanwhile: the latest generation, once edits pause
                        // (a pending model schedules its own after its next analysis).
                        scheduleStaffing(m)
                    case .publish:
                        // Findings that need the staffing (W711) came with it.
                        publish(m)
                    default: break
                    }
                }
            case .staffingDue(let key, let generation):
                // Not when the model changed since (that analysis scheduled its own) or an
                // update waits in the queue (its analysis will).
                if let m = workspace.models[key], m.generation == generation, !m.dirty,
                   !pendingPublish.contains(key), !updatePending() {
                    startStaffing(m)
                }
            case .index(let event):
                handleIndexEvent(event)
            case .notification(let method, let params):
                if method == "exit" { return shutdownRequested ? 0 : 1 }
                handleNotification(method, params)
            case .request(let id, let method, let params):
                let reply = handleRequest(id: id, method: method, params: params)
                cond.lock()
                let cancelled = runningCancelled
                running = nil
                cond.unlock()
                if cancelled {
                    writer.send(Messages.error(id: id.json, code: ErrorCode.requestCancelled, message: "request cancelled"))
                } else {
                    writer.send(reply)
                }
            }
        }
    }

    /// Whether a document update waits in the queue (results would be stale).
    func updatePending() -> Bool {
        cond.lock()
        defer { cond.unlock() }
        var i = queueHead
        while i < queue.count {
            if queue[i].isDocumentUpdate { return true }
            i += 1
        }
        return false
    }

    private func handleRequest(id: RequestID, method: String, params: JSONValue) -> JSONValue {
        if method == "initialize" {
            if initialized { return Messages.error(id: id.json, code: ErrorCode.invalidRequest, message: "initialize was already called") }
            initialized = true
            return Messages.response(id: id.json, result: initialize(params))
        }
        guard initialized else {
            return Messages.error(id: id.json, code: ErrorCode.serverNotInitialized, message: "the server is not initialized yet")
        }
        if shutdownRequested {
            return Messages.error(id: id.json, code: ErrorCode.invalidRequest, message: "the server is shutting down")
        }
        guard let handler = requestHandlers[method] else {
            return Messages.error(id: id.json, code: ErrorCode.methodNotFound, message: "method not found: \(method)")
        }
        do {
            return Messages.response(id: id.json, result: try handler(self, params))
        } catch {
            return Messages.error(id: id.json, code: error.code, message: error.message)
        }
    }

    private func handleNotification(_ method: String, _ params: JSONValue) {
        guard initialized, !shutdownRequested else { return }
        notificationHandlers[method]?(self, params)
    }

    typealias RequestHandler = (LanguageServer, JSONValue) throws(LSPError) -> JSONValue
    typealias NotificationHandler = (LanguageServer, JSONValue) -> Void

    private var requestHandlers: [String: RequestHandler] {
        [
            "shutdown": { s, _ in s.shutdownRequested = true; return .null },
            "textDocument/hover": { s, p throws(LSPError) in try s.hover(p) },
            "textDocument/definition": { s, p throws(LSPError) in try s.definition(p) },
            "textDocument/declaration": { s, p throws(LSPError) in try s.definition(p) },
            "textDocument/references": { s, p throws(LSPError) in try s.references(p) },
            "textDocument/documentHighlight": { s, p throws(LSPError) in try s.documentHighlight(p) },
            "textDocument/prepareRename": { s, p throws(LSPError) in try s.prepareRename(p) },
            "textDocument/rename": { s, p throws(LSPError) in try s.rename(p) },
            "textDocument/completion": { s, p throws(LSPError) in try s.completion(p) },
            "textDocument/documentSymbol": { s, p throws(LSPError) in try s.documentSymbols(p) },
            "workspace/symbol": { s, p throws(LSPError) in try s.workspaceSymbols(p) },
            "textDocument/semanticTokens/full": { s, p throws(LSPError) in try s.semanticTokens(p, range: nil) },
            "textDocument/semanticTokens/range": { s, p throws(LSPError) in try s.semanticTokens(p, range: LSPRange(json: p["range"])) },
            "textDocument/foldingRange": { s, p throws(LSPError) in try s.foldingRanges(p) },
            "textDocument/selectionRange": { s, p throws(LSPError) in try s.selectionRanges(p) },
            "textDocument/inlayHint": { s, p throws(LSPError) in try s.inlayHints(p) },
            "textDocument/codeAction": { s, p throws(LSPError) in try s.codeActions(p) },
            "textDocument/formatting": { s, p throws(LSPError) in try s.formatting(p) },
        ]
    }

    private var notificationHandlers: [String: NotificationHandler] {
        [
            "initialized": { s, _ in s.didInitialize() },
            "textDocument/didOpen": { s, p in s.didOpen(p) },
            "textDocument/didChange": { s, p in s.didChange(p) },
            "textDocument/didClose": { s, p in s.didClose(p) },
            "textDocument/didSave": { s, p in s.didSave(p) },
            "workspace/didChangeWatchedFiles": { s, p in s.didChangeWatchedFiles(p) },
            "workspace/didChangeWorkspaceFolders": { s, p in s.didChangeWorkspaceFolders(p) },
            "workspace/didChangeConfiguration": { s, p in s.didChangeConfiguration(p) },
        ]
    }

    // MARK: Outgoing

    func notify(_ method: String, _ params: JSONValue) {
        writer.send(Messages.notification(method, params))
    }

    func sendRequest(_ method: String, _ params: JSONValue) {
        outgoingID += 1
        writer.send(Messages.request(id: "orgc-\(outgoingID)", method, params))
    }

    // MARK: Lifecycle

    private func initialize(_ params: JSONValue) -> JSONValue {
        client = ClientInfo(params)
        settings = ServerSettings(params["initializationOptions"])
        var roots: [String] = []
        if let folders = params["workspaceFolders"]?.arrayValue {
            roots = folders.compactMap { $0["uri"]?.stringValue }.filter { $0.hasPrefix("file:") }.map { URIs.path(fromURI: $0) }
        }
        if roots.isEmpty, let u = params["rootUri"]?.stringValue, u.hasPrefix("file:") { roots = [URIs.path(fromURI: u)] }
        if roots.isEmpty, let p = params["rootPath"]?.stringValue, p.hasPrefix("/") { roots = [p] }
        // A root of "/" or the home directory would mean scanning everything: only real folders.
        roots = roots.filter { $0 != "/" }
        addFolders(roots)
        Log.info("initialized for \(client.name.isEmpty ? "a client" : client.name); folders: \(workspace.folders.joined(separator: ", ")); positions in \(client.encoding.rawValue)")

        var caps: [(String, JSONValue)] = [
            ("positionEncoding", .string(client.encoding.rawValue)),
            ("textDocumentSync", .object([
                ("openClose", .bool(true)),
                ("change", .int(2)),
                ("save", .object([("includeText", .bool(false))])),
            ])),
            ("hoverProvider", .bool(true)),
            ("completionProvider", .object([
                ("triggerCharacters", .array([.string("/"), .string(">")])),
                ("resolveProvider", .bool(false)),
            ])),
            ("definitionProvider", .bool(true)),
            ("declarationProvider", .bool(true)),
            ("referencesProvider", .bool(true)),
            ("documentHighlightProvider", .bool(true)),
            ("renameProvider", client.prepareRename ? .object([("prepareProvider", .bool(true))]) : .bool(true)),
            ("documentSymbolProvider", .bool(true)),
            ("workspaceSymbolProvider", .bool(true)),
            ("semanticTokensProvider", .object([
                ("legend", LanguageServer.semanticTokensLegend),
                ("full", .bool(true)),
                ("range", .bool(true)),
            ])),
            ("foldingRangeProvider", .bool(true)),
            ("selectionRangeProvider", .bool(true)),
            ("inlayHintProvider", .bool(true)),
            ("documentFormattingProvider", .bool(true)),
            ("workspace", .object([("workspaceFolders", .object([("supported", .bool(true)), ("changeNotifications", .bool(true))]))])),
        ]
        caps.append(("codeActionProvider", client.codeActionLiterals
            ? .object([("codeActionKinds", .array([.string("quickfix")]))]) : .bool(true)))
        return .object([
            ("capabilities", .object(caps)),
            ("serverInfo", .object([("name", .string("orgc")), ("version", .string(OrgaVersion.string))])),
        ])
    }


    private func didInitialize() {
        if client.watchedFilesDynamic {
            sendRequest("client/registerCapability", .object([("registrations", .array([.object([
                ("id", .string("orga-watched-files")),
                ("method", .string("workspace/didChangeWatchedFiles")),
                ("registerOptions", .object([("watchers", .array([.object([("globPattern", .string("**/*.orga"))])]))])),
            ])]))]))
        }
    }

    private func didChangeConfiguration(_ params: JSONValue) {
        if let s = params["settings"], s != .null {
            let old = settings
            settings = ServerSettings(s)
            if params[path: "settings", "orga", "diagnostics"] == nil && params[path: "settings", "diagnostics"] == nil {
                settings.workspaceDiagnostics = old.workspaceDiagnostics
                settings.explainURL = old.explainURL
            }
            for key in workspace.models.keys { pendingPublish.insert(key) }
        }
    }

    private func didChangeWorkspaceFolders(_ params: JSONValue) {
        let added = params[path: "event", "added"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
        let removed = params[path: "event", "removed"]?.arrayValue?.compactMap { $0["uri"]?.stringValue } ?? []
        for u in removed { removeFolder(URIs.path(fromURI: u)) }
        addFolders(added.filter { $0.hasPrefix("file:") }.map { URIs.path(fromURI: $0) })
        for (key, m) in workspace.models where wantsPublish(m) { pendingPublish.insert(key) }
    }

    // MARK: Text synchronisation

    private func didOpen(_ params: JSONValue) {
        guard let uri = params[path: "textDocument", "uri"]?.stringValue,
              let text = params[path: "textDocument", "text"]?.stringValue else { return }
        let m = documents.didOpen(uri: uri, version: params[path: "textDocument", "version"]?.intValue, text: text)
        mustPublish.insert(URIs.normalize(URIs.path(fromURI: uri)))
        pendingPublish.insert(m.key)
    }

    private func didChange(_ params: JSONValue) {
        guard let uri = params[path: "textDocument", "uri"]?.stringValue,
              let changes = params["contentChanges"]?.arrayValue else { return }
        guard let m = documents.didChange(uri: uri, version: params[path: "textDocument", "version"]?.intValue,
                                          changes: changes, converter: PositionConverter(client.encoding)) else { return }
        mustPublish.insert(URIs.normalize(URIs.path(fromURI: uri)))
        pendingPublish.insert(m.key)
    }

    private func didClose(_ params: JSONValue) {
        guard let uri = params[path: "textDocument", "uri"]?.stringValue else { return }
        let path = URIs.normalize(URIs.path(fromURI: uri))
        let m = documents.didClose(uri: uri)
        if !settings.workspaceDiagnostics || m == nil || workspace.models[m!.key] == nil {
            let u = documents.uri(path)
            if published[u] != nil {
                published[u] = nil
                notify("textDocument/publishDiagnostics", .object([("uri", .string(u)), ("diagnostics", .array([]))]))
            }
        }
        if let m, workspace.models[m.key] != nil { pendingPublish.insert(m.key) }
    }

    private func didSave(_ params: JSONValue) {
        guard let uri = params[path: "textDocument", "uri"]?.stringValue else { return }
        let path = URIs.normalize(URIs.path(fromURI: uri))
        if let m = workspace.didSave(path: path) {
            mustPublish.insert(path)
            pendingPublish.insert(m.key)
        }
    }

    private func didChangeWatchedFiles(_ params: JSONValue) {
        for change in params["changes"]?.arrayValue ?? [] {
            guard let uri = change["uri"]?.stringValue, let type = change["type"]?.intValue else { continue }
            if let m = workspace.diskChanged(path: Documents.path(uri), deleted: type == 3) { pendingPublish.insert(m.key) }
        }
    }

    // MARK: Analysis and diagnostics

    /// Analyses and publishes every model with pending changes, unless a newer
    /// document update arrives meanwhile (then its results are dropped: the update
    /// will be analysed next).
    private func publishPending() {
        for key in pendingPublish.sorted() {
            if updatePending() { return }
            guard let m = workspace.models[key] else { pendingPublish.remove(key); continue }
            let t0 = DispatchTime.now().uptimeNanoseconds
            workspace.analyse(m)
            let t1 = DispatchTime.now().uptimeNanoseconds
            if updatePending() { return }
            publish(m)
            scheduleStaffing(m)
            pendingPublish.remove(key)
            if timings {
                Log.info("timing analyse \(Double(t1 - t0) / 1e6) ms (parse \(workspace.lastTimings.parse), check \(workspace.lastTimings.check)\(workspace.lastTimings.incremental ? " incremental" : "")), publish \(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6) ms")
            }
        }
    }

    /// How long an analysis must stand before its staffing starts in the background.
    /// While edits come faster, the staffing engine (≈ 60 ms CPU on the 100k-line model)
    /// waits: running it meanwhile kept the previous generation's model alive, so that
    /// the next incremental build copied the model's arrays instead of writing them in
    /// place (8.5 MB of positions per edit, heaptrack) and two generations were resident
    /// (RSS 162 MB over 2,000 edits; see Benchmarks/README.md, "LSP"), and it took the
    /// second core from the next edit's check. A request that needs the figures (hover,
    /// inlay hints) computes them at once.
    static let staffingQuiet = DispatchTimeInterval.milliseconds(150)

    /// Starts the staffing of a model's current analysis once it has stood for
    /// `staffingQuiet` without a newer one.
    func scheduleStaffing(_ m: ModelState) {
        guard !m.hasStaffing else { return }
        let key = m.key, generation = m.generation
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.staffingQuiet) { [self] in
            enqueueInternal(.staffingDue(key: key, generation: generation))
        }
    }

    /// Starts the staffing computation of a model in the background; the worker is
    /// told when it is done (and republishes if needed).
    func startStaffing(_ m: ModelState) {
        workspace.startStaffing(m) { [self] key, generation in enqueueInternal(.staffingDone(key: key, generation: generation)) }
    }

    /// Analyses a model now if it changed (before answering a request about it).
    func ensureAnalysed(_ m: ModelState) {
        if m.dirty || m.model == nil {
            workspace.analyse(m)
            pendingPublish.insert(m.key)
        }
    }

    private func publish(_ m: ModelState) {
        guard m.model != nil else { return }
        let byPath = workspace.diagnostics(m)
        var targets = Set<String>()
        for p in m.paths where documents.open[p] != nil || settings.workspaceDiagnostics { targets.insert(p) }
        // Clear what was published for files of this model that are no longer targets.
        let modelURIs = Set(m.paths.map { documents.uri($0) })
        for p in m.paths.sorted() where targets.contains(p) {
            guard let f = m.fileIndex[p], let file = m.sources.file(f) else { continue }
            let list = (byPath[p] ?? []).map { diagnosticJSON($0, file: file) }
            let u = documents.uri(p)
            let serialized = JSONValue.array(list).serialized()
            if published[u] == serialized && !mustPublish.contains(p) { continue }
            if list.isEmpty && published[u] == nil && !mustPublish.contains(p) { continue }
            published[u] = serialized
            var params: [(String, JSONValue)] = [("uri", .string(u))]
            if client.diagnosticVersion, let v = documents.open[p]?.version { params.append(("version", .int(v))) }
            params.append(("diagnostics", .array(list)))
            notify("textDocument/publishDiagnostics", .object(params))
            mustPublish.remove(p)
        }
        for (u, _) in published where !targets.contains(URIs.normalize(URIs.path(fromURI: u))) {
            let p = URIs.normalize(URIs.path(fromURI: u))
            if modelURIs.contains(u) || workspace.existingModel(for: p) == nil || workspace.existingModel(for: p) === m {
                published[u] = nil
                notify("textDocument/publishDiagnostics", .object([("uri", .string(u)), ("diagnostics", .array([]))]))
            }
        }
    }

    func diagnosticJSON(_ d: Diagnostic, file: SourceFile) -> JSONValue {
        let conv = PositionConverter(client.encoding)
        var members: [(String, JSONValue)] = [
            ("range", conv.range(d.range, in: file).json),
            ("severity", .int(d.severity == .error ? 1 : d.severity == .warning ? 2 : 3)),
            ("code", .string(d.code.rawValue)),
        ]
        if client.codeDescription, let t = settings.explainURL {
            members.append(("codeDescription", .object([("href", .string(t.replacingOccurrences(of: "{code}", with: d.code.rawValue)))])))
        }
        members.append(("source", .string("orgc")))
        members.append(("message", .string(d.message)))
        if client.diagnosticTags && d.code == .unreachableNode { members.append(("tags", .array([.int(1)]))) }
        return .object(members)
    }
}
