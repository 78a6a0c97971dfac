#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import OrgaSyntax
import OrgaSupport

/// Splits a byte stream into JSON-RPC messages (`Content-Length` framing).
///
/// Header names are matched case-insensitively, unknown headers are skipped, header
/// lines may end in CRLF or LF. A `Content-Length` above `maxContentLength`, a header
/// block without a valid one, or bytes that are no header are reported as errors and
/// skipped: the parser resynchronises on the next `Content-Length` header. Buffered
/// garbage is bounded by `maxHeaderBytes`. Nothing here can trap.
public struct FrameParser: Sendable {
    public static let maxContentLength = 64 << 20
    /// Longest header block accepted (bytes) before it is treated as garbage.
    public static let maxHeaderBytes = 16 * 1024

    public enum Event: Equatable, Sendable {
        case message([UInt8])
        case error(String)
    }

    private var buffer: [UInt8] = []
    private var start = 0
    /// Content length read from the current header block, waiting for its body.
    private var pendingLength: Int? = nil

    public init() {}

    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ pointer: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: pointer)
    }

    private mutating func compact() {
        if start > 0 && (start == buffer.count || start > 1 << 20) {
            buffer.removeFirst(start)
            start = 0
        }
    }

    private static let needle: [UInt8] = Array("content-length".utf8)

    /// Offset of the next `content-length` (any case) at or after `from`, if any.
    private func findHeader(from: Int) -> Int? {
        let n = FrameParser.needle
        var p = from
        while p + n.count <= buffer.count {
            var ok = true
            for k in 0..<n.count {
                var b = buffer[p + k]
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if b != n[k] { ok = false; break }
            }
            if ok { return p }
            p += 1
        }
        return nil
    }

    /// The next complete message or framing error, or nil when more bytes are needed.
    public mutating func next() -> Event? {
        defer { compact() }
        while true {
            if let length = pendingLength {
                guard buffer.count - start >= length else { return nil }
                let body = Array(buffer[start..<(start + length)])
                start += length
                pendingLength = nil
                return .message(body)
            }
            // Resynchronise on the next `Content-Length` header; other headers are
            // ignored anyway, and whatever stands before it is garbage.
            guard let h = findHeader(from: start) else {
                if buffer.count - start > FrameParser.maxHeaderBytes {
                    let skipped = buffer.count - start - FrameParser.needle.count
                    start = buffer.count - FrameParser.needle.count
                    return .error("skipped \(skipped) bytes without a Content-Length header")
                }
                return nil
            }
            // Skipped bytes are garbage unless they are header lines (`Name: value`).
            let garbage = buffer[start..<h].split(separator: 0x0A).contains { line in
                let significant = line.filter { $0 != 0x0D && $0 != 0x20 && $0 != 0x09 }
                return !significant.isEmpty && !significant.contains(UInt8(ascii: ":"))
            }
            let garbageStart = start
            // Header block: lines from `h` up to an empty line.
            var p = h
            var contentLength: Int? = nil
            var lengthError: String? = nil
            var complete = false
            while p < buffer.count {
                guard let nl = buffer[p...].firstIndex(of: 0x0A) else { break }
                var lineEnd = nl
                if lineEnd > p && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = buffer[p..<lineEnd]
                p = nl + 1
                if line.isEmpty { complete = true; break }
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
                    .trimmingCharacters(in: .whitespaces).lowercased()
                if name == "content-length" && contentLength == nil {
                    let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    if let n = Int(value), n >= 0 {
                        contentLength = n
                    } else {
                        lengthError = "invalid Content-Length `\(value.prefix(40))`"
                    }
                }
            }
            if !complete {
                if buffer.count - h > FrameParser.maxHeaderBytes {
                    start = h + FrameParser.needle.count
                    return .error("header block longer than \(FrameParser.maxHeaderBytes) bytes; skipped")
                }
                if garbage { start = h; return .error("skipped \(h - garbageStart) bytes before a header") }
                return nil
            }
            start = p
            guard let length = contentLength else {
                return .error(lengthError ?? "header block without a valid Content-Length")
            }
            if length > FrameParser.maxContentLength {
                // Not trusted: no body is read; framing resynchronises on the next header.
                return .error("Content-Length \(length) exceeds the limit of \(FrameParser.maxContentLength) bytes; ignored")
            }
            pendingLength = length
            if garbage { return .error("skipped \(h - garbageStart) bytes before a header") }
        }
    }
}

/// Frames a message body: `Content-Length: N\r\n\r\n` + body, as one buffer.
public func frameMessage(_ body: [UInt8]) -> [UInt8] {
    var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
    out.append(contentsOf: body)
    return out
}

/// Writes framed messages to a file descriptor: one buffer per message, written
/// under a lock (so messages never interleave), retried on partial writes and
/// EINTR. After EPIPE or another error the writer stops silently.
public final class MessageWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let sink: ([UInt8]) -> Bool
    private var broken = false

    /// A writer to a file descriptor (stdout for the server).
    public convenience init(fd: Int32) {
        self.init { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return write(fd, base + offset, raw.count - offset)
                }
                if n > 0 { offset += n; continue }
                if n < 0 && errno == EINTR { continue }
                return false
            }
            return true
        }
    }

    /// A writer to any sink (tests); the sink returns false when the stream is broken.
    public init(sink: @escaping ([UInt8]) -> Bool) {
        self.sink = sink
    }

    public func send(_ message: JSONValue) {
        let body = message.serializedBytes()
        let framed = frameMessage(body)
        lock.lock()
        defer { lock.unlock() }
        if broken { return }
        if !sink(framed) { broken = true }
    }
}

/// Logs to stderr (never stdout: stdout is the protocol).
public enum Log {
    public static func info(_ message: @autoclosure () -> String) {
        let bytes = Array(("orgc lsp: " + message() + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { _ = write(2, base, raw.count) }
        }
    }
}
