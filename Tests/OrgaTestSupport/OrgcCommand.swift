import Foundation
import OrgaCLI

/// Runs `orgc` in process, as the binary would, with its output captured.
public enum OrgcCommand {
    public struct Result: Sendable {
        public var code: Int32
        public var out: String
        public var err: String
    }

    /// Runs one `orgc` command line in the repository root (so paths in outputs are
    /// relative to it, as in the golden files).
    public static func run(_ args: [String]) -> Result {
        run(args, in: TestPaths.repositoryRoot)
    }

    /// Runs one `orgc` command line in `directory`.
    public static func run(_ args: [String], in directory: URL) -> Result {
        let fm = FileManager.default
        let previous = fm.currentDirectoryPath
        _ = fm.changeCurrentDirectoryPath(directory.path)
        defer { _ = fm.changeCurrentDirectoryPath(previous) }
        let (io, read) = CommandIO.capture()
        let code = Orgc.run(args, io: io)
        let (out, err) = read()
        return Result(code: code, out: out, err: err)
    }
}
