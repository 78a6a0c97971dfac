import Foundation

/// Where the repository and its test data are, found from this file's path (no
/// bundle resources: the tests read the files they check in place).
public enum TestPaths {
    /// The package root: Tests/OrgaTestSupport/../..
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Samples/` — the example models.
    public static let samples = repositoryRoot.appendingPathComponent("Samples")

    /// `Tests/<target>/`, the directory of a test target and its data.
    public static func tests(_ target: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests").appendingPathComponent(target)
    }

    /// The names of the sample models (the directories below `Samples/`), sorted.
    public static func sampleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted().filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: samples.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }
}
