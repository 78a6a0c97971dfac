import XCTest
import Foundation
import OrgaTestSupport
import OrgaSyntax
import OrgaSupport
@testable import OrgaLSP

/// Seeded fuzzing of the server: random opens, edits (ranges in and out of the text),
/// closes, files appearing and vanishing on disk, workspace folders added and removed
/// — large hostile trees among them, indexed in the background — and every request at
/// random positions. Every request must be answered, the server must never trap, and
/// it must exit cleanly at the end.
///
/// Short and deterministic by default (CI: 300 steps, about 2 s, so it stays in the
/// quick suite). The nightly job runs it long (`ORGC_FUZZ_LONG=1`: 20,000 steps) with
/// a seed of its own (`ORGC_TEST_SEED`); `ORGC_LSP_FUZZ_STEPS=N` sets the steps.
final class LSPFuzzTests: XCTestCase {
    static let steps = SlowTests.iterations("ORGC_LSP_FUZZ_STEPS", short: 300, long: 20_000)

    var dir = ""

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory().path
        try FileManager.default.createDirectory(atPath: dir + "/proj/processes", withIntermediateDirectories: true)
    }

    static let snippets = [
        "model M { worktime 1600 h; workdays 200 }\n",
        "unit Amt \"Amt\" {\n  position SB { planned 2 fte; filled 1 fte; grade E9 }\n  head SB\n}\n",
        "grade E9 { cost 60_000 EUR }\n",
        "process P { owner Amt; volume 1_000 /year\n  step A { by SB; time 30 min; next D }\n  decide D { branch \"a\" 40 % -> A; branch \"b\" 60 % -> end }\n}\n",
        "process Q { volume 5 /day\n  step X { call P; wait 2 d } }\n",
        "criterion C { weight 2; scale 1..5 }\nprocess R { dna { C 3 } }\n",
    ]
    static let pieces = ["{", "}", "step", " ", "\n", "\r\n", "😀", "ü", "->", "\"", "/*", "*/", "//", "///", "by", "%", "1.5",
                         "process", "unit", "X", "\u{FEFF}", ";", "end", "call", "time 5 min", "\u{0}", "\t", "1e309", "-1"]

    func testRandomSessionsWithHostileWorkspaceFolders() throws {
        let seed = SeededRandom.seed(for: self, default: 1)
        var rng = SeededRandom(seed: seed)
        print("LSP fuzz: seed \(seed), \(LSPFuzzTests.steps) steps (ORGC_TEST_SEED / ORGC_LSP_FUZZ_STEPS)")
        // The folders: a small project, a hostile tree large enough to be indexed in the
        // background, and a small hostile one scanned at once.
        let project = dir + "/proj"
        for (i, s) in LSPFuzzTests.snippets.enumerated() { HostileTree.write(project + "/f\(i).orga", s) }
        let large = HostileTree.make(at: dir + "/large", seed: seed, junkDirs: 55, filesPerDir: 100, bigFileBytes: 9 << 20)
        let small = HostileTree.make(at: dir + "/small", seed: seed &+ 1, junkDirs: 3, filesPerDir: 10, bigFileBytes: 2000)
        let folders = [project, large.root, small.root]
        var files = (0..<LSPFuzzTests.snippets.count).map { project + "/f\($0).orga" }
        files += [large.root + "/projA/org.orga", large.root + "/projB/processes/p.orga", small.root + "/projA/model.orga",
                  large.root + "/bin/garbage.orga", dir + "/outside.orga"]
        files.append("untitled:fuzz")

        let h = Harness()
        _ = h.initialize(root: project, capabilities: .object([
            ("window", .object([("workDoneProgress", .bool(true))])),
            ("textDocument", .object([("documentSymbol", .object([("hierarchicalDocumentSymbolSupport", .bool(true))])),
                                      ("codeAction", .object([("codeActionLiteralSupport", .object([]))]))])),
        ]))
        var open: [String: (text: [UInt8], version: Int)] = [:]
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        func randomText() -> String {
            var t = pick(LSPFuzzTests.snippets)
            for _ in 0..<Int(rng.next() % 8) {
                let piece = pick(LSPFuzzTests.pieces)
                let at = t.utf8.count == 0 ? 0 : Int(rng.next() % UInt64(t.utf8.count))
                var bytes = Array(t.utf8)
                bytes.insert(contentsOf: Array(piece.utf8), at: at)
                t = String(decoding: bytes, as: UTF8.self)
            }
            return t
        }
        func randomPosition() -> JSONValue { pos(Int(rng.next() % 14) - 1, Int(rng.next() % 50) - 1) }
        func folderEvent(added: [String], removed: [String]) {
            func list(_ ps: [String]) -> JSONValue { .array(ps.map { .object([("uri", .string(URIs.uri(fromPath: $0))), ("name", .string("f"))]) }) }
            h.notify("workspace/didChangeWorkspaceFolders", .object([("event", .object([("added", list(added)), ("removed", list(removed))]))]))
        }
        let requests = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references",
                        "textDocument/documentHighlight", "textDocument/prepareRename", "textDocument/rename",
                        "textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/semanticTokens/range",
                        "textDocument/foldingRange", "textDocument/selectionRange", "textDocument/inlayHint",
                        "textDocument/codeAction", "textDocument/formatting", "workspace/symbol"]

        for step in 0..<LSPFuzzTests.steps {
            let context = "seed \(seed), step \(step)"
            switch rng.next() % 12 {
            case 0:
                folderEvent(added: [pick(folders)], removed: [])
            case 1:
                folderEvent(added: [], removed: [pick(folders)])
            case 2, 3:
                let path = pick(files)
                let text = randomText()
                open[path] = (Array(text.utf8), 1)
                h.notify("textDocument/didOpen", .object([("textDocument", .object([
                    ("uri", .string(URIs.uri(fromPath: path))), ("languageId", .string("orga")), ("version", .int(1)), ("text", .string(text))]))]))
            case 4, 5:
                guard let path = open.keys.sorted().first(where: { _ in rng.next() % 2 == 0 }) ?? open.keys.sorted().first,
                      let doc = open[path] else { continue }
                let range = LSPRange(start: .init(line: Int(rng.next() % 12) - 1, character: Int(rng.next() % 40) - 1),
                                     end: .init(line: Int(rng.next() % 12) - 1, character: Int(rng.next() % 40) - 1))
                open[path] = (doc.text, doc.version + 1)
                h.notify("textDocument/didChange", .object([
                    ("textDocument", .object([("uri", .string(URIs.uri(fromPath: path))), ("version", .int(doc.version + 1))])),
                    ("contentChanges", .array([.object([("range", range.json), ("text", .string(pick(LSPFuzzTests.pieces)))])])),
                ]))
            case 6:
                guard let path = open.keys.sorted().first else { continue }
                open[path] = nil
                h.notify("textDocument/didClose", .object([("textDocument", .object([("uri", .string(URIs.uri(fromPath: path)))]))]))
            case 7:
                // A file appears, changes or vanishes on disk.
                let path = pick([project + "/new.orga", large.root + "/projA/new.orga", small.root + "/extra/n.orga", project + "/f0.orga"])
                let deleted = rng.next() % 3 == 0
                if deleted {
                    try? FileManager.default.removeItem(atPath: path)
                } else {
                    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    HostileTree.write(path, randomText())
                }
                h.notify("workspace/didChangeWatchedFiles", .object([("changes", .array([.object([
                    ("uri", .string(URIs.uri(fromPath: path))), ("type", .int(deleted ? 3 : 2))])]))]))
            default:
                let method = pick(requests)
                let path = open.keys.sorted().isEmpty || rng.next() % 4 == 0 ? pick(files) : pick(open.keys.sorted())
                let all = LSPRange(start: .init(line: 0, character: 0), end: .init(line: Int(rng.next() % 30), character: 0)).json
                let params = JSONValue.object([
                    ("textDocument", .object([("uri", .string(URIs.uri(fromPath: path)))])),
                    ("position", randomPosition()), ("positions", .array([randomPosition(), randomPosition()])),
                    ("range", all), ("newName", .string(pick(["X2", "end", "9", "SB", "Neu"]))),
                    ("context", .object([("includeDeclaration", .bool(true)), ("diagnostics", .array([]))])),
                    ("options", .object([])), ("query", .string(pick(["", "a", "Hostile", "SB", "zz"]))),
                ])
                let reply = h.request(method, params)
                XCTAssertNotNil(reply, "\(method) on \(path) unanswered (\(context))")
                if reply == nil { return }
                XCTAssertTrue(reply?["result"] != nil || reply?["error"] != nil, "\(method): \(String(describing: reply)) (\(context))")
            }
            if step % 50 == 49 { h.discardNotifications() }
        }
        XCTAssertEqual(h.request("shutdown", .null)?["result"], .null, "seed \(seed)")
        h.notify("exit", .null)
        XCTAssertEqual(h.waitExit(timeout: 60), 0, "seed \(seed)")
    }
}
