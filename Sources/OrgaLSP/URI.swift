import Foundation
import OrgaSyntax
import OrgaIDE

/// `file://` URIs and file system paths. Other schemes (`untitled:`) are kept as
/// they are and used as the "path" of an in-memory document.
public enum URIs {
    public static func path(fromURI uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var rest = Substring(uri.dropFirst("file://".count))
        // file://host/path: drop an authority (localhost or empty).
        if !rest.hasPrefix("/"), let slash = rest.firstIndex(of: "/") { rest = rest[slash...] }
        if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
        return percentDecode(String(rest))
    }

    public static func uri(fromPath path: String) -> String {
        if !path.hasPrefix("/") { return path }   // already a URI of another scheme
        var out = "file://"
        for b in path.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "~") {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func percentDecode(_ s: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = ASCII.hexValue(bytes[i + 1]), let l = ASCII.hexValue(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A path without `.`/`..` segments, duplicate or trailing slashes.
    public static func normalize(_ path: String) -> String { Paths.normalize(path) }
}
