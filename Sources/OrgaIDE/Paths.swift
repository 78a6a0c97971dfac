/// File system paths as the workspace keys them.
public enum Paths {
    /// A path without `.`/`..` segments, duplicate or trailing slashes (other strings,
    /// such as `untitled:` names, unchanged).
    public static func normalize(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        var parts: [Substring] = []
        for seg in path.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(seg)
        }
        return "/" + parts.joined(separator: "/")
    }
}
