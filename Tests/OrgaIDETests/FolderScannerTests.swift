import OrgaTestSupport
import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE

final class FolderScannerTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try makeTemporaryDirectory().path }

    func write(_ rel: String, _ text: String) {
        let path = dir + "/" + rel
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// Two projects, each a model root with files in subfolders too; what is not a model around them.
    func makeTree() {
        write("projA/model.orga", "model A { worktime 1600 h }\n")
        write("projA/processes/p.orga", "process PA { volume 1 /year }\n")
        write("projB/sub/org.orga", "unit UB\n")
        write("projB/sub/deeper/more.orga", "unit UB2\n")
        write(".git/objects/x.orga", "unit G\n")
        write("node_modules/m/x.orga", "unit N\n")
        write(".hidden/x.orga", "unit H\n")
        write("notes.txt", "not a model\n")
        write("big/huge.orga", String(repeating: "unit Big {}\n", count: 200))
        try? FileManager.default.createSymbolicLink(atPath: dir + "/projA/loop", withDestinationPath: dir)
        try? FileManager.default.createSymbolicLink(atPath: dir + "/projB/linked.orga", withDestinationPath: dir + "/projA/model.orga")
    }

    func testModelRootsAndWhatIsSkipped() {
        makeTree()
        var limits = IndexLimits()
        limits.maxFileBytes = 1000
        let scan = FolderScanner.scan(dir, limits: limits)
        XCTAssertTrue(scan.complete)
        XCTAssertNil(scan.limitReached)
        // projB holds a file of its own (a link to a file is read), so it is the root
        // of everything below it.
        XCTAssertEqual(scan.models.map(\.root), [dir + "/projA", dir + "/projB"])
        XCTAssertEqual(scan.models.first?.paths, [dir + "/projA/model.orga", dir + "/projA/processes/p.orga"])
        XCTAssertEqual(scan.models.last?.paths, [dir + "/projB/linked.orga", dir + "/projB/sub/deeper/more.orga", dir + "/projB/sub/org.orga"])
        XCTAssertEqual(scan.skippedLargeFiles.map(\.path), [dir + "/big/huge.orga"])
        XCTAssertTrue(scan.notices.contains { $0.contains("huge.orga") })
        // .git, node_modules, .hidden and the link back to the top were not entered.
        XCTAssertEqual(scan.skippedDirectories, 4)
        XCTAssertEqual(scan.files, 5)
    }

    func testLimitsAndBudget() {
        for i in 0..<30 { write("m/f\(i).orga", "unit U\(i)\n") }
        var limits = IndexLimits()
        limits.maxFiles = 10
        let scan = FolderScanner.scan(dir, limits: limits)
        XCTAssertEqual(scan.files, 10)
        XCTAssertTrue(scan.limitReached?.contains("stopped after 10 .orga files") ?? false, scan.limitReached ?? "")
        XCTAssertTrue(scan.notices.contains { $0.hasPrefix(self.dir + ": stopped after 10") }, "\(scan.notices)")
        limits = IndexLimits()
        limits.maxFolderBytes = 50
        let budget = FolderScanner.scan(dir, limits: limits)
        XCTAssertEqual(budget.files, 5)
        XCTAssertEqual(budget.skippedOverBudget, 25)
        XCTAssertNil(budget.limitReached)
        XCTAssertTrue(budget.notices.contains { $0.contains("25 .orga files not read") }, "\(budget.notices)")
        limits = IndexLimits()
        limits.maxEntries = 12
        XCTAssertTrue(FolderScanner.scan(dir, limits: limits).limitReached?.contains("12 directory entries") ?? false)
        let quick = FolderScanner.scan(dir, entryBudget: 5)
        XCTAssertFalse(quick.complete)
        XCTAssertTrue(FolderScanner.scan(dir, entryBudget: 100).complete)
        XCTAssertFalse(FolderScanner.scan(dir, cancelled: { true }).complete)
    }

    func testWorkspaceFolderWithModelsAndANewDocument() throws {
        makeTree()
        let ws = IDEWorkspace()
        ws.setRoots([dir])
        XCTAssertEqual(ws.roots, [dir + "/big", dir + "/projA", dir + "/projB"])
        XCTAssertNotNil(ws.models[dir + "/projA"])
        XCTAssertNil(ws.models[dir])
        // A new document in a folder without models: its directory becomes a model root,
        // with the other files there.
        write("fresh/a.orga", "unit FreshA\n")
        let path = dir + "/fresh/b.orga"
        ws.didOpen(path: path, text: SourceFile(path: path, text: "unit FreshB { position P { planned 1 fte } }\nprocess Q { owner FreshA }\n"))
        let ctx = try ws.context(path: path).context
        XCTAssertEqual(ctx.state.key, dir + "/fresh")
        XCTAssertEqual(ctx.state.paths, [dir + "/fresh/a.orga", path])
        XCTAssertFalse(ctx.model.diagnostics.contains { $0.code.rawValue == "E301" }, "\(ctx.model.diagnostics)")
        // Removing the folder forgets its models.
        ws.removeFolder(dir)
        XCTAssertTrue(ws.roots.isEmpty)
    }

    func testBackgroundIndexedModelIsInstalledAnalysed() throws {
        makeTree()
        let ws = IDEWorkspace()
        ws.addFolder(dir)
        let scan = FolderScanner.scan(dir)
        guard let a = scan.models.first(where: { $0.root.hasSuffix("projA") }) else { return XCTFail("no projA") }
        let indexed = IndexedModel.build(root: a.root, paths: a.paths)
        let m = try XCTUnwrap(ws.install(indexed))
        XCTAssertFalse(m.dirty)
        XCTAssertEqual(m.paths, a.paths)
        XCTAssertEqual(ws.workspaceSymbols("PA", in: [m]).map(\.name), ["PA"])
        // Not installed for a folder that was removed meanwhile.
        ws.removeFolder(dir)
        XCTAssertNil(ws.install(indexed))
    }
}
