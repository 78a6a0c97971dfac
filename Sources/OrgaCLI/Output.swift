import Foundation

/// Where a command writes. Tests capture into strings; the binary writes to the
/// standard streams.
public final class CommandIO: @unchecked Sendable {
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// Bytes to standard output as they are (`fmt --stdin`: a comment's invalid UTF-8
    /// must come out as it went in, not as U+FFFD).
    public var outBytes: ([UInt8]) -> Void
    /// All of standard input, as bytes.
    public var readInput: () -> [UInt8]
    /// Whether standard output is a terminal (colour only then).
    public var outIsTerminal: Bool
    /// Whether `keepUntilExit` keeps what it is given: only for the `orgc` process itself,
    /// whose `main` exits right after the command (tests run commands in one process).
    public var keepsUntilExit = false
    private var kept: [Any] = []

    /// Keeps a command's model and trees alive until the process exits, so that they are
    /// never freed one object at a time: the kernel takes the pages back at once (as
    /// clang's `-disable-free`). Freeing the 100k-line model and its trees was 34 M of
    /// `check`'s 1,054 M instructions (callgrind, 2026-12-02).
    public func keepUntilExit(_ object: Any) {
        if keepsUntilExit { kept.append(object) }
    }

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, outIsTerminal: Bool,
                outBytes: (([UInt8]) -> Void)? = nil, readInput: @escaping () -> [UInt8] = { [] }) {
        self.out = out
        self.err = err
        self.outBytes = outBytes ?? { out(String(decoding: $0, as: UTF8.self)) }
        self.readInput = readInput
        self.outIsTerminal = outIsTerminal
    }

    public static func standard() -> CommandIO {
        // Straight from the text's own bytes with write(2): a report went through a `Data`
        // copy before (22 MB more memory and ≈ 3 % of the 100k-line JSON report).
        CommandIO(out: { s in var s = s; s.withUTF8 { writeAll(1, $0) } },
                  err: { s in var s = s; s.withUTF8 { writeAll(2, $0) } },
                  outIsTerminal: isatty(1) == 1,
                  outBytes: { b in b.withUnsafeBufferPointer { writeAll(1, $0) } },
                  readInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) })
    }

    /// Captures both streams (for tests).
    public static func capture() -> (CommandIO, () -> (out: String, err: String)) {
        let (io, read) = captureBytes(input: [])
        return (io, { let r = read(); return (String(decoding: r.out, as: UTF8.self), r.err) })
    }

    /// Captures standard output as bytes and feeds `input` as standard input (for tests).
    public static func captureBytes(input: [UInt8]) -> (CommandIO, () -> (out: [UInt8], err: String)) {
        final class Box: @unchecked Sendable { var out: [UInt8] = []; var err = "" }
        let box = Box()
        let io = CommandIO(out: { box.out += Array($0.utf8) }, err: { box.err += $0 }, outIsTerminal: false,
                           outBytes: { box.out += $0 }, readInput: { input })
        return (io, { (box.out, box.err) })
    }
}

/// Writes all of `bytes` to the file descriptor: one write(2) unless the kernel takes
/// less (a pipe), then the rest. Stops at an error other than EINTR (a closed pipe).
func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    guard var p = bytes.baseAddress else { return }
    var left = bytes.count
    while left > 0 {
        let n = write(fd, p, left)
        if n < 0 {
            if errno == EINTR { continue }
            return
        }
        p += n
        left -= n
    }
}

/// Writes `text` to `path` atomically: a temporary file in the same folder, then rename.
func writeAtomically(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    // Without a copy of the bytes into a `Data` (22 MB for the 100k-line JSON report).
    try bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return try Data().write(to: url, options: .atomic) }
        try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none).write(to: url, options: .atomic)
    }
}

/// Exit codes of every command.
public enum ExitCode {
    public static let ok: Int32 = 0
    /// Findings: errors (or warnings with `--strict`), or files that `fmt --check` would change.
    public static let findings: Int32 = 1
    /// Usage or I/O problem.
    public static let usage: Int32 = 2
}
