extension Escape {
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
    /// (`#quot;`, `#lt;` …), line ends as `<br/>`. With `{` and `}` encoded, no label can
    /// form a `%%{…}%%` directive.
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

    /// The text of a Mermaid `%%` comment line. A comment ends only at a line end, so
    /// the text is made one line (control characters, line and paragraph separators
    /// become spaces). Mermaid reads `%%{…}%%` as a directive anywhere in the file,
    /// before it drops comments, so no two `%` may touch: `%%` becomes `% %`.
    public static func mermaidComment(_ s: String) -> String {
        var out = ""
        var lastPercent = false
        for u in singleLine(s).unicodeScalars {
            if u == "%" && lastPercent { out += " " }
            out.unicodeScalars.append(u)
            lastPercent = u == "%"
        }
        return out
    }

    /// A double-quoted FEEL (and Python) string literal, on one line: `"` and `\`
    /// backslash-escaped. Used in BPMN condition expressions.
    public static func feelString(_ s: String) -> String { backslashQuoted(singleLine(s)) }

    /// `line` between double quotes with `"` and `\` backslash-escaped: the string
    /// literal of FEEL, Python and Orga alike (the caller makes it one line first).
    public static func backslashQuoted(_ line: String) -> String {
        var out = "\""
        for u in line.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
