import OrgaTestSupport
import XCTest
import Foundation
import OrgaSyntax
import OrgaIDE
import OrgaTestSupport

/// The language features driven directly over byte offsets, without the protocol.
final class FeatureTests: XCTestCase {
    var dir = ""
    var workspace = IDEWorkspace()

    override func setUpWithError() throws {
        dir = try makeTemporaryDirectory().path
        workspace = IDEWorkspace()
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let orgText = Fixtures.languageServerOrganisation

    static let procText = Fixtures.languageServerProcess

    /// A workspace with both files on disk and `proc.orga` open with `procText`.
    func openProcess(_ procText: String = FeatureTests.procText, org: String = FeatureTests.orgText) throws -> (DocContext, String) {
        write("org.orga", org)
        let path = write("proc.orga", FeatureTests.procText)
        workspace.setRoots([dir])
        workspace.didOpen(path: path, text: SourceFile(path: path, text: procText))
        return (try workspace.context(path: path).context, procText)
    }

    /// The byte offset of `needle` in `text` plus `delta`.
    func testHoverShowsDeclarationDocAndFigures() throws {
        let (ctx, text) = try openProcess()
        let at = offset(text, "by SB", 4)
        let hover = try XCTUnwrap(workspace.hover(ctx, at: at))
        XCTAssertTrue(hover.markdown.contains("**position** `SB` — \"Sachbearbeitung\""), hover.markdown)
        XCTAssertTrue(hover.markdown.contains("Die Sachbearbeitung."), hover.markdown)
        // Need: 1590 cases × (1 + 0.5) visits × 1 h ÷ 1590 h = 1.5 fte.
        XCTAssertTrue(hover.markdown.contains("need **1.5 fte**"), hover.markdown)
        XCTAssertFalse(hover.contents.plainText.contains("**"), hover.contents.plainText)
        XCTAssertEqual(hover.range, ByteRange(offset(text, "by SB", 3), offset(text, "by SB", 5)))
        // A keyword and a rate word have their documentation.
        let keyword = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "volume", 1)))
        XCTAssertTrue(keyword.markdown.hasPrefix("**volume** — keyword"), keyword.markdown)
        let rate = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "/year", 2)))
        XCTAssertEqual(rate.markdown, "`/year` — per year")
        XCTAssertNil(workspace.hover(ctx, at: offset(text, "\"Prozess\"", 3)))
    }

    func testHoverAndHintsShowRanges() throws {
        let ranged = FeatureTests.procText.replacingOccurrences(of: "step A \"Prüfen 😀\" { by SB; time 60 min }",
                                                                with: "step A \"Prüfen 😀\" { by SB; time 30..60..90 min }")
        XCTAssertNotEqual(ranged, FeatureTests.procText)
        let (ctx, text) = try openProcess(ranged)
        // SB: 1590 × 1 × T ÷ 1590 + 0.5 = T + 0.5 fte; T PERT 30..60..90 min: mean 1 h, sd 10 min = 1/6 h.
        // min 0.5 + 0.5 = 1, max 1.5 + 0.5 = 2; P90 ≈ 1.5 + 1.28155 × 0.16667 = 1.7136 → 1.72.
        let position = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "by SB", 4)))
        XCTAssertTrue(position.markdown.contains("need **1.5 fte**"), position.markdown)
        XCTAssertTrue(position.markdown.contains("need range 1–2 fte · sd 0.17 · proposal at the 90th percentile ≈ 1.72 fte (normal approximation)"), position.markdown)
        let step = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "step A", 5)))
        XCTAssertTrue(step.markdown.contains("time range 30..60..90 min: mean 60 min, sd 10 min (PERT)"), step.markdown)
        XCTAssertTrue(step.markdown.contains("**1 fte** (0.5–1.5; sd 0.17)"), step.markdown)
        let process = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "process P", 8)))
        XCTAssertTrue(process.markdown.contains("from ranges: fte 1–2 (sd 0.17)"), process.markdown)
        let hints = workspace.inlayHints(ctx, from: 0, to: text.utf8.count)
        XCTAssertEqual(hints.first?.label, "1.5 fte (1–2; sd 0.17) · 1,590 cases/year")
    }

    func testHoverExplainsDiagnosticsUnderTheCursor() throws {
        let (ctx, text) = try openProcess(FeatureTests.procText.replacingOccurrences(of: "owner Amt", with: "owner Amtt"))
        let hover = try XCTUnwrap(workspace.hover(ctx, at: offset(text, "Amtt", 1)))
        XCTAssertTrue(hover.markdown.hasPrefix("unresolved name `Amtt`"), hover.markdown)
        XCTAssertTrue(hover.markdown.contains("**E301**"), hover.markdown)
    }

    func testDefinitionReferencesHighlights() throws {
        let (ctx, text) = try openProcess()
        let at = offset(text, "by SB", 4)
        let def = try XCTUnwrap(workspace.definition(ctx, at: at))
        XCTAssertEqual(def.path, dir + "/org.orga")
        XCTAssertEqual(def.range, ByteRange(offset(FeatureTests.orgText, "SB \""), offset(FeatureTests.orgText, "SB \"", 2)))
        let refs = workspace.references(ctx, at: at, includeDeclaration: true)
        XCTAssertEqual(refs.map(\.path), [dir + "/org.orga", dir + "/proc.orga", dir + "/proc.orga"])
        XCTAssertEqual(workspace.references(ctx, at: at, includeDeclaration: false).count, 2)
        let here = workspace.documentHighlights(ctx, at: at)
        XCTAssertEqual(here.map(\.isDeclaration), [false, false])
        XCTAssertEqual(here.first?.range, ByteRange(offset(text, "by SB", 3), offset(text, "by SB", 5)))
        // Nothing to find on a keyword.
        XCTAssertNil(workspace.definition(ctx, at: offset(text, "volume")))
        XCTAssertTrue(workspace.references(ctx, at: offset(text, "volume"), includeDeclaration: true).isEmpty)
    }

    func testRename() throws {
        let (ctx, text) = try openProcess()
        let at = offset(text, "by SB", 4)
        let prep = try workspace.prepareRename(ctx, at: at)
        XCTAssertEqual(prep.placeholder, "SB")
        XCTAssertThrowsError(try workspace.prepareRename(ctx, at: offset(text, "volume")))
        do {
            _ = try workspace.rename(ctx, at: at, to: "Amt")
            XCTFail("a clash must be refused")
        } catch {
            XCTAssertTrue(error.message.contains("already declared as a unit"), error.message)
        }
        XCTAssertThrowsError(try workspace.rename(ctx, at: at, to: "9x"))
        let edit = try workspace.rename(ctx, at: at, to: "SB_neu")
        XCTAssertEqual(edit.changes.map(\.path), [dir + "/org.orga", dir + "/proc.orga"])
        XCTAssertEqual(edit.edits(of: dir + "/proc.orga").map(\.newText), ["SB_neu", "SB_neu"])
        XCTAssertEqual(edit.edits(of: dir + "/proc.orga").first?.range, ByteRange(offset(text, "by SB", 3), offset(text, "by SB", 5)))
    }

    func testCompletion() throws {
        let text = FeatureTests.procText.replacingOccurrences(of: "  step A2 { by SB; time 60 min }", with: "  step A2 { by S; time 60 \n    next \n  }")
        let (ctx, _) = try openProcess(text)
        func labels(_ at: Int) -> [String] { workspace.completion(ctx, at: at).items.map(\.label) }
        XCTAssertEqual(labels(offset(text, "by S;", 4)), ["SB"])
        XCTAssertEqual(labels(offset(text, "60 \n", 3)), ["min", "h"])
        XCTAssertEqual(Set(labels(offset(text, "next ", 5))), ["A", "D", "A2", "end"])
        let inProcess = labels(offset(text, "  owner"))
        XCTAssertTrue(inProcess.contains("step") && inProcess.contains("owner") && !inProcess.contains("time"), "\(inProcess)")
        let sb = workspace.completion(ctx, at: offset(text, "by S;", 4)).items.first
        XCTAssertEqual(sb?.kind, .class)
        XCTAssertEqual(sb?.detail, "position \"Sachbearbeitung\"")
        XCTAssertTrue(sb?.documentation?.markdown.contains("Die Sachbearbeitung.") ?? false)
        // Nothing inside a string.
        XCTAssertTrue(labels(offset(text, "\"Prozess\"", 3)).isEmpty)
    }

    func testSymbols() throws {
        let (ctx, _) = try openProcess()
        let outline = workspace.documentSymbols(ctx)
        XCTAssertEqual(outline.map(\.name), ["P"])
        XCTAssertEqual(outline.first?.kind, .function)
        XCTAssertEqual(outline.first?.detail, "process \"Prozess\"")
        XCTAssertEqual(outline.first?.children.map(\.name), ["A", "D", "A2"])
        XCTAssertEqual(outline.first?.children.map(\.kind), [.method, .operator, .method])
        let flat = workspace.flatDocumentSymbols(ctx)
        XCTAssertEqual(flat.map(\.name), ["P", "A", "D", "A2"])
        XCTAssertEqual(flat.map(\.containerName), [nil, "P", "P", "P"])
        let found = workspace.workspaceSymbols("a2", in: Array(workspace.models.values))
        XCTAssertEqual(found.map(\.name), ["A2"])
        XCTAssertEqual(found.first?.containerName, "P")
        XCTAssertEqual(found.first?.location.path, dir + "/proc.orga")
        XCTAssertEqual(workspace.workspaceSymbols("", in: Array(workspace.models.values), limit: 3).count, 3)
        // Case-insensitive, in order, for ASCII and other names alike.
        XCTAssertEqual(workspace.workspaceSymbols("AMT", in: Array(workspace.models.values)).map(\.name), ["Amt"])
        XCTAssertEqual(workspace.workspaceSymbols("ma", in: Array(workspace.models.values)).map(\.name), [])
        let umlaut = try openProcess(FeatureTests.procText + "unit Übung\n").0
        XCTAssertEqual(workspace.workspaceSymbols("übu", in: [umlaut.state]).map(\.name), ["Übung"])
        XCTAssertEqual(workspace.workspaceSymbols("ÜG", in: [umlaut.state]).map(\.name), ["Übung"])
    }

    func testSemanticTokensFoldingSelection() throws {
        let text = FeatureTests.procText + "/* a\n   b */\n"
        let (ctx, _) = try openProcess(text)
        let tokens = workspace.semanticTokens(ctx)
        func type(at needle: String) -> String? {
            let at = offset(text, needle)
            return tokens.first { $0.range.start == at }.map { SemanticTokens.types[$0.type] }
        }
        XCTAssertEqual(type(at: "process"), "keyword")
        XCTAssertEqual(type(at: "Amt"), "namespace")
        XCTAssertEqual(type(at: "SB;"), "class")
        XCTAssertEqual(type(at: "1_590"), "number")
        XCTAssertEqual(type(at: "\"Prozess\""), "string")
        XCTAssertEqual(type(at: "->"), "operator")
        // The block comment is one token per line.
        let comments = tokens.filter { SemanticTokens.types[$0.type] == "comment" }
        XCTAssertEqual(comments.map(\.range), [ByteRange(offset(text, "/* a"), offset(text, "/* a", 4)),
                                               ByteRange(offset(text, "   b */"), offset(text, "   b */", 7))])
        let ranged = workspace.semanticTokens(ctx, in: ByteRange(offset(text, "  step A2"), offset(text, "  step A2", 9)))
        XCTAssertEqual(ranged.map { SemanticTokens.types[$0.type] }, ["keyword", "method"])
        let folds = workspace.foldingRanges(ctx)
        XCTAssertTrue(folds.contains(FoldingRange(startLine: 0, endLine: 5, isComment: false)), "\(folds)")
        XCTAssertTrue(folds.contains(FoldingRange(startLine: 7, endLine: 8, isComment: true)), "\(folds)")
        let at = offset(text, "by SB", 4)
        let chain = workspace.selectionRanges(ctx, at: [at]).first ?? []
        XCTAssertEqual(chain.first, ByteRange(offset(text, "by SB", 3), offset(text, "by SB", 5)))
        XCTAssertEqual(chain.last, ByteRange(0, text.utf8.count))
        for (inner, outer) in zip(chain, chain.dropFirst()) {
            XCTAssertTrue(outer.start <= inner.start && inner.end <= outer.end && outer != inner)
        }
    }

    func testInlayHints() throws {
        let (ctx, text) = try openProcess()
        let hints = workspace.inlayHints(ctx, from: 0, to: text.utf8.count)
        XCTAssertEqual(hints.first?.label, "1.5 fte · 1,590 cases/year")
        XCTAssertEqual(hints.first?.offset, offset(text, "\"Prozess\"", 9))
        XCTAssertTrue(hints.contains { $0.label == "visits 0.5" }, "\(hints)")
        XCTAssertTrue(workspace.inlayHints(ctx, from: 0, to: 5).isEmpty)
    }

    func testCodeActionsAndFormatting() throws {
        let org = FeatureTests.orgText.replacingOccurrences(of: "model M { worktime 1590 h }\n", with: "")
        write("org.orga", org)
        let (_, _) = try openProcess(org: org)
        let orgPath = dir + "/org.orga"
        let ctx = try workspace.context(path: orgPath).context
        let actions = workspace.codeActions(ctx, from: 0, to: org.utf8.count)
        let fix = try XCTUnwrap(actions.first { $0.title.contains("worktime 1590 h") })
        XCTAssertEqual(fix.diagnostic.code.rawValue, "E503")
        XCTAssertEqual(fix.edit.changes.first?.path, orgPath)
        XCTAssertTrue(fix.edit.changes.first?.edits.first?.newText.contains("worktime 1590 h") ?? false)
        // Formatting: one edit of the changed middle.
        let messy = "unit   X {\n}\n"
        let path = write("messy.orga", messy)
        workspace.didOpen(path: path, text: SourceFile(path: path, text: messy))
        let messyCtx = try workspace.context(path: path).context
        let edits = workspace.formatting(messyCtx)
        XCTAssertEqual(edits.count, 1)
        var bytes = Array(messy.utf8)
        if let e = edits.first { bytes.replaceSubrange(e.range.start..<e.range.end, with: Array(e.newText.utf8)) }
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "unit X {}\n")
    }

    func testUnknownDocumentIsAnError() {
        XCTAssertThrowsError(try workspace.context(path: dir + "/none.orga"))
    }

    func testGarbageNeverTraps() throws {
        var rng = SeededRandom(for: self, default: 16)
        let pieces = ["{", "}", "step", " ", "\n", "\r", "😀", "ü", "->", "\"", "/*", "*/", "//", "by", "%", "1.5", "process", "X", "\u{FEFF}", ";"]
        var text = ""
        for _ in 0..<2000 { text += pieces[rng.below(pieces.count)] }
        let path = "untitled:garbage"
        workspace.didOpen(path: path, text: SourceFile(path: path, text: text))
        let ctx = try workspace.context(path: path).context
        let size = ctx.file.bytes.count
        for at in stride(from: -3, through: size + 3, by: 7) {
            _ = workspace.hover(ctx, at: at)
            _ = workspace.completion(ctx, at: at)
            _ = workspace.definition(ctx, at: at)
            _ = workspace.references(ctx, at: at, includeDeclaration: true)
            _ = workspace.documentHighlights(ctx, at: at)
            _ = try? workspace.prepareRename(ctx, at: at)
        }
        _ = workspace.selectionRanges(ctx, at: [-1, 0, size / 2, size, size + 9])
        XCTAssertEqual(workspace.semanticTokens(ctx).allSatisfy { $0.range.start < $0.range.end && $0.range.end <= size }, true)
        _ = workspace.foldingRanges(ctx)
        _ = workspace.documentSymbols(ctx)
        _ = workspace.formatting(ctx)
    }
}
