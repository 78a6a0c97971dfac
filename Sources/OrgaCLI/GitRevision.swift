import Foundation
import OrgaSyntax
import OrgaSemantics

/// Reads a model as it was at a git revision, into memory: `git` runs as a child
/// process (`rev-parse`, `ls-tree`, `cat-file --batch`); no checkout, no temporary
/// files. Works from any directory inside the repository and for a model in a
/// sub-directory. The files get the paths the working-tree model has (PATH + the
/// path below it), so both sides of a diff name their files alike.
enum GitRevision {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `.orga` files of the model at `path` as of `revision` (a directory: every
    /// `.orga` file below it, hidden folders skipped as `ModelLoader` does; a file:
    /// that file). Also returns the revision's commit id.
    static func load(revision: String, path: String) throws -> (files: [SourceFile], commit: String) {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        let directory = exists && isDir.boolValue || path.hasSuffix("/")
        let dir = directory ? path : ((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
        var dirIsDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &dirIsDir), dirIsDir.boolValue else {
            throw Failure(description: "\(dir): no such directory")
        }
        let top = try git(["rev-parse", "--show-toplevel"], in: dir)
        guard top.status == 0 else {
            throw Failure(description: "\(path) is not in a git repository (--base needs one)")
        }
        let root = trimmed(top.out)
        let prefix = trimmed(try git(["rev-parse", "--show-prefix"], in: dir).out)
        let verify = try git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: dir)
        guard verify.status == 0 else { throw Failure(description: "unknown revision `\(revision)`") }
        let commit = trimmed(verify.out)

        // (path in the repository, path to give the file)
        var wanted: [(String, String)] = []
        if directory {
            var args = ["ls-tree", "-r", "-z", "--full-tree", commit]
            if !prefix.isEmpty { args += ["--", prefix] }
            let list = try git(args, in: root)
            guard list.status == 0 else { throw Failure(description: "git ls-tree failed: \(list.err)") }
            for entry in list.out.split(separator: 0) {
                // "<mode> <type> <object>\t<path>"
                guard let tab = entry.firstIndex(of: 9) else { continue }
                let meta = String(decoding: entry[entry.startIndex..<tab], as: UTF8.self).split(separator: " ")
                let repoPath = String(decoding: entry[(tab + 1)...], as: UTF8.self)
                guard meta.count == 3, meta[1] == "blob", meta[0] != "120000", repoPath.hasPrefix(prefix), repoPath.hasSuffix(".orga") else { continue }
                let below = String(repoPath.dropFirst(prefix.count))
                if below.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                wanted.append((repoPath, (path.hasSuffix("/") ? path : path + "/") + below))
            }
            wanted.sort { $0.1 < $1.1 }
        } else {
            wanted = [(prefix + (path as NSString).lastPathComponent, path)]
        }
        let contents = try catFiles(wanted.map { commit + ":" + $0.0 }, in: root)
        var files: [SourceFile] = []
        for (i, w) in wanted.enumerated() {
            guard let bytes = contents[i] else {
                if directory { continue }
                throw Failure(description: "\(path) does not exist at revision `\(revision)`")
            }
            files.append(SourceFile(path: w.1, bytes: bytes))
        }
        if files.isEmpty { throw Failure(description: "\(path): no .orga files at revision `\(revision)`") }
        return (files, commit)
    }

    private static func trimmed(_ d: [UInt8]) -> String {
        String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The contents of each object (`commit:path`), nil where it is missing.
    private static func catFiles(_ objects: [String], in dir: String) throws -> [[UInt8]?] {
        let input = objects.map { $0 + "\n" }.joined()
        let r = try git(["cat-file", "--batch"], in: dir, input: Array(input.utf8))
        guard r.status == 0 else { throw Failure(description: "git cat-file failed: \(r.err)") }
        var out: [[UInt8]?] = []
        let b = r.out
        var i = 0
        for _ in objects {
            guard let nl = b[i...].firstIndex(of: 10) else { throw Failure(description: "git cat-file: unexpected output") }
            let header = String(decoding: b[i..<nl], as: UTF8.self).split(separator: " ")
            i = nl + 1
            if header.count == 3, let size = Int(header[2]), size >= 0, i + size <= b.count {
                out.append(header[1] == "blob" ? Array(b[i..<(i + size)]) : nil)
                i += size + 1
            } else {
                out.append(nil)   // "<object> missing"
            }
        }
        return out
    }

    /// Runs `git ARGS` in `dir`; standard input `input`; both outputs collected.
    static func git(_ args: [String], in dir: String, input: [UInt8]? = nil) throws -> (status: Int32, out: [UInt8], err: String) {
        final class Box: @unchecked Sendable {
            let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
            var out = Data(), err = Data()
        }
        let box = Box()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + args
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.standardOutput = box.outPipe
        process.standardError = box.errPipe
        process.standardInput = input == nil ? FileHandle.nullDevice : box.inPipe
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["LC_ALL"] = "C"
        process.environment = env
        do { try process.run() } catch {
            throw Failure(description: "cannot run git: \(error.localizedDescription)")
        }
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { box.err = box.errPipe.fileHandleForReading.readDataToEndOfFile() }
        if let input {
            let data = Data(input)
            DispatchQueue.global().async(group: group) {
                box.inPipe.fileHandleForWriting.write(data)
                try? box.inPipe.fileHandleForWriting.close()
            }
        }
        box.out = box.outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return (process.terminationStatus, [UInt8](box.out), String(decoding: box.err, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
