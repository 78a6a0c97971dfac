import Foundation
import XCTest

/// The gate and the budgets of the slow tests (target `OrgaSlowTests`: fuzzing,
/// the incremental differential test, robustness on huge inputs). `swift test` alone
/// skips them so that it stays quick; `scripts/test.sh` runs them with
/// `ORGC_SLOW_TESTS=1` in their short, deterministic mode; a nightly job adds
/// `ORGC_FUZZ_LONG=1` for many more iterations (see docs/testing.md).
public enum SlowTests {
    public static let enableVariable = "ORGC_SLOW_TESTS"
    public static let longVariable = "ORGC_FUZZ_LONG"

    public static var isEnabled: Bool { ProcessInfo.processInfo.environment[enableVariable] == "1" }

    /// `ORGC_FUZZ_LONG=1`: the long (nightly) mode with more iterations.
    public static var isLong: Bool { ProcessInfo.processInfo.environment[longVariable] == "1" }

    /// Skips the calling test unless `ORGC_SLOW_TESTS=1` (the long mode alone only
    /// scales the iterations, so `ORGC_FUZZ_LONG=1 bash scripts/test.sh` runs the slow
    /// tests once, in the second `swift test`).
    public static func require() throws {
        if !isEnabled {
            throw XCTSkip("slow test: run with \(enableVariable)=1 (scripts/test.sh does)")
        }
    }

    /// How many iterations a fuzzer runs: `variable` if set (a number), else `long` in
    /// the long mode, else `short`.
    public static func iterations(_ variable: String, short: Int, long: Int) -> Int {
        if let text = ProcessInfo.processInfo.environment[variable], let n = Int(text), n >= 0 { return n }
        return isLong ? long : short
    }
}
