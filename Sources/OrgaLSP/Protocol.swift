import OrgaSyntax
import OrgaSupport

/// A JSON-RPC request id: an integer or a string (anything else is invalid).
public enum RequestID: Hashable, Sendable {
    case int(Int)
    case string(String)

    public init?(_ json: JSONValue?) {
        switch json {
        case .int(let i)?: self = .int(i)
        case .number(let d)? where d == d.rounded() && abs(d) < 9e15: self = .int(Int(d))
        case .string(let s)?: self = .string(s)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .int(let i): .int(i)
        case .string(let s): .string(s)
        }
    }
}

/// JSON-RPC and LSP error codes.
public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let requestFailed = -32803
    public static let requestCancelled = -32800
    public static let contentModified = -32801
}

/// An error answer to a request.
public struct LSPError: Error, Sendable {
    public var code: Int
    public var message: String
    public init(_ code: Int, _ message: String) {
        self.code = code
        self.message = message
    }
    public static func invalidParams(_ message: String) -> LSPError { LSPError(ErrorCode.invalidParams, message) }
    public static func failed(_ message: String) -> LSPError { LSPError(ErrorCode.requestFailed, message) }
}

/// Builders for outgoing messages.
enum Messages {
    static func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    static func error(id: JSONValue, code: Int, message: String) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id),
                 ("error", .object([("code", .int(code)), ("message", .string(message))]))])
    }

    static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }

    static func request(id: String, _ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", .string(id)), ("method", .string(method)), ("params", params)])
    }
}

extension JSONValue {
    /// A path of object keys: `params[path: "textDocument", "uri"]`.
    subscript(path keys: String...) -> JSONValue? {
        var v: JSONValue? = self
        for k in keys { v = v?[k] }
        return v
    }

    /// Whether this is the JSON `true` (a number 1 is not).
    var isTrue: Bool { if case .bool(true) = self { return true }; return false }

    var objectMembers: [(String, JSONValue)]? { if case .object(let m) = self { return m }; return nil }
}

extension Optional where Wrapped == JSONValue {
    var isTrue: Bool { self?.isTrue ?? false }
}
