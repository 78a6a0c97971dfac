/// A source file held as UTF-8 bytes, with a table of line starts.
///
/// Positions everywhere in orgc are byte offsets into `bytes`. Lines and columns
/// are derived on demand: line numbers and byte columns are 0-based internally,
/// 1-based only when printed for humans. A line ends at `\n`, `\r\n` or a lone `\r`.
/// A leading UTF-8 byte order mark is kept in `bytes` (so offsets match the file on
/// disk) but skipped by the lexer, and it is no column: the first line's text and
/// columns start after it, as in an editor.
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    /// Whether every byte is ASCII: then a column is the byte distance from the line
    /// start (O(1); counting characters on a 50 MB line for each of thousands of
    /// diagnostics took minutes).
    public let isASCII: Bool

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        (self.lineStarts, self.isASCII) = SourceFile.scan(bytes)
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The line starts and whether every byte is ASCII, in one pass.
    ///
    /// Eight bytes at a time: a word with no byte below `0x0E` (so no line end) and none
    /// above `0x7F` is skipped in a few instructions; the others are looked at byte by
    /// byte. Callgrind, 100k model: line table and ASCII test 26 M + 5 M → 15 M
    /// instructions (2026-12-02; most lines hold a word with a line end or an umlaut).
    static func scan(_ bytes: [UInt8]) -> (lineStarts: [Int], isASCII: Bool) {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 24 + 1)
        var high: UInt8 = 0
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
            var i = 0
            while i < n {
                if i &+ 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    // A byte below 0x0E borrows into its high bit (bytes after it may too:
                    // then they are merely looked at); a byte above 0x7F has it set.
                    if ((word &- ones &* 0x0E) | word) & highBits == 0 {
                        i &+= 8
                        continue
                    }
                }
                let end = Swift.min(i &+ 8, n)
                while i < end {
                    let b = raw[i]
                    i &+= 1
                    high |= b
                    if b > 0x0D { continue }
                    if b == 0x0A {
                        starts.append(i)
                    } else if b == 0x0D {
                        if i < n && raw[i] == 0x0A { i &+= 1 }
                        starts.append(i)
                    }
                }
            }
        }
        return (starts, high < 0x80)
    }

    public var lineCount: Int { lineStarts.count }

    /// 3 when the file starts with a UTF-8 byte order mark, else 0.
    public var bomLength: Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Where the text of line `line` starts: its first byte, after a BOM on the first line.
    private func contentStart(_ line: Int) -> Int {
        line == 0 ? bomLength : lineStarts[line]
    }

    /// The 0-based line containing `offset` (clamped to the file).
    public func line(of offset: Int) -> Int {
        let o = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// 0-based line and 0-based byte column of `offset`.
    public func lineAndByteColumn(of offset: Int) -> (line: Int, column: Int) {
        let o = max(0, min(offset, bytes.count))
        let l = line(of: o)
        return (l, max(0, o - contentStart(l)))
    }

    /// Byte range of line `line` without its line terminator.
    public func lineRange(_ line: Int) -> Range<Int> {
        guard line >= 0 && line < lineStarts.count else { return bytes.count..<bytes.count }
        let start = contentStart(line)
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Text of a line without terminator (invalid UTF-8 repaired).
    public func lineText(_ line: Int) -> String {
        text(lineRange(line))
    }

    public func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// Number of Unicode scalars from the start of the line to `offset`: the column
    /// humans count (1 per `ü`, 1 per emoji). Continuation bytes are not counted.
    public func characterColumn(of offset: Int) -> Int {
        let (l, _) = lineAndByteColumn(of: offset)
        let o = max(0, min(offset, bytes.count))
        if isASCII { return max(0, o - contentStart(l)) }
        var count = 0
        var i = contentStart(l)
        while i < o {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// UTF-16 code units from line start to `offset` (LSP's default encoding).
    public func utf16Column(of offset: Int) -> Int {
        let (l, _) = lineAndByteColumn(of: offset)
        let o = max(0, min(offset, bytes.count))
        if isASCII { return max(0, o - contentStart(l)) }
        var count = 0
        var i = contentStart(l)
        while i < o {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { count += (b >= 0xF0 ? 2 : 1) }
            i += 1
        }
        return count
    }

    /// Byte offset of a (line, UTF-16 column) position, clamped to the line.
    public func offset(line: Int, utf16Column: Int) -> Int {
        if line < 0 { return 0 }
        if line >= lineStarts.count { return bytes.count }
        let range = lineRange(line)
        var units = 0
        var i = range.lowerBound
        while i < range.upperBound && units < utf16Column {
            let b = bytes[i]
            let len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            units += (b >= 0xF0 ? 2 : 1)
            i = min(range.upperBound, i + len)
        }
        return i
    }

    /// Byte offset of a (line, byte column) position, clamped to the line.
    public func offset(line: Int, byteColumn: Int) -> Int {
        if line < 0 { return 0 }
        if line >= lineStarts.count { return bytes.count }
        let range = lineRange(line)
        return min(range.upperBound, range.lowerBound + max(0, byteColumn))
    }
}

/// A half-open range of bytes in one file.
public struct ByteRange: Hashable, Sendable, Comparable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }
    public static func < (a: ByteRange, b: ByteRange) -> Bool {
        a.start != b.start ? a.start < b.start : a.end < b.end
    }
    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }
}
