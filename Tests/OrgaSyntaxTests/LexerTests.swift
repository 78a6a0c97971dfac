import XCTest
@testable import OrgaSyntax

/// Tokens, lexical diagnostics and the line/column arithmetic of `SourceFile`.
final class LexerTests: XCTestCase {
    // MARK: Helpers

    private func lex(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic], file: SourceFile) {
        lex(Array(text.utf8))
    }

    private func lex(_ bytes: [UInt8]) -> (tokens: [Token], diagnostics: [Diagnostic], file: SourceFile) {
        let f = SourceFile(path: "t.orga", bytes: bytes)
        let (t, d) = Lexer.tokenize(f)
        return (t, d, f)
    }

    /// Kinds and texts of the tokens, without the final eof.
    private func tokens(_ text: String) -> [String] {
        let (t, _, f) = lex(text)
        return t.dropLast().map { "\($0.kind):\(f.text(Int($0.start)..<Int($0.end)))" }
    }

    private func kinds(_ text: String) -> [TokenKind] {
        lex(text).tokens.dropLast().map(\.kind)
    }

    private func codes(_ text: String) -> [String] {
        lex(text).diagnostics.map(\.code.rawValue)
    }

    private func codes(_ bytes: [UInt8]) -> [String] {
        lex(bytes).diagnostics.map(\.code.rawValue)
    }

    // MARK: Invariants of every token stream

    private func assertLossless(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let (t, d, _) = lex(bytes)
        XCTAssertEqual(t.last?.kind, .eof, file: file, line: line)
        XCTAssertEqual(t.last.map { Int($0.start) }, bytes.count, file: file, line: line)
        var prev = 0
        for tok in t {
            XCTAssertLessThanOrEqual(prev, Int(tok.start), "tokens overlap or go backwards", file: file, line: line)
            XCTAssertLessThanOrEqual(Int(tok.start), Int(tok.end), file: file, line: line)
            if tok.kind != .eof { XCTAssertLessThan(Int(tok.start), Int(tok.end), "empty token \(tok.kind)", file: file, line: line) }
            // Between tokens only spaces, tabs, form feeds, vertical tabs (and a leading BOM).
            for i in prev..<Int(tok.start) {
                let isBOM = i < 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF])
                XCTAssertTrue(isBOM || [0x20, 0x09, 0x0C, 0x0B].contains(bytes[i]), "byte \(bytes[i]) at \(i) skipped", file: file, line: line)
            }
            prev = Int(tok.end)
        }
        for diag in d {
            XCTAssertTrue(0 <= diag.range.start && diag.range.start <= diag.range.end && diag.range.end <= bytes.count,
                          "bad range \(diag.range) for \(diag.code)", file: file, line: line)
        }
    }

    func testTokenStreamIsLosslessOnAssortedInputs() {
        let inputs: [String] = [
            "", " ", "\n", "\r", "\r\n", "unit A \"x\" { kind \"y\" } // c\n",
            "/* /* */", "\"abc", "\"\\", "1__2 1_ 12. .5 0..4 45min -> - > € % / .. . + , ;",
            "2024-02-30 2024-02-29x 20240-01-01", "\u{FEFF}unit A", "#$@!?=&|^~`'[]()<>",
            "Bürgerbüro Отдел 総務課 e\u{301} 🏛 \u{200B}",
        ]
        for s in inputs { assertLossless(Array(s.utf8)) }
        assertLossless([0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x22, 0xE2, 0x82, 0x0A, 0xF0, 0x9F, 0x8F])
    }

    // MARK: Line ends

    func testLineEndsLFCRLFAndLoneCR() {
        XCTAssertEqual(kinds("a\nb\r\nc\rd"), [.identifier, .newline, .identifier, .newline, .identifier, .newline, .identifier])
        // `\r\n` is one newline token of two bytes.
        let (t, _, _) = lex("a\r\nb")
        XCTAssertEqual(t[1].kind, .newline)
        XCTAssertEqual(t[1].end - t[1].start, 2)
        // `\n\r` is two line ends (LF, then a lone CR).
        XCTAssertEqual(kinds("a\n\rb"), [.identifier, .newline, .newline, .identifier])
    }

    func testLineStartsAndColumnsWithMixedLineEnds() {
        let f = SourceFile(path: "t", text: "ab\r\ncd\ref\ngh\r\r\nij")
        XCTAssertEqual(f.lineStarts, [0, 4, 7, 10, 13, 15])
        XCTAssertEqual(f.lineCount, 6)
        XCTAssertEqual((0..<f.lineCount).map { f.lineText($0) }, ["ab", "cd", "ef", "gh", "", "ij"])
        // `i` is at byte 15: line 5 (0-based), column 0.
        XCTAssertEqual(f.lineAndByteColumn(of: 15).line, 5)
        XCTAssertEqual(f.lineAndByteColumn(of: 15).column, 0)
        XCTAssertEqual(f.lineAndByteColumn(of: 5).line, 1)
        XCTAssertEqual(f.lineAndByteColumn(of: 5).column, 1)
        // The `\r` of a CRLF belongs to the line it ends.
        XCTAssertEqual(f.line(of: 2), 0)
        XCTAssertEqual(f.line(of: 3), 0)
        // Clamping.
        XCTAssertEqual(f.line(of: -5), 0)
        XCTAssertEqual(f.line(of: 1_000), 5)
        XCTAssertEqual(f.lineRange(99), f.bytes.count..<f.bytes.count)
        XCTAssertEqual(f.lineRange(-1), f.bytes.count..<f.bytes.count)
    }

    func testDiagnosticPositionsInACRLFFile() {
        let text = "unit A\r\nunit B \"open\r\nunit C # x\r\n"
        let (_, d, f) = lex(text)
        XCTAssertEqual(d.map(\.code), [.unterminatedString, .unexpectedCharacter])
        XCTAssertEqual(f.line(of: d[0].range.start), 1)
        XCTAssertEqual(f.characterColumn(of: d[0].range.start), 7)
        XCTAssertEqual(f.text(d[0].range.start..<d[0].range.end), "\"open", "the string ends before `\\r`")
        XCTAssertEqual(f.line(of: d[1].range.start), 2)
        XCTAssertEqual(f.characterColumn(of: d[1].range.start), 7)
    }

    func testTrailingLineEndMakesAnEmptyLastLine() {
        XCTAssertEqual(SourceFile(path: "t", text: "a\n").lineCount, 2)
        XCTAssertEqual(SourceFile(path: "t", text: "a\r").lineCount, 2)
        XCTAssertEqual(SourceFile(path: "t", text: "a\r\n").lineCount, 2)
        XCTAssertEqual(SourceFile(path: "t", text: "").lineCount, 1)
    }

    // MARK: BOM

    func testLeadingBOMIsSkippedButKeptInOffsets() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("unit A".utf8)
        let (t, d, f) = lex(bytes)
        XCTAssertTrue(d.isEmpty)
        XCTAssertEqual(t.first?.kind, .identifier)
        XCTAssertEqual(t.first?.start, 3)
        XCTAssertEqual(f.text(3..<7), "unit")
        // The BOM is no column: line 1 starts after it, as in an editor.
        XCTAssertEqual(f.lineText(0), "unit A")
        XCTAssertEqual(f.characterColumn(of: 3), 0)
        XCTAssertEqual(f.characterColumn(of: 8), 5)
        XCTAssertEqual(f.utf16Column(of: 8), 5)
        XCTAssertEqual(f.lineAndByteColumn(of: 8).column, 5)
        XCTAssertEqual(f.offset(line: 0, utf16Column: 0), 3)
        XCTAssertEqual(f.offset(line: 0, utf16Column: 5), 8)
        XCTAssertEqual(f.offset(line: 0, byteColumn: 0), 3)
        XCTAssertEqual(SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF]).lineText(0), "")
        XCTAssertEqual(SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF, 0x0A, 0x61]).lineText(1), "a")
        // A BOM elsewhere is not skipped: U+FEFF is no letter.
        XCTAssertEqual(codes("unit \u{FEFF}A"), ["E101"])
        // Only one BOM is skipped.
        XCTAssertEqual(codes([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]), ["E101"])
    }

    // MARK: Comments

    func testLineAndDocComments() {
        XCTAssertEqual(kinds("// x\n/// doc\n//// not doc\n///\n"),
                       [.lineComment, .newline, .docComment, .newline, .lineComment, .newline, .docComment, .newline])
        // A comment ends before `\r` too.
        XCTAssertEqual(tokens("a // c\r\nb"), ["identifier:a", "lineComment:// c", "newline:\r\n", "identifier:b"])
    }

    func testNestedBlockComments() {
        XCTAssertEqual(tokens("a /* x /* y */ z */ b"), ["identifier:a", "blockComment:/* x /* y */ z */", "identifier:b"])
        XCTAssertEqual(tokens("/**/x"), ["blockComment:/**/", "identifier:x"])
        XCTAssertEqual(tokens("/*/ still open */x"), ["blockComment:/*/ still open */", "identifier:x"])
        // Spanning lines: no newline tokens inside.
        XCTAssertEqual(kinds("/* a\n b\r\n */\n"), [.blockComment, .newline])
    }

    func testUnterminatedBlockComment() {
        let (t, d, _) = lex("unit A /* x /* y */ z")
        XCTAssertEqual(d.map(\.code), [.unterminatedComment])
        XCTAssertEqual(d[0].range, ByteRange(7, 9), "the diagnostic marks the opening `/*`")
        XCTAssertEqual(t[t.count - 2].kind, .blockComment)
        XCTAssertEqual(t[t.count - 2].end, 21, "the comment runs to the end of the file")
        XCTAssertEqual(codes("/*"), ["E105"])
        XCTAssertEqual(codes("/* /* */"), ["E105"])
    }

    // MARK: Strings

    func testStringsAndEscapes() {
        let text = #"kind "a\"b\\c\nd\te\u{20AC}\u{1F3DB}f""#
        let (t, d, f) = lex(text)
        XCTAssertTrue(d.isEmpty, "\(d)")
        XCTAssertEqual(t[1].kind, .string)
        XCTAssertEqual(SyntaxTree.decodeString(f.bytes, t[1].range), "a\"b\\c\nd\te€🏛f")
    }

    func testInvalidEscapes() {
        let (_, d, f) = lex(#""a\qb" "\u{110000}" "\u{D800}" "\u{}" "\u20AC" "\u{1234567}" "\u{12"#)
        XCTAssertEqual(d.map(\.code), [.invalidEscape, .invalidEscape, .invalidEscape, .invalidEscape, .invalidEscape, .invalidEscape,
                                       .invalidEscape, .unterminatedString])
        XCTAssertEqual(f.text(d[0].range.start..<d[0].range.end), #"\q"#)
        XCTAssertEqual(f.text(d[1].range.start..<d[1].range.end), #"\u{110000}"#)
        XCTAssertEqual(f.text(d[4].range.start..<d[4].range.end), #"\u"#)
        // The value keeps an invalid escape verbatim.
        let t = lex(#""a\qb""#)
        XCTAssertEqual(SyntaxTree.decodeString(t.file.bytes, t.tokens[0].range), #"a\qb"#)
        // A non-ASCII character after a backslash is one escape, not a broken character.
        let u = lex("\"\\ü\"")
        XCTAssertEqual(u.diagnostics.map(\.code), [.invalidEscape])
        XCTAssertEqual(u.diagnostics[0].range, ByteRange(1, 4))
    }

    func testUnterminatedStrings() {
        let (t, d, _) = lex("kind \"abc\nunit B")
        XCTAssertEqual(d.map(\.code), [.unterminatedString])
        XCTAssertEqual(d[0].range, ByteRange(5, 9))
        XCTAssertEqual(t.map(\.kind), [.identifier, .string, .newline, .identifier, .identifier, .eof])
        // A backslash before the line end does not continue the string.
        XCTAssertEqual(codes("\"abc\\\nx"), ["E103"])
        XCTAssertEqual(codes("\"abc\\"), ["E103"])
        XCTAssertEqual(codes("\"abc\r\n"), ["E103"])
        XCTAssertEqual(codes("\""), ["E103"])
    }

    func testEmojiInStringsAndOutside() {
        XCTAssertEqual(codes("kind \"Büro 🏛 👩‍💻\""), [])
        let (_, d, f) = lex("unit A 🏛")
        XCTAssertEqual(d.map(\.code), [.unexpectedCharacter])
        XCTAssertEqual(d[0].range, ByteRange(7, 11), "the whole 4-byte scalar")
        XCTAssertTrue(d[0].message.contains("U+1F3DB"), d[0].message)
        XCTAssertEqual(f.characterColumn(of: d[0].range.end), 8)
    }

    // MARK: Invalid UTF-8

    func testInvalidUTF8Ranges() {
        // A lone Latin-1 byte between tokens: one token, one diagnostic over exactly that byte.
        var r = lex([0x61, 0x20, 0xFC, 0x20, 0x62])
        XCTAssertEqual(r.diagnostics.map(\.code), [.invalidUTF8])
        XCTAssertEqual(r.diagnostics[0].range, ByteRange(2, 3))
        XCTAssertEqual(r.tokens.map(\.kind), [.identifier, .invalid, .identifier, .eof])
        // A run of bad bytes is one diagnostic.
        r = lex([0x20, 0xFF, 0xFE, 0x80, 0x20])
        XCTAssertEqual(r.diagnostics.map(\.range), [ByteRange(1, 4)])
        // Inside a name: the name stays one token.
        r = lex(Array("B".utf8) + [0xFC] + Array("ro x".utf8))
        XCTAssertEqual(r.diagnostics.map(\.range), [ByteRange(1, 2)])
        XCTAssertEqual(r.tokens.map(\.kind), [.identifier, .identifier, .eof])
        XCTAssertEqual(r.tokens[0].range, ByteRange(0, 4))
        // At the start of a name.
        r = lex([0xDC] + Array("bersicht".utf8))
        XCTAssertEqual(r.diagnostics.map(\.range), [ByteRange(0, 1)])
        XCTAssertEqual(r.tokens.map(\.kind), [.identifier, .eof])
        // In a string: a truncated 3-byte sequence covers its 2 bytes; the string still closes.
        r = lex([0x22, 0x61, 0xE2, 0x82, 0x22])
        XCTAssertEqual(r.diagnostics.map(\.code), [.invalidUTF8])
        XCTAssertEqual(r.diagnostics[0].range, ByteRange(2, 4))
        XCTAssertEqual(r.tokens.map(\.kind), [.string, .eof])
        // Truncated at the end of the file.
        r = lex([0x61, 0x20, 0xF0, 0x9F, 0x8F])
        XCTAssertEqual(r.diagnostics.map(\.range), [ByteRange(2, 5)])
        // Overlong encodings and surrogates are invalid.
        XCTAssertEqual(codes([0xC0, 0xAF]), ["E102"])
        XCTAssertEqual(codes([0xE0, 0x80, 0xAF]), ["E102"])
        XCTAssertEqual(codes([0xED, 0xA0, 0x80]), ["E102"])
        XCTAssertEqual(codes([0xF4, 0x90, 0x80, 0x80]), ["E102"], "above U+10FFFF")
        // Comments are kept byte for byte, with a warning (W122) at the first bad byte.
        XCTAssertEqual(codes([0x2F, 0x2F, 0x20, 0xFC]), ["W122"])
    }

    /// Issue 17, item 4: invalid UTF-8 in a comment is a warning, once per comment, over
    /// the bad bytes; the comment token keeps every byte.
    func testInvalidUTF8InCommentsIsAWarning() {
        // `//\xC3 x`: a lead byte without its continuation.
        var r = lex(Array("//".utf8) + [0xC3] + Array(" x\n".utf8))
        XCTAssertEqual(r.diagnostics.map(\.code), [.invalidUTF8InComment])
        XCTAssertEqual(r.diagnostics[0].severity, .warning)
        XCTAssertEqual(r.diagnostics[0].range, ByteRange(2, 3))
        XCTAssertEqual(r.tokens.map(\.kind), [.lineComment, .newline, .eof])
        XCTAssertEqual(r.tokens[0].range, ByteRange(0, 5))
        // Two bad bytes in one comment: one warning; a doc comment and a block comment too.
        r = lex(Array("/// a".utf8) + [0xFC] + Array(" b".utf8) + [0xFF] + Array("\n/* ".utf8) + [0xE2, 0x82] + Array(" */ unit A".utf8))
        XCTAssertEqual(r.diagnostics.map(\.code), [.invalidUTF8InComment, .invalidUTF8InComment])
        XCTAssertEqual(r.diagnostics.map(\.range), [ByteRange(5, 6), ByteRange(13, 15)])
        XCTAssertEqual(r.tokens.map(\.kind), [.docComment, .newline, .blockComment, .identifier, .identifier, .eof])
        // Valid UTF-8 (umlauts, emoji) and a sequence cut off by the end of the line or file.
        XCTAssertEqual(codes("// Bürger 🏛 ok\n/* Übersicht */"), [])
        XCTAssertEqual(lex(Array("// x".utf8) + [0xF0, 0x9F]).diagnostics.map(\.range), [ByteRange(4, 5)])
    }

    /// ASCII files take the O(1) column path; it must agree with counting.
    func testASCIIColumnsAgreeWithCounting() {
        let ascii = SourceFile(path: "a.orga", text: "unit A\r\n  position P { planned 1 fte }\rx\n")
        let mixed = SourceFile(path: "m.orga", bytes: Array("unit A\r\n  position P { planned 1 fte }\rx\n".utf8) + [0xC3, 0xBC])
        XCTAssertTrue(ascii.isASCII)
        XCTAssertFalse(mixed.isASCII)
        for o in 0...ascii.bytes.count {
            XCTAssertEqual(ascii.characterColumn(of: o), mixed.characterColumn(of: o), "offset \(o)")
            XCTAssertEqual(ascii.utf16Column(of: o), mixed.utf16Column(of: o), "offset \(o)")
        }
    }

    func testDecodeScalar() {
        XCTAssertEqual(Lexer.decodeScalar(Array("ü".utf8), at: 0).scalar, "ü")
        XCTAssertEqual(Lexer.decodeScalar(Array("ü".utf8), at: 0).length, 2)
        XCTAssertEqual(Lexer.decodeScalar(Array("🏛".utf8), at: 0).length, 4)
        XCTAssertNil(Lexer.decodeScalar([0xC3], at: 0).scalar)
        XCTAssertNil(Lexer.decodeScalar([], at: 0).scalar)
        XCTAssertNil(Lexer.decodeScalar([0x80], at: 0).scalar)
    }

    // MARK: Identifiers

    func testUnicodeIdentifiers() {
        XCTAssertEqual(tokens("Bürgerbüro SG_10_1 Amt63 _x Отдел 総務課 Πολεοδομία"),
                       ["identifier:Bürgerbüro", "identifier:SG_10_1", "identifier:Amt63", "identifier:_x",
                        "identifier:Отдел", "identifier:総務課", "identifier:Πολεοδομία"])
        // A combining mark continues a name (e + U+0301).
        XCTAssertEqual(tokens("Cafe\u{301} x"), ["identifier:Cafe\u{301}", "identifier:x"])
        // Digits of other scripts continue a name but do not start one.
        XCTAssertEqual(tokens("A\u{0663}"), ["identifier:A\u{0663}"])
        XCTAssertEqual(codes("\u{0663}"), ["E101"])
        // A name starts with a letter or `_`, not a digit: `10A` is a number and a name.
        XCTAssertEqual(kinds("10A"), [.number, .identifier])
        XCTAssertEqual(codes("Bürgerbüro Отдел 総務課"), [])
    }

    // MARK: Numbers, dates, punctuation

    func testNumbers() {
        XCTAssertEqual(tokens("12 12.5 1_200 0.25 1_200.50"),
                       ["number:12", "number:12.5", "number:1_200", "number:0.25", "number:1_200.50"])
        XCTAssertEqual(codes("12 12.5 1_200 0.25"), [])
        XCTAssertEqual(codes("1__2"), ["E106"])
        XCTAssertEqual(codes("1_"), ["E106"])
        XCTAssertEqual(codes("1_.5"), ["E106"])
        XCTAssertEqual(codes("1.5_"), ["E106"])
        XCTAssertEqual(lex("x 1__2").diagnostics.first?.range, ByteRange(2, 6))
        // No decimal comma, no exponent, no leading point: those are separate tokens.
        XCTAssertEqual(kinds("1,5"), [.number, .comma, .number])
        XCTAssertEqual(kinds("1e3"), [.number, .identifier])
        XCTAssertEqual(kinds(".5"), [.dot, .number])
        XCTAssertEqual(kinds("12."), [.number, .dot])
    }

    func testDates() {
        XCTAssertEqual(tokens("2024-06-30"), ["date:2024-06-30"])
        XCTAssertEqual(codes("2024-02-29"), [])
        XCTAssertEqual(codes("2000-02-29"), [])
        XCTAssertEqual(codes("2023-02-29"), ["E107"])
        XCTAssertEqual(codes("1900-02-29"), ["E107"])
        XCTAssertEqual(codes("2024-04-31"), ["E107"])
        XCTAssertEqual(codes("2024-13-01"), ["E107"])
        XCTAssertEqual(codes("2024-00-01"), ["E107"])
        XCTAssertEqual(codes("2024-01-00"), ["E107"])
        XCTAssertEqual(codes("2024-12-31"), [])
        XCTAssertEqual(lex("x 2023-02-29").diagnostics.first?.range, ByteRange(2, 12))
        // Not dates: a year is a plain number; other shapes are numbers and minus signs.
        XCTAssertEqual(kinds("2024"), [.number])
        XCTAssertEqual(kinds("2024-6-30"), [.number, .minus, .number, .minus, .number])
        XCTAssertEqual(kinds("2024-06-301"), [.number, .minus, .number, .minus, .number])
        XCTAssertNotNil(Lexer.dateComponents(Array("2024-02-29".utf8), 0))
        XCTAssertNil(Lexer.dateComponents(Array("2024-02".utf8), 0))
    }

    func testPunctuationAndUnits() {
        XCTAssertEqual(tokens("0..4"), ["number:0", "dotdot:..", "number:4"])
        XCTAssertEqual(tokens("45min"), ["number:45", "identifier:min"])
        XCTAssertEqual(tokens("10%"), ["number:10", "percent:%"])
        XCTAssertEqual(tokens("71_600 €"), ["number:71_600", "euro:€"])
        XCTAssertEqual(tokens("1_200 /year"), ["number:1_200", "slash:/", "identifier:year"])
        XCTAssertEqual(tokens("-> - > -50"), ["arrow:->", "minus:-", "invalid:>", "minus:-", "number:50"])
        XCTAssertEqual(kinds("{ } , ; -> % / .. . + -"),
                       [.lbrace, .rbrace, .comma, .semicolon, .arrow, .percent, .slash, .dotdot, .dot, .plus, .minus])
        XCTAssertEqual(kinds("A.B"), [.identifier, .dot, .identifier])
        XCTAssertEqual(kinds("..."), [.dotdot, .dot])
    }

    func testUnexpectedCharacters() {
        let (t, d, _) = lex("a ### b = c")
        XCTAssertEqual(d.map(\.code), [.unexpectedCharacter, .unexpectedCharacter])
        XCTAssertEqual(d[0].range, ByteRange(2, 5), "a run of the same character is one token")
        XCTAssertEqual(t.map(\.kind), [.identifier, .invalid, .identifier, .invalid, .identifier, .eof])
        XCTAssertEqual(codes("\u{0}"), ["E101"])
        XCTAssertTrue(lex("\u{0}").diagnostics[0].message.contains("0x0"))
        XCTAssertEqual(codes("a\tb\u{0C}c\u{0B}d"), [], "tab, form feed and vertical tab are spaces")
    }

    // MARK: SourceFile columns

    func testCharacterAndUTF16Columns() {
        let f = SourceFile(path: "t", text: "aü🏛b\nx")
        // Bytes: a(0) ü(1,2) 🏛(3..6) b(7) \n(8) x(9)
        XCTAssertEqual(f.characterColumn(of: 0), 0)
        XCTAssertEqual(f.characterColumn(of: 3), 2)
        XCTAssertEqual(f.characterColumn(of: 7), 3)
        XCTAssertEqual(f.utf16Column(of: 3), 2)
        XCTAssertEqual(f.utf16Column(of: 7), 4, "the emoji is a surrogate pair: 2 UTF-16 units")
        XCTAssertEqual(f.utf16Column(of: 8), 5)
        XCTAssertEqual(f.utf16Column(of: 9), 0)
        XCTAssertEqual(f.characterColumn(of: 100), 1, "clamped to the end of the file")
        XCTAssertEqual(f.utf16Column(of: -3), 0)
    }

    func testOffsetFromUTF16ColumnClampsAndRespectsSurrogatePairs() {
        let f = SourceFile(path: "t", text: "aü🏛b\r\nx")
        XCTAssertEqual(f.offset(line: 0, utf16Column: 0), 0)
        XCTAssertEqual(f.offset(line: 0, utf16Column: 1), 1)
        XCTAssertEqual(f.offset(line: 0, utf16Column: 2), 3)
        // Column 3 is inside the surrogate pair: the result is a scalar boundary.
        let inside = f.offset(line: 0, utf16Column: 3)
        XCTAssertTrue(inside == 3 || inside == 7, "\(inside)")
        XCTAssertEqual(f.offset(line: 0, utf16Column: 4), 7)
        XCTAssertEqual(f.offset(line: 0, utf16Column: 5), 8)
        // Past the end of the line: clamped before `\r\n`.
        XCTAssertEqual(f.offset(line: 0, utf16Column: 99), 8)
        XCTAssertEqual(f.offset(line: 0, utf16Column: -1), 0)
        XCTAssertEqual(f.offset(line: 1, utf16Column: 0), 10)
        XCTAssertEqual(f.offset(line: 1, utf16Column: 5), 11)
        // Lines out of range.
        XCTAssertEqual(f.offset(line: -1, utf16Column: 3), 0)
        XCTAssertEqual(f.offset(line: 7, utf16Column: 0), f.bytes.count)
        // Round trip for every scalar boundary.
        for o in [0, 1, 3, 7, 8, 10, 11] {
            let l = f.line(of: o)
            XCTAssertEqual(f.offset(line: l, utf16Column: f.utf16Column(of: o)), o)
        }
        // Byte columns clamp too.
        XCTAssertEqual(f.offset(line: 0, byteColumn: 99), 8)
        XCTAssertEqual(f.offset(line: 0, byteColumn: -4), 0)
        XCTAssertEqual(f.offset(line: 1, byteColumn: 1), 11)
    }

    func testOffsetFromUTF16ColumnOnInvalidUTF8NeverLeavesTheLine() {
        let f = SourceFile(path: "t", bytes: [0x61, 0xF0, 0x0A, 0x62])
        for c in 0..<6 {
            let o = f.offset(line: 0, utf16Column: c)
            XCTAssertTrue(o >= 0 && o <= 2, "\(c) → \(o)")
        }
    }

    /// `TokenList` packs a token's length in 24 bits; longer tokens (16,777,215 bytes and
    /// more) keep their end aside. Every token reads back as it was appended, long or not.
    func testTokenListKeepsLongTokensExactly() {
        let long = 1 << 24   // 16,777,216 bytes: one more than 24 bits hold
        let tokens = [
            Token(kind: .identifier, start: 0, end: 4),
            Token(kind: .lineComment, start: 5, end: 5 + long),
            Token(kind: .newline, start: 5 + long, end: 6 + long),
            Token(kind: .blockComment, start: 6 + long, end: 6 + long + 0xFF_FFFF),   // exactly the marker length
            Token(kind: .invalid, start: 6 + long + 0xFF_FFFF, end: 6 + long + 0xFF_FFFF + 0xFF_FFFE),   // just below it
            Token(kind: .eof, start: 100_000_000, end: 100_000_000),
        ]
        let list = TokenList(tokens)
        XCTAssertEqual(Array(list), tokens)
        XCTAssertEqual(list.indices.map { list.kind($0) }, tokens.map(\.kind))
        XCTAssertEqual(list[1].range, ByteRange(5, 5 + long))
    }

    /// The parser's token list reads back the tokens the lexer made, on a real file.
    func testParsedTokensEqualLexedTokens() {
        let file = SourceFile(path: "t.orga", text: "/// Doc\nunit A \"Titel\" { position P { planned 1.5 fte } }\n// end")
        XCTAssertEqual(Array(Parser.parse(file).tokens), Lexer.tokenize(file).tokens)
        // doc, newline, 12 tokens of `unit A … }`, newline, comment, eof
        XCTAssertEqual(Parser.parse(file).tokens.count, 17)
    }
}
