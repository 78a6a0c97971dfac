import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis

/// One model of the workspace: every `.orga` file below a workspace root (or one
/// file that lies outside every root). Parsed trees are cached per file and only
/// the changed file is parsed again; the model check redoes only the changed files
/// where that is exact (`IncrementalAnalyzer`), else the whole model.
public final class ModelState {
    /// Root directory, or the path of a stand-alone file.
    public let key: String
    public let isDirectory: Bool
    /// Paths of the model's files, sorted (the order `orgc check` uses).
    public internal(set) var paths: [String] = []
    var disk: [String: SourceFile] = [:]
    var trees: [String: SyntaxTree] = [:]
    /// Whether a text changed since the last analysis.
    public internal(set) var dirty = true
    /// The last analysis and what it was made from.
    public internal(set) var model: Model?
    /// Where the last analysis was written, and the trees it was made from.
    public internal(set) var sources = SourceMap()
    public internal(set) var checkedTrees: [SyntaxTree] = []
    /// Re-checks only the edited files where that gives the same result as a full check.
    var analyzer = IncrementalAnalyzer()
    /// Index of each path in `model.trees`.
    public internal(set) var fileIndex: [String: Int] = [:]
    /// Bumped by every analysis.
    public internal(set) var generation = 0
    /// Per-analysis caches, built on first use.
    var occurrences: Occurrences?
    var extras = AnalysisCache()
    /// Bumped whenever a file's text changes (to know which positions are still valid).
    var stamps: [String: Int] = [:]
    /// The staffing computation of the current generation (runs in the background).
    var staffingJob: StaffingJob?
    /// Whether a staffing computation of this model is running. One at a time: when
    /// analyses come faster than staffing, the generations in between are skipped
    /// (the latest one starts when the running one is done).
    var staffingBusy = false

    init(key: String, isDirectory: Bool) {
        self.key = key
        self.isDirectory = isDirectory
    }

    public func contains(_ path: String) -> Bool { paths.contains(path) }

    /// Whether the staffing figures of the current analysis are computed.
    public var hasStaffing: Bool { extras.staffing != nil }

    func addPath(_ path: String) {
        guard !paths.contains(path) else { return }
        paths.append(path)
        paths.sort()
        dirty = true
    }

    func removePath(_ path: String) {
        guard let i = paths.firstIndex(of: path) else { return }
        paths.remove(at: i)
        disk[path] = nil
        trees[path] = nil
        dirty = true
    }

    func invalidate(_ path: String) {
        trees[path] = nil
        stamps[path, default: 0] += 1
        dirty = true
    }
}

/// Caches computed from one analysis (staffing figures for hovers and hints).
struct AnalysisCache {
    var staffing: StaffingFigures?
    /// Scenarios and targets against the staffing (computed on first use).
    var whatIf: WhatIfResult?
    /// Findings that need the staffing (W711, a target's shortfall): published once the
    /// background staffing of this analysis is done; nil until then.
    var staffingFindings: [Diagnostic]?
}

/// A staffing computation for one generation of a model, run off the worker.
final class StaffingJob: @unchecked Sendable {
    let generation: Int
    private let done = DispatchSemaphore(value: 0)
    private var value: StaffingResult?
    private var findingsValue: [Diagnostic] = []

    init(generation: Int) { self.generation = generation }

    func finish(_ r: StaffingResult, findings: [Diagnostic] = []) {
        value = r
        findingsValue = findings
        done.signal()
    }

    /// The findings computed with the staffing (valid once `wait` returned).
    var findings: [Diagnostic] {
        done.wait()
        done.signal()
        return findingsValue
    }

    /// Waits for the result (the semaphore orders the write before this read).
    func wait() -> StaffingResult? {
        done.wait()
        done.signal()
        return value
    }
}

/// Every declaration and reference of every file of a model, by file and by symbol.
struct Occurrences {
    struct Entry {
        var range: ByteRange
        var symbol: SymbolID?      // nil: an unresolved reference
        var isDeclaration: Bool
    }
    /// Per file index: entries sorted by range.
    var byFile: [[Entry]]
    /// Per symbol: every location (declaration first).
    var bySymbol: [SymbolID: [Location]]

