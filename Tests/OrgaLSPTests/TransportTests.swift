import XCTest
import OrgaSyntax
@testable import OrgaLSP

final class FrameParserTests: XCTestCase {
    private func frame(_ body: String, header: String = "Content-Length") -> [UInt8] {
        Array("\(header): \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    private func drain(_ p: inout FrameParser) -> [FrameParser.Event] {
        var out: [FrameParser.Event] = []
        while let e = p.next() { out.append(e) }
        return out
    }

    func testOneMessage() {
        var p = FrameParser()
        p.append(frame("{\"a\":1}"))
        XCTAssertEqual(drain(&p), [.message(Array("{\"a\":1}".utf8))])
        XCTAssertEqual(p.bufferedByteCount, 0)
    }

    func testHeadersAreCaseInsensitiveAndUnknownOnesSkipped() {
        var p = FrameParser()
        p.append(Array("content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:  2 \r\nX-Other: 1\r\n\r\n{}".utf8))
        XCTAssertEqual(drain(&p), [.message(Array("{}".utf8))])
    }

    func testLFOnlyHeaderLines() {
        var p = FrameParser()
        p.append(Array("Content-Length: 2\n\n{}".utf8))
        XCTAssertEqual(drain(&p), [.message(Array("{}".utf8))])
    }

    func testByteByByteAndTwoMessagesInOneChunk() {
        var p = FrameParser()
        let bytes = frame("{\"x\":\"ü😀\"}") + frame("[1]")
        var events: [FrameParser.Event] = []
        for b in bytes {
            p.append([b])
            events += drain(&p)
        }
        XCTAssertEqual(events, [.message(Array("{\"x\":\"ü😀\"}".utf8)), .message(Array("[1]".utf8))])
        var q = FrameParser()
        q.append(bytes)
        XCTAssertEqual(drain(&q).count, 2)
    }

    func testContentLengthCountsBytes() {
        var p = FrameParser()
        let body = "\"äöü\""   // 5 characters, 8 bytes
        p.append(frame(body))
        XCTAssertEqual(drain(&p), [.message(Array(body.utf8))])
    }

    func testMissingContentLengthResynchronises() {
        var p = FrameParser()
        p.append(Array("Content-Type: x\r\n\r\n{\"lost\":1}".utf8) + frame("{\"ok\":1}"))
        let events = drain(&p)
        XCTAssertTrue(events.contains(.message(Array("{\"ok\":1}".utf8))), "\(events)")
    }

    func testInvalidContentLengthIsAnErrorAndTheNextMessageWorks() {
        var p = FrameParser()
        p.append(Array("Content-Length: abc\r\n\r\n".utf8) + frame("{}"))
        let events = drain(&p)
        XCTAssertTrue(events.contains { if case .error = $0 { true } else { false } })
        XCTAssertEqual(events.last, .message(Array("{}".utf8)))
    }

    func testOversizedLengthIsIgnoredAndFramingResynchronises() {
        var p = FrameParser()
        let n = FrameParser.maxContentLength + 1
        p.append(Array("Content-Length: \(n)\r\n\r\n".utf8))
        XCTAssertTrue(drain(&p).contains { if case .error = $0 { true } else { false } })
        // Whatever follows is not swallowed as a body: the next message is read.
        let chunk = [UInt8](repeating: 0x41, count: 1 << 20)
        for _ in 0..<3 {
            p.append(chunk)
            _ = drain(&p)
            XCTAssertLessThan(p.bufferedByteCount, FrameParser.maxHeaderBytes + 64)
        }
        p.append(frame("{}"))
        XCTAssertEqual(drain(&p).last, .message(Array("{}".utf8)))
    }

    func testGarbageBeforeAHeader() {
        var p = FrameParser()
        p.append(Array("garbage\r\n\r\n".utf8) + frame("{}"))
        let events = drain(&p)
        XCTAssertEqual(events.last, .message(Array("{}".utf8)))
    }

    func testEndlessGarbageIsBounded() {
        var p = FrameParser()
        p.append([UInt8](repeating: 0x41, count: FrameParser.maxHeaderBytes * 3))
        let events = drain(&p)
        XCTAssertFalse(events.isEmpty)
        XCTAssertLessThan(p.bufferedByteCount, 64)
    }

    func testFramedOutputIsOneBufferWithByteLength() {
        var written: [[UInt8]] = []
        let w = MessageWriter { written.append($0); return true }
        w.send(.object([("text", .string("ü😀"))]))
        XCTAssertEqual(written.count, 1)
        let s = String(decoding: written[0], as: UTF8.self)
        XCTAssertTrue(s.hasPrefix("Content-Length: 17\r\n\r\n"), s)
    }
}

final class JSONParserTests: XCTestCase {
    func testValues() throws {
        let v = try JSONParser.parse(#"{"a": [1, -2, 3.5, 1e3, true, false, null, "x"], "b": {}}"#)
        XCTAssertEqual(v["a"], .array([.int(1), .int(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null, .string("x")]))
        XCTAssertEqual(v["b"], .object([]))
    }

    func testStringEscapesAndSurrogates() throws {
        XCTAssertEqual(try JSONParser.parse(#""a\"b\\c\/d\n\t\u00fc\ud83d\ude00""#), .string("a\"b\\c/d\n\tü😀"))
        // A lone surrogate becomes U+FFFD instead of trapping.
        XCTAssertEqual(try JSONParser.parse(#""\ud83d x""#), .string("\u{FFFD} x"))
        XCTAssertEqual(try JSONParser.parse(#""\ude00""#), .string("\u{FFFD}"))
    }

    func testMalformedInputIsAnError() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "tru", "01x", "\"abc", "{\"a\":1}}", "[\"\u{01}\"]", "-", "1.", "\"\\x\""] {
            XCTAssertThrowsError(try JSONParser.parse(bad), bad)
        }
    }

    func testDeepNestingIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(deep))
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNoThrow(try JSONParser.parse(ok))
    }

    func testInvalidUTF8IsRepaired() throws {
        let v = try JSONParser.parse([0x22, 0xFF, 0x41, 0x22])
        XCTAssertEqual(v.stringValue?.unicodeScalars.last, "A")
    }

    func testHugeIntegersBecomeDoubles() throws {
        XCTAssertEqual(try JSONParser.parse("123456789012345678901234567890").doubleValue ?? 0, 1.2345678901234568e29, accuracy: 1e15)
    }

    func testRequestIDs() {
        XCTAssertEqual(RequestID(.int(3)), .int(3))
        XCTAssertEqual(RequestID(.string("a")), .string("a"))
        XCTAssertNil(RequestID(.bool(true)))
        XCTAssertNil(RequestID(.number(1.5)))
        XCTAssertNil(RequestID(.null))
    }
}
