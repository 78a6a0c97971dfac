import Foundation
import OrgaSyntax
import OrgaSupport

/// Pieces of Orga source text that importers write: identifiers derived from foreign
/// names, string literals, doc comments, numbers.
public enum OrgaText {
    /// Words an identifier must not be (keywords and `end`).
    static let reserved: Set<String> = Set(Keywords.all.map(\.word) + ["end"])

    /// An identifier from a name or id: identifier characters kept (Unicode letters and
    /// digits included), every other run of characters one `_`, at most 48 characters
    /// (cut at a `_` where possible), `_` in front of a leading digit, `_` after a keyword.
    /// "" when nothing usable is left.
    public static func identifier(_ raw: String) -> String {
        var scalars: [Unicode.Scalar] = []
        var gap = false
        for s in raw.unicodeScalars {
            if s != "_" && Lexer.isIdentifierContinue(s) {
                if gap && !scalars.isEmpty { scalars.append("_") }
                gap = false
                scalars.append(s)
            } else {
                gap = true
            }
        }
        if scalars.count > 48 {
            var cut = 48
            if let u = scalars[0..<48].lastIndex(of: "_"), u >= 16 { cut = u }
            scalars = Array(scalars[0..<cut])
        }
        guard let first = scalars.first else { return "" }
        var out = String(String.UnicodeScalarView(scalars))
        if !Lexer.isIdentifierStart(first) { out = "_" + out }
        if reserved.contains(out) { out += "_" }
        return out
    }

    /// True when `s` is usable as written (an `orgc:name` from orgc's own export).
    public static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, Lexer.isIdentifierStart(first), !reserved.contains(s), s.unicodeScalars.count <= 200 else { return false }
        return s.unicodeScalars.allSatisfy(Lexer.isIdentifierContinue)
    }

    /// One line: line breaks and tabs become spaces, runs of spaces one, control
    /// characters dropped, trimmed.
    public static func singleLine(_ s: String) -> String {
        var out = ""
        var space = false
        for u in s.unicodeScalars {
            if u == "\n" || u == "\r" || u == "\t" || u == " " || u == "\u{2028}" || u == "\u{2029}" || u == "\u{A0}" {
                space = !out.isEmpty
                continue
            }
            if u.value < 0x20 || u.value == 0x7F { continue }
            if space { out += " "; space = false }
            out.unicodeScalars.append(u)
        }
        return out
    }

    /// A string literal on one line: `"` and `\` escaped.
    public static func string(_ s: String) -> String { Escape.backslashQuoted(singleLine(s)) }

    /// `///` lines for a documentation text, indented; empty text gives nothing.
    public static func docComment(_ text: String, indent: String) -> String {
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            var line = ""
            for u in raw.unicodeScalars where !(u.value < 0x20 && u != "\t") && u.value != 0x7F {
                line.unicodeScalars.append(u == "\t" ? " " : u)
            }
            lines.append(line.trimmingSpaces())
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { "\(indent)///" + ($0.isEmpty ? "" : " " + $0) + "\n" }.joined()
    }

    /// An ordinary comment line (a `//` comment may hold anything but a line break).
    public static func comment(_ text: String, indent: String) -> String {
        "\(indent)// \(singleLine(text))\n"
    }

    /// A decimal number without exponent: at most `decimals` places, no trailing zeros.
    public static func number(_ v: Double, decimals: Int = 6) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return "0" }
        var t = String(format: "%.\(max(0, min(decimals, 9)))f", v)
        if t.contains(".") {
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
        }
        return t == "-0" ? "0" : t
    }
}

/// Unique identifiers in one namespace, handed out in a fixed order: the second
/// `Antrag` becomes `Antrag_2`, and so on.
public struct Namer: Sendable {
    private var taken: Set<String>
    /// Next suffix to try per base name (10,000 tasks all called "Task" stay linear).
    private var nextSuffix: [String: Int] = [:]
    public init(taken: Set<String> = []) { self.taken = taken }

    public mutating func unique(_ base: String, fallback: String) -> String {
        let b = base.isEmpty ? fallback : base
        if taken.insert(b).inserted { return b }
        var k = nextSuffix[b] ?? 2
        while !taken.insert("\(b)_\(k)").inserted { k += 1 }
        nextSuffix[b] = k + 1
        return "\(b)_\(k)"
    }

    public func contains(_ name: String) -> Bool { taken.contains(name) }
    public mutating func reserve(_ name: String) { taken.insert(name) }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
}
