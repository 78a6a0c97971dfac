import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// A document the client has open: its text is the truth, whatever is on disk.
struct OpenDocument {
    var uri: String
    var version: Int?
    var file: SourceFile
}

/// One model of the workspace: every `.orga` file below a workspace root (or one
/// file that lies outside every root). Parsed trees are cached per file and only
/// the changed file is parsed again; the model check redoes only the changed files
/// where that is exact (`IncrementalAnalyzer`), else the whole model.
final class ModelState {
    /// Root directory, or the path of a stand-alone file.
    let key: String
    let isDirectory: Bool
    /// Paths of the model's files, sorted (the order `orgc check` uses).
    var paths: [String] = []
    var disk: [String: SourceFile] = [:]
    var trees: [String: SyntaxTree] = [:]
    var dirty = true
    /// The last analysis, where it was written and the trees it was made from.
    var model: Model?
    var sources = SourceMap()
    var checkedTrees: [SyntaxTree] = []
    /// Re-checks only the edited files where that gives the same result as a full check.
    var analyzer = IncrementalAnalyzer()
    var fileIndex: [String: Int] = [:]
    var generation = 0
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

    func contains(_ path: String) -> Bool { paths.contains(path) }

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
}

/// A staffing computation for one generation of a model, run off the worker.
final class StaffingJob: @unchecked Sendable {
    let generation: Int
    private let done = DispatchSemaphore(value: 0)
    private var value: StaffingResult?

    init(generation: Int) { self.generation = generation }

    func finish(_ r: StaffingResult) {
        value = r
        done.signal()
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
        var symbol: Int?      // nil: an unresolved reference
        var isDeclaration: Bool
    }
    /// Per file index: entries sorted by range.
    var byFile: [[Entry]]
    /// Per symbol: every location (declaration first).
    var bySymbol: [Int: [Location]]

