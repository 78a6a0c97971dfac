import Foundation
import XCTest

/// Independent checks of what `orgc check` prints: line/column arithmetic written
/// apart from `SourceFile`, and the structure of the JSON and SARIF outputs.
public enum CheckOutput {
    /// 1-based line and column (Unicode scalars, a leading BOM not counted) of a byte
    /// offset, computed independently of `SourceFile`: lines end at LF, CRLF or lone CR.
    public static func lineColumn(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        lineColumns(bytes, [offset])[offset]!
    }

    /// `lineColumn` for many offsets in one pass over the bytes.
    public static func lineColumns(_ bytes: [UInt8], _ offsets: [Int]) -> [Int: (line: Int, column: Int)] {
        var result: [Int: (line: Int, column: Int)] = [:]
        let targets = Array(Set(offsets)).sorted()
        var t = 0
        var line = 1
        var column = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Offsets inside the BOM are at column 1.
        while t < targets.count && targets[t] <= i { result[targets[t]] = (1, 1); t += 1 }
        while t < targets.count {
            while t < targets.count && targets[t] <= i { result[targets[t]] = (line, column); t += 1 }
            if i >= bytes.count {
                while t < targets.count { result[targets[t]] = (line, column); t += 1 }
                break
            }
            let b = bytes[i]
            if b == 0x0A {
                line += 1; column = 1
            } else if b == 0x0D {
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                    // An offset between CR and LF stays on the line of the CR.
                    i += 1
                    while t < targets.count && targets[t] <= i { result[targets[t]] = (line, column + 1); t += 1 }
                }
                line += 1; column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return result
    }

    /// Parses JSON text (the outputs of `--format json` and `sarif`).
    public static func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Checks every diagnostic of a `--format json` output against the bytes of the
    /// files: valid offsets, and lines/columns that agree with `lineColumn`.
    public static func validateJSONDiagnostics(_ text: String, files: [String: [UInt8]], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let root = try XCTUnwrap(try json(text) as? [String: Any], file: file, line: line)
        let diags = try XCTUnwrap(root["diagnostics"] as? [[String: Any]], file: file, line: line)
        var positions: [String: [Int: (line: Int, column: Int)]] = [:]
        for (path, bytes) in files {
            let offsets = diags.filter { $0["file"] as? String == path }.flatMap { [$0["offset"] as? Int ?? 0, $0["end_offset"] as? Int ?? 0] }
            positions[path] = lineColumns(bytes, offsets)
        }
        for d in diags {
            let path = try XCTUnwrap(d["file"] as? String, file: file, line: line)
            let bytes = try XCTUnwrap(files[path], "diagnostic in unknown file \(path)", file: file, line: line)
            let start = try XCTUnwrap(d["offset"] as? Int, file: file, line: line)
            let end = try XCTUnwrap(d["end_offset"] as? Int, file: file, line: line)
            XCTAssertTrue(0 <= start && start <= end && end <= bytes.count,
                          "bad range \(start)..<\(end) of \(bytes.count) bytes: \(d)", file: file, line: line)
            let (l, c) = positions[path]?[start] ?? (0, 0)
            XCTAssertEqual(d["line"] as? Int, l, "line of \(d)", file: file, line: line)
            XCTAssertEqual(d["column"] as? Int, c, "column of \(d)", file: file, line: line)
            let (el, ec) = positions[path]?[end] ?? (0, 0)
            XCTAssertEqual(d["end_line"] as? Int, el, "end line of \(d)", file: file, line: line)
            XCTAssertEqual(d["end_column"] as? Int, ec, "end column of \(d)", file: file, line: line)
        }
        let summary = try XCTUnwrap(root["summary"] as? [String: Any], file: file, line: line)
        XCTAssertEqual(summary["errors"] as? Int, diags.filter { $0["severity"] as? String == "error" }.count, file: file, line: line)
        XCTAssertEqual(summary["warnings"] as? Int, diags.filter { $0["severity"] as? String == "warning" }.count, file: file, line: line)
        return diags
    }

    /// Minimal structural check of a SARIF 2.1.0 log.
    public static func validateSARIF(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let root = try XCTUnwrap(try json(text) as? [String: Any], file: file, line: line)
        XCTAssertEqual(root["version"] as? String, "2.1.0", file: file, line: line)
        XCTAssertNotNil(root["$schema"] as? String, file: file, line: line)
        let runs = try XCTUnwrap(root["runs"] as? [[String: Any]], file: file, line: line)
        XCTAssertEqual(runs.count, 1, file: file, line: line)
        let tool = try XCTUnwrap(runs[0]["tool"] as? [String: Any], file: file, line: line)
        let driver = try XCTUnwrap(tool["driver"] as? [String: Any], file: file, line: line)
        XCTAssertEqual(driver["name"] as? String, "orgc", file: file, line: line)
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]], file: file, line: line)
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        XCTAssertEqual(ruleIDs.count, rules.count, file: file, line: line)
        XCTAssertEqual(Set(ruleIDs).count, ruleIDs.count, "rule ids are unique", file: file, line: line)
        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]], file: file, line: line)
        for r in results {
            let ruleId = try XCTUnwrap(r["ruleId"] as? String, file: file, line: line)
            let index = try XCTUnwrap(r["ruleIndex"] as? Int, file: file, line: line)
            XCTAssertTrue(index >= 0 && index < ruleIDs.count && ruleIDs[index] == ruleId, "ruleIndex of \(ruleId)", file: file, line: line)
            XCTAssertTrue(["error", "warning", "note"].contains(r["level"] as? String ?? ""), file: file, line: line)
            let message = try XCTUnwrap(r["message"] as? [String: Any], file: file, line: line)
            XCTAssertFalse((message["text"] as? String ?? "").isEmpty, file: file, line: line)
            let locations = try XCTUnwrap(r["locations"] as? [[String: Any]], file: file, line: line)
            XCTAssertFalse(locations.isEmpty, file: file, line: line)
            for loc in locations {
                let physical = try XCTUnwrap(loc["physicalLocation"] as? [String: Any], file: file, line: line)
                let artifact = try XCTUnwrap(physical["artifactLocation"] as? [String: Any], file: file, line: line)
                let uri = try XCTUnwrap(artifact["uri"] as? String, file: file, line: line)
                XCTAssertFalse(uri.hasPrefix("/"), "relative uri: \(uri)", file: file, line: line)
                let region = try XCTUnwrap(physical["region"] as? [String: Any], file: file, line: line)
                let startLine = try XCTUnwrap(region["startLine"] as? Int, file: file, line: line)
                let startColumn = try XCTUnwrap(region["startColumn"] as? Int, file: file, line: line)
                XCTAssertGreaterThanOrEqual(startLine, 1, file: file, line: line)
                XCTAssertGreaterThanOrEqual(startColumn, 1, file: file, line: line)
                if let endLine = region["endLine"] as? Int {
                    XCTAssertGreaterThanOrEqual(endLine, startLine, file: file, line: line)
                }
                // Offsets are bytes (`byteOffset`), never `charOffset` filled with byte counts.
                XCTAssertNil(region["charOffset"], "charOffset would count characters, not bytes", file: file, line: line)
                if let offset = region["byteOffset"] as? Int { XCTAssertGreaterThanOrEqual(offset, 0, file: file, line: line) }
            }
        }
    }
}
