import XCTest
@testable import OrgaSyntax

/// Statement shapes, slot binding, separators, blocks, recovery limits, doc comments.
final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> SyntaxTree { Parser.parse(path: "t.orga", text: text) }

    private func codes(_ text: String) -> [String] { parse(text).diagnostics.map(\.code.rawValue) }

    /// `keyword(children…)` for every root, to compare shapes compactly.
    private func shape(_ tree: SyntaxTree) -> String {
        func one(_ id: Int32) -> String {
            let kids = tree.childIDs(id).map(one)
            return tree.keywordText(id) + (tree.statement(id).hasBlock ? "{" + kids.joined(separator: ",") + "}" : "")
        }
        return tree.roots.map(one).joined(separator: " ")
    }

    /// The statement found by following child indices from a root.
    private func statement(_ tree: SyntaxTree, _ path: Int...) -> Int32 {
        var id = tree.roots[path[0]]
        for i in path.dropFirst() { id = tree.childIDs(id)[tree.childIDs(id).startIndex + i] }
        return id
    }

    // MARK: Shapes

    func testStatementShape() throws {
        let t = parse("unit Amt10 \"Haupt- und Personalamt\" {\n  kind \"Amt\"\n  position SB { planned 2 fte }\n}\n")
        XCTAssertEqual(t.diagnostics.count, 0)
        XCTAssertEqual(shape(t), "unit{kind,position{planned}}")
        let unit = t.roots[0]
        XCTAssertEqual(t.knownKeyword(unit), .unit)
        XCTAssertEqual(t.statement(unit).context, .file)
        XCTAssertEqual(t.declaredName(unit)?.name, "Amt10")
        XCTAssertEqual(t.declaredTitle(unit), "Haupt- und Personalamt")
        XCTAssertEqual(t.argumentIDs(unit).count, 2)
        let pos = statement(t, 0, 1)
        XCTAssertEqual(t.statement(pos).context, .unit)
        XCTAssertEqual(t.parent(pos), unit)
        XCTAssertNil(t.parent(unit))
        XCTAssertEqual(t.declaredName(pos)?.name, "SB")
        XCTAssertNil(t.declaredTitle(pos))
        // The statement's range covers its block.
        let r = t.range(unit)
        XCTAssertEqual(t.file.text(r.start..<r.end).first, "u")
        XCTAssertEqual(t.file.text(r.start..<r.end).last, "}")
    }

    func testContextsFollowTheKeywordTable() {
        let t = parse("process P { step S { by X; time 1 min }; decide D { branch 100 % -> end }; dna { legal 1 } }\ndna { criterion c { weight 1; scale 0..1 } }")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), [])
        XCTAssertEqual(t.statement(statement(t, 0, 0, 0)).context, .step)
        XCTAssertEqual(t.statement(statement(t, 0, 1, 0)).context, .decide)
        XCTAssertEqual(t.statement(statement(t, 0, 2, 0)).context, .dnaRatings)
        XCTAssertEqual(t.statement(statement(t, 1, 0)).context, .dnaDefinition)
        XCTAssertEqual(t.statement(statement(t, 1, 0, 1)).context, .criterion)
        // The same word means different things in different blocks.
        XCTAssertEqual(t.spec(statement(t, 0, 2))?.opens, .dnaRatings)
        XCTAssertEqual(t.spec(t.roots[1])?.opens, .dnaDefinition)
    }

    // MARK: Slots

    func testBranchSlots() throws {
        let t = parse("process P { decide D { branch \"ja\" 80 % -> X } }")
        let b = statement(t, 0, 0, 0)
        let title = try XCTUnwrap(t.arg(b, .title))
        XCTAssertEqual(title.kind, .string)
        XCTAssertEqual(t.stringValue(title), "ja")
        let share = try XCTUnwrap(t.arg(b, .share))
        XCTAssertEqual(share.kind, .quantity)
        XCTAssertEqual(share.value, 80)
        XCTAssertEqual(share.unit, .percent)
        let target = try XCTUnwrap(t.arg(b, .target))
        XCTAssertEqual(target.kind, .arrow)
        XCTAssertEqual(t.name(target), "X")
        XCTAssertEqual(t.file.text(t.nameRange(target).start..<t.nameRange(target).end), "X")
        // Roles the keyword does not have, and slot indices out of range, are absent.
        XCTAssertNil(t.arg(b, .value))
        XCTAssertNil(t.arg(b, .name))
        XCTAssertNil(t.slot(b, 3))
        XCTAssertNil(t.slot(b, -1))
        // A branch has a title, but it is no declaration: no declared title.
        XCTAssertNil(t.declaredTitle(b))
    }

    func testBranchWithoutTitleOrShare() throws {
        var t = parse("process P { decide D { branch 100 % -> end } }")
        var b = statement(t, 0, 0, 0)
        XCTAssertNil(t.arg(b, .title))
        XCTAssertEqual(t.arg(b, .share)?.value, 100)
        XCTAssertEqual(t.arg(b, .target).map { t.name($0) }, "end")
        XCTAssertEqual(t.diagnostics.count, 0)
        // Missing share: one E113 at the arrow, and the target still binds.
        t = parse("process P { decide D { branch \"ja\" -> X } }")
        b = statement(t, 0, 0, 0)
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E113"])
        XCTAssertEqual(t.file.text(t.diagnostics[0].range.start..<t.diagnostics[0].range.end), "-> X")
        XCTAssertNil(t.arg(b, .share))
        XCTAssertEqual(t.arg(b, .target).map { t.name($0) }, "X")
        // Missing target: E113 with a fix that inserts `-> end`.
        t = parse("process P { decide D { branch \"ja\" 20 % } }")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E113"])
        XCTAssertEqual(t.diagnostics[0].fixes.first?.edits.first?.newText, " -> end")
        // `->` without a name.
        t = parse("process P { decide D { branch \"ja\" 20 % -> } }")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E113"])
    }

    func testQuantitySlots() throws {
        let t = parse("""
            model M { worktime 1_590.5 h; allowance 9 % of worktime; workdays 228 }
            position P { effort "Bericht" 80 h /year; effort "Gremien" 0.2 fte; freeze until 2022-03-02; coverage 35 h /week }
            process X { volume 1_200 /month; step S { time 45min; wait 3 d } }
            dna { criterion c { scale 0..4; weight 2 } }
            scenario S { change Meldung volume +10 % }
            """)
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), [])
        let model = t.roots[0]
        let worktime = try XCTUnwrap(t.arg(statement(t, 0, 0), .value))
        XCTAssertEqual(worktime.value, 1590.5)
        XCTAssertEqual(worktime.unit, .h)
        XCTAssertFalse(worktime.isInteger)
        XCTAssertNotNil(t.arg(statement(t, 0, 1), .ofWorktime), "`of worktime` bound")
        XCTAssertEqual(t.arg(statement(t, 0, 2), .value)?.isInteger, true)
        _ = model
        let effort = statement(t, 1, 0)
        XCTAssertEqual(t.arg(effort, .label).map { t.stringValue($0) }, "Bericht")
        XCTAssertEqual(t.arg(effort, .value)?.unit, .h)
        XCTAssertEqual(t.arg(effort, .value)?.per, .year)
        XCTAssertEqual(t.arg(statement(t, 1, 1), .value)?.unit, .fte)
        let freeze = statement(t, 1, 2)
        XCTAssertEqual(t.arg(freeze, .word).map { t.name($0) }, "until")
        XCTAssertEqual(t.arg(freeze, .value)?.kind, .date)
        XCTAssertEqual(t.arg(statement(t, 1, 3), .value)?.per, .week)
        let volume = try XCTUnwrap(t.arg(statement(t, 2, 0), .value))
        XCTAssertEqual(volume.value, 1200)
        XCTAssertNil(volume.unit)
        XCTAssertEqual(volume.per, .month)
        XCTAssertEqual(t.arg(statement(t, 2, 1, 0), .value)?.unit, .min)
        XCTAssertEqual(t.arg(statement(t, 2, 1, 0), .value)?.value, 45)
        let scale = try XCTUnwrap(t.arg(statement(t, 3, 0, 0), .value))
        XCTAssertEqual(scale.kind, .range)
        XCTAssertEqual(scale.value, 0)
        XCTAssertEqual(scale.upper, 4)
        // v2 `change` takes the rest of the line; signed shares parse.
        let change = statement(t, 4, 0)
        XCTAssertNotNil(t.arg(change, .value))
        XCTAssertEqual(t.argumentIDs(change).count, 3)
        let plus = t.argument(t.argumentIDs(change).last!)
        XCTAssertTrue(plus.signed)
        XCTAssertFalse(plus.negative)
        XCTAssertEqual(plus.signedValue, 10)
    }

    func testRefListsAndPaths() throws {
        let t = parse("target T { across Dez1, Dez2 , Dez3 }\nmeasure M { change Meldung.Erfassen time -50 % }")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), [])
        let across = statement(t, 0, 0)
        let args = t.argumentIDs(across).map { t.argument($0) }
        XCTAssertEqual(args.map { t.name($0) }, ["Dez1", "Dez2", "Dez3"])
        XCTAssertEqual(args.map(\.afterComma), [false, true, true])
        let change = statement(t, 1, 0)
        let path = t.argument(t.argumentIDs(change).first!)
        XCTAssertEqual(path.kind, .path)
        XCTAssertEqual(t.name(path), "Meldung.Erfassen")
        let minus = t.argument(t.argumentIDs(change).last!)
        XCTAssertEqual(minus.signedValue, -50)
    }

    func testStrayCommas() {
        XCTAssertEqual(codes("target T { across , Dez1 }"), ["E112"])
        XCTAssertEqual(codes("target T { across Dez1, }"), ["E112"])
        XCTAssertEqual(codes("target T { across Dez1,, Dez2 }"), ["E112"])
        // A leading comma in a later statement is found too (not only in the file's first).
        XCTAssertEqual(codes("unit A \"x\"\nunit B { in , A }"), ["E112"])
    }

    func testArgumentErrors() {
        XCTAssertEqual(codes("model M { year 2024.5 }"), ["E206"])
        XCTAssertEqual(codes("model M { year 24 }"), ["E206"])
        XCTAssertEqual(codes("model M { year \"2024\" }"), ["E115"])
        XCTAssertEqual(codes("process P { source guess }"), ["E115"])
        XCTAssertEqual(parse("process P { source selfreprot }").diagnostics.first?.fixes.first?.edits.first?.newText, "selfreport")
        XCTAssertEqual(codes("process P { volume 12 /yaer }"), ["E112"])
        XCTAssertTrue(parse("process P { volume 12 /yaer }").diagnostics[0].message.contains("did you mean `/year`"))
        XCTAssertEqual(codes("process P { volume 12 / }"), ["E112"])
        XCTAssertEqual(codes("process P { step S { time 45 } }"), ["E202"])
        XCTAssertEqual(parse("process P { step S { time 45 } }").diagnostics[0].fixes.map(\.title), ["Add unit `min`", "Add unit `h`"])
        XCTAssertEqual(codes("position P { freeze 2022-03-02 }"), ["E113"], "one mistake (missing `until`), one error")
        XCTAssertTrue(parse("position P { freeze 2022-03-02 }").diagnostics[0].message.contains("needs `until` before the date"))
        XCTAssertEqual(codes("position P { effort 80 h /year }"), ["E113"])
        XCTAssertEqual(codes("model M { allowance of worktime }"), ["E113"])
        XCTAssertEqual(codes("model M { allowance 10 % worktime }"), ["E114"])
        XCTAssertEqual(codes("process P { decide D { branch \"ja\" 80 % X } }"), ["E115"])
        XCTAssertEqual(codes("dna { criterion c { scale 0.. } }"), ["E113"])
        XCTAssertEqual(codes("model M { allowance 10 % of }"), ["E113"])
        // A lone `-` is an argument (a value not given in `rate` lists), here of the wrong form.
        XCTAssertEqual(codes("unit A { kind - }"), ["E115"])
        XCTAssertEqual(codes("unit A { kind -5 }"), ["E115"])
        XCTAssertEqual(codes("actor A { external yes }"), ["E114"])
    }

    // MARK: Separators and blocks

    func testSemicolonsAndNewlinesSeparateStatements() {
        XCTAssertEqual(shape(parse("unit A; unit B\nunit C;;\n;unit D")), "unit unit unit unit")
        XCTAssertEqual(parse("unit A; unit B\nunit C;;\n;unit D").diagnostics.count, 0)
    }

    func testBlockOnTheSameLine() {
        let t = parse("process P { step S { by SB; time 15 min }; step T { by SB\n time 1 h } }")
        XCTAssertEqual(t.diagnostics.count, 0)
        XCTAssertEqual(shape(t), "process{step{by,time},step{by,time}}")
    }

    func testBraceOnTheNextLineIsAnError() {
        let t = parse("unit A\n{\n  kind \"x\"\n}\nunit B")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E110"])
        XCTAssertTrue(t.diagnostics[0].message.contains("same line"))
        XCTAssertEqual(t.file.line(of: t.diagnostics[0].range.start), 1)
        XCTAssertEqual(shape(t), "unit unit", "the misplaced block is skipped, B still parses")
        XCTAssertFalse(t.statement(t.roots[0]).hasBlock)
    }

    func testUnclosedAndUnmatchedBraces() {
        var t = parse("unit A {\n unit B { kind \"x\" }\n")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E118"])
        XCTAssertEqual(t.diagnostics[0].range, ByteRange(7, 8))
        XCTAssertEqual(shape(t), "unit{unit{kind}}")
        t = parse("unit A { }\n}\n} unit B")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E119", "E119"])
        XCTAssertEqual(shape(t), "unit{} unit")
    }

    /// A `}` left out after a step (issue 17, item 9): the sibling `step`, indented like the
    /// open step and impossible inside it, ends the step's block there. One error, at the
    /// step's `{`, with a fix; no E111 cascade and no error at the process's `{`.
    func testMissingBraceIsFoundByIndentation() throws {
        let text = "process P {\n  step S1 {\n    by SB\n  step S2 {\n    by SB\n  }\n}\n"
        let t = parse(text)
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E118"])
        let d = try XCTUnwrap(t.diagnostics.first)
        XCTAssertEqual(t.file.text(d.range.start..<d.range.end), "{")
        XCTAssertEqual(t.file.line(of: d.range.start), 1, "at the step's `{`, not the process's")
        XCTAssertEqual(d.message, "this `{` of `step S1` is never closed: add `}` before line 4")
        XCTAssertEqual(shape(t), "process{step{by},step{by}}")
        let s1 = statement(t, 0, 0)
        XCTAssertNil(t.statement(s1).closeBrace)
        XCTAssertEqual(t.file.text(t.range(s1).start..<t.range(s1).end), "step S1 {\n    by SB")
        // Applying the fix gives a file without errors.
        let edit = try XCTUnwrap(d.fixes.first?.edits.first)
        XCTAssertEqual(edit.newText, "  }\n")
        var bytes = Array(text.utf8)
        bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8))
        XCTAssertEqual(Parser.parse(path: "t.orga", text: String(decoding: bytes, as: UTF8.self)).diagnostics.map(\.code.rawValue), [])
    }

    func testIndentationClosesOnlyWhatCannotStayOpen() {
        // Statements allowed where they stand never close a block, however indented.
        XCTAssertEqual(codes("unit A {\nposition P { planned 1 fte }\nunit B { }\n}\n"), [])
        // A statement indented deeper than the block stays in it (an E111 as before).
        XCTAssertEqual(codes("process P {\n  step S1 {\n    by SB\n    step S2 { }\n  }\n}\n"), ["E111"])
        // Two blocks left open: both named, the file-level `process` closes the outer one.
        XCTAssertEqual(codes("process P {\n  step S1 {\n    by SB\nprocess Q { }\n"), ["E118", "E118"])
        // At the end of the file: the block whose child stands left of its indentation
        // is named; without such a child, the block still open is.
        var t = parse("unit A {\n  unit A1 {\n    position X { }\n  unit A2 { }\n}\n")
        XCTAssertEqual(t.diagnostics.map(\.message), ["this `{` of `unit A1` is never closed: add `}` before line 4"])
        t = parse("unit A {\nposition X { }\nunit B { }\n")
        XCTAssertEqual(t.diagnostics.map(\.message), ["this `{` is never closed: add `}`"])
        XCTAssertEqual(t.file.line(of: t.diagnostics[0].range.start), 0)
    }

    /// Closed word lists suggest the word meant (issue 17, item 11), with a fix, and one
    /// mistake gives one diagnostic.
    func testMisspeltWordsOfClosedListsSuggestTheWordMeant() throws {
        func only(_ text: String) throws -> (Diagnostic, String) {
            let t = parse(text)
            XCTAssertEqual(t.diagnostics.count, 1, "\(text): \(t.diagnostics.map(\.message))")
            let d = try XCTUnwrap(t.diagnostics.first)
            return (d, t.file.text(d.range.start..<d.range.end))
        }
        var (d, at) = try only("process P { step S { time 15 mins } }")
        XCTAssertEqual(d.code, .unexpectedToken)
        XCTAssertEqual(d.message, "unknown unit `mins`; did you mean `min`?")
        XCTAssertEqual(at, "mins")
        XCTAssertEqual(d.fixes.first?.edits.first?.newText, "min")
        (d, _) = try only("position P { effort \"x\" 80 hours /year }")
        XCTAssertEqual(d.message, "unknown unit `hours`; did you mean `h`?")
        (d, _) = try only("position P { planned 2 FTE }")
        XCTAssertEqual(d.message, "unknown unit `FTE`; did you mean `fte`?")
        (d, at) = try only("position P { freeze untill 2025-01-01 }")
        XCTAssertTrue(d.message.hasSuffix("did you mean `until`?"), d.message)
        XCTAssertEqual(at, "untill")
        XCTAssertEqual(d.fixes.first?.edits.first?.newText, "until")
        (d, at) = try only("model M { allowance 10 % of worktme }")
        XCTAssertEqual(d.message, "expected `of worktime`; did you mean `worktime`?")
        XCTAssertEqual(at, "worktme")
        (d, _) = try only("model M { allowance 10 % off worktime }")
        XCTAssertEqual(d.message, "expected `of worktime`; did you mean `of`?")
        (d, _) = try only("process P { source timming }")
        XCTAssertTrue(d.message.hasSuffix("did you mean `timing`?"), d.message)
        (d, _) = try only("dna { criterion c { from leadtim } }")
        XCTAssertEqual(d.code, .unknownCriterion)
        XCTAssertTrue(d.message.hasSuffix("did you mean `leadtime`?"), d.message)
        // A word that resembles no unit stays an extra argument; v2 statements taking
        // the rest of the line guess nothing.
        XCTAssertEqual(codes("process P { step S { time 15 banana } }"), ["E202", "E114"])
        XCTAssertEqual(codes("scenario S { change X time 15 mins }"), [])
    }

    func testStatementAfterBlockMustEnd() {
        XCTAssertEqual(codes("unit A { } unit B"), ["E112"])
        XCTAssertEqual(codes("unit A { } // ok\nunit B { };unit C { }"), [])
    }

    func testUnknownKeywordsAndCascades() {
        let t = parse("unti A { anything goes here 12 % -> X { nested } }\nunit B { kind 12 }")
        // Inside an unknown statement nothing is checked; the next statement is.
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E111", "E115"])
        XCTAssertEqual(t.diagnostics[0].fixes.first?.edits.first?.newText, "unit")
        XCTAssertEqual(t.statement(statement(t, 0, 0)).context, .unknown)
        XCTAssertTrue(parse("process P { time 5 min }").diagnostics[0].message.contains("belongs in `step` blocks"))
    }

    // MARK: Depth limit

    private func nested(_ depth: Int) -> String {
        String(repeating: "unit A {", count: depth) + String(repeating: "}", count: depth)
    }

    func testNestingUpToTheLimitIsAccepted() {
        XCTAssertEqual(codes(nested(Parser.maxDepth)), [])
        XCTAssertEqual(codes(nested(Parser.maxDepth + 1)), ["E120"])
        let t = parse(nested(Parser.maxDepth + 1) + "\nunit After { bogus }")
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E120", "E111"])
    }

    func testVeryDeepNestingDoesNotOverflowTheStack() {
        let t = parse(nested(20_000))
        XCTAssertEqual(t.diagnostics.map(\.code.rawValue), ["E120"])
        var maxDepth = 0
        t.walk { _, d in maxDepth = max(maxDepth, d) }
        XCTAssertEqual(maxDepth, Parser.maxDepth)
    }

    func testTooManyErrorsAreSummarised() {
        let t = parse(String(repeating: "}\n", count: 700))
        XCTAssertEqual(t.diagnostics.count, Parser.maxDiagnostics + 1)
        XCTAssertEqual(t.diagnostics.last?.code, .tooManyErrors)
        XCTAssertEqual(t.diagnostics.last.map { t.file.line(of: $0.range.start) }, Parser.maxDiagnostics,
                       "W121 points at the first error not shown")
        XCTAssertEqual(Set(t.diagnostics.dropLast().map(\.code)), [.unmatchedBrace])
    }

    // MARK: Doc comments

    func testDocCommentDirectlyAboveAttaches() {
        let t = parse("/// Bewertung einer Stelle.\n///   zweite Zeile\nprocess P { }\n")
        XCTAssertEqual(t.docComment(t.roots[0]), "Bewertung einer Stelle.\n  zweite Zeile")
    }

    func testDocCommentSeparatedByABlankLineDoesNotAttach() {
        let t = parse("/// lost\n\nunit A\n")
        XCTAssertNil(t.docComment(t.roots[0]))
    }

    func testFourSlashesAndPlainCommentsAreNoDocComments() {
        XCTAssertNil(parse("//// not a doc\nunit A").docComment(0))
        XCTAssertNil(parse("// plain\nunit A").docComment(0))
        XCTAssertNil(parse("/// doc\n// plain in between\nunit A").docComment(0))
    }

    func testDocCommentAttachesOnlyToTheNextDeclaration() {
        let t = parse("/// for A\nunit A\nunit B\n")
        XCTAssertEqual(t.docComment(t.roots[0]), "for A")
        XCTAssertNil(t.docComment(t.roots[1]))
    }

    func testTrailingDocCommentDoesNotAttachToTheNextLine() {
        let t = parse("unit A /// trailing\nunit B\n")
        XCTAssertNil(t.docComment(t.roots[1]))
    }

    func testDocCommentsInsideBlocks() {
        let t = parse("unit A {\n  /// Sachbearbeitung\n  position SB { planned 1 fte }\n  /// stray at the end\n}\nunit B\n")
        XCTAssertEqual(t.docComment(statement(t, 0, 0)), "Sachbearbeitung")
        XCTAssertNil(t.docComment(t.roots[0]))
        XCTAssertNil(t.docComment(t.roots[1]), "a doc comment before `}` belongs to nothing after the block")
    }

    func testDocCommentWithCRLF() {
        let t = parse("/// doc\r\nunit A\r\n")
        XCTAssertEqual(t.docComment(t.roots[0]), "doc")
    }

    // MARK: Tree helpers

    func testInnermostStatementAndWalk() {
        let text = "unit A {\n  position SB { planned 1 fte }\n}\nunit B"
        let t = parse(text)
        let offset = Array(text.utf8).firstIndex(of: UInt8(ascii: "1"))!
        let inner = t.innermostStatement(at: offset)
        XCTAssertEqual(inner.flatMap { t.knownKeyword($0) }, .planned)
        XCTAssertNil(t.innermostStatement(at: text.utf8.count + 10))
        var visited: [String] = []
        t.walk { id, depth in visited.append("\(depth):\(t.keywordText(id))") }
        XCTAssertEqual(visited, ["0:unit", "1:position", "2:planned", "0:unit"])
    }

    func testEmptyAndTriviaOnlyFiles() {
        for text in ["", "\n\n", "// c", "/* c */", "/// d", "\u{FEFF}", ";;;", " \t "] {
            let t = parse(text)
            XCTAssertEqual(t.roots.count, 0, text)
            XCTAssertEqual(t.diagnostics.count, 0, text)
        }
    }

    // MARK: Keyword table

    func testKeywordTableIsConsistent() {
        for spec in Keywords.all {
            XCTAssertFalse(spec.contexts.isEmpty, spec.word)
            XCTAssertFalse(spec.doc.isEmpty, spec.word)
            // Declarations take a name first.
            if spec.declares != nil, case .declName = spec.args.first?.form {} else if spec.declares != nil {
                XCTFail("\(spec.word) declares but takes no name")
            }
            // Each role at most once per keyword: `tree.arg(id, role)` is unambiguous.
            XCTAssertEqual(Set(spec.args.map(\.role)).count, spec.args.count, spec.word)
            // A keyword that needs its block opens one.
            if spec.requiresBlock { XCTAssertNotNil(spec.opens, spec.word) }
        }
        // At most one entry per (keyword, context): lookup is unambiguous.
        var seen = Set<String>()
        for spec in Keywords.all { for c in spec.contexts { XCTAssertTrue(seen.insert("\(spec.keyword)@\(c)").inserted, "\(spec.keyword) twice in \(c)") } }
        XCTAssertNotNil(Keywords.lookup("time", in: .step))
        XCTAssertNil(Keywords.lookup("time", in: .process))
        XCTAssertEqual(Keywords.lookup("anything", in: .dnaRatings).map { Keywords.spec($0).keyword }, .rating)
        XCTAssertFalse(Keywords.words.contains(Keyword.rating.rawValue))
    }

    /// `Keyword` and the table list the same words: every case has an entry and every
    /// entry's word is a case (the enum is checked against the one table, both ways).
    func testKeywordEnumMatchesTheTable() {
        let tableWords = Set(Keywords.all.map(\.word))
        let enumWords = Set(Keyword.allCases.map(\.rawValue))
        XCTAssertEqual(enumWords.subtracting(tableWords), [], "cases of `Keyword` without a table entry")
        XCTAssertEqual(tableWords.subtracting(enumWords), [], "table entries without a `Keyword` case")
        XCTAssertEqual(Set(Keywords.words), enumWords.subtracting([Keyword.rating.rawValue]))
        // Messages interpolate keywords: they must read as written.
        XCTAssertEqual("\(Keyword.mediaBreak)", "media_break")
        XCTAssertEqual("\(Keyword.in)", "in")
    }

    /// Keyword-specific parsing rules are data of the table, not code in the parser.
    func testSpecialRulesComeFromTheTable() {
        let blockRequired = Keywords.all.filter(\.requiresBlock).map { "\($0.keyword)@\($0.contexts.map(\.rawValue).joined(separator: ","))" }
        XCTAssertEqual(blockRequired, ["dna@file", "dna@process", "deploy@unit", "matrix@file", "rating@matrix", "raci@file"])
        XCTAssertEqual(codes("dna\n"), ["E117"])
        XCTAssertEqual(codes("process P { dna }"), ["E117"])
        let unknownWordCodes = Keywords.all.filter { $0.wrongWordCode != .wrongArgument }.map(\.keyword)
        XCTAssertEqual(unknownWordCodes, [.from])
        XCTAssertEqual(codes("dna { criterion c { weight 1; from bogus } }"), ["E601"])
        XCTAssertEqual(codes("process P { source bogus }"), ["E115"])
        XCTAssertEqual(Keywords.endTarget, "end")
        XCTAssertTrue(Keywords.shapeWords.contains(Keywords.endTarget))
    }

    /// The parser finds unit and rate words by their bytes (`Parser.unitWord`, `rateWord`):
    /// every unit and every rate is read back as written, and near misses are none.
    func testEveryUnitAndRateWordIsRead() {
        for u in UnitWord.allCases {
            let tree = Parser.parse(path: "u.orga", text: "x 1 \(u.rawValue)\n")
            XCTAssertEqual(tree.arguments.first?.unit, u, u.rawValue)
        }
        for r in RateWord.allCases {
            let tree = Parser.parse(path: "r.orga", text: "x 1 /\(r.rawValue)\n")
            XCTAssertEqual(tree.arguments.first?.per, r, r.rawValue)
        }
        for word in ["mi", "minn", "Min", "hh", "years", "yea", "fteX"] {
            let tree = Parser.parse(path: "n.orga", text: "x 1 \(word)\n")
            XCTAssertNil(tree.arguments.first?.unit, word)
        }
    }
}
