import Foundation
import OrgaSyntax
import OrgaSupport
import OrgaIDE

/// A document the client has open: the URI it used and its version (the text is in
/// the IDE workspace).
struct OpenDocument {
    var uri: String
    var version: Int?
}

/// The document store of the server: URIs and versions of the open documents, and
/// the protocol's text synchronisation (`contentChanges` in the negotiated position
/// encoding) applied to the texts the IDE workspace holds.
final class Documents {
    let workspace: IDEWorkspace
    var open: [String: OpenDocument] = [:]
    /// The URI a client used for a path, echoed back in everything we send.
    var uriForPath: [String: String] = [:]

    init(workspace: IDEWorkspace) { self.workspace = workspace }

    static func path(_ uri: String) -> String { URIs.normalize(URIs.path(fromURI: uri)) }

    func uri(_ path: String) -> String { uriForPath[path] ?? URIs.uri(fromPath: path) }

    func didOpen(uri: String, version: Int?, text: String) -> ModelState {
        let path = Documents.path(uri)
        uriForPath[path] = uri
        open[path] = OpenDocument(uri: uri, version: version)
        return workspace.didOpen(path: path, text: SourceFile(path: path, text: text))
    }

    /// Applies `contentChanges` in order, each against the result of the previous one.
    func didChange(uri: String, version: Int?, changes: [JSONValue], converter: PositionConverter) -> ModelState? {
        let path = Documents.path(uri)
        guard var doc = open[path], var file = workspace.open[path] else { return nil }
        var bytes = file.bytes
        for change in changes {
            guard let text = change["text"]?.stringValue else { continue }
            if let range = LSPRange(json: change["range"]) {
                let a = converter.offset(range.start, in: file)
                let b = converter.offset(range.end, in: file)
                let lo = min(a, b), hi = max(a, b)
                bytes.replaceSubrange(lo..<hi, with: Array(text.utf8))
            } else {
                bytes = Array(text.utf8)
            }
            file = SourceFile(path: path, bytes: bytes)
        }
        doc.version = version ?? doc.version
        open[path] = doc
        return workspace.didChange(path: path, text: file)
    }

    func didClose(uri: String) -> ModelState? {
        let path = Documents.path(uri)
        open[path] = nil
        return workspace.didClose(path: path)
    }
}
