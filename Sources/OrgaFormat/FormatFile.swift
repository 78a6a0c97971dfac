import Foundation
import OrgaSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why formatting a file on disk failed (I/O, or the formatter's own safety check).
public enum FormatFileError: Error, CustomStringConvertible, Sendable {
    case cannotRead(path: String)
    case cannotWrite(path: String, reason: String)
    case internalError(path: String, message: String)

    public var description: String {
        switch self {
        case .cannotRead(let path): "\(path): cannot read the file"
        case .cannotWrite(let path, let reason): "\(path): cannot write the file: \(reason)"
        case .internalError(let path, let message): "\(path): \(message)"
        }
    }
}

extension Formatter {
    /// Formats the file at `path` in place. The new text is written to a temporary
    /// file in the same directory, which then replaces the original by `rename` (atomic:
    /// readers see the old or the new file, never a mix). The file's permissions are
    /// kept; a symbolic link is followed and its target rewritten.
    ///
    /// - Returns: `changed` — whether the file was rewritten; `diagnostics` — the
    ///   error diagnostics when the file has syntax errors (it is then left untouched).
    /// - Throws: `FormatFileError` on I/O problems or an internal formatter error (the
    ///   file is then left untouched too).
    @discardableResult
    public static func formatFile(atPath path: String) throws -> (changed: Bool, diagnostics: [Diagnostic]) {
        let (result, bytes) = try formatted(atPath: path)
        guard result.outcome == .formatted, let out = result.bytes else {
            return (false, result.diagnostics)
        }
        if out == bytes { return (false, []) }
        try writeAtomically(out, toPath: path)
        return (true, [])
    }

    /// For `orgc fmt --check`: whether formatting would change the file at `path`,
    /// without writing anything. `diagnostics` is non-empty when the file has syntax
    /// errors (then `changed` is false: it would be left untouched).
    public static func wouldChange(atPath path: String) throws -> (changed: Bool, diagnostics: [Diagnostic]) {
        let (result, _) = try formatted(atPath: path)
        return (result.changed, result.diagnostics)
    }

    private static func formatted(atPath path: String) throws -> (FormatResult, [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatFileError.cannotRead(path: path)
        }
        let bytes = [UInt8](data)
        let result = format(Parser.parse(SourceFile(path: path, bytes: bytes)))
        if result.outcome == .internalError {
            throw FormatFileError.internalError(path: path, message: result.message ?? "internal formatter error")
        }
        return (result, bytes)
    }

    /// Writes `bytes` to a temporary file next to `path` and renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], toPath path: String) throws {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let directory = target.deletingLastPathComponent()
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let temp = directory.appendingPathComponent(".\(target.lastPathComponent).orgc-fmt-\(suffix).tmp")
        let fm = FileManager.default
        let permissions = (try? fm.attributesOfItem(atPath: target.path))?[.posixPermissions] as? NSNumber
        do {
            try Data(bytes).write(to: temp, options: [.withoutOverwriting])
        } catch {
            throw FormatFileError.cannotWrite(path: path, reason: "\(error)")
        }
        if let permissions {
            try? fm.setAttributes([.posixPermissions: permissions], ofItemAtPath: temp.path)
        }
        if rename(temp.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw FormatFileError.cannotWrite(path: path, reason: reason)
        }
    }
}
