/// A JSON value with ordered object keys, so that every JSON orgc writes is
/// byte-for-byte deterministic. Serialised by `JSONWriter` (without escaping `/`).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.int(x), .number(y)), let (.number(y), .int(x)): Double(x) == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var doubleValue: Double? {
        switch self { case .number(let d): d; case .int(let i): Double(i); default: nil }
    }
    /// An integer only if the value is integral (JSON-RPC ids, positions).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .number(let d): return d == d.rounded(.towardZero) && abs(d) < 9e15 ? Int(d) : nil
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }

    /// Compact serialisation as UTF-8 bytes (what the language server sends).
    public func serializedBytes() -> [UInt8] {
        var w = JSONWriter(style: .compact, capacity: 256)
        w.value(self)
        return w.bytes
    }

    /// Compact serialisation.
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// Pretty serialisation with two-space indentation and a final newline.
    public func pretty() -> String {
        var w = JSONWriter(style: .pretty, capacity: 1024)
        w.value(self)
        return String(decoding: w.finish(), as: UTF8.self)
    }
}
