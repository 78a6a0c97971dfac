import Foundation
import XCTest

/// Golden files: an expected output stored beside the tests and compared byte for
/// byte. `UPDATE_GOLDEN=1` (re)writes them instead — then read the diff before
/// committing. The one implementation every test target uses.
public enum GoldenFile {
    /// `UPDATE_GOLDEN=1`: write the actual outputs as the new golden files.
    public static var isUpdating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" }

    /// Where a differing actual output is written for inspection (`diff` it against the golden file).
    public static let actualOutputDirectory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("orgc-golden-actual")

    /// Compares `actual` with the golden file at `url` (or writes it when updating).
    public static func assertMatches(_ actual: String, _ url: URL, file: StaticString = #filePath, line: UInt = #line) {
        assertMatches(Array(actual.utf8), url, file: file, line: line)
    }

    /// Compares `actual` bytes with the golden file at `url` (or writes it when updating).
    public static func assertMatches(_ actual: [UInt8], _ url: URL, file: StaticString = #filePath, line: UInt = #line) {
        let name = displayName(url)
        if isUpdating {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual).write(to: url)
            } catch {
                XCTFail("cannot write golden file \(name): \(error)", file: file, line: line)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("missing golden file \(name): run with UPDATE_GOLDEN=1 and review it", file: file, line: line)
            return
        }
        let expected = [UInt8](data)
        guard expected != actual else { return }
        let saved = saveActual(actual, name)
        XCTFail("\(name) differs from its golden file \(firstDifference(expected, actual))\n"
                + "  actual output: \(saved ?? "(could not be saved)")\n  UPDATE_GOLDEN=1 accepts it (review the diff)",
                file: file, line: line)
    }

    /// "at line N:\n  expected: …\n  actual:   …" for the first line that differs.
    public static func firstDifference(_ expected: [UInt8], _ actual: [UInt8]) -> String {
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let k = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let shownExpected = k < e.count ? String(e[k]).debugDescription : "<end>"
        let shownActual = k < a.count ? String(a[k]).debugDescription : "<end>"
        return "at line \(k + 1):\n  expected: \(shownExpected)\n  actual:   \(shownActual)"
    }

    /// The path relative to the repository, for messages.
    static func displayName(_ url: URL) -> String {
        let root = TestPaths.repositoryRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    private static func saveActual(_ actual: [UInt8], _ name: String) -> String? {
        let target = actualOutputDirectory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: target)
            return target.path
        } catch {
            return nil
        }
    }
}
