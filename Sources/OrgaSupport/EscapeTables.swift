extension Escape {
    /// Markdown table cells and text: newlines become spaces; characters with markup
    /// meaning (`\ ` * [ ] < > | & ~ # !`, and `_` where it could start emphasis) are
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
    /// Works on scalars, not `Character`s: `"\r\n"` is one `Character`, and so is a
    /// separator followed by a combining mark, yet each breaks a row for a spreadsheet.
    public static func csv(_ s: String, separator: Character, numeric: Bool = false) -> String {
        var v = s
        if !numeric, let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            v = "'" + v
        }
        let separators = separator.unicodeScalars
        let needsQuotes = v.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" || separators.contains($0) }
        guard needsQuotes else { return v }
        var out = "\""
        out.reserveCapacity(v.utf8.count + 4)
        for u in v.unicodeScalars {
            if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
        }
        return out + "\""
    }
}
