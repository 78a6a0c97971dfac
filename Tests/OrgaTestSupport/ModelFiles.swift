import Foundation
import OrgaSyntax
import OrgaSemantics

/// Reading models from disk for tests: the files `orgc` itself would read
/// (`ModelLoader`, sorted by path), named either by their absolute path or by a
/// path relative to a chosen directory, so outputs do not depend on the checkout.
public enum ModelFiles {
    /// The `.orga` files of `directory` (or the one file), each named `prefix/relative`
    /// when `prefix` is given (`prefix` empty: just the relative path), else absolutely.
    public static func load(_ directory: URL, prefix: String? = nil) throws -> [SourceFile] {
        let base = directory.standardizedFileURL.path
        return try ModelLoader.files(at: base).map { path in
            let file = try ModelLoader.read(path)
            guard let prefix else { return file }
            let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : (path as NSString).lastPathComponent
            return SourceFile(path: prefix.isEmpty ? relative : prefix + "/" + relative, bytes: file.bytes)
        }
    }

    /// A sample model by name, with absolute paths.
    public static func sample(_ name: String) throws -> [SourceFile] {
        try load(TestPaths.samples.appendingPathComponent(name))
    }

    /// A sample model with paths relative to the repository root (`Samples/NAME/…`),
    /// as `orgc` prints them when run from the root.
    public static func sampleRelativeToRepository(_ name: String) throws -> [SourceFile] {
        try load(TestPaths.samples.appendingPathComponent(name), prefix: "Samples/\(name)")
    }

    /// Bytes of every file of a model by repository-relative path (`Samples/hilden/…`),
    /// for checking outputs that name files that way.
    public static func bytesByRelativePath(_ relativeDirectory: String) throws -> [String: [UInt8]] {
        let files = try load(TestPaths.repositoryRoot.appendingPathComponent(relativeDirectory), prefix: relativeDirectory)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
    }

    /// The models below `directory` as the case suite sees them: every `.orga` file is a
    /// model, every sub-directory one multi-file model; paths are relative to
    /// `directory`, prefixed with `prefix` when it is not empty. Sorted by name.
    public static func caseModels(in directory: URL, prefix: String = "") throws -> [(name: String, files: [SourceFile])] {
        var models: [(name: String, files: [SourceFile])] = []
        let join = { (rest: String) in prefix.isEmpty ? rest : prefix + "/" + rest }
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where !entry.hasPrefix(".") {
            let url = directory.appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                models.append((entry + "/", try load(url, prefix: join(entry))))
            } else if entry.hasSuffix(".orga") {
                models.append((entry, [SourceFile(path: join(entry), bytes: try ModelLoader.read(url.path).bytes)]))
            }
        }
        return models
    }

    /// The bytes of a file; nil when it cannot be read.
    public static func bytes(_ url: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
    }

    /// All `.orga` files below `directory` (recursively, hidden ones too), sorted; none if it is missing.
    public static func orgaFiles(under directory: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: directory.resolvingSymlinksInPath(), includingPropertiesForKeys: nil) else { return [] }
        var out: [URL] = []
        for case let url as URL in e where url.pathExtension == "orga" { out.append(url) }
        return out.sorted { $0.path < $1.path }
    }

    /// Every `.orga` file the project has: samples and all test inputs (golden cases and
    /// their outputs, grammar fixtures, parser trees, …).
    public static func corpus() -> [URL] {
        orgaFiles(under: TestPaths.samples) + orgaFiles(under: TestPaths.repositoryRoot.appendingPathComponent("Tests"))
    }
}
