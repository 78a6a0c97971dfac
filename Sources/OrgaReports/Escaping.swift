/// Escaping of user strings (names, titles, labels, messages) for every output format.
/// Every string that comes from a model goes through one of these.
public enum Escaping {
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

    /// Markdown table cells and text: newlines become spaces; characters with markup
    /// meaning (`\ ` * [ ] < > | & ~`, and `_` where it could start emphasis) are
    /// backslash-escaped so that a title never turns into a link, HTML or a column.
    public static func markdown(_ s: String) -> String {
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "\n", "\r", "\t": out += " "
            case "\\", "`", "*", "[", "]", "<", ">", "|", "&", "~", "#", "!":
                out += "\\"
                out.unicodeScalars.append(u)
            case "_":
                let before = i > 0 && isWordScalar(scalars[i - 1])
                let after = i + 1 < scalars.count && isWordScalar(scalars[i + 1])
                if before && after { out += "_" } else { out += "\\_" }
            default:
                if u.value < 0x20 || u.value == 0x7F { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    private static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil
    }

    /// One CSV cell: quoted when it contains the separator, a quote or a line break;
    /// cells starting with `= + - @` (or tab / carriage return) are neutralised with a
    /// leading `'` so that spreadsheets never evaluate them as formulas. Pass
    /// `numeric: true` for numbers orgc formatted itself (a negative gap stays a number).
    public static func csv(_ s: String, separator: Character, numeric: Bool = false) -> String {
        var v = s
        if !numeric, let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            v = "'" + v
        }
        let needsQuotes = v.contains(separator) || v.contains("\"") || v.contains("\n") || v.contains("\r")
        if needsQuotes {
            return "\"" + v.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
        return v
    }

    /// Text for a fixed-width terminal table: control characters become spaces.
    public static func plain(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}
