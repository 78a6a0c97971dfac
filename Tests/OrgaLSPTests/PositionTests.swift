import XCTest
import OrgaSyntax
@testable import OrgaLSP
import OrgaIDE
import OrgaSupport

final class PositionTests: XCTestCase {
    let utf16 = PositionConverter(.utf16)
    let utf8 = PositionConverter(.utf8)

    func testUTF16ColumnsAfterEmojiAndUmlauts() {
        // "ü" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units.
        let f = SourceFile(path: "t", text: "a ü😀 X\n")
        let x = Array(f.bytes).firstIndex(of: UInt8(ascii: "X"))!
        XCTAssertEqual(utf16.position(x, in: f), LSPPosition(line: 0, character: 6))
        XCTAssertEqual(utf8.position(x, in: f), LSPPosition(line: 0, character: 9))
        XCTAssertEqual(utf16.offset(LSPPosition(line: 0, character: 6), in: f), x)
        XCTAssertEqual(utf8.offset(LSPPosition(line: 0, character: 9), in: f), x)
        XCTAssertEqual(PositionConverter(.utf32).position(x, in: f).character, 5)
    }

    func testInsideASurrogatePairOrMultiByteCharacter() {
        let f = SourceFile(path: "t", text: "😀x")
        // Character 1 is the middle of the surrogate pair: the emoji's start.
        XCTAssertEqual(utf16.offset(LSPPosition(line: 0, character: 1), in: f), 0)
        XCTAssertEqual(utf16.offset(LSPPosition(line: 0, character: 2), in: f), 4)
        XCTAssertEqual(utf8.offset(LSPPosition(line: 0, character: 2), in: f), 0)
    }

    func testClamping() {
        let f = SourceFile(path: "t", text: "ab\ncd")
        XCTAssertEqual(utf16.offset(LSPPosition(line: 0, character: 99), in: f), 2)
        XCTAssertEqual(utf16.offset(LSPPosition(line: 7, character: 0), in: f), 5)
        XCTAssertEqual(utf16.offset(LSPPosition(line: -1, character: -5), in: f), 0)
        XCTAssertEqual(utf16.offset(LSPPosition(line: 1, character: -5), in: f), 3)
        XCTAssertEqual(utf16.position(999, in: f), LSPPosition(line: 1, character: 2))
        XCTAssertEqual(utf16.position(-3, in: f), LSPPosition(line: 0, character: 0))
        let empty = SourceFile(path: "t", text: "")
        XCTAssertEqual(utf16.offset(LSPPosition(line: 3, character: 3), in: empty), 0)
        XCTAssertEqual(utf16.position(0, in: empty), LSPPosition(line: 0, character: 0))
    }

    func testLineEndings() {
        let f = SourceFile(path: "t", text: "a\r\nb\rc\nd")
        XCTAssertEqual(utf16.position(3, in: f), LSPPosition(line: 1, character: 0))   // b
        XCTAssertEqual(utf16.position(5, in: f), LSPPosition(line: 2, character: 0))   // c
        XCTAssertEqual(utf16.position(7, in: f), LSPPosition(line: 3, character: 0))   // d
        // The end of a CRLF line is before the CR.
        XCTAssertEqual(utf16.offset(LSPPosition(line: 0, character: 5), in: f), 1)
        XCTAssertEqual(utf16.offset(LSPPosition(line: 1, character: 5), in: f), 4)
    }

    func testBOMCountsAsOneCharacter() {
        let f = SourceFile(path: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("ab".utf8))
        XCTAssertEqual(utf16.position(4, in: f), LSPPosition(line: 0, character: 2))
        XCTAssertEqual(utf16.offset(LSPPosition(line: 0, character: 1), in: f), 3)
    }

    func testNegotiation() {
        XCTAssertEqual(PositionEncoding.negotiate([]), .utf16)
        XCTAssertEqual(PositionEncoding.negotiate(["utf-16"]), .utf16)
        XCTAssertEqual(PositionEncoding.negotiate(["utf-32", "utf-8", "utf-16"]), .utf8)
    }

    func testURIs() {
        XCTAssertEqual(URIs.path(fromURI: "file:///tmp/B%C3%BCro/a%20b.orga"), "/tmp/Büro/a b.orga")
        XCTAssertEqual(URIs.uri(fromPath: "/tmp/Büro/a b.orga"), "file:///tmp/B%C3%BCro/a%20b.orga")
        XCTAssertEqual(URIs.path(fromURI: "file://localhost/x/y.orga"), "/x/y.orga")
        XCTAssertEqual(URIs.path(fromURI: "untitled:Untitled-1"), "untitled:Untitled-1")
        XCTAssertEqual(URIs.normalize("/a/./b//c/../d/"), "/a/b/d")
        XCTAssertEqual(URIs.path(fromURI: "file:///bad%zz%"), "/bad%zz%")
    }
}

final class IncrementalSyncTests: XCTestCase {
    func change(_ l0: Int, _ c0: Int, _ l1: Int, _ c1: Int, _ text: String) -> JSONValue {
        .object([("range", LSPRange(start: LSPPosition(line: l0, character: c0), end: LSPPosition(line: l1, character: c1)).json),
                 ("text", .string(text))])
    }

    func testSeveralChangesApplyInOrder() {
        let ws = Documents(workspace: IDEWorkspace())
        let uri = "untitled:sync-test"
        _ = ws.didOpen(uri: uri, version: 1, text: "ab\ncd\n")
        // Each change is against the result of the previous one.
        _ = ws.didChange(uri: uri, version: 2, changes: [
            change(0, 2, 0, 2, "X"),        // abX\ncd
            change(1, 0, 1, 1, "😀"),       // abX\n😀d
            change(1, 2, 1, 2, "ü"),        // after the emoji (2 UTF-16 units): abX\n😀üd
            change(0, 0, 1, 0, ""),         // 😀üd
        ], converter: PositionConverter(.utf16))
        XCTAssertEqual(String(decoding: ws.workspace.open[uri]!.bytes, as: UTF8.self), "😀üd\n")
        XCTAssertEqual(ws.open[uri]?.version, 2)
        // A change without a range replaces the whole text.
        _ = ws.didChange(uri: uri, version: 3, changes: [.object([("text", .string("new"))]), change(0, 3, 0, 3, "!")],
                         converter: PositionConverter(.utf16))
        XCTAssertEqual(String(decoding: ws.workspace.open[uri]!.bytes, as: UTF8.self), "new!")
    }

    func testOutOfRangeAndReversedRangesDoNotTrap() {
        let ws = Documents(workspace: IDEWorkspace())
        let uri = "untitled:sync-test-2"
        _ = ws.didOpen(uri: uri, version: 1, text: "abc")
        _ = ws.didChange(uri: uri, version: 2, changes: [change(5, 9, 0, 1, "Z"), change(-1, -1, -1, -1, "<")],
                         converter: PositionConverter(.utf16))
        XCTAssertEqual(String(decoding: ws.workspace.open[uri]!.bytes, as: UTF8.self), "<aZ")
    }

    func testCRLFEdits() {
        let ws = Documents(workspace: IDEWorkspace())
        let uri = "untitled:sync-crlf"
        _ = ws.didOpen(uri: uri, version: 1, text: "a\r\nb\r\n")
        _ = ws.didChange(uri: uri, version: 2, changes: [change(1, 1, 1, 1, "c"), change(0, 1, 1, 0, " ")],
                         converter: PositionConverter(.utf16))
        XCTAssertEqual(String(decoding: ws.workspace.open[uri]!.bytes, as: UTF8.self), "a bc\r\n")
    }
}
