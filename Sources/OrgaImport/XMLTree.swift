import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read into a flat array of elements (Foundation's `XMLParser`,
/// namespaces resolved, external entities never loaded). Elements refer to each other
/// by index: no recursion is needed to walk a deep document.
public struct XMLTree: Sendable {
    public struct Element: Sendable {
        /// Local name (`task`, not `bpmn:task`) and namespace URI.
        public var name: String
        public var namespace: String
        /// Attributes by qualified name as written (`id`, `orgc:share`, `xsi:type`).
        public var attributes: [String: String]
        public var parent: Int?
        public var children: [Int] = []
        /// Character data directly inside the element (trimmed by the reader where needed).
        public var text: String = ""
        /// 1-based line of the start tag.
        public var line: Int
    }

    public var elements: [Element] = []
    /// Index of the root element (0 when the document has one).
    public var root: Int? { elements.isEmpty ? nil : 0 }

    public struct ParseError: Error, Sendable {
        public var line: Int
        public var column: Int
        public var reason: String
        /// The document may be well-formed but exceeds a limit of the reader.
        public var limit = false
    }

    /// Reads `bytes`. Nesting deeper than `maxDepth` or more than `maxElements` elements
    /// is an error (a hostile document must not exhaust memory).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 256, maxElements: Int = 2_000_000) -> Result<XMLTree, ParseError> {
        // Foundation's parser on Linux traps on names that are not UTF-8: hand it valid
        // UTF-8 only (UTF-16 transcoded here), or bytes in an encoding the declaration names.
        let input: [UInt8]
        switch checkedEncoding(bytes) {
        case .success(let b): input = b
        case .failure(let e): return .failure(e)
        }
        let delegate = Builder(maxDepth: maxDepth, maxElements: maxElements)
        let parser = XMLParser(data: Data(input))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        if let stop = delegate.stopReason {
            return .failure(ParseError(line: delegate.stopLine, column: 1, reason: stop, limit: true))
        }
        guard ok else {
            let reason = parser.parserError.map { describe($0) } ?? "not well-formed XML"
            return .failure(ParseError(line: max(1, parser.lineNumber), column: max(1, parser.columnNumber), reason: reason))
        }
        if let open = delegate.stack.last {
            let e = delegate.tree.elements[open]
            return .failure(ParseError(line: max(1, parser.lineNumber), column: 1, reason: "not well-formed XML: <\(e.name)> (line \(e.line)) is never closed", limit: true))
        }
        guard !delegate.tree.elements.isEmpty else {
            return .failure(ParseError(line: 1, column: 1, reason: "no XML element"))
        }
        return .success(delegate.tree)
    }

    /// The bytes Foundation's parser gets: always UTF-8, and an XML declaration that
    /// names no encoding, so that libxml2 never converts (its Linux binding traps on names
    /// that are not UTF-8). UTF-16 with a byte order mark, ISO-8859-1, Windows-1252 and
    /// US-ASCII are decoded here; UTF-8 must be valid; anything else is refused.
    static func checkedEncoding(_ bytes: [UInt8]) -> Result<[UInt8], ParseError> {
        var text: String?
        var body = bytes[...]
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            text = String(decoding: units, as: UTF16.self)
        } else {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes.dropFirst(3) }
            let declared = declaredEncoding(body)
            switch declared {
            case nil, "utf-8", "utf8":
                if String(validating: body, as: UTF8.self) == nil {
                    return .failure(ParseError(line: firstInvalidLine(body), column: 1, reason: "not valid UTF-8 (save the file as UTF-8, or name its encoding in the XML declaration)", limit: true))
                }
            case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "iso_8859-1", "windows-1252", "cp1252", "us-ascii", "ascii":
                text = TextDecoding.windows1252(body, latin1: declared?.hasPrefix("iso") == true || declared?.hasPrefix("latin") == true)
            case let other?:
                return .failure(ParseError(line: 1, column: 1, reason: "the XML declaration names the encoding \"\(other)\"; orgc reads UTF-8, UTF-16, ISO-8859-1 and Windows-1252", limit: true))
            }
        }
        var out = text.map { Array($0.utf8) } ?? Array(body)
        // Drop the declaration's encoding: the bytes are UTF-8 now.
        if out.starts(with: Array("<?xml".utf8)), let end = firstIndex(of: Array("?>".utf8), in: out, limit: 1024) {
            out.replaceSubrange(0..<(end + 2), with: Array("<?xml version=\"1.0\"?>".utf8))
        }
        return .success(out)
    }

    /// The encoding named in the XML declaration at the start, lower-cased.
    static func declaredEncoding(_ b: ArraySlice<UInt8>) -> String? {
        let head = String(decoding: b.prefix(1024), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let decl = head[..<end.lowerBound]
        guard let e = decl.range(of: "encoding") else { return nil }
        var rest = decl[e.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let q = rest.first, q == "\"" || q == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != q }
        return value.lowercased()
    }

    static func firstIndex(of needle: [UInt8], in hay: [UInt8], limit: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        for i in 0...min(hay.count - needle.count, limit) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    static func firstInvalidLine(_ body: ArraySlice<UInt8>) -> Int {
        var line = 1
        var i = body.startIndex
        while i < body.endIndex {
            let len = utf8Length(body, i)
            if len == 0 { break }
            if body[i] == 0x0A { line += 1 }
            i += len
        }
        return line
    }

    /// Length of the valid UTF-8 sequence at `i`, 0 when it is not valid.
    private static func utf8Length(_ b: ArraySlice<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c < 0x80 { return 1 }
        let n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0
        guard n > 0, i + n <= b.endIndex else { return 0 }
        let slice = b[i..<(i + n)]
        return String(validating: slice, as: UTF8.self) != nil ? n : 0
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        let text = ns.localizedDescription
        // Foundation's text is "The operation could not be completed. (… error 4.)" on
        // Linux; the libxml2 code tells more.
        switch ns.code {
        case 4: return "the document is empty or not XML"
        case 5: return "the document ends too early (premature end of data)"
        case 9: return "a character that XML does not allow"
        case 23, 39: return "an unclosed or mismatched tag"
        case 76: return "a tag is not closed (mismatched end tag)"
        case 89: return "entity references expand too far (refused: a billion-laughs document?)"
        case 111: return "an unclosed or mismatched tag"
        default: return "not well-formed XML (\(text))"
        }
    }

    /// The children of `i` named `name` in namespace `ns` (any namespace when nil).
    public func children(_ i: Int, _ name: String, ns: String? = nil) -> [Int] {
        guard i >= 0, i < elements.count else { return [] }
        return elements[i].children.filter { elements[$0].name == name && (ns == nil || elements[$0].namespace == ns) }
    }

    public func attribute(_ i: Int, _ name: String) -> String? {
        guard i >= 0, i < elements.count else { return nil }
        return elements[i].attributes[name]
    }

    /// An attribute by namespace-qualified name regardless of its prefix (`orgc:share`
    /// written as `o:share`): matched by local name among attributes with a prefix.
    public func attribute(_ i: Int, local: String, prefixed: Bool) -> String? {
        guard i >= 0, i < elements.count else { return nil }
        let attrs = elements[i].attributes
        for key in attrs.keys.sorted() where key.hasSuffix(":" + local) { return attrs[key] }
        return nil
    }
}

private final class Builder: NSObject, XMLParserDelegate {
    var tree = XMLTree()
    var stack: [Int] = []
    let maxDepth: Int
    let maxElements: Int
    var stopReason: String?
    var stopLine = 1

    init(maxDepth: Int, maxElements: Int) {
        self.maxDepth = maxDepth
        self.maxElements = maxElements
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard stopReason == nil else { return }
        if stack.count >= maxDepth || tree.elements.count >= maxElements {
            stopReason = stack.count >= maxDepth ? "elements nested deeper than \(maxDepth) levels" : "more than \(maxElements) XML elements"
            stopLine = parser.lineNumber
            parser.abortParsing()
            return
        }
        let index = tree.elements.count
        tree.elements.append(XMLTree.Element(name: elementName, namespace: namespaceURI ?? "", attributes: attributeDict,
                                             parent: stack.last, line: max(1, parser.lineNumber)))
        if let p = stack.last { tree.elements[p].children.append(index) }
        stack.append(index)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard stopReason == nil else { return }
        // Foundation on Linux reports a mismatched end tag as an ordinary end: check it.
        guard let top = stack.last, tree.elements[top].name == elementName,
              tree.elements[top].namespace == (namespaceURI ?? "") else {
            let open = stack.last.map { tree.elements[$0] }
            stopReason = "not well-formed XML: </\(elementName)> does not close <\(open?.name ?? "?")>\(open.map { " (line \($0.line))" } ?? "")"
            stopLine = max(1, parser.lineNumber)
            parser.abortParsing()
            return
        }
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard stopReason == nil, let top = stack.last else { return }
        if tree.elements[top].text.utf8.count < 1_000_000 { tree.elements[top].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard stopReason == nil, let top = stack.last else { return }
        if tree.elements[top].text.utf8.count < 1_000_000 { tree.elements[top].text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? { nil }
}
