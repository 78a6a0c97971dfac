import XCTest
import Foundation
import OrgaSyntax
import OrgaTestSupport
@testable import OrgaLSP
import OrgaSupport

/// Drives a `LanguageServer` in memory: messages in through `receive`, out through a
/// collecting writer; the worker runs on a thread of its own.
final class Harness: @unchecked Sendable {
    let server: LanguageServer
    private let lock = NSCondition()
    private var messages: [JSONValue] = []
    private var nextID = 0
    private var exitCode: Int32? = nil
    private var started = false

    init() {
        var box: Harness? = nil
        let writer = MessageWriter { bytes in
            guard let h = box else { return true }
            // Strip the header.
            if let r = bytes.firstRange(of: Array("\r\n\r\n".utf8)), let v = try? JSONParser.parse(Array(bytes[r.upperBound...])) {
                h.lock.lock(); h.messages.append(v); h.lock.broadcast(); h.lock.unlock()
            }
            return true
        }
        server = LanguageServer(writer: writer)
        box = self
    }

    func start() {
        guard !started else { return }
        started = true
        let t = Thread { [self] in
            let code = server.run()
            lock.lock(); exitCode = code; lock.broadcast(); lock.unlock()
        }
        t.start()
    }

    func send(_ v: JSONValue) { server.receive(Array(v.serialized().utf8)) }

    func notify(_ method: String, _ params: JSONValue) {
        send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }

    @discardableResult
    func sendRequest(_ method: String, _ params: JSONValue) -> Int {
        nextID += 1
        send(.object([("jsonrpc", .string("2.0")), ("id", .int(nextID)), ("method", .string(method)), ("params", params)]))
        return nextID
    }

    func wait(timeout: Double = 20, _ pred: (JSONValue) -> Bool) -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let i = messages.firstIndex(where: pred) { return messages.remove(at: i) }
            if !lock.wait(until: deadline) { return nil }
        }
    }

    /// Drops the notifications and requests from the server received so far.
    func discardNotifications() {
        lock.lock()
        messages.removeAll { $0["method"] != nil }
        lock.unlock()
    }

    func response(_ id: Int) -> JSONValue? { wait { $0["id"] == .int(id) && $0["method"] == nil } }

    func request(_ method: String, _ params: JSONValue) -> JSONValue? {
        start()
        return response(sendRequest(method, params))
    }

    func diagnostics(_ uri: String) -> [JSONValue]? {
        wait { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0[path: "params", "uri"]?.stringValue == uri }?[path: "params", "diagnostics"]?.arrayValue
    }

    func waitExit(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while exitCode == nil { if !lock.wait(until: deadline) { break } }
        return exitCode
    }

    func initialize(root: String?, capabilities: JSONValue = .object([])) -> JSONValue? {
        var params: [(String, JSONValue)] = [("processId", .null), ("capabilities", capabilities)]
        if let r = root { params.append(("rootUri", .string(URIs.uri(fromPath: r)))) }
        let r = request("initialize", .object(params))
        notify("initialized", .object([]))
        return r
    }
}

func pos(_ line: Int, _ character: Int) -> JSONValue { LSPPosition(line: line, character: character).json }

