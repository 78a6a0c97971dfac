import Foundation
import XCTest

/// The random generator of every test that uses randomness: SplitMix64, the same
/// sequence on every platform, so a failure reproduces from its seed.
///
/// Tests take their seed from `SeededRandom.seed(for:default:)`, which uses the
/// test's fixed default unless `ORGC_TEST_SEED` overrides it (to explore other inputs,
/// or to reproduce a failure), and prints the seed when the test fails.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// A generator for `test`, seeded by `seed(for:default:)`.
    public init(for test: XCTestCase, default defaultSeed: UInt64) {
        self.init(seed: Self.seed(for: test, default: defaultSeed))
    }

    /// `ORGC_TEST_SEED=N`: the seed every random test uses instead of its own default.
    public static let overrideVariable = "ORGC_TEST_SEED"

    /// The override from `ORGC_TEST_SEED` (decimal, or hexadecimal with `0x`), if set.
    public static var overrideSeed: UInt64? {
        guard let text = ProcessInfo.processInfo.environment[overrideVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            return nil
        }
        if text.lowercased().hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }

    /// The seed of one random test: the override or `defaultSeed`. When the test fails,
    /// the seed and how to rerun with it are printed after its failures.
    public static func seed(for test: XCTestCase, default defaultSeed: UInt64) -> UInt64 {
        let seed = overrideSeed ?? defaultSeed
        let name = test.name
        test.addTeardownBlock { [weak test] in
            guard let run = test?.testRun, run.totalFailureCount > 0 else { return }
            print("\(name) failed with random seed \(seed): rerun it with \(overrideVariable)=\(seed)")
        }
        return seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (0 when `n` ≤ 0).
    public mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// A random element; nil for an empty collection.
    public mutating func pick<C: Collection>(_ elements: C) -> C.Element? where C.Index == Int {
        elements.isEmpty ? nil : elements[elements.startIndex + below(elements.count)]
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            var v = next()
            for _ in 0..<8 where out.count < count {
                out.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            }
        }
        return out
    }

    /// FNV-1a of a string: a stable seed per name (a file, a case), to mix with a test's seed.
    public static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h ^= UInt64(b); h = h &* 0x100_0000_01B3 }
        return h
    }
}
