import Foundation
import OrgaSyntax

/// A readable, stable text dump of a syntax tree, for the parser's golden files
/// (`Tests/OrgaSyntaxTests/trees/NAME.tree`). One line per statement:
///
///     3:3 position in unit [name SB] [string "Sachbearbeitung"] {
///       3:20 planned in position [quantity 4 fte]
///     }
///
/// `LINE:COLUMN` of the keyword (1-based, columns in characters), the keyword and the
/// block it stands in (`unknown` marks a keyword the table does not know there), the
/// arguments in brackets with their kind and parsed value (`, ` marks one after a
/// comma; the source text follows when it differs from the value), a doc comment as
/// `/// "text"` above its statement, children indented, and a block that is never
/// closed ended by `} (not closed)`. The diagnostics follow, one per line.
public enum TreeDump {
    public static func render(_ tree: SyntaxTree) -> String {
        var out = ""
        for root in tree.roots { statement(tree, root, depth: 0, &out) }
        if tree.diagnostics.isEmpty {
            out += "diagnostics: none\n"
        } else {
            out += "diagnostics:\n"
            for d in tree.diagnostics {
                let at = position(tree.file, d.range.start)
                out += "  \(at) \(d.code.rawValue) \(d.severity) \(d.message)\n"
            }
        }
        return out
    }

    private static func statement(_ tree: SyntaxTree, _ id: Int32, depth: Int, _ out: inout String) {
        let indent = String(repeating: "  ", count: depth)
        let s = tree.statement(id)
        if let doc = tree.docComment(id) { out += indent + "/// " + quoted(doc) + "\n" }
        var line = indent + position(tree.file, tree.tokenRange(s.keywordToken).start) + " " + tree.keywordText(id)
        line += " in \(s.context.rawValue)"
        if tree.spec(id) == nil { line += " unknown" }
        for a in tree.argumentIDs(id) { line += " [" + argument(tree, tree.argument(a)) + "]" }
        guard s.hasBlock else {
            out += line + "\n"
            return
        }
        out += line + " {\n"
        for child in tree.childIDs(id) { statement(tree, child, depth: depth + 1, &out) }
        out += indent + (s.rbrace >= 0 ? "}" : "} (not closed)") + "\n"
    }

    private static func argument(_ tree: SyntaxTree, _ a: Argument) -> String {
        let source = sourceText(tree, a)
        var shown: String
        switch a.kind {
        case .name: shown = "name " + tree.name(a)
        case .path: shown = "path " + tree.name(a)
        case .arrow: shown = "arrow -> " + tree.name(a)
        case .string: shown = "string " + quoted(tree.stringValue(a))
        case .date: shown = "date " + source
        case .dateRange: shown = "period " + source
        case .dash: shown = "dash -"
        case .quantity:
            shown = "quantity " + (a.negative ? "-" : a.signed ? "+" : "") + number(a.value) + unitAndRate(a)
        case .range:
            shown = "range " + number(a.value) + ".." + (a.hasLikely ? number(a.likely) + ".." : "") + number(a.upper) + unitAndRate(a)
        }
        if a.isMalformed { shown += " malformed" }
        // What follows the kind word, to compare with the source text.
        let plain = shown.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
        if a.kind != .string && a.kind != .name && plain != source {
            shown += " (written " + quoted(source) + ")"
        }
        return (a.afterComma ? ", " : "") + shown
    }

    private static func unitAndRate(_ a: Argument) -> String {
        (a.unit.map { " " + $0.rawValue } ?? "") + (a.per.map { " /" + $0.rawValue } ?? "")
    }

    /// The argument exactly as written.
    private static func sourceText(_ tree: SyntaxTree, _ a: Argument) -> String {
        tree.file.text(tree.range(of: a).start..<tree.range(of: a).end)
    }

    /// Integers without a decimal point; other values in Swift's shortest round-trip form.
    private static func number(_ v: Double) -> String {
        if v.isFinite && v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    private static func position(_ file: SourceFile, _ offset: Int) -> String {
        "\(file.line(of: offset) + 1):\(file.characterColumn(of: offset) + 1)"
    }

    /// A string in double quotes with `\`, `"` and control characters escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0xFEFF {
                    out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
