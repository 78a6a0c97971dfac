import Foundation

/// Where a command writes. Tests capture into strings; the binary writes to the
/// standard streams.
public final class CommandIO: @unchecked Sendable {
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// Whether standard output is a terminal (colour only then).
    public var outIsTerminal: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, outIsTerminal: Bool) {
        self.out = out
        self.err = err
        self.outIsTerminal = outIsTerminal
    }

    public static func standard() -> CommandIO {
        CommandIO(out: { s in FileHandle.standardOutput.write(Data(s.utf8)) },
                  err: { s in FileHandle.standardError.write(Data(s.utf8)) },
                  outIsTerminal: isatty(1) == 1)
    }

    /// Captures both streams (for tests).
    public static func capture() -> (CommandIO, () -> (out: String, err: String)) {
        final class Box: @unchecked Sendable { var out = ""; var err = "" }
        let box = Box()
        let io = CommandIO(out: { box.out += $0 }, err: { box.err += $0 }, outIsTerminal: false)
        return (io, { (box.out, box.err) })
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same folder, then rename.
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try Data(bytes).write(to: url, options: .atomic)
}

/// Exit codes of every command.
public enum ExitCode {
    public static let ok: Int32 = 0
    /// Findings: errors (or warnings with `--strict`), or files that `fmt --check` would change.
    public static let findings: Int32 = 1
    /// Usage or I/O problem.
    public static let usage: Int32 = 2
}