    init(model: Model, fileCount: Int) {
        var byFile = [[Entry]](repeating: [], count: fileCount)
        var bySymbol: [SymbolID: [Location]] = [:]
        for (i, s) in zip(model.symbols.ids, model.symbols) where s.location.file >= 0 && s.location.file < byFile.count {
            byFile[s.location.file].append(Entry(range: s.location.range, symbol: i, isDeclaration: true))
            bySymbol[i, default: []].append(s.location)
        }
        for r in model.references where r.location.file >= 0 && r.location.file < byFile.count {
            byFile[r.location.file].append(Entry(range: r.location.range, symbol: r.symbol, isDeclaration: false))
            if let s = r.symbol { bySymbol[s, default: []].append(r.location) }
        }
        for f in byFile.indices { byFile[f].sort { $0.range < $1.range } }
        self.byFile = byFile
        self.bySymbol = bySymbol
    }

    /// The entry whose range contains `offset` (end inclusive, so a cursor just after
    /// a name still finds it; a start match wins over an end match).
    func entry(file: Int, offset: Int) -> Entry? {
        guard file >= 0 && file < byFile.count else { return nil }
        let entries = byFile[file]
        // Binary search for the first entry with start > offset.
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].range.start <= offset { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        var best: Entry? = nil
        while k >= 0 && k >= lo - 4 {
            let e = entries[k]
            if e.range.start <= offset && offset <= e.range.end {
                if best == nil || e.range.start > best!.range.start { best = e }
            }
            k -= 1
        }
        return best
    }
}

/// The documents and models of a workspace, by path: the texts of open documents
/// (which win over the disk), the models (one per root folder, or a stand-alone
/// file) and their analyses. The language server drives it; tests and other tools
/// can drive it directly.
public final class IDEWorkspace {
    /// The workspace folders.
    public private(set) var folders: [String] = []
    /// The model roots found in them (see `FolderScanner`).
    public private(set) var roots: [String] = []
    /// Texts of the open documents, by normalised path.
    public private(set) var open: [String: SourceFile] = [:]
    public private(set) var models: [String: ModelState] = [:]
    /// Milliseconds spent parsing and checking in the last analysis.
    public private(set) var lastTimings: (parse: Double, check: Double, incremental: Bool) = (0, 0, false)
    /// Folders being indexed in the background: their models are installed as they come.
    public var indexing = Set<String>()
    /// Directory entries a directory may have to be scanned at once; a larger folder
    /// is for the background.
    public static let quickScanEntries = 5_000

    public init() {}

    /// Adds workspace folders and scans them completely now (for tests and tools; the
    /// language server scans large folders in the background). Returns what the
    /// scans found.
    @discardableResult
    public func setRoots(_ paths: [String], limits: IndexLimits = IndexLimits()) -> [FolderScan] {
        var scans: [FolderScan] = []
        for f in Set(paths.map(Paths.normalize)).sorted() where !folders.contains(f) {
            addFolder(f)
            let scan = FolderScanner.scan(f, limits: limits)
            install(scan)
            scans.append(scan)
        }
        return scans
    }

    /// Adds a workspace folder (its models come with `install`).
    public func addFolder(_ folder: String) {
        let f = Paths.normalize(folder)
        guard !folders.contains(f) else { return }
        folders.append(f)
        folders.sort()
    }

    /// Whether `path` lies in a workspace folder (or is one).
    public func isInFolder(_ path: String) -> Bool {
        folders.contains { path == $0 || path.hasPrefix($0 == "/" ? "/" : $0 + "/") }
    }

    /// Removes a workspace folder and the models found in it; returns their keys.
    @discardableResult
    public func removeFolder(_ folder: String) -> [String] {
        let f = Paths.normalize(folder)
        folders.removeAll { $0 == f }
        let gone = roots.filter { ($0 == f || $0.hasPrefix(f + "/")) && !isInFolder($0) }
        roots.removeAll { gone.contains($0) }
        for r in gone { models[r] = nil }
        return gone
    }

    /// Installs the model roots of a scan; their files are read and parsed when a
    /// model is first analysed. Returns the models.
    @discardableResult
    public func install(_ scan: FolderScan) -> [ModelState] {
        guard folders.contains(scan.folder) else { return [] }
        return scan.models.map { installRoot($0.root, paths: $0.paths) }
    }

    /// Installs a model analysed in the background. An open document of the model
    /// (its text may differ from the disk) makes the model analyse again on demand,
    /// with the parsed trees of the other files kept.
    @discardableResult
    public func install(_ indexed: IndexedModel) -> ModelState? {
        guard isInFolder(indexed.root) else { return nil }
        let m = installRoot(indexed.root, paths: indexed.paths)
        if m.paths == indexed.paths && !m.paths.contains(where: { open[$0] != nil }) {
            m.disk = indexed.files
            m.trees = indexed.trees
            m.model = indexed.model
            m.sources = indexed.sources
            m.checkedTrees = indexed.checkedTrees
            m.analyzer = indexed.analyzer
            m.fileIndex = indexed.fileIndex
            m.generation += 1
            m.occurrences = nil
            m.extras = AnalysisCache()
            m.dirty = false
        } else {
            for (p, t) in indexed.trees where open[p] == nil && m.contains(p) {
                m.trees[p] = t
                m.disk[p] = indexed.files[p]
            }
        }
        return m
    }

