import XCTest
import OrgaIDE
import OrgaSyntax

/// What the feature tests of the IDE layer share: opening one model file as the
/// workspace's only root, and finding byte offsets in its text.
extension IDEWorkspace {
    /// Writes `text` to `dir/name`, makes `dir` the workspace's root and opens the file.
    func openFile(_ text: String, named name: String = "m.orga", in dir: String) throws -> DocContext {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        setRoots([dir])
        didOpen(path: path, text: SourceFile(path: path, text: text))
        return try context(path: path).context
    }
}

extension XCTestCase {
    /// The byte offset of `needle` in `text`, plus `delta`; the test fails when it is missing.
    func offset(_ text: String, _ needle: String, _ delta: Int = 0) -> Int {
        guard let r = text.range(of: needle) else { XCTFail("no \(needle)"); return 0 }
        return text.utf8.distance(from: text.startIndex, to: r.lowerBound) + delta
    }
}
