import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// Everything a request about one document needs: its model (analysed) and its tree.
public struct DocContext {
    public let state: ModelState
    public let model: Model
    /// Where the model was written, and the trees it was made from.
    public let sources: SourceMap
    public let trees: [SyntaxTree]
    public let fileIndex: Int
    public let path: String

    public var tree: SyntaxTree { trees[fileIndex] }
    public var file: SourceFile { trees[fileIndex].file }

    func path(of l: Location) -> String { sources.path(l) }

    /// A location of the model as a range of its file (nil for a location without one).
    func location(_ l: Location) -> FileLocation? {
        guard let f = sources.file(l.file) else { return nil }
        return FileLocation(path: f.path, range: l.range, file: f)
    }
}

extension IDEWorkspace {
    /// The analysed context of the document at `path` (analysed now if it changed;
    /// `analysed` tells whether that happened).
    public func context(path: String) throws(IDEError) -> (context: DocContext, analysed: Bool) {
        let m: ModelState
        if let e = existingModel(for: path) {
            m = e
        } else if open[path] != nil || FileManager.default.fileExists(atPath: path) {
            m = model(for: path)
        } else {
            throw IDEError("unknown document \(path)")
        }
        let analysed = m.dirty || m.model == nil
        if analysed { analyse(m) }
        guard let model = m.model, let f = m.fileIndex[path], f < m.checkedTrees.count else {
            throw IDEError("cannot read \(path)")
        }
        return (DocContext(state: m, model: model, sources: m.sources, trees: m.checkedTrees, fileIndex: f, path: path), analysed)
    }

    /// Staffing figures of a model's current analysis (computed once per analysis,
    /// in the background when possible: this waits for that job).
    public func staffing(_ m: ModelState) -> StaffingResult? {
        if let s = m.extras.staffing { return s.result }
        guard let model = m.model else { return nil }
        let r: StaffingResult
        if let job = m.staffingJob, job.generation == m.generation, let done = job.wait() {
            r = done
        } else {
            r = StaffingAnalysis.analyze(Self.evaluatedForStaffing(model))
        }
        m.extras.staffing = StaffingFigures(result: r)
        return r
    }

    /// Starts the staffing computation of a model's current generation on another
    /// thread; `done` is called there with the model's key and generation when it
    /// is finished (the caller then calls `staffingFinished`).
    public func startStaffing(_ m: ModelState, done: @escaping @Sendable (String, Int) -> Void) {
        guard !m.staffingBusy, let model = m.model, m.extras.staffing == nil else { return }
        if let job = m.staffingJob, job.generation == m.generation { return }
        m.staffingBusy = true
        let job = StaffingJob(generation: m.generation)
        m.staffingJob = job
        let key = m.key
        let generation = m.generation
        let checked = CheckedModel(model: model, sources: m.sources)
        DispatchQueue.global().async {
            let result = StaffingAnalysis.analyze(IDEWorkspace.evaluatedForStaffing(model))
            // W711 needs the staffing (and the potential scenarios'); nothing without targets.
            job.finish(result, findings: WhatIfAnalysis.diagnostics(checked, base: result))
            done(key, generation)
        }
    }

    /// What to do when the staffing computation of `generation` is done.
    public enum StaffingOutcome { case unchanged, restart, publish }

    /// Takes over a finished staffing computation, or `restart` when the model was
    /// analysed again meanwhile and is not waiting for another analysis (then start
    /// the latest generation).
    public func staffingFinished(_ m: ModelState, generation: Int) -> StaffingOutcome {
        m.staffingBusy = false
        if m.generation == generation, m.extras.staffing == nil {
            _ = staffing(m)
            if let job = m.staffingJob, job.generation == generation {
                m.extras.staffingFindings = job.findings
                if !job.findings.isEmpty { return .publish }
            }
            return .unchanged
        }
        return m.generation != generation && !m.dirty ? .restart : .unchanged
    }

    /// Every diagnostic of a model to publish now, by path.
    public func diagnostics(_ m: ModelState) -> [String: [Diagnostic]] {
        guard let model = m.model else { return [:] }
        var byPath: [String: [Diagnostic]] = [:]
        for d in model.diagnostics { byPath[d.path, default: []].append(d) }
        for d in m.extras.staffingFindings ?? [] { byPath[d.path, default: []].append(d) }
        return byPath
    }

    /// The diagnostics of one document of a context.
    func diagnostics(_ ctx: DocContext) -> [Diagnostic] {
        ctx.model.diagnostics.filter { $0.path == ctx.path }
    }
}

/// Builds text as Markdown and as plain text at once.
struct DualText {
    var md: [String] = []
    var plain: [String] = []
    mutating func heading(_ md: String, _ plain: String) { self.md.append(md); self.plain.append(plain) }
    mutating func line(_ s: String) { md.append(s); plain.append(s) }
    mutating func line(md m: String, plain p: String) { md.append(m); plain.append(p) }
    mutating func blank() { md.append(""); plain.append("") }
    /// A list item.
    mutating func item(_ s: String) { md.append("- " + s); plain.append("  " + s.replacingOccurrences(of: "`", with: "")) }
    var markdown: String { md.joined(separator: "\n") }
    var plainText: String { plain.joined(separator: "\n") }
    var documentation: Documentation { Documentation(markdown: markdown, plainText: plainText) }
}

/// The staffing result of one analysis.
struct StaffingFigures {
    var result: StaffingResult
}

/// Number formatting for hovers and hints: at most `digits` decimals, no trailing zeros.
func fmt(_ v: Double, _ digits: Int = 2) -> String { hoverNumbers.compact(v, digits) }

/// A thousands-separated integer-ish figure (`12,365`).
func fmtGrouped(_ v: Double) -> String { hoverGroupedNumbers.fixed(v, 0) }

/// Hovers and hints are in English; NaN and ±∞ show as `–`.
let hoverNumbers = NumberFormat(.en, grouping: false, missing: "–")
let hoverGroupedNumbers = NumberFormat(.en, grouping: true, missing: "–")
