import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// Independent checks of XML outputs (SVG, BPMN, HTML-like text) with Foundation's parser.

/// Parses XML with Foundation's parser; returns the first error, nil when well-formed.
public func xmlError(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    final class Delegate: NSObject, XMLParserDelegate {
        var error: String?
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if error == nil { error = "\(parseError) line \(parser.lineNumber) col \(parser.columnNumber)" }
        }
    }
    let d = Delegate()
    parser.delegate = d
    let ok = parser.parse()
    if ok && d.error == nil { return nil }
    return d.error ?? "parse failed"
}

/// All character data of an XML document (entities resolved), nil when it does not parse.
public func xmlCharacterData(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    final class Delegate: NSObject, XMLParserDelegate {
        var text = ""
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }
    let d = Delegate()
    parser.delegate = d
    return parser.parse() ? d.text : nil
}