final class ServerTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try makeTemporaryDirectory().path }

    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return URIs.uri(fromPath: path)
    }

    let orgText = Fixtures.languageServerOrganisation

    let procText = Fixtures.languageServerProcess

    func openDoc(_ h: Harness, _ uri: String, _ text: String, version: Int = 1) {
        h.notify("textDocument/didOpen", .object([("textDocument", .object([
            ("uri", .string(uri)), ("languageId", .string("orga")), ("version", .int(version)), ("text", .string(text))]))]))
    }

    func testLifecycleAndErrors() {
        let h = Harness()
        let early = h.request("textDocument/hover", .object([]))
        XCTAssertEqual(early?[path: "error", "code"], .int(-32002))
        let r = h.initialize(root: nil)
        XCTAssertEqual(r?[path: "result", "capabilities", "positionEncoding"], .string("utf-16"))
        XCTAssertEqual(h.request("no/such", .object([]))?[path: "error", "code"], .int(-32601))
        h.server.receive(Array("{not json".utf8))
        XCTAssertEqual(h.wait { $0[path: "error", "code"] == .int(-32700) }?["id"], .null)
        h.server.receive(Array("[1,2]".utf8))
        XCTAssertNotNil(h.wait { $0[path: "error", "code"] == .int(-32600) })
        // Still serving after garbage.
        XCTAssertEqual(h.request("shutdown", .null)?["result"], .null)
        XCTAssertEqual(h.request("textDocument/hover", .object([]))?[path: "error", "code"], .int(-32600))
        h.notify("exit", .null)
        XCTAssertEqual(h.waitExit(), 0)
    }

    func testExitWithoutShutdownIsOne() {
        let h = Harness()
        _ = h.initialize(root: nil)
        h.notify("exit", .null)
        XCTAssertEqual(h.waitExit(), 1)
        let h2 = Harness()
        h2.server.receiveEndOfInput()
        h2.start()
        XCTAssertEqual(h2.waitExit(), 1)
    }

    func testCancelQueuedRequest() {
        let h = Harness()
        // Not started yet: requests wait in the queue, so the cancel finds them there.
        let init1 = h.sendRequest("initialize", .object([("capabilities", .object([]))]))
        let id = h.sendRequest("workspace/symbol", .object([("query", .string(""))]))
        h.notify("$/cancelRequest", .object([("id", .int(id))]))
        XCTAssertEqual(h.response(id)?[path: "error", "code"], .int(-32800))
        h.start()
        XCTAssertNotNil(h.response(init1)?["result"])
        // Cancelling an answered request does nothing harmful.
        h.notify("$/cancelRequest", .object([("id", .int(init1))]))
        XCTAssertNotNil(h.request("workspace/symbol", .object([("query", .string(""))]))?["result"])
    }

    func testDiagnosticsAcrossFilesAndUTF16Columns() {
        let orgURI = write("org.orga", orgText)
        let procURI = write("proc.orga", procText)
        let h = Harness()
        _ = h.initialize(root: dir)
        openDoc(h, procURI, procText)
        XCTAssertEqual(h.diagnostics(procURI)?.count, 0)
        // Break the position's name in the other file: the process file gets an error.
        openDoc(h, orgURI, orgText)
        XCTAssertEqual(h.diagnostics(orgURI)?.count, 1)   // W509: SB has no grade
        h.notify("textDocument/didChange", .object([
            ("textDocument", .object([("uri", .string(orgURI)), ("version", .int(2))])),
            ("contentChanges", .array([.object([("range", LSPRange(start: .init(line: 3, character: 12), end: .init(line: 3, character: 13)).json),
                                                ("text", .string("X"))])])),   // SB → XB
        ]))
        var procDiags: [JSONValue]? = nil
        for _ in 0..<5 {
            procDiags = h.diagnostics(procURI)
            if procDiags?.isEmpty == false { break }
        }
        let unknown = procDiags?.filter { $0["code"] == .string("E301") } ?? []
        XCTAssertEqual(unknown.count, 2, "\(String(describing: procDiags))")
        // `by SB` on line 3 after "Prüfen 😀" { : UTF-16 column of SB.
        let line3 = procText.split(separator: "\n", omittingEmptySubsequences: false)[3]
        let prefix = line3[..<line3.range(of: "by SB")!.lowerBound]
        XCTAssertEqual(unknown.first?[path: "range", "start"], pos(3, prefix.utf16.count + 3))
        // Closing clears.
        h.notify("textDocument/didClose", .object([("textDocument", .object([("uri", .string(procURI))]))]))
        XCTAssertEqual(h.diagnostics(procURI)?.count, 0)
    }

    /// W711 (a target's shortfall) needs the staffing figures: the server publishes it
    /// when the background staffing of the analysis is done, in a second publication.
    func testTargetShortfallIsPublishedOnceStaffingIsDone() {
        // P: planned 2 fte, need 1,600 × 60 min ÷ 1,600 h = 1 fte → potential 1 fte; the
        // target asks 3 fte: shortfall 2 fte.
        let text = """
            model M { year 2024; worktime 1600 h }
            grade E9 { cost 60_000 EUR }
            unit A1 { position P { grade E9; planned 2 fte } }
            process X { owner A1; volume 1_600 /year; step S { by P; time 60 min } }
            target T { save 3 fte; across A1 }
            """
        let uri = write("t.orga", text)
        let h = Harness()
        _ = h.initialize(root: dir)
        openDoc(h, uri, text)
        var codes: [String] = []
        for _ in 0..<5 {
            codes = (h.diagnostics(uri) ?? []).compactMap { $0["code"]?.stringValue }
            if codes.contains("W711") { break }
        }
        XCTAssertEqual(codes, ["W711"])
    }

    /// The staffing starts once edits pause (`LanguageServer.staffingQuiet`): after a
    /// burst of edits, W711 comes once, for the last text, and never for a text that
    /// was already replaced.
    func testStaffingFindingsFollowTheLastEditOfABurst() {
        // As above: potential 1 fte. The target asks 3, then 4, 5, 6 fte: the last
        // shortfall is 6 − 1 = 5 fte; the earlier ones (2, 3, 4 fte) must not appear.
        let text = { (save: Int) in """
            model M { year 2024; worktime 1600 h }
            grade E9 { cost 60_000 EUR }
            unit A1 { position P { grade E9; planned 2 fte } }
            process X { owner A1; volume 1_600 /year; step S { by P; time 60 min } }
            target T { save \(save) fte; across A1 }
            """ }
        let uri = write("t.orga", text(3))
        let h = Harness()
        _ = h.initialize(root: dir)
        openDoc(h, uri, text(3))
        for (version, save) in [(2, 4), (3, 5), (4, 6)] {
            h.notify("textDocument/didChange", .object([
                ("textDocument", .object([("uri", .string(uri)), ("version", .int(version))])),
                ("contentChanges", .array([.object([("text", .string(text(save)))])])),
            ]))
        }
        var shortfalls: [String] = []
        for _ in 0..<8 {
            guard let list = h.diagnostics(uri) else { break }
            shortfalls += list.filter { $0["code"]?.stringValue == "W711" }.compactMap { $0["message"]?.stringValue }
            if !shortfalls.isEmpty { break }
        }
        XCTAssertEqual(shortfalls.count, 1)
        XCTAssertTrue(shortfalls.first?.contains("; 5 fte of the saving") ?? false, "\(shortfalls)")
        // Nothing follows: the staffing of the replaced texts never published.
        XCTAssertNil(h.wait(timeout: 0.5) { $0["method"]?.stringValue == "textDocument/publishDiagnostics" })
    }

    func testWatchedFilesKeepClosedFilesCurrent() {
        let procURI = write("proc.orga", procText)
        let h = Harness()
        _ = h.initialize(root: dir)
        openDoc(h, procURI, procText)
        // No organisation file yet: `owner Amt` and `by SB` are unknown.
        let before = h.diagnostics(procURI) ?? []
        XCTAssertTrue(before.contains { $0["code"] == .string("E301") }, "\(before)")
        // The file appears on disk: the references resolve.
        let orgURI = write("org.orga", orgText)
        h.notify("workspace/didChangeWatchedFiles", .object([("changes", .array([.object([("uri", .string(orgURI)), ("type", .int(1))])]))]))
        XCTAssertEqual(h.diagnostics(procURI)?.count, 0)
        // It changes on disk: SB is gone again.
        _ = write("org.orga", orgText.replacingOccurrences(of: "position SB", with: "position SC"))
        h.notify("workspace/didChangeWatchedFiles", .object([("changes", .array([.object([("uri", .string(orgURI)), ("type", .int(2))])]))]))
        XCTAssertEqual(h.diagnostics(procURI)?.filter { $0["code"] == .string("E301") }.count, 2)
        // Deleted: everything is unknown again.
        try? FileManager.default.removeItem(atPath: dir + "/org.orga")
        h.notify("workspace/didChangeWatchedFiles", .object([("changes", .array([.object([("uri", .string(orgURI)), ("type", .int(3))])]))]))
        XCTAssertEqual(h.diagnostics(procURI)?.filter { $0["code"] == .string("E301") }.count, 3)
    }

    func testHoverDefinitionReferencesRename() {
        let orgURI = write("org.orga", orgText)
        let procURI = write("proc.orga", procText)
        let h = Harness()
        _ = h.initialize(root: dir, capabilities: .object([
            ("textDocument", .object([("hover", .object([("contentFormat", .array([.string("markdown")]))])),
                                      ("rename", .object([("prepareSupport", .bool(true))]))])),
        ]))
        openDoc(h, procURI, procText)
        let td = JSONValue.object([("uri", .string(procURI))])
        let line3 = procText.split(separator: "\n", omittingEmptySubsequences: false)[3]
        let col = line3[..<line3.range(of: "by SB")!.lowerBound].utf16.count + 4
        let hover = h.request("textDocument/hover", .object([("textDocument", td), ("position", pos(3, col))]))
        let text = hover?[path: "result", "contents", "value"]?.stringValue ?? ""
        XCTAssertTrue(text.contains("position") && text.contains("Die Sachbearbeitung.") && text.contains("need"), text)
        // Need: 1590 cases × (1 + 0.5) visits × 1 h ÷ 1590 h = 1.5 fte.
        XCTAssertTrue(text.contains("need **1.5 fte**"), text)
        let def = h.request("textDocument/definition", .object([("textDocument", td), ("position", pos(3, col))]))
        XCTAssertEqual(def?[path: "result"]?.arrayValue?.first?["uri"], .string(orgURI))
        XCTAssertEqual(def?[path: "result"]?.arrayValue?.first?[path: "range", "start"], pos(3, 11))
        let refs = h.request("textDocument/references", .object([("textDocument", td), ("position", pos(3, col)),
                                                                  ("context", .object([("includeDeclaration", .bool(true))]))]))
        XCTAssertEqual(refs?["result"]?.arrayValue?.count, 3)
        let prep = h.request("textDocument/prepareRename", .object([("textDocument", td), ("position", pos(3, col))]))
        XCTAssertEqual(prep?[path: "result", "placeholder"], .string("SB"))
        let bad = h.request("textDocument/rename", .object([("textDocument", td), ("position", pos(3, col)), ("newName", .string("Amt"))]))
        XCTAssertTrue(bad?[path: "error", "message"]?.stringValue?.contains("already declared") ?? false)
        let bad2 = h.request("textDocument/rename", .object([("textDocument", td), ("position", pos(3, col)), ("newName", .string("9x"))]))
        XCTAssertNotNil(bad2?["error"])
        let ok = h.request("textDocument/rename", .object([("textDocument", td), ("position", pos(3, col)), ("newName", .string("SB_neu"))]))
        let changes = ok?[path: "result", "changes"]?.objectMembers ?? []
        XCTAssertEqual(Set(changes.map(\.0)), [orgURI, procURI])
        XCTAssertEqual(changes.first { $0.0 == procURI }?.1.arrayValue?.count, 2)
    }

    func testCompletion() {
        _ = write("org.orga", orgText)
        let procURI = write("proc.orga", procText)
        let h = Harness()
        _ = h.initialize(root: dir)
        let text = procText.replacingOccurrences(of: "  step A2 { by SB; time 60 min }", with: "  step A2 { by S; time 60 \n    next \n  }")
        openDoc(h, procURI, text)
        let td = JSONValue.object([("uri", .string(procURI))])
        func labels(_ line: Int, _ ch: Int) -> [String] {
            h.request("textDocument/completion", .object([("textDocument", td), ("position", pos(line, ch))]))?[path: "result", "items"]?
                .arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let l5 = lines[5]
        XCTAssertEqual(labels(5, l5[..<l5.range(of: "by S")!.upperBound].utf16.count), ["SB"])
        XCTAssertEqual(labels(5, l5[..<l5.range(of: "60 ")!.upperBound].utf16.count), ["min", "h"])
        XCTAssertEqual(Set(labels(6, 9)), ["A", "D", "A2", "end"])
        let inProcess = labels(1, 2)
        XCTAssertTrue(inProcess.contains("step") && inProcess.contains("owner") && !inProcess.contains("time"), "\(inProcess)")
    }

    func testSymbolsTokensFoldingSelectionHintsActions() {
        let procURI = write("proc.orga", procText)
        _ = write("org.orga", orgText.replacingOccurrences(of: "model M { worktime 1590 h }\n", with: ""))
        let h = Harness()
        _ = h.initialize(root: dir, capabilities: .object([("textDocument", .object([
            ("documentSymbol", .object([("hierarchicalDocumentSymbolSupport", .bool(true))])),
            ("codeAction", .object([("codeActionLiteralSupport", .object([]))])),
        ]))]))
        openDoc(h, procURI, procText)
        let td = JSONValue.object([("uri", .string(procURI))])
        let syms = h.request("textDocument/documentSymbol", .object([("textDocument", td)]))?["result"]?.arrayValue ?? []
        XCTAssertEqual(syms.first?["name"], .string("P"))
        XCTAssertEqual(syms.first?["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["A", "D", "A2"])
        let tokens = h.request("textDocument/semanticTokens/full", .object([("textDocument", td)]))?[path: "result", "data"]?.arrayValue ?? []
        XCTAssertEqual(tokens.count % 5, 0)
        XCTAssertGreaterThan(tokens.count, 50)
        let folds = h.request("textDocument/foldingRange", .object([("textDocument", td)]))?["result"]?.arrayValue ?? []
        XCTAssertTrue(folds.contains { $0["startLine"] == .int(0) && $0["endLine"] == .int(5) })
        let sel = h.request("textDocument/selectionRange", .object([("textDocument", td), ("positions", .array([pos(3, 30)]))]))
        XCTAssertNotNil(sel?[path: "result"]?.arrayValue?.first?["parent"])
        let ws = h.request("workspace/symbol", .object([("query", .string("a2"))]))?["result"]?.arrayValue ?? []
        XCTAssertEqual(ws.first?["name"], .string("A2"))
        // No worktime: E503 on the position, with the quick fix that inserts `worktime 1590 h`.
        let orgURI = URIs.uri(fromPath: dir + "/org.orga")
        let orgNoModel = orgText.replacingOccurrences(of: "model M { worktime 1590 h }\n", with: "")
        openDoc(h, orgURI, orgNoModel)
        let diags = h.diagnostics(orgURI) ?? []
        XCTAssertTrue(diags.contains { $0["code"] == .string("E503") }, "\(diags)")
        let all = LSPRange(start: .init(line: 0, character: 0), end: .init(line: 99, character: 0)).json
        let actions = h.request("textDocument/codeAction", .object([("textDocument", .object([("uri", .string(orgURI))])), ("range", all),
                                                                   ("context", .object([("diagnostics", .array([]))]))]))?["result"]?.arrayValue ?? []
        XCTAssertTrue(actions.contains { ($0["title"]?.stringValue ?? "").contains("worktime 1590 h") && $0["kind"] == .string("quickfix") }, "\(actions)")
    }

    func testInlayHints() {
        _ = write("org.orga", orgText)
        let procURI = write("proc.orga", procText)
        let h = Harness()
        _ = h.initialize(root: dir)
        openDoc(h, procURI, procText)
        let td = JSONValue.object([("uri", .string(procURI))])
        let all = LSPRange(start: .init(line: 0, character: 0), end: .init(line: 99, character: 0)).json
        let hints = h.request("textDocument/inlayHint", .object([("textDocument", td), ("range", all)]))?["result"]?.arrayValue ?? []
        let labels = hints.compactMap { $0["label"]?.stringValue }
        XCTAssertTrue(labels.contains { $0.hasPrefix("1.5 fte") }, "\(labels)")
        XCTAssertTrue(labels.contains("visits 0.5"), "\(labels)")
    }

    func testGarbageDocumentsNeverCrash() {
        let h = Harness()
        _ = h.initialize(root: nil)
        let uri = "untitled:garbage"
        var text = ""
        var rng = SeededRandom(for: self, default: 0x6A5BA6E)
        let pieces = ["{", "}", "step", " ", "\n", "\r", "😀", "ü", "->", "\"", "/*", "*/", "//", "by", "%", "1.5", "process", "X", "\u{FEFF}", ";"]
        for _ in 0..<3000 { text += pieces[rng.below(pieces.count)] }
        openDoc(h, uri, text)
        let td = JSONValue.object([("uri", .string(uri))])
        for line in stride(from: -1, to: 400, by: 7) {
            for ch in [-1, 0, 3, 10, 1000] {
                for m in ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/documentHighlight",
                          "textDocument/prepareRename", "textDocument/references"] {
                    XCTAssertNotNil(h.request(m, .object([("textDocument", td), ("position", pos(line, ch)),
                                                          ("context", .object([("includeDeclaration", .bool(true))]))])))
                }
            }
        }
        for m in ["textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/foldingRange", "textDocument/formatting"] {
            XCTAssertNotNil(h.request(m, .object([("textDocument", td), ("options", .object([]))]))?["result"], m)
        }
    }
}
