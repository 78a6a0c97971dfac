/// A small command-line argument reader: flags, options with values (`--format json`
/// or `--format=json`) and positional arguments. Unknown options are usage errors.
struct ArgumentReader {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags = Set<String>()

    struct UsageError: Error { var message: String }

    /// `valued`: options that take a value; `switches`: flags without a value.
    init(_ args: [String], valued: Set<String>, switches: Set<String>) throws {
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositional || !a.hasPrefix("-") || a == "-" { positional.append(a); continue }
            if a == "--" { onlyPositional = true; continue }
            var name = a
            var value: String? = nil
            if let eq = a.firstIndex(of: "="), a.hasPrefix("--") {
                name = String(a[..<eq])
                value = String(a[a.index(after: eq)...])
            }
            if valued.contains(name) {
                if value == nil {
                    guard i < args.count else { throw UsageError(message: "option \(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                options[name] = value
            } else if switches.contains(name) && value == nil {
                flags.insert(name)
            } else {
                throw UsageError(message: "unknown option \(a)")
            }
        }
    }

    func value(_ name: String) -> String? { options[name] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    func choice(_ name: String, _ allowed: [String], default def: String) throws -> String {
        guard let v = options[name] else { return def }
        guard allowed.contains(v) else {
            throw UsageError(message: "\(name) must be one of \(allowed.joined(separator: ", ")), not `\(v)`")
        }
        return v
    }
}

extension ArgumentReader {
    /// Reads a command's arguments the way every command does: `extract` pulls the
    /// checked option values; a usage error prints the message and the command's help
    /// (status 2), `--help` (and `-h` where listed) prints the help (status 0). Returns
    /// nil when the command should end with `status`.
    static func parse<T>(_ args: [String], command: String, help: String, io: CommandIO,
                         valued: Set<String>, switches: Set<String>, status: inout Int32,
                         _ extract: (ArgumentReader) throws -> T) -> (reader: ArgumentReader, values: T)? {
        do {
            let reader = try ArgumentReader(args, valued: valued, switches: switches.union(["--help"]))
            if reader.has("--help") || reader.has("-h") {
                io.out(help)
                status = ExitCode.ok
                return nil
            }
            return (reader, try extract(reader))
        } catch let e as UsageError {
            io.err("orgc \(command): \(e.message)\n\n" + help)
        } catch {
            io.err("orgc \(command): \(error)\n\n" + help)
        }
        status = ExitCode.usage
        return nil
    }
}
