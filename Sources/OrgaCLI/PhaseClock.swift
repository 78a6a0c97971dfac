import Foundation
import OrgaSupport

/// Wall-clock time per phase of a command, for `--timings` (benchmarks read it).
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private let start = DispatchTime.now().uptimeNanoseconds
    private var phases: [(String, UInt64)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if let i = phases.firstIndex(where: { $0.0 == name }) { phases[i].1 += now - last } else { phases.append((name, now - last)) }
        last = now
    }

    private let milliseconds = NumberFormat(.en, grouping: false)

    func report() -> String {
        var out = ""
        for (name, ns) in phases { out += "timing \(name) \(milliseconds.fixed(Double(ns) / 1e6, 1)) ms\n" }
        out += "timing total \(milliseconds.fixed(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, 1)) ms\n"
        out += "peak_rss \(peakResidentMegabytes()) MB\n"
        return out
    }
}

/// Peak resident set size of this process (VmHWM), in MB; 0 where unknown.
func peakResidentMegabytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").dropFirst().first.map(String.init) ?? "0"
        return (Int(digits) ?? 0) / 1024
    }
    return 0
}
