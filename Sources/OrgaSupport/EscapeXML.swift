extension Escape {
    /// True for scalars XML 1.0 cannot carry at all, not even as a character reference.
    @inline(__always)
    static func xmlForbidden(_ v: UInt32) -> Bool {
        if v < 0x20 { return v != 0x09 && v != 0x0A && v != 0x0D }
        return v == 0xFFFE || v == 0xFFFF
    }

    /// Text content of an XML element (SVG, BPMN). Forbidden control characters become U+FFFD.
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
            if u == "-" && lastDash { out += " " }
            out.unicodeScalars.append(u)
            lastDash = u == "-"
        }
        if lastDash { out += " " }
        return out
    }

    /// HTML text and attribute values: `& < > " '`. Control characters other than tab
    /// and newline are dropped (they are not allowed in HTML).
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if u.value < 0x20 && u != "\n" && u != "\t" { continue }
                if u.value == 0x7F { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