    /// Makes `root` a model root with `paths` (and the open documents below it). A
    /// stand-alone model of a file below it joins it; an enclosing model gives its
    /// files below it up.
    private func installRoot(_ root: String, paths: [String]) -> ModelState {
        if !roots.contains(root) {
            roots.append(root)
            roots.sort()
        }
        let m = models[root].flatMap { $0.isDirectory ? $0 : nil } ?? ModelState(key: root, isDirectory: true)
        models[root] = m
        var mine = Set(paths.map(Paths.normalize).filter { self.root(of: $0) == root })
        for p in open.keys where self.root(of: p) == root { mine.insert(p) }
        for (key, other) in models where other !== m {
            if other.isDirectory && root.hasPrefix(key + "/") {
                for p in other.paths where self.root(of: p) == root { other.removePath(p) }
            } else if !other.isDirectory && self.root(of: key) == root {
                models[key] = nil
                if open[key] != nil { mine.insert(key) }
            }
        }
        let sorted = mine.sorted()
        if sorted != m.paths {
            for p in m.paths where !mine.contains(p) { m.trees[p] = nil; m.disk[p] = nil }
            m.paths = sorted
            m.dirty = true
        }
        for p in open.keys where mine.contains(p) { m.invalidate(p) }
        return m
    }

    /// The root that holds `path` (the longest one), if any.
    public func root(of path: String) -> String? {
        var best: String? = nil
        for r in roots where path.hasPrefix(r == "/" ? "/" : r + "/") {
            if best == nil || r.count > best!.count { best = r }
        }
        return best
    }

    /// The model a file belongs to, created on demand (a file outside every root is
    /// a model of its own).
    @discardableResult
    public func model(for path: String) -> ModelState {
        if let r = root(of: path), let m = models[r] {
            if path.hasSuffix(".orga") || open[path] != nil { m.addPath(path) }
            return m
        }
        if let m = models[path] { return m }
        // In a workspace folder (not being indexed) outside every model root: the
        // file's directory becomes a model root, if it is small enough to scan now.
        if path.hasPrefix("/") && isInFolder(path) && !folders.contains(where: { indexing.contains($0) && path.hasPrefix($0 + "/") }),
           let slash = path.lastIndex(of: "/") {
            let dir = slash == path.startIndex ? "/" : String(path[..<slash])
            let scan = FolderScanner.scan(dir, entryBudget: IDEWorkspace.quickScanEntries)
            if scan.complete {
                let m = installRoot(dir, paths: scan.models.flatMap(\.paths))
                if path.hasSuffix(".orga") || open[path] != nil { m.addPath(path) }
                return m
            }
        }
        let m = ModelState(key: path, isDirectory: false)
        m.paths = [path]
        models[path] = m
        return m
    }

    /// The existing model that contains `path`, if any.
    public func existingModel(for path: String) -> ModelState? {
        if let r = root(of: path), let m = models[r], m.contains(path) { return m }
        if let m = models[path] { return m }
        return nil
    }

    /// Current text of a file: the open buffer, else the disk (cached).
    func source(_ path: String, in m: ModelState) -> SourceFile? {
        if let d = open[path] { return d }
        if let f = m.disk[path] { return f }
        guard let f = IDEWorkspace.readDisk(path) else { return nil }
        m.disk[path] = f
        return f
    }

    /// Reads a file from disk; a UTF-8 byte order mark is dropped, as editors do when
    /// they show the file, so that columns agree with the editor's.
    public static func readDisk(_ path: String) -> SourceFile? {
        guard let f = try? ModelLoader.read(path) else { return nil }
        if f.bytes.count >= 3 && f.bytes[0] == 0xEF && f.bytes[1] == 0xBB && f.bytes[2] == 0xBF {
            return SourceFile(path: path, bytes: Array(f.bytes[3...]))
        }
        return f
    }

    // MARK: Document events

