import Foundation
import OrgaTestSupport
import XCTest

/// Users have only the repository: the documentation, the samples (and the comments in
/// them) and the benchmark notes must not point outside it — to design notes, to
/// another checkout, to a machine's paths — and their relative links must resolve.
/// The language is cited as `docs/language.md § N`, not by the section signs of an
/// outside document (`§4.4`).
final class DocsReferenceTests: XCTestCase {
    /// What users read: every file below these paths (Markdown and Orga) and these files.
    static let roots = ["docs", "Samples", "README.md", "Benchmarks/README.md", "editors"]

    /// Strings that name something outside the repository.
    static let outside = ["../shared", "/work/", "LANGUAGE.md", "LANGUAGE-v2.md", "DOMAIN.md", "ENGINEERING.md"]

    static func files() throws -> [URL] {
        let root = TestPaths.repositoryRoot
        var out: [URL] = []
        for r in roots {
            let url = root.appendingPathComponent(r)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else { continue }
            if !isDir.boolValue { out.append(url); continue }
            let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
            while let f = e?.nextObject() as? URL {
                if f.path.contains("/node_modules/") { continue }
                if ["md", "orga"].contains(f.pathExtension) { out.append(f) }
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    func testNothingPointsOutsideTheRepository() throws {
        let files = try Self.files()
        XCTAssertGreaterThan(files.count, 15, "the documentation is missing")
        var problems: [String] = []
        let oldCitation = try NSRegularExpression(pattern: "§\\d")   // "§4.4"; laws are cited "§ 73 AufenthG"
        for f in files {
            let text = try String(contentsOf: f, encoding: .utf8)
            let rel = String(f.path.dropFirst(TestPaths.repositoryRoot.path.count + 1))
            for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for s in Self.outside where line.contains(s) { problems.append("\(rel):\(i + 1): \(s)") }
                let l = String(line)
                if oldCitation.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)) != nil {
                    problems.append("\(rel):\(i + 1): a § citation without docs/language.md")
                }
            }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    func testRelativeLinksResolveInsideTheRepository() throws {
        let link = try NSRegularExpression(pattern: "\\]\\(([^)#\\s]+)(#[^)]*)?\\)")
        var problems: [String] = []
        let root = TestPaths.repositoryRoot.standardizedFileURL.path
        for f in try Self.files() where f.pathExtension == "md" {
            let text = try String(contentsOf: f, encoding: .utf8)
            for m in link.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let r = Range(m.range(at: 1), in: text) else { continue }
                let target = String(text[r])
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let resolved = f.deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL.path
                let rel = String(f.path.dropFirst(TestPaths.repositoryRoot.path.count + 1))
                if !resolved.hasPrefix(root + "/") { problems.append("\(rel): \(target) leaves the repository") }
                else if !FileManager.default.fileExists(atPath: resolved) { problems.append("\(rel): \(target) does not exist") }
            }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// Every section the documents cite as `language.md § N` exists in docs/language.md.
    func testLanguageSectionsCitedExist() throws {
        let language = try String(contentsOf: TestPaths.repositoryRoot.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let headings = Set(language.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("## ") || line.hasPrefix("### ") else { return nil }
            return line.split(separator: " ").dropFirst().first.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        })
        XCTAssertTrue(headings.contains("7.3"), "docs/language.md lost its numbered sections")
        let cite = try NSRegularExpression(pattern: "language\\.md §\\s?(\\d+(\\.\\d+)?)")
        var problems: [String] = []
        var roots = try Self.files()
        for dir in ["Sources", "Tests"] {
            let e = FileManager.default.enumerator(at: TestPaths.repositoryRoot.appendingPathComponent(dir), includingPropertiesForKeys: nil)
            while let f = e?.nextObject() as? URL {
                if f.pathExtension == "swift" { roots.append(f) }
            }
        }
        for f in roots {
            let text = (try? String(contentsOf: f, encoding: .utf8)) ?? ""
            for m in cite.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let r = Range(m.range(at: 1), in: text) else { continue }
                if !headings.contains(String(text[r])) { problems.append("\(f.lastPathComponent): § \(text[r])") }
            }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }
}
