import OrgaSyntax
import OrgaSupport

/// A JSON parser for the language server: bytes in, `JSONValue` out. It never traps:
/// nesting is bounded (`maxDepth`), every index is checked, invalid UTF-8 and lone
/// surrogates are repaired to U+FFFD, and any malformed input is an error value.
/// Integers that fit in `Int` stay `.int` (JSON-RPC ids and positions); everything
/// else numeric is `.number`.
public struct JSONParser {
    public static let maxDepth = 512

    public struct Error: Swift.Error, CustomStringConvertible, Sendable {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var i = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static func parse(_ bytes: [UInt8]) throws(Error) -> JSONValue {
        var p = JSONParser(bytes)
        p.skipWhitespace()
        let v = try p.value(depth: 0)
        p.skipWhitespace()
        if p.i < p.bytes.count { throw p.fail("unexpected data after the JSON value") }
        return v
    }

    public static func parse(_ text: String) throws(Error) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private func fail(_ message: String) -> Error { Error(message: message, offset: i) }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 } else { return }
        }
    }

    private mutating func value(depth: Int) throws(Error) -> JSONValue {
        guard depth < JSONParser.maxDepth else { throw fail("JSON nested more than \(JSONParser.maxDepth) levels") }
        guard let b = peek else { throw fail("unexpected end of JSON") }
        switch b {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character in JSON")
        }
    }

    private mutating func literal(_ word: StaticString) throws(Error) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("invalid literal") }
        let p = word.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { throw fail("invalid literal") }
        i += n
    }

    private mutating func object(depth: Int) throws(Error) -> JSONValue {
        i += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected `:`") }
            i += 1
            skipWhitespace()
            let v = try value(depth: depth + 1)
            members.append((key, v))
            skipWhitespace()
            guard let c = peek else { throw fail("unterminated object") }
            i += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "}") { return .object(members) }
            i -= 1
            throw fail("expected `,` or `}`")
        }
    }

    private mutating func array(depth: Int) throws(Error) -> JSONValue {
        i += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard let c = peek else { throw fail("unterminated array") }
            i += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { return .array(items) }
            i -= 1
            throw fail("expected `,` or `]`")
        }
    }

    private mutating func hex4() throws(Error) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let d = ASCII.hexValue(bytes[i + k]) else { throw fail("invalid \\u escape") }
            v = v * 16 + UInt32(d)
        }
        i += 4
        return v
    }

    private static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let s = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(s)).utf8))
    }

    private mutating func string() throws(Error) -> String {
        i += 1   // opening quote
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("control character in string") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw fail("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let u = try hex4()
                if u >= 0xD800 && u < 0xDC00 {
                    // A high surrogate: a low one must follow, else U+FFFD.
                    if i + 6 <= bytes.count && bytes[i] == UInt8(ascii: "\\") && bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let lo = try hex4()
                        if lo >= 0xDC00 && lo < 0xE000 {
                            JSONParser.appendScalar(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), to: &out)
                        } else {
                            JSONParser.appendScalar(0xFFFD, to: &out)
                            i = save
                        }
                    } else {
                        JSONParser.appendScalar(0xFFFD, to: &out)
                    }
                } else {
                    JSONParser.appendScalar(u, to: &out)   // lone low surrogates become U+FFFD
                }
            default:
                throw fail("invalid escape in string")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func number() throws(Error) -> JSONValue {
        let start = i
        var isInteger = true
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, first >= 0x30 && first <= 0x39 else { throw fail("invalid number") }
        if first == 0x30 {
            i += 1
        } else {
            while let d = peek, d >= 0x30 && d <= 0x39 { i += 1 }
        }
        if peek == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard let d = peek, d >= 0x30 && d <= 0x39 else { throw fail("invalid number") }
            while let d = peek, d >= 0x30 && d <= 0x39 { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard let d = peek, d >= 0x30 && d <= 0x39 else { throw fail("invalid number") }
            while let d = peek, d >= 0x30 && d <= 0x39 { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if isInteger, let v = Int(text) { return .int(v) }
        guard let d = Double(text), d.isFinite else { throw fail("number out of range") }
        return .number(d)
    }
}
