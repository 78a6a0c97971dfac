/// `orgc import stellenplan`: a Stellenplan CSV → grades, units and positions with
/// `planned`, `filled` and `kw`. Columns are found by their German or English headers
/// (or `--columns`); every row that cannot be read is reported with its line and
/// reason and left out, never guessed. Mapping: docs/import.md.
public enum StellenplanImporter {
    public enum Column: String, CaseIterable, Sendable {
        case position, title, unit, grade, planned, filled, kw
    }

    /// Header words per column, folded (lower case, ä = ae, only letters and digits).
    /// Exact matches win; then the longest word a header starts with.
    static let headerWords: [(Column, [String])] = [
        (.position, ["stelle", "stellennummer", "stellennr", "stellenid", "stellenkennung", "planstelle", "position", "positionid", "positionnumber", "nr", "nummer", "id"]),
        (.title, ["bezeichnung", "stellenbezeichnung", "funktion", "title", "positiontitle", "name", "aufgabe"]),
        (.unit, ["organisationseinheit", "orgeinheit", "einheit", "oe", "unit", "organisationalunit", "orgunit", "department", "amt", "abteilung", "fachbereich", "sachgebiet"]),
        (.grade, ["entgeltgruppe", "besoldungsgruppe", "eg", "bes", "besgr", "bgr", "wertigkeit", "grade", "paygrade", "payscale", "tarif"]),
        (.planned, ["soll", "stellenanteil", "sollvzae", "vzaesoll", "stellenumfang", "planned", "plannedfte", "budgeted", "fte"]),
        (.filled, ["ist", "besetzt", "istvzae", "vzaeist", "besetzung", "filled", "filledfte", "actual", "occupied"]),
        (.kw, ["kwvermerk", "kw", "kuenftigwegfallend", "kwvermerke", "futureabolition"]),
    ]