    /// A document was opened with `text` (it wins over the disk until closed).
    @discardableResult
    public func didOpen(path: String, text: SourceFile) -> ModelState {
        open[path] = text
        let m = model(for: path)
        m.addPath(path)
        m.invalidate(path)
        return m
    }

    /// The text of an open document changed (nil if it is not open).
    @discardableResult
    public func didChange(path: String, text: SourceFile) -> ModelState? {
        guard open[path] != nil else { return nil }
        open[path] = text
        let m = model(for: path)
        m.invalidate(path)
        return m
    }

    public func didClose(path: String) -> ModelState? {
        open[path] = nil
        guard let m = existingModel(for: path) else { return nil }
        m.disk[path] = nil
        m.invalidate(path)
        if !FileManager.default.fileExists(atPath: path) || !m.isDirectory {
            if m.isDirectory { m.removePath(path) } else { models[m.key] = nil }
        }
        return m
    }

    /// A document was saved: its disk text is read again when it is closed.
    public func didSave(path: String) -> ModelState? {
        guard let m = existingModel(for: path) else { return nil }
        m.disk[path] = nil
        return m
    }

    /// A file changed on disk (created, changed or `deleted`).
    public func diskChanged(path: String, deleted: Bool) -> ModelState? {
        guard path.hasSuffix(".orga"), let r = root(of: path), let m = models[r] else {
            if let m = models[path] { m.disk[path] = nil; m.invalidate(path); return m }
            return nil
        }
        if deleted {
            if open[path] == nil { m.removePath(path) }
        } else {
            m.disk[path] = nil
            if open[path] == nil { m.invalidate(path) }
            m.addPath(path)
        }
        return m
    }

    // MARK: Analysis

    /// Re-checks a model if anything changed: parses only files without a cached
    /// tree, then checks the model (incrementally where exact) on all trees.
    public func analyse(_ m: ModelState) {
        guard m.dirty || m.model == nil else { return }
        let t0 = DispatchTime.now().uptimeNanoseconds
        var trees: [SyntaxTree] = []
        trees.reserveCapacity(m.paths.count)
        var index: [String: Int] = [:]
        for p in m.paths {
            let tree: SyntaxTree
            if let t = m.trees[p] {
                tree = t
            } else {
                guard let f = source(p, in: m) else { continue }
                tree = Parser.parse(f)
                m.trees[p] = tree
            }
            index[p] = trees.count
            trees.append(tree)
        }
        let t1 = DispatchTime.now().uptimeNanoseconds
        // The analyzer's arrays are then not shared with the old model and source map, so
        // the incremental build writes them in place instead of copying them.
        m.model = nil
        m.sources = SourceMap()
        let checked = m.analyzer.check(trees: trees)
        m.model = checked.model
        m.sources = checked.sources
        m.checkedTrees = trees
        lastTimings = (Double(t1 - t0) / 1e6, Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6, m.analyzer.lastWasIncremental)
        m.fileIndex = index
        m.generation += 1
        m.occurrences = nil
        m.extras = AnalysisCache()
        m.dirty = false
    }

    func occurrences(_ m: ModelState) -> Occurrences? {
        if let o = m.occurrences { return o }
        guard let model = m.model else { return nil }
        let o = Occurrences(model: model, fileCount: m.sources.files.count)
        m.occurrences = o
        return o
    }
}

/// A model read, parsed and checked off the worker (by the background indexing of
/// a workspace folder), to be installed with `IDEWorkspace.install`.
public struct IndexedModel: Sendable {
    public let root: String
    public let paths: [String]
    let files: [String: SourceFile]
    let trees: [String: SyntaxTree]
    let fileIndex: [String: Int]
    public let model: Model
    let sources: SourceMap
    let checkedTrees: [SyntaxTree]
    let analyzer: IncrementalAnalyzer

    /// Reads, parses and checks the files of a model root.
    public static func build(root: String, paths: [String]) -> IndexedModel {
        var files: [String: SourceFile] = [:]
        var trees: [String: SyntaxTree] = [:]
        var ordered: [SyntaxTree] = []
        var index: [String: Int] = [:]
        for p in paths {
            guard let f = IDEWorkspace.readDisk(p) else { continue }
            let t = Parser.parse(f)
            files[p] = f
            trees[p] = t
            index[p] = ordered.count
            ordered.append(t)
        }
        var analyzer = IncrementalAnalyzer()
        let checked = analyzer.check(trees: ordered)
        return IndexedModel(root: root, paths: paths, files: files, trees: trees, fileIndex: index, model: checked.model,
                            sources: checked.sources, checkedTrees: ordered, analyzer: analyzer)
    }
}
