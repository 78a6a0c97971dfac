import Foundation
import OrgaSyntax
import OrgaIDE
import OrgaSupport

/// How LSP positions count characters within a line. UTF-16 is the protocol's
/// default and the only encoding VS Code and Neovim 0.7 know; `utf-8` (bytes) is used
/// when the client offers it. Positions out of range are clamped, never trapped on.
public enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// Chooses the encoding from the client's `general.positionEncodings`.
    public static func negotiate(_ offered: [String]) -> PositionEncoding {
        if offered.contains("utf-8") { return .utf8 }
        return .utf16
    }
}

/// An LSP position: 0-based line and character in the negotiated encoding.
public struct LSPPosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
    public static func < (a: LSPPosition, b: LSPPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.character < b.character
    }
    public var json: JSONValue { .object([("line", .int(line)), ("character", .int(character))]) }

    public init?(json: JSONValue?) {
        guard let j = json, let l = j["line"]?.intValue, let c = j["character"]?.intValue else { return nil }
        self.init(line: l, character: c)
    }
}

public struct LSPRange: Hashable, Sendable {
    public var start: LSPPosition
    public var end: LSPPosition
    public init(start: LSPPosition, end: LSPPosition) {
        self.start = start
        self.end = end
    }
    public var json: JSONValue { .object([("start", start.json), ("end", end.json)]) }

    public init?(json: JSONValue?) {
        guard let j = json, let s = LSPPosition(json: j["start"]), let e = LSPPosition(json: j["end"]) else { return nil }
        self.init(start: s, end: e)
    }
}

/// Converts between byte offsets of a `SourceFile` and LSP positions.
public struct PositionConverter: Sendable {
    public let encoding: PositionEncoding
    public init(_ encoding: PositionEncoding) { self.encoding = encoding }

    /// Length of the UTF-8 sequence starting with `b` (1 for invalid lead bytes).
    @inline(__always) static func sequenceLength(_ b: UInt8) -> Int {
        b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF8 ? 4 : 1
    }

    /// The LSP position of byte `offset` (clamped to the file).
    public func position(_ offset: Int, in file: SourceFile) -> LSPPosition {
        let o = max(0, min(offset, file.bytes.count))
        let line = file.line(of: o)
        let lineStart = file.lineStarts[line]
        let bytes = file.bytes
        switch encoding {
        case .utf8:
            return LSPPosition(line: line, character: o - lineStart)
        case .utf16, .utf32:
            var count = 0
            var i = lineStart
            while i < o {
                let b = bytes[i]
                let len = PositionConverter.sequenceLength(b)
                count += (encoding == .utf16 && b >= 0xF0 && b < 0xF8) ? 2 : 1
                i += len
            }
            return LSPPosition(line: line, character: count)
        }
    }

    public func range(_ r: ByteRange, in file: SourceFile) -> LSPRange {
        LSPRange(start: position(r.start, in: file), end: position(max(r.start, r.end), in: file))
    }

    /// Bytes of line `line` without its terminator (a byte order mark is part of line 0).
    static func lineRange(_ line: Int, in file: SourceFile) -> Range<Int> { lineContent(line, in: file) }

    /// The byte offset of an LSP position: lines past the end clamp to the end of the
    /// file, characters past the end of a line to the end of that line (before its
    /// terminator), and a position inside a character to that character's start.
    public func offset(_ p: LSPPosition, in file: SourceFile) -> Int {
        if p.line < 0 { return 0 }
        if p.line >= file.lineStarts.count { return file.bytes.count }
        let range = PositionConverter.lineRange(p.line, in: file)
        let bytes = file.bytes
        var units = 0
        var i = range.lowerBound
        let target = max(0, p.character)
        while i < range.upperBound {
            let b = bytes[i]
            let len = PositionConverter.sequenceLength(b)
            let w: Int
            switch encoding {
            case .utf8: w = len
            case .utf16: w = (b >= 0xF0 && b < 0xF8) ? 2 : 1
            case .utf32: w = 1
            }
            if units + w > target { break }
            units += w
            i = min(range.upperBound, i + len)
        }
        return i
    }
}