    init(model: Model, fileCount: Int) {
        var byFile = [[Entry]](repeating: [], count: fileCount)
        var bySymbol: [Int: [Location]] = [:]
        for (i, s) in model.symbols.enumerated() where s.location.file >= 0 && s.location.file < byFile.count {
            byFile[s.location.file].append(Entry(range: s.location.range, symbol: i, isDeclaration: true))
            bySymbol[i, default: []].append(s.location)
        }
        for r in model.references where r.location.file >= 0 && r.location.file < byFile.count {
            byFile[r.location.file].append(Entry(range: r.location.range, symbol: r.symbol?.index, isDeclaration: false))
            if let s = r.symbol?.index { bySymbol[s, default: []].append(r.location) }
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

/// The documents and models of the workspace.
final class Workspace {
    private(set) var roots: [String] = []
    var open: [String: OpenDocument] = [:]
    var models: [String: ModelState] = [:]
    /// The URI a client used for a path, echoed back in everything we send.
    var uriForPath: [String: String] = [:]
    /// Milliseconds spent parsing and checking in the last analysis.
    var lastTimings: (parse: Double, check: Double, incremental: Bool) = (0, 0, false)
    /// Largest number of files scanned per root.
    static let maxFilesPerRoot = 20_000

    func setRoots(_ paths: [String]) {
        roots = Array(Set(paths.map(URIs.normalize))).sorted()
        for r in roots where models[r] == nil {
            let m = ModelState(key: r, isDirectory: true)
            scan(m)
            models[r] = m
        }
    }

    func uri(_ path: String) -> String { uriForPath[path] ?? URIs.uri(fromPath: path) }

    /// The root that holds `path` (the longest one), if any.
    func root(of path: String) -> String? {
        var best: String? = nil
        for r in roots where path.hasPrefix(r == "/" ? "/" : r + "/") {
            if best == nil || r.count > best!.count { best = r }
        }
        return best
    }

    /// Reads the `.orga` files of a root from disk (not the ones of nested roots).
    private func scan(_ m: ModelState) {
        var files = (try? ModelLoader.files(at: m.key)) ?? []
        files = files.map(URIs.normalize).filter { root(of: $0) == m.key || !roots.contains(m.key) }
        if files.count > Workspace.maxFilesPerRoot {
            Log.info("\(m.key): more than \(Workspace.maxFilesPerRoot) .orga files; only the first are used")
            files = Array(files.prefix(Workspace.maxFilesPerRoot))
        }
        m.paths = files.sorted()
        m.dirty = true
    }

    /// The model a file belongs to, created on demand (a file outside every root is
    /// a model of its own).
    @discardableResult
    func model(for path: String) -> ModelState {
        if let r = root(of: path), let m = models[r] {
            if path.hasSuffix(".orga") || open[path] != nil { m.addPath(path) }
            return m
        }
        if let m = models[path] { return m }
        let m = ModelState(key: path, isDirectory: false)
        m.paths = [path]
        models[path] = m
        return m
    }

    /// The existing model that contains `path`, if any.
    func existingModel(for path: String) -> ModelState? {
        if let r = root(of: path), let m = models[r], m.contains(path) { return m }
        if let m = models[path] { return m }
        return nil
    }

    /// Current text of a file: the open buffer, else the disk (cached).
    func source(_ path: String, in m: ModelState) -> SourceFile? {
        if let d = open[path] { return d.file }
        if let f = m.disk[path] { return f }
        guard let f = Workspace.readDisk(path) else { return nil }
        m.disk[path] = f
        return f
    }

    /// Reads a file from disk; a UTF-8 byte order mark is dropped, as editors do when
    /// they show the file, so that columns agree with the editor's.
    static func readDisk(_ path: String) -> SourceFile? {
        guard let f = try? ModelLoader.read(path) else { return nil }
        if f.bytes.count >= 3 && f.bytes[0] == 0xEF && f.bytes[1] == 0xBB && f.bytes[2] == 0xBF {
            return SourceFile(path: path, bytes: Array(f.bytes[3...]))
        }
        return f
    }

    // MARK: Document events

    func didOpen(uri: String, version: Int?, text: String) -> ModelState {
        let path = URIs.normalize(URIs.path(fromURI: uri))
        uriForPath[path] = uri
        open[path] = OpenDocument(uri: uri, version: version, file: SourceFile(path: path, text: text))
        let m = model(for: path)
        m.addPath(path)
        m.invalidate(path)
        return m
    }

    func didClose(uri: String) -> ModelState? {
        let path = URIs.normalize(URIs.path(fromURI: uri))
        open[path] = nil
        guard let m = existingModel(for: path) else { return nil }
        m.disk[path] = nil
        m.invalidate(path)
        if !FileManager.default.fileExists(atPath: path) || !m.isDirectory {
            if m.isDirectory { m.removePath(path) } else { models[m.key] = nil }
        }
        return m
    }

    /// A file changed on disk (created, changed or deleted).
    func diskChanged(uri: String, type: Int) -> ModelState? {
        let path = URIs.normalize(URIs.path(fromURI: uri))
        guard path.hasSuffix(".orga"), let r = root(of: path), let m = models[r] else {
            if let m = models[path] { m.disk[path] = nil; m.invalidate(path); return m }
            return nil
        }
        switch type {
        case 3:
            if open[path] == nil { m.removePath(path) }
        default:
            m.disk[path] = nil
            if open[path] == nil { m.invalidate(path) }
            m.addPath(path)
        }
        return m
    }

    /// Applies `contentChanges` in order, each against the result of the previous one.
    func didChange(uri: String, version: Int?, changes: [JSONValue], converter: PositionConverter) -> ModelState? {
        let path = URIs.normalize(URIs.path(fromURI: uri))
        guard var doc = open[path] else { return nil }
        var bytes = doc.file.bytes
        var file = doc.file
        for change in changes {
            guard let text = change["text"]?.stringValue else { continue }
            if let range = LSPRange(json: change["range"]) {
                let a = converter.offset(range.start, in: file)
                let b = converter.offset(range.end, in: file)
                let lo = min(a, b), hi = max(a, b)
                bytes.replaceSubrange(lo..<hi, with: Array(text.utf8))
            } else {
                bytes = Array(text.utf8)
            }
            file = SourceFile(path: path, bytes: bytes)
        }
        doc.file = file
        doc.version = version ?? doc.version
        open[path] = doc
        let m = model(for: path)
        m.invalidate(path)
        return m
    }

    // MARK: Analysis

    /// Re-checks a model if anything changed: parses only files without a cached
    /// tree, then checks the model (incrementally where exact) on all trees.
    func analyse(_ m: ModelState) {
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
        m.model = nil   // the analyzer's arrays are then not shared with the old model (no copies)
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
