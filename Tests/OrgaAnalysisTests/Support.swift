import XCTest
import OrgaSyntax
import OrgaSemantics
import OrgaTestSupport
@testable import OrgaAnalysis

/// Builds and analyses a model from one or more .orga sources.
func analyze(_ sources: String..., file: StaticString = #filePath, line: UInt = #line) -> (Model, StaffingResult) {
    let files = sources.enumerated().map { SourceFile(path: "test\($0.offset).orga", text: $0.element) }
    let model = Analyzer.check(files: files).model
    return (model, StaffingAnalysis.analyze(model))
}

func loadSample(_ name: String) throws -> (Model, StaffingResult) {
    let files = try ModelFiles.sample(name)
    let model = Analyzer.check(files: files).model
    return (model, StaffingAnalysis.analyze(model))
}

extension Model {
    func position(_ name: String) -> PositionID { positions.firstID { $0.name == name } ?? PositionID(-1) }
    func unit(_ name: String) -> UnitID { units.firstID { $0.name == name } ?? UnitID(-1) }
    func process(_ name: String) -> ProcessID { processes.firstID { $0.name == name } ?? ProcessID(-1) }
    func node(_ process: String, _ name: String) -> Int {
        let p = self.process(process)
        return p.index < 0 ? -1 : (processes[p].nodes.firstIndex { $0.name == name } ?? -1)
    }
    func errorCodes() -> [String] { diagnostics.filter { $0.severity == .error }.map(\.code.rawValue) }
}

func assertClose(_ a: Double?, _ b: Double, accuracy: Double = 1e-9, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard let a else { XCTFail("nil instead of \(b) \(message)", file: file, line: line); return }
    XCTAssertEqual(a, b, accuracy: accuracy, message, file: file, line: line)
}
