import Foundation
import OrgaSyntax
import OrgaSemantics
import OrgaAnalysis
import OrgaSupport

/// Everything a request about one document needs: its model (analysed), its tree,
/// and the position converter.
struct DocContext {
    let state: ModelState
    let model: Model
    let sources: SourceMap
    let trees: [SyntaxTree]
    let fileIndex: Int
    let path: String
    let uri: String
    let conv: PositionConverter

    var tree: SyntaxTree { trees[fileIndex] }
    var file: SourceFile { trees[fileIndex].file }

    func offset(_ p: LSPPosition) -> Int { conv.offset(p, in: file) }
    func range(_ r: ByteRange) -> LSPRange { conv.range(r, in: file) }
    func range(_ l: Location) -> LSPRange {
        guard let f = sources.file(l.file) else { return LSPRange(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0)) }
        return conv.range(l.range, in: f)
    }
    func path(of l: Location) -> String { sources.path(l) }
}

extension LanguageServer {
    /// The analysed context of `params.textDocument.uri`.
    func context(_ params: JSONValue) throws(LSPError) -> DocContext {
        guard let uri = params[path: "textDocument", "uri"]?.stringValue else {
            throw LSPError.invalidParams("missing textDocument.uri")
        }
        return try context(uri: uri)
    }

    func context(uri: String) throws(LSPError) -> DocContext {
        let path = URIs.normalize(URIs.path(fromURI: uri))
        let m: ModelState
        if let e = workspace.existingModel(for: path) {
            m = e
        } else if workspace.open[path] != nil || FileManager.default.fileExists(atPath: path) {
            m = workspace.model(for: path)
        } else {
            throw LSPError.failed("unknown document \(uri)")
        }
        if workspace.uriForPath[path] == nil { workspace.uriForPath[path] = uri }
        ensureAnalysed(m)
        guard let model = m.model, let f = m.fileIndex[path], f < m.checkedTrees.count else {
            throw LSPError.failed("cannot read \(uri)")
        }
        return DocContext(state: m, model: model, sources: m.sources, trees: m.checkedTrees, fileIndex: f, path: path, uri: workspace.uri(path),
                          conv: PositionConverter(client.encoding))
    }

    func position(_ params: JSONValue) throws(LSPError) -> LSPPosition {
        guard let p = LSPPosition(json: params["position"]) else { throw LSPError.invalidParams("missing position") }
        return p
    }

    /// Staffing figures of a model's current analysis (computed once per analysis,
    /// in the background when possible: this waits for that job).
    func staffing(_ m: ModelState) -> StaffingResult? {
        if let s = m.extras.staffing { return s.result }
        guard let model = m.model else { return nil }
        let r: StaffingResult
        if let job = m.staffingJob, job.generation == m.generation, let done = job.wait() {
            r = done
        } else {
            r = StaffingAnalysis.analyze(model)
        }
        m.extras.staffing = StaffingFigures(result: r)
        return r
    }

    /// Starts the staffing computation of a model's current generation on another
    /// thread; when it is done the worker is told (and republishes if needed).
    func startStaffing(_ m: ModelState) {
        guard !m.staffingBusy, let model = m.model, m.extras.staffing == nil else { return }
        if let job = m.staffingJob, job.generation == m.generation { return }
        m.staffingBusy = true
        let job = StaffingJob(generation: m.generation)
        m.staffingJob = job
        let key = m.key
        let generation = m.generation
        DispatchQueue.global().async { [self] in
            job.finish(StaffingAnalysis.analyze(model))
            enqueueInternal(.staffingDone(key: key, generation: generation))
        }
    }

    /// A `Location` as an LSP `Location` JSON.
    func locationJSON(_ l: Location, _ ctx: DocContext) -> JSONValue {
        .object([("uri", .string(workspace.uri(ctx.path(of: l)))), ("range", ctx.range(l).json)])
    }

    /// Markup for hovers and documentation, as the client supports it.
    func markup(_ markdown: String, plain: String, markdownAllowed: Bool) -> JSONValue {
        if markdownAllowed {
            return .object([("kind", .string("markdown")), ("value", .string(markdown))])
        }
        return .object([("kind", .string("plaintext")), ("value", .string(plain))])
    }
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
