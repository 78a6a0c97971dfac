import Foundation
import OrgaTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Generates a folder like `/tmp`: a few small models among many directories and
/// files that are not models — `.git` and `node_modules` with `.orga` files in them,
/// a `.orga` file over the size limit, binary files (one named `.orga`), symbolic
/// link loops and deep nesting.
enum HostileTree {
    struct Made {
        var root: String
        /// Names declared only in the real models (each found by workspace/symbol).
        var modelNames: [String]
        /// Names declared only in what must be skipped.
        var skippedNames: [String]
        var bigFile: String
    }

    static func write(_ path: String, _ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { raw in raw.baseAddress.map { Glibc.write(fd, $0, raw.count) } }
        close(fd)
    }

    static func write(_ path: String, _ text: String) { write(path, Array(text.utf8)) }

    static func mkdir(_ path: String) {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// `junkDirs × filesPerDir` plain and binary files make the folder large (more
    /// entries than a folder scanned at once); `bigFileBytes` is the oversized `.orga` file.
    static func make(at root: String, seed: UInt64, junkDirs: Int = 60, filesPerDir: Int = 100, bigFileBytes: Int = 9 << 20) -> Made {
        var rng = SeededRandom(seed: seed)
        let junk = rng.bytes(64)
        let tag = String(seed % 1000)
        mkdir(root)
        var modelNames: [String] = []
        for p in ["A", "B"] {
            let dir = root + "/proj\(p)"
            mkdir(dir + "/processes")
            write(dir + "/model.orga", "model M\(p) { worktime 1600 h }\n")
            write(dir + "/org.orga", "unit HostileUnit\(p)\(tag) { position HostilePos\(p)\(tag) { planned 1 fte } }\n")
            write(dir + "/processes/p.orga", "process HostileProc\(p)\(tag) { volume 100 /year\n  step S { by HostilePos\(p)\(tag); time 6 min } }\n")
            modelNames += ["HostileUnit\(p)\(tag)", "HostileProc\(p)\(tag)"]
        }
        var skipped: [String] = []
        mkdir(root + "/.git/objects/ab")
        for k in 0..<30 { write(root + "/.git/objects/ab/o\(k).orga", "unit GitUnit\(tag)x\(k)\n") }
        skipped.append("GitUnit\(tag)x")
        mkdir(root + "/node_modules/pkg/lib")
        write(root + "/node_modules/pkg/lib/m.orga", "unit NodeUnit\(tag)\n")
        skipped.append("NodeUnit\(tag)")
        mkdir(root + "/.build/debug")
        write(root + "/.build/debug/b.orga", "unit BuildUnit\(tag)\n")
        skipped.append("BuildUnit\(tag)")
        // Over the size limit: never read.
        mkdir(root + "/big")
        let line = "unit BigUnit\(tag) {}\n"
        let bigFile = root + "/big/huge.orga"
        write(bigFile, String(repeating: line, count: bigFileBytes / line.utf8.count + 1))
        skipped.append("BigUnit\(tag)")
        // Binary, one of them named .orga (read and parsed: it must not hurt).
        mkdir(root + "/bin")
        write(root + "/bin/garbage.orga", rng.bytes(20_000))
        write(root + "/bin/blob.bin", rng.bytes(100_000))
        // Symbolic link loops: never followed.
        mkdir(root + "/loop")
        try? FileManager.default.createSymbolicLink(atPath: root + "/loop/self", withDestinationPath: "..")
        try? FileManager.default.createSymbolicLink(atPath: root + "/loop/top", withDestinationPath: root)
        try? FileManager.default.createSymbolicLink(atPath: root + "/loop/dangling.orga", withDestinationPath: root + "/nowhere")
        // Deep nesting.
        var deep = root + "/deep"
        for i in 0..<40 { deep += "/d\(i)" }
        mkdir(deep)
        write(deep + "/leaf.txt", "not a model")
        // Many directories of files that are not models.
        for d in 0..<junkDirs {
            let dir = root + "/junk\(d)"
            mkdir(dir)
            for f in 0..<filesPerDir {
                if f % 2 == 0 {
                    write(dir + "/f\(f).txt", "line \(f)\n")
                } else {
                    write(dir + "/b\(f).bin", junk)
                }
            }
        }
        return Made(root: root, modelNames: modelNames, skippedNames: skipped, bigFile: bigFile)
    }
}
