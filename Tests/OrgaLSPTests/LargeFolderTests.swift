import OrgaTestSupport
import XCTest
import Foundation
import OrgaSyntax
import OrgaSupport
@testable import OrgaLSP

/// A large folder that is not a model (like `/tmp`) added as a workspace folder:
/// indexed in the background, with progress, skipping what is not a model, while
/// requests on open documents are answered.
final class LargeFolderTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory().path
        try FileManager.default.createDirectory(atPath: dir + "/proj", withIntermediateDirectories: true)
    }

    let orgText = "model M { worktime 1590 h }\nunit Amt { position SB { planned 2 fte } }\n"
    let procText = "process P { volume 1_590 /year\n  step A { by SB; time 60 min } }\n"

    func symbols(_ h: Harness, _ query: String) -> [String] {
        h.request("workspace/symbol", .object([("query", .string(query))]))?["result"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    func testHoverIsAnsweredWhileALargeFolderIsIndexed() throws {
        let hostile = HostileTree.make(at: dir + "/hostile", seed: 17)
        try orgText.write(toFile: dir + "/proj/org.orga", atomically: true, encoding: .utf8)
        try procText.write(toFile: dir + "/proj/proc.orga", atomically: true, encoding: .utf8)
        let procURI = URIs.uri(fromPath: dir + "/proj/proc.orga")
        let h = Harness()
        _ = h.initialize(root: dir + "/proj", capabilities: .object([("window", .object([("workDoneProgress", .bool(true))]))]))
        h.notify("textDocument/didOpen", .object([("textDocument", .object([
            ("uri", .string(procURI)), ("languageId", .string("orga")), ("version", .int(1)), ("text", .string(procText))]))]))
        XCTAssertEqual(h.diagnostics(procURI)?.count, 0)

        h.notify("workspace/didChangeWorkspaceFolders", .object([("event", .object([
            ("added", .array([.object([("uri", .string(URIs.uri(fromPath: hostile.root))), ("name", .string("hostile"))])])),
            ("removed", .array([])),
        ]))]))
        // Answered while the folder is being indexed (the guard is generous: no timing
        // is asserted, only that the server does not hang).
        let hover = h.request("textDocument/hover", .object([("textDocument", .object([("uri", .string(procURI))])), ("position", pos(1, 14))]))
        XCTAssertTrue(hover?[path: "result", "contents", "value"]?.stringValue?.contains("need 1 fte") ?? false, "\(String(describing: hover))")

        // Progress: created, begun, ended.
        XCTAssertNotNil(h.wait(timeout: 60) { $0["method"]?.stringValue == "window/workDoneProgress/create" })
        XCTAssertNotNil(h.wait(timeout: 60) { $0["method"]?.stringValue == "$/progress" && $0[path: "params", "value", "kind"] == .string("begin") })
        let end = h.wait(timeout: 300) { $0["method"]?.stringValue == "$/progress" && $0[path: "params", "value", "kind"] == .string("end") }
        XCTAssertEqual(end?[path: "params", "value", "message"], .string("3 models, 7 .orga files"))

        // The models of the folder are known; what is not a model was skipped.
        for name in hostile.modelNames { XCTAssertEqual(symbols(h, name), [name]) }
        for name in hostile.skippedNames { XCTAssertEqual(symbols(h, name), [], name) }
        // The oversized file was reported once.
        var bigMessages = 0
        while h.wait(timeout: 1, { $0["method"]?.stringValue == "window/logMessage" && ($0[path: "params", "message"]?.stringValue ?? "").contains("huge.orga") }) != nil {
            bigMessages += 1
        }
        XCTAssertEqual(bigMessages, 1)
        // The open document kept its model.
        XCTAssertTrue(symbols(h, "SB").contains("SB"))

        // Removing the folder forgets its models.
        h.notify("workspace/didChangeWorkspaceFolders", .object([("event", .object([
            ("added", .array([])),
            ("removed", .array([.object([("uri", .string(URIs.uri(fromPath: hostile.root))), ("name", .string("hostile"))])])),
        ]))]))
        XCTAssertEqual(symbols(h, hostile.modelNames[0]), [])
        XCTAssertEqual(h.request("shutdown", .null)?["result"], .null)
    }

    func testWithoutProgressSupportNothingIsSentButTheFolderIsIndexed() {
        let hostile = HostileTree.make(at: dir + "/hostile", seed: 18, junkDirs: 55, filesPerDir: 100, bigFileBytes: 1000)
        let h = Harness()
        _ = h.initialize(root: nil)
        h.notify("workspace/didChangeWorkspaceFolders", .object([("event", .object([
            ("added", .array([.object([("uri", .string(URIs.uri(fromPath: hostile.root))), ("name", .string("hostile"))])])),
            ("removed", .array([])),
        ]))]))
        // Answered at once from what is known, then complete once indexed.
        XCTAssertNotNil(h.request("workspace/symbol", .object([("query", .string(hostile.modelNames[0]))]))?["result"])
        var found: [String] = []
        for _ in 0..<600 where found.isEmpty {
            found = symbols(h, hostile.modelNames[0])
            if found.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        }
        XCTAssertEqual(found, [hostile.modelNames[0]])
        XCTAssertNil(h.wait(timeout: 0.5) { $0["method"]?.stringValue == "$/progress" || $0["method"]?.stringValue == "window/workDoneProgress/create" })
    }
}
