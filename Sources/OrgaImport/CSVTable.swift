/// A CSV table as spreadsheets write it: `;`, `,` or tab (detected from the header
/// line), fields in double quotes with `""` inside, line breaks inside quotes, CRLF,
/// LF or CR. Each record keeps the 1-based line it starts on.
struct CSVTable {
    var separator: Character
    var header: [String]
    var headerLine: Int
    var records: [(line: Int, fields: [String])]

    /// nil when the text has no non-blank line.
    static func read(_ text: String) -> CSVTable? {
        let records = split(text)
        guard let first = records.firstIndex(where: { !$0.raw.allSatisfy { $0 == " " || $0 == "\t" } }) else { return nil }
        let sep = detectSeparator(records[first].raw)
        let parsed = records.map { (line: $0.line, fields: fields($0.raw, sep)) }
        return CSVTable(separator: sep, header: parsed[first].fields.map { $0.trimmingSpaces() }, headerLine: parsed[first].line,
                        records: Array(parsed[(first + 1)...]))
    }

    /// Records (quoted line breaks kept inside), with their first line.
    static func split(_ text: String) -> [(line: Int, raw: String)] {
        var out: [(Int, String)] = []
        var current = ""
        var line = 1, start = 1
        var quoted = false
        var lastCR = false
        for ch in text {
            if ch == "\r\n" || ch == "\n" || ch == "\r" {
                if quoted { current.append("\n"); line += 1; continue }
                out.append((start, current)); current = ""
                line += 1; start = line
                lastCR = false
                continue
            }
            _ = lastCR
            if ch == "\"" { quoted.toggle() }
            current.append(ch)
        }
        if !current.isEmpty { out.append((start, current)) }
        return out
    }

    /// The separator that occurs most often outside quotes in the header (`;` before
    /// tab before `,` on a tie; `;` when none occurs).
    static func detectSeparator(_ header: String) -> Character {
        var counts: [Character: Int] = [";": 0, "\t": 0, ",": 0]
        var quoted = false
        for ch in header {
            if ch == "\"" { quoted.toggle(); continue }
            if !quoted, counts[ch] != nil { counts[ch, default: 0] += 1 }
        }
        var best: Character = ";"
        for c in [";", "\t", ","] as [Character] where (counts[c] ?? 0) > (counts[best] ?? 0) { best = c }
        return best
    }

    static func fields(_ raw: String, _ sep: Character) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        var chars = Array(raw)
        if chars.last == "\r" { chars.removeLast() }
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if quoted {
                if ch == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    quoted = false
                } else {
                    field.append(ch)
                }
            } else if ch == "\"" && field.allSatisfy({ $0 == " " }) {
                quoted = true; wasQuoted = true; field = ""
            } else if ch == sep {
                out.append(wasQuoted ? field : field.trimmingSpaces()); field = ""; wasQuoted = false
            } else {
                field.append(ch)
            }
            i += 1
        }
        out.append(wasQuoted ? field : field.trimmingSpaces())
        return out
    }
}
