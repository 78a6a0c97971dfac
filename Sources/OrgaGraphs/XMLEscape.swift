/// Escaping for every text format orgc draws: XML (SVG, BPMN), DOT and Mermaid.
/// Nothing here can trap; every Unicode scalar maps to something valid.
public enum Escape {
    /// True for scalars XML 1.0 cannot carry at all, not even as a character reference.
    @inline(__always)
    static func xmlForbidden(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v == 0xFFFE || v == 0xFFFF
    }

    /// Text content of an XML element. Forbidden control characters become U+FFFD.
    public static func xmlText(_ s: String) -> String { xml(s, attribute: false) }

    /// An XML attribute value in double quotes: also quotes, tabs and line ends.
    public static func xmlAttribute(_ s: String) -> String { xml(s, attribute: true) }

    /// The replacement of one scalar in XML text or an attribute value, nil to keep it.
    @inline(__always)
    private static func xmlReplacement(_ u: Unicode.Scalar, attribute: Bool) -> String? {
        switch u {
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "&": return "&amp;"
        case "\r": return "&#13;"
        case "\"" where attribute: return "&quot;"
        case "\n" where attribute: return "&#10;"
        case "\t" where attribute: return "&#9;"
        default: return xmlForbidden(u.value) ? "\u{FFFD}" : nil
        }
    }

    private static func xml(_ s: String, attribute: Bool) -> String {
        guard s.unicodeScalars.contains(where: { xmlReplacement($0, attribute: attribute) != nil }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            if let r = xmlReplacement(u, attribute: attribute) { out += r } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// Text for an XML comment: no `--`, no trailing `-`, no forbidden characters.
    public static func xmlComment(_ s: String) -> String {
        var out = ""
        var lastDash = false
        for u in s.unicodeScalars {
            if xmlForbidden(u.value) { out.unicodeScalars.append("\u{FFFD}"); lastDash = false; continue }
            if u == "-" && lastDash { out += " "; }
            out.unicodeScalars.append(u)
            lastDash = u == "-"
        }
        if lastDash { out += " " }
        return out
    }

    /// A DOT double-quoted string (without the quotes). Line ends become `\n` (centred
    /// lines); backslashes are doubled so that Graphviz escapes like `\N` never apply.
    public static func dot(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var lastCR = false
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": if !lastCR { out += "\\n" }
            case "\r": out += "\\n"
            default:
                if u.value < 0x20 || u.value == 0x7F || xmlForbidden(u.value) { out += " " } else { out.unicodeScalars.append(u) }
            }
            lastCR = u == "\r"
        }
        return out
    }

    /// A Mermaid label inside `"…"`: quotes and markup characters as Mermaid entity codes
    /// (`#quot;`, `#lt;` …), line ends as `<br/>`.
    public static func mermaid(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var lastCR = false
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case "|": out += "#124;"
            case "`": out += "#96;"
            case "{": out += "#123;"
            case "}": out += "#125;"
            case "[": out += "#91;"
            case "]": out += "#93;"
            case ";": out += "#59;"
            case "\n": if !lastCR { out += "<br/>" }
            case "\r": out += "<br/>"
            default:
                if u.value < 0x20 || u.value == 0x7F || xmlForbidden(u.value) { out += " " } else { out.unicodeScalars.append(u) }
            }
            lastCR = u == "\r"
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

    /// Collapses control characters and runs of whitespace for one-line display.
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
}