    static func fold(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            default: if ch.isLetter || ch.isNumber { out.append(ch) }
            }
        }
        return out
    }

    /// `--columns "position=Stelle Nr,unit=OE"`.
    public static func parseColumns(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: ",") where !part.allSatisfy({ $0 == " " }) {
            let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            guard kv.count == 2, let c = Column(rawValue: kv[0].lowercased()), !kv[1].isEmpty else {
                throw ImportMessage(.error, file: "--columns", "`\(part)` is not KEY=HEADER with KEY one of \(Column.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            out[c.rawValue] = kv[1]
        }
        return out
    }

    /// Which header index each column is.
    static func assign(_ header: [String], columns: [String: String]) -> (index: [Column: Int], unknownMapping: [String]) {
        var index: [Column: Int] = [:]
        var used = Set<Int>()
        var unknown: [String] = []
        for c in Column.allCases {
            guard let wanted = columns[c.rawValue] else { continue }
            if let i = header.firstIndex(where: { fold($0) == fold(wanted) }) { index[c] = i; used.insert(i) } else { unknown.append(wanted) }
        }
        let folded = header.map(fold)
        for (c, words) in headerWords where index[c] == nil {
            if let i = folded.indices.first(where: { !used.contains($0) && words.contains(folded[$0]) }) { index[c] = i; used.insert(i) }
        }
        for (c, words) in headerWords where index[c] == nil {
            let byLength = words.sorted { $0.count > $1.count }
            if let i = folded.indices.first(where: { i in !used.contains(i) && byLength.contains { $0.count >= 3 && folded[i].hasPrefix($0) } }) {
                index[c] = i; used.insert(i)
            }
        }
        return (index, unknown)
    }

    /// A number as German or English spreadsheets write it: `0,5`, `1.234,5`, `1,234.5`,
    /// `0.5`, `50 %` (= 0.5). nil for anything else.
    static func number(_ raw: String) -> Double? {
        var s = raw.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{A0}", with: "")
        var percent = false
        if s.hasSuffix("%") { percent = true; s.removeLast() }
        for unit in ["VZÄ", "vzä", "VZAE", "fte", "FTE"] where s.hasSuffix(unit) { s.removeLast(unit.count) }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-") }) else { return nil }
        let lastComma = s.lastIndex(of: ","), lastDot = s.lastIndex(of: ".")
        if let c = lastComma, let d = lastDot {
            if c > d { s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") } else { s = s.replacingOccurrences(of: ",", with: "") }
        } else if lastComma != nil {
            guard s.filter({ $0 == "," }).count == 1 else { return nil }
            s = s.replacingOccurrences(of: ",", with: ".")
        }
        guard let v = Double(s), v.isFinite else { return nil }
        return percent ? v / 100 : v
    }

    public static func run(_ path: String, _ bytes: [UInt8], outputName: String, into existing: ExistingModel?, columns: [String: String]) -> ImportResult {
        var result = ImportResult()
        func fail(_ text: String, line: Int? = nil, unreadable: Bool = true) -> ImportResult {
            result.messages.append(ImportMessage(.error, file: path, line: line, text))
            result.unreadable = unreadable
            return result
        }
        guard !bytes.isEmpty else { return fail("the file is empty; expected a Stellenplan as CSV") }
        guard bytes.count <= 64 * 1024 * 1024 else { return fail("the file has \(bytes.count) bytes; orgc reads CSV files up to 64 MiB") }
        let decoded: (text: String, encoding: TextDecoding.Encoding)
        switch TextDecoding.decode(bytes) {
        case .failure(.binary): return fail("a binary file (it contains NUL bytes), not CSV text")
        case .failure(.oddUTF16): return fail("UTF-16 (byte order mark) with an odd number of bytes: the file is cut off")
        case .success(let d): decoded = d
        }
        guard let table = CSVTable.read(decoded.text) else { return fail("the file has no lines with content") }
        let (index, unknown) = assign(table.header, columns: columns)
        if !unknown.isEmpty {
            return fail("--columns names \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")), not among the headers \(table.header.map { "\"\($0)\"" }.joined(separator: ", "))", line: table.headerLine, unreadable: false)
        }
        for required in [Column.position, .planned] where index[required] == nil {
            let what = required == .position ? "the position (Stelle, Stellennummer)" : "the planned fte (Soll, Stellenanteil)"
            let sepName = table.separator == "\t" ? "tab" : "\"\(table.separator)\""
            return fail("no column for \(what) among the headers \(table.header.map { "\"\($0)\"" }.joined(separator: ", ")) (separator \(sepName)); name it with --columns \(required.rawValue)=HEADER",
                        line: table.headerLine, unreadable: false)
        }
        var globals = Namer(taken: existing?.takenNames ?? [])
        var units: [(key: String, name: String, title: String, isNew: Bool)] = []
        var unitByKey: [String: Int] = [:]
        var grades: [(key: String, name: String, title: String, isNew: Bool)] = []
        var gradeByKey: [String: Int] = [:]
        var positions: [String] = []
        var seen: [String: Int] = [:]
        var rejected = 0
        func reject(_ line: Int, _ why: String) {
            rejected += 1
            result.messages.append(ImportMessage(.warning, file: path, line: line, "row left out: \(why)"))
        }
        func field(_ f: [String], _ c: Column) -> String? {
            guard let i = index[c], i < f.count else { return nil }
            let v = OrgaText.singleLine(f[i])
            return v.isEmpty ? nil : v
        }
        for (line, f) in table.records {
            if f.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            guard f.count == table.header.count else {
                reject(line, "\(f.count) field\(f.count == 1 ? "" : "s") where the header has \(table.header.count) (a different separator or a stray quote?)")
                continue
            }
            guard let id = field(f, .position) else { reject(line, "no position (column \"\(table.header[index[.position] ?? 0])\" is empty)"); continue }
            if let first = seen[id] { reject(line, "position \(id) is already in line \(first)"); continue }
            guard let plannedText = field(f, .planned) else { reject(line, "position \(id) has no planned fte"); continue }
            guard let planned = number(plannedText), planned >= 0, planned <= 10_000 else {
                reject(line, "planned fte \"\(plannedText)\" of position \(id) is not a number between 0 and 10,000"); continue
            }
            var filled: Double?
            if let t = field(f, .filled) {
                guard let v = number(t), v >= 0, v <= 10_000 else { reject(line, "filled fte \"\(t)\" of position \(id) is not a number between 0 and 10,000"); continue }
                filled = v
            }
            var kw: Int?
            if let t = field(f, .kw) {
                let digits = t.split(whereSeparator: { !$0.isNumber }).map(String.init)
                if let y = digits.last.flatMap({ Int($0) }), y >= 1900, y <= 2200, digits.last?.count == 4 {
                    kw = y
                } else {
                    result.messages.append(ImportMessage(.warning, file: path, line: line, "kw-Vermerk \"\(t)\" of position \(id) names no year; `kw` left out"))
                }
            }
            seen[id] = line
            var statements: [String] = []
            if let u = field(f, .unit) {
                let key = fold(u)
                if unitByKey[key] == nil {
                    if let e = existing?.match(u, kinds: [.unit]) {
                        units.append((key, e.name, u, false))
                    } else {
                        var base = OrgaText.identifier(u)
                        if let c = base.unicodeScalars.first, c == "_" { base = "OE" + base }
                        units.append((key, globals.unique(base, fallback: "OE"), u, true))
                    }
                    unitByKey[key] = units.count - 1
                }
                statements.append("in \(units[unitByKey[key] ?? 0].name)")
            }
            if let g = field(f, .grade) {
                let compact = g.replacingOccurrences(of: " ", with: "")
                let key = fold(compact)
                if gradeByKey[key] == nil {
                    if let e = existing?.match(g, kinds: [.grade]) ?? existing?.match(compact, kinds: [.grade]) {
                        grades.append((key, e.name, g, false))
                    } else {
                        var base = OrgaText.identifier(compact)
                        if let c = base.unicodeScalars.first, c == "_" { base = "EG" + base }
                        grades.append((key, globals.unique(base, fallback: "EG"), g, true))
                    }
                    gradeByKey[key] = grades.count - 1
                }
                statements.append("grade \(grades[gradeByKey[key] ?? 0].name)")
            }
            statements.append("planned \(OrgaText.number(planned)) fte")
            if let filled { statements.append("filled \(OrgaText.number(filled)) fte") }
            if let kw { statements.append("kw \(kw)") }
            var base = OrgaText.identifier(id)
            if let c = base.unicodeScalars.first, c == "_" { base = "S" + base }
            let name = globals.unique(base, fallback: "Stelle")
            let title = field(f, .title).map { " " + OrgaText.string($0) } ?? (name == id ? "" : " " + OrgaText.string(id))
            // The Stellennummer as written is kept: in the name when it is a valid one, in
            // the title when there is none, else in a doc comment (never dropped).
            let keepsNumber = name == id || field(f, .title) == nil
            let doc = keepsNumber ? "" : "/// Stellennummer: \(id)\n"
            positions.append(doc + "position \(name)\(title) { \(statements.joined(separator: "; ")) }\n")
        }
        guard !positions.isEmpty else {
            return fail("no row could be read (\(rejected) left out); nothing to import", line: table.headerLine, unreadable: false)
        }
        let sepName = table.separator == "\t" ? "tab" : "\"\(table.separator)\""
        var text = "// Imported from \(OrgaText.singleLine(path)) by orgc import stellenplan: \(decoded.encoding.rawValue), separator \(sepName), "
        text += "\(positions.count) position\(positions.count == 1 ? "" : "s")\(rejected > 0 ? ", \(rejected) row\(rejected == 1 ? "" : "s") left out" : "").\n"
        let mapped = Column.allCases.compactMap { c in index[c].map { "\(c.rawValue) = \"\(OrgaText.singleLine(table.header[$0]))\"" } }
        text += "// Columns: \(mapped.joined(separator: ", ")).\n"
        let newGrades = grades.filter(\.isNew)
        if !newGrades.isEmpty {
            text += "\n// Grades without cost: add `cost N EUR` to price the positions.\n"
            for g in newGrades { text += "grade \(g.name)\(g.name == g.title ? "" : " " + OrgaText.string(g.title))\n" }
        }
        let newUnits = units.filter(\.isNew)
        if !newUnits.isEmpty {
            text += "\n"
            for u in newUnits { text += "unit \(u.name)\(u.name == u.title ? "" : " " + OrgaText.string(u.title))\n" }
        }
        text += "\n" + positions.joined()
        result.files.append(ImportedFile(name: outputName, text: text))
        result.summary.append("\(positions.count) position\(positions.count == 1 ? "" : "s"), \(units.count) unit\(units.count == 1 ? "" : "s") (\(newUnits.count) new), \(grades.count) grade\(grades.count == 1 ? "" : "s") (\(newGrades.count) new); read as \(decoded.encoding.rawValue), separator \(sepName)")
        if rejected > 0 { result.summary.append("\(rejected) row\(rejected == 1 ? "" : "s") left out (listed above with line and reason)") }
        for u in newUnits { result.newDeclarations.append("unit \(u.name)") }
        return result
    }
}
