#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Bounds on what indexing a workspace folder may read, so that a folder such as
/// `/tmp` or a home directory cannot exhaust time or memory.
public struct IndexLimits: Sendable {
    /// A `.orga` file larger than this is skipped (with a message).
    public var maxFileBytes = 8 << 20
    /// `.orga` bytes read per workspace folder (memory is about 30 bytes per byte read).
    public var maxFolderBytes = 16 << 20
    /// `.orga` files read per workspace folder.
    public var maxFiles = 20_000
    /// Directory entries looked at per workspace folder.
    public var maxEntries = 200_000
    public init() {}
}

/// What a scan of a workspace folder found.
public struct FolderScan: Sendable {
    public struct ModelRoot: Sendable, Equatable {
        /// The topmost directory with `.orga` files of its own.
        public var root: String
        /// Every `.orga` file below it, sorted.
        public var paths: [String]
    }
    public var folder: String
    public var models: [ModelRoot] = []
    /// `.orga` files over `maxFileBytes`, with their sizes.
    public var skippedLargeFiles: [(path: String, size: Int)] = []
    /// Directories not entered: hidden ones, dependency and build folders, symbolic links.
    public var skippedDirectories = 0
    public var entriesVisited = 0
    public var files = 0
    public var bytes = 0
    /// `.orga` files not read because the folder's byte budget was spent.
    public var skippedOverBudget = 0
    /// Why the scan stopped before the end of the folder (a limit), if it did.
    public var limitReached: String?
    /// False when the scan ran out of its entry budget (then it is to be redone in the background).
    public var complete = true

    /// Messages for the user: skipped large files and a reached limit.
    public var notices: [String] {
        var out = skippedLargeFiles.map { "\($0.path): not read, \($0.size / (1 << 20)) MiB is more than the limit of \(IndexLimits().maxFileBytes >> 20) MiB for a .orga file" }
        if skippedOverBudget > 0 {
            out.append("\(folder): \(skippedOverBudget) .orga files not read: together they are over the limit of \(IndexLimits().maxFolderBytes >> 20) MiB per workspace folder")
        }
        if let l = limitReached { out.append("\(folder): \(l)") }
        return out
    }
}

/// Finds the models of a workspace folder: the `.orga` files below it, grouped by
/// model root. A model root is a topmost directory that holds `.orga` files of its
/// own; its model is every `.orga` file below it (as `orgc check DIR` reads it).
/// Hidden directories (`.git`, `.build` …), dependency and cache folders
/// (`node_modules` …) and symbolic links to directories are not entered; other
/// files are never opened (only `stat`ed).
public enum FolderScanner {
    static let skippedDirectoryNames: Set<String> = [
        "node_modules", "bower_components", "__pycache__", "site-packages", "venv", "DerivedData", "Pods",
    ]

    public static func isSkippedDirectory(_ name: String) -> Bool {
        name.hasPrefix(".") || skippedDirectoryNames.contains(name)
    }

    /// Scans `folder` depth-first in name order. `entryBudget` stops early with
    /// `complete == false` (a quick first try); `cancelled` is polled now and then.
    public static func scan(_ folder: String, limits: IndexLimits = IndexLimits(), entryBudget: Int? = nil,
                            cancelled: () -> Bool = { false }, progress: (FolderScan) -> Void = { _ in }) -> FolderScan {
        var scan = FolderScan(folder: folder)
        var found: [String] = []
        var stack = [folder]
        walk: while let dir = stack.popLast() {
            if cancelled() { scan.complete = false; break }
            let remaining = min(limits.maxEntries, entryBudget ?? Int.max) - scan.entriesVisited + 1
            let entries = directoryEntries(dir, limit: max(0, remaining))
            var subdirs: [String] = []
            for name in entries {
                scan.entriesVisited += 1
                if let budget = entryBudget, scan.entriesVisited > budget { scan.complete = false; break walk }
                if scan.entriesVisited > limits.maxEntries {
                    scan.limitReached = "stopped after \(limits.maxEntries) directory entries; only the models found so far are used (open a smaller folder)"
                    break walk
                }
                if scan.entriesVisited % 4096 == 0 { progress(scan) }
                let path = dir == "/" ? "/" + name : dir + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                let type = st.st_mode & S_IFMT
                if type == S_IFDIR {
                    if isSkippedDirectory(name) { scan.skippedDirectories += 1 } else { subdirs.append(path) }
                    continue
                }
                var size = Int(st.st_size)
                if type == S_IFLNK {
                    // A link to a file is read; a link to a directory is not followed
                    // (it may lead back up or out of the folder).
                    var target = stat()
                    guard stat(path, &target) == 0 else { continue }
                    if target.st_mode & S_IFMT == S_IFDIR { scan.skippedDirectories += 1; continue }
                    guard target.st_mode & S_IFMT == S_IFREG else { continue }
                    size = Int(target.st_size)
                } else if type != S_IFREG {
                    continue
                }
                guard name.hasSuffix(".orga") else { continue }
                if size > limits.maxFileBytes {
                    scan.skippedLargeFiles.append((path, size))
                    continue
                }
                if scan.files >= limits.maxFiles {
                    scan.limitReached = "stopped after \(scan.files) .orga files, the limit per workspace folder; only the models found so far are used"
                    break walk
                }
                if scan.bytes + size > limits.maxFolderBytes {
                    // Over the byte budget of the folder: skip this file, look on for smaller ones.
                    scan.skippedOverBudget += 1
                    continue
                }
                scan.files += 1
                scan.bytes += size
                found.append(path)
            }
            // Depth-first in name order: push in reverse.
            stack.append(contentsOf: subdirs.reversed())
        }
        scan.models = groupByModelRoot(found)
        return scan
    }

    /// Groups files under their topmost directories that hold `.orga` files directly.
    static func groupByModelRoot(_ files: [String]) -> [FolderScan.ModelRoot] {
        func parent(_ p: String) -> String {
            guard let slash = p.lastIndex(of: "/") else { return p }
            return slash == p.startIndex ? "/" : String(p[..<slash])
        }
        let dirs = Set(files.map(parent))
        var rootOf: [String: String] = [:]
        for d in dirs {
            var top = d
            var cur = d
            while cur != "/" && !cur.isEmpty {
                cur = parent(cur)
                if dirs.contains(cur) { top = cur }
            }
            rootOf[d] = top
        }
        var byRoot: [String: [String]] = [:]
        for f in files { byRoot[rootOf[parent(f)] ?? parent(f), default: []].append(f) }
        return byRoot.keys.sorted().map { FolderScan.ModelRoot(root: $0, paths: (byRoot[$0] ?? []).sorted()) }
    }

    /// The names in a directory, sorted (nothing if it cannot be read); at most
    /// `limit` of them (a directory of millions of entries is not read to its end).
    static func directoryEntries(_ dir: String, limit: Int) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: e.pointee.d_name)) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
            if names.count >= limit { break }
        }
        names.sort()
        return names
    }
}
