import Foundation
import OrgaSyntax

/// Reads the `.orga` files of a model from disk. A model is every `.orga` file under
/// one directory tree (hidden folders and `.build` skipped), or a single file.
public enum ModelLoader {
    /// Largest file orgc reads; byte offsets are 32-bit in the syntax tree.
    public static let maxFileSize = 512 * 1024 * 1024

    public struct LoadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The `.orga` files of `path` in a deterministic order (sorted by path).
    public static func files(at path: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw LoadError(path: path, reason: "no such file or directory")
        }
        if !isDir.boolValue { return [path] }
        var result: [String] = []
        var stack = [path]
        // Directories and files by their real path (all symlinks resolved, relative ones
        // against their own directory): a link back up the tree, or two links to one
        // directory, must not read a file twice.
        var visited = Set<String>()
        var seenFiles = Set<String>()
        func realPath(_ p: String) -> String { URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path }
        while let dir = stack.popLast() {
            guard visited.insert(realPath(dir)).inserted else { continue }
            let entries: [String]
            do { entries = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
                throw LoadError(path: dir, reason: "cannot read directory")
            }
            for e in entries.sorted() where !e.hasPrefix(".") {
                let full = dir.hasSuffix("/") ? dir + e : dir + "/" + e
                var sub: ObjCBool = false
                guard FileManager.default.fileExists(atPath: full, isDirectory: &sub) else { continue }
                if sub.boolValue { stack.append(full) } else if e.hasSuffix(".orga") && seenFiles.insert(realPath(full)).inserted { result.append(full) }
            }
        }
        return result.sorted()
    }

    public static func read(_ path: String) throws -> SourceFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LoadError(path: path, reason: "cannot open file (permission denied or not a file)")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            throw LoadError(path: path, reason: "cannot read file")
        }
        if data.count > maxFileSize { throw LoadError(path: path, reason: "file is larger than \(maxFileSize / 1024 / 1024) MiB") }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    /// Loads every file of the model at `path`.
    /// Files are read (and their line tables built) several at a time; the first
    /// failure in path order is thrown, as a sequential read would.
    public static func load(_ path: String) throws -> [SourceFile] {
        let paths = try files(at: path)
        let results = concurrentMap(paths.count) { k in Result { try read(paths[k]) } }
        return try results.map { try $0.get() }
    }
}
