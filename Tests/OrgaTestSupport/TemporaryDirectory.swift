import Foundation
import XCTest

/// Fresh temporary directories for tests.
public enum TemporaryDirectory {
    /// A new empty directory under the system's temporary directory, named after `name`.
    public static func make(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("orgc-tests-\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension XCTestCase {
    /// A new empty directory that is removed when the test ends.
    public func makeTemporaryDirectory(_ name: String = #function) throws -> URL {
        let url = try TemporaryDirectory.make(name)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
