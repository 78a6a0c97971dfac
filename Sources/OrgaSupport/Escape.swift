/// Escaping of user strings (names, titles, labels, messages) for every output format:
/// XML and HTML here and in `EscapeXML.swift`, JSON in `EscapeJSON.swift`, Markdown and
/// CSV in `EscapeTables.swift`, DOT, Mermaid and FEEL in `EscapeGraphs.swift`. Every
/// string that comes from a model goes through one of these. Nothing here can trap;
/// every Unicode scalar maps to something valid in the target format.
public enum Escape {
    /// Text for a fixed-width terminal table: control characters become spaces.
    public static func plain(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    /// Collapses control characters, line and paragraph separators and runs of
    /// whitespace for one-line display.
    public static func singleLine(_ s: String) -> String {
        var out = ""
        var space = false
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || u == " " || u.value == 0x2028 || u.value == 0x2029 {
                space = true
                continue
            }
            if space && !out.isEmpty { out += " " }
            space = false
            out.unicodeScalars.append(u)
        }
        return out
    }

    /// A name made of ASCII letters, digits and `_` only, usable as an XML ID part,
    /// a file name or a DOT/Mermaid identifier. Anything else becomes `_`; when the
    /// name had to change, a short hash of the original keeps different names apart.
    public static func asciiIdentifier(_ s: String) -> String {
        var out = ""
        var changed = false
        for u in s.unicodeScalars {
            let v = u.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F {
                out.unicodeScalars.append(u)
            } else {
                changed = true
                switch u {
                case "ä": out += "ae"
                case "ö": out += "oe"
                case "ü": out += "ue"
                case "Ä": out += "Ae"
                case "Ö": out += "Oe"
                case "Ü": out += "Ue"
                case "ß": out += "ss"
                default: out += "_"
                }
            }
        }
        if out.isEmpty { out = "_" }
        if changed { out += "_" + hashHex(s) }
        return out
    }

    /// FNV-1a 32-bit of the UTF-8 bytes, as 8 hex digits (deterministic, unlike `hashValue`).
    public static func hashHex(_ s: String) -> String {
        var h: UInt32 = 0x811C9DC5
        for b in s.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }
}
