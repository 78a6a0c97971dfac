import Foundation
import OrgaSyntax
import OrgaSupport
import OrgaIDE

/// The background indexing of one workspace folder: scan, then read, parse and check
/// each model found, one folder at a time on a queue of its own. The worker installs
/// each model as it comes and keeps answering requests meanwhile.
final class IndexJob: @unchecked Sendable {
    let folder: String
    /// The `$/progress` token, if the client shows progress.
    let token: String?
    private let lock = NSLock()
    private var isCancelled = false

    init(folder: String, token: String?) {
        self.folder = folder
        self.token = token
    }

    var cancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return isCancelled
    }

    func cancel() {
        lock.lock(); isCancelled = true; lock.unlock()
    }
}

/// What a background indexing reports to the worker.
enum IndexEvent {
    case progress(IndexJob, message: String, percentage: Int?)
    case model(IndexJob, IndexedModel)
    case done(IndexJob, FolderScan)
}

extension LanguageServer {
    /// Adds workspace folders: a small one is scanned now, a large one in the
    /// background (requests are answered meanwhile, from what is known).
    func addFolders(_ paths: [String]) {
        for f in paths.map(URIs.normalize) where !workspace.folders.contains(f) {
            workspace.addFolder(f)
            let quick = FolderScanner.scan(f, limits: indexLimits, entryBudget: IDEWorkspace.quickScanEntries)
            if quick.complete {
                workspace.install(quick)
                logNotices(quick.notices)
            } else {
                startIndexing(f)
            }
        }
    }

    func removeFolder(_ path: String) {
        let f = URIs.normalize(path)
        if let job = indexJobs[f] {
            job.cancel()
            indexJobs[f] = nil
        }
        workspace.indexing.remove(f)
        workspace.removeFolder(f)
    }

    private func startIndexing(_ folder: String) {
        var token: String? = nil
        if client.workDoneProgress {
            indexCount += 1
            let t = "orgc-index-\(indexCount)"
            token = t
            sendRequest("window/workDoneProgress/create", .object([("token", .string(t))]))
            notify("$/progress", .object([("token", .string(t)), ("value", .object([
                ("kind", .string("begin")), ("title", .string("Indexing Orga models")),
                ("cancellable", .bool(false)), ("message", .string(folder)), ("percentage", .int(0)),
            ]))]))
        }
        let job = IndexJob(folder: folder, token: token)
        indexJobs[folder] = job
        workspace.indexing.insert(folder)
        let limits = indexLimits
        Log.info("\(folder): large folder, indexing in the background")
        indexQueue.async { [self] in
            let scan = FolderScanner.scan(folder, limits: limits, cancelled: { job.cancelled }, progress: { s in
                enqueueInternal(.index(.progress(job, message: "\(folder): \(s.entriesVisited) entries looked at, \(s.files) .orga files", percentage: nil)))
            })
            let count = scan.models.count
            for (i, r) in scan.models.enumerated() where !job.cancelled {
                enqueueInternal(.index(.progress(job, message: "\(r.root) (\(i + 1) of \(count))", percentage: count > 0 ? i * 100 / count : nil)))
                enqueueInternal(.index(.model(job, IndexedModel.build(root: r.root, paths: r.paths))))
            }
            enqueueInternal(.index(.done(job, scan)))
        }
    }

    /// Handles a report of a background indexing (on the worker).
    func handleIndexEvent(_ event: IndexEvent) {
        switch event {
        case .progress(let job, let message, let percentage):
            guard let t = job.token, !job.cancelled else { return }
            var value: [(String, JSONValue)] = [("kind", .string("report")), ("message", .string(message))]
            if let p = percentage { value.append(("percentage", .int(min(100, max(0, p))))) }
            notify("$/progress", .object([("token", .string(t)), ("value", .object(value))]))
        case .model(let job, let indexed):
            guard indexJobs[job.folder] === job, !job.cancelled, let m = workspace.install(indexed) else { return }
            if wantsPublish(m) { pendingPublish.insert(m.key) }
        case .done(let job, let scan):
            if indexJobs[job.folder] === job {
                indexJobs[job.folder] = nil
                workspace.indexing.remove(job.folder)
                logNotices(scan.notices)
                Log.info("\(job.folder): indexed \(scan.models.count) models, \(scan.files) files, \(scan.bytes >> 10) KiB")
            }
            if let t = job.token {
                let summary = job.cancelled ? "cancelled" : "\(scan.models.count) models, \(scan.files) .orga files"
                notify("$/progress", .object([("token", .string(t)), ("value", .object([("kind", .string("end")), ("message", .string(summary))]))]))
            }
        }
    }

    /// Whether a model's diagnostics are to be published (an open file, or all files).
    func wantsPublish(_ m: ModelState) -> Bool {
        settings.workspaceDiagnostics || m.paths.contains { documents.open[$0] != nil }
    }

    /// Tells the user (once per message) what indexing skipped.
    func logNotices(_ notices: [String]) {
        for n in notices where loggedNotices.insert(n).inserted {
            Log.info(n)
            notify("window/logMessage", .object([("type", .int(2)), ("message", .string("orgc: " + n))]))
        }
    }
}
