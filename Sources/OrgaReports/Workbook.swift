import OrgaSupport

/// A SpreadsheetML workbook (Office Open XML, .xlsx) written from scratch: sheets of
/// cells holding text, numbers or formulas with their cached values, a few number
/// formats, column widths, a frozen header row and an autofilter per sheet. Packed as
/// a ZIP of stored entries (`ZipArchive`); byte-identical for identical input.
public struct Workbook: Sendable {
    /// Cell styles; the raw value is the index into `cellXfs` of styles.xml.
    public enum Style: Int, Sendable {
        case plain = 0, header, fte, count, money, percent, visits, hours
    }

    public enum Value: Sendable {
        case empty
        case text(String)
        case number(Double)
        /// A formula (without `=`, English function names, `,` between arguments) and
        /// the value orgc computed for it, so that a reader that does not recalculate
        /// shows the right figure.
        case formula(String, cached: Double)
    }

    public struct Cell: Sendable {
        public var value: Value
        public var style: Style
        public init(_ value: Value, _ style: Style = .plain) {
            self.value = value
            self.style = style
        }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]] = []
        /// Header row frozen and filtered (the first row).
        public var headerRow = true
        public var autofilter = true
        public init(name: String) { self.name = name }
    }

    public var sheets: [Sheet] = []
    public init() {}

    /// `A`, `B`, … `Z`, `AA` … for a 0-based column.
    public static func column(_ index: Int) -> String {
        var n = max(0, index) + 1
        var s: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            s.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(s)
    }

    /// A reference like `'Stellen'!$B$4` (absolute) or `'Stellen'!B4`.
    public static func ref(_ sheet: String?, column: Int, row: Int, absolute: Bool = false) -> String {
        let d = absolute ? "$" : ""
        let cell = "\(d)\(Self.column(column))\(d)\(row)"
        guard let sheet else { return cell }
        return "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!\(cell)"
    }

    /// The .xlsx file, or nil when it would exceed the ZIP format's limits.
    public func bytes() -> [UInt8]? {
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", text: contentTypes())
        zip.add("_rels/.rels", text: Self.xmlHeader + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        zip.add("xl/workbook.xml", text: workbookXML())
        zip.add("xl/_rels/workbook.xml.rels", text: workbookRels())
        zip.add("xl/styles.xml", text: Self.styles)
        for (i, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(i + 1).xml", text: sheetXML(sheet, selected: i == 0))
        }
        return zip.bytes()
    }

    // MARK: Parts

    private static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    private func contentTypes() -> String {
        var s = Self.xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        s += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        for i in sheets.indices {
            s += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return s + "</Types>"
    }

    private func workbookXML() -> String {
        var s = Self.xmlHeader + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\">"
        s += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (i, sheet) in sheets.enumerated() {
            s += "<sheet name=\"\(Escape.xmlAttribute(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        s += "</sheets>"
        let filtered = sheets.enumerated().filter { $0.element.autofilter && filterRange($0.element) != nil }
        if !filtered.isEmpty {
            s += "<definedNames>"
            for (i, sheet) in filtered {
                guard let range = filterRange(sheet, absolute: true) else { continue }
                let name = "'\(sheet.name.replacingOccurrences(of: "'", with: "''"))'!\(range)"
                s += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">\(Escape.xmlText(name))</definedName>"
            }
            s += "</definedNames>"
        }
        // Recalculate on opening: the cached values are orgc's, the formulas are the truth.
        return s + "<calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>"
    }

    private func workbookRels() -> String {
        var s = Self.xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in sheets.indices {
            s += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.rel)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.rel)/styles\" Target=\"styles.xml\"/>"
        return s + "</Relationships>"
    }

    /// Number formats with the German locale tag `[$-407]`: 1.234,56 in any Excel or
    /// LibreOffice, whatever the reader's own locale.
    private static let styles = xmlHeader + """
        <styleSheet xmlns="\(main)">\
        <numFmts count="6">\
        <numFmt numFmtId="164" formatCode="[$-407]#,##0.00"/>\
        <numFmt numFmtId="165" formatCode="[$-407]#,##0"/>\
        <numFmt numFmtId="166" formatCode="[$-407]#,##0\\ &quot;€&quot;"/>\
        <numFmt numFmtId="167" formatCode="[$-407]0.0##\\ %"/>\
        <numFmt numFmtId="168" formatCode="[$-407]0.0000"/>\
        <numFmt numFmtId="169" formatCode="[$-407]#,##0.0##"/>\
        </numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="8">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="169" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    private func width(_ sheet: Sheet) -> Int { sheet.rows.reduce(0) { max($0, $1.count) } }

    private func filterRange(_ sheet: Sheet, absolute: Bool = false) -> String? {
        let w = width(sheet)
        guard w > 0, !sheet.rows.isEmpty else { return nil }
        let d = absolute ? "$" : ""
        return "\(d)A\(d)1:\(d)\(Self.column(w - 1))\(d)\(sheet.rows.count)"
    }

    /// Characters a cell shows, roughly, for the column width.
    private func displayLength(_ cell: Cell) -> Int {
        switch cell.value {
        case .empty: return 0
        case .text(let t): return t.count
        case .number, .formula: return cell.style == .money ? 14 : 10
        }
    }

    private static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    private func sheetXML(_ sheet: Sheet, selected: Bool) -> String {
        let w = width(sheet)
        var s = Self.xmlHeader + "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.rel)\">"
        s += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        if let range = filterRange(sheet) { s += "<dimension ref=\"\(range)\"/>" }
        s += "<sheetViews><sheetView workbookViewId=\"0\"\(selected ? " tabSelected=\"1\"" : "")>"
        if sheet.headerRow {
            s += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            s += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        s += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if w > 0 {
            s += "<cols>"
            for c in 0..<w {
                var len = 6
                for row in sheet.rows where c < row.count { len = max(len, displayLength(row[c]) + (row[c].style == .header ? 3 : 1)) }
                s += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(len, 60))\" customWidth=\"1\"/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            s += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = "\(Self.column(c))\(r + 1)"
                let style = cell.style == .plain ? "" : " s=\"\(cell.style.rawValue)\""
                switch cell.value {
                case .empty:
                    if cell.style != .plain { s += "<c r=\"\(ref)\"\(style)/>" }
                case .text(let t):
                    s += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Escape.xmlText(t))</t></is></c>"
                case .number(let v):
                    s += "<c r=\"\(ref)\"\(style)><v>\(Self.number(v))</v></c>"
                case .formula(let f, let v):
                    s += "<c r=\"\(ref)\"\(style)><f>\(Escape.xmlText(f))</f><v>\(Self.number(v))</v></c>"
                }
            }
            s += "</row>"
        }
        s += "</sheetData>"
        if sheet.autofilter, let range = filterRange(sheet) { s += "<autoFilter ref=\"\(range)\"/>" }
        // Printed landscape, one page wide, with grid lines: the sheet as an auditor reads it.
        s += "<printOptions gridLines=\"1\"/>"
        s += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
        s += "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return s + "</worksheet>"
    }
}
