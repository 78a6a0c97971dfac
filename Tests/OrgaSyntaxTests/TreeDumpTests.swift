import Foundation
import OrgaSyntax
import OrgaTestSupport
import XCTest

/// Parser golden files: every `trees/NAME.orga` is parsed on its own and its tree dump
/// (`TreeDump`: statements, block contexts, arguments with kinds and values, children,
/// diagnostics) compared with `trees/NAME.tree`. `UPDATE_GOLDEN=1` rewrites them; a
/// changed `.tree` is a changed parse, to be read line by line.
final class TreeDumpTests: XCTestCase {
    static let directory = TestPaths.tests("OrgaSyntaxTests").appendingPathComponent("trees")

    func testTreeDumps() throws {
        let inputs = ModelFiles.orgaFiles(under: Self.directory)
        XCTAssertGreaterThanOrEqual(inputs.count, 9, "parser tree cases missing in \(Self.directory.path)")
        for input in inputs {
            let bytes = try XCTUnwrap(ModelFiles.bytes(input), input.lastPathComponent)
            let tree = Parser.parse(SourceFile(path: input.lastPathComponent, bytes: bytes))
            GoldenFile.assertMatches(TreeDump.render(tree), input.deletingPathExtension().appendingPathExtension("tree"))
        }
    }

    /// Every `.tree` has its `.orga` (no stale golden files).
    func testEveryTreeHasItsSource() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.directory.path) where name.hasSuffix(".tree") {
            let source = Self.directory.appendingPathComponent(String(name.dropLast(".tree".count)) + ".orga")
            XCTAssertTrue(FileManager.default.fileExists(atPath: source.path), "\(name) has no \(source.lastPathComponent)")
        }
    }

    /// The dump format itself, on a small input written out by hand (without errors, so
    /// that it does not depend on the wording of diagnostics).
    func testDumpFormat() {
        let tree = Parser.parse(path: "t.orga", text: "/// Doc.\nunit A \"Amt\" {\n  position P { planned 1_000 fte }\n}\nprocess X { decide D { branch \"ja\" 80 % -> end } }\n")
        XCTAssertEqual(TreeDump.render(tree), """
            /// "Doc."
            2:1 unit in file [name A] [string "Amt"] {
              3:3 position in unit [name P] {
                3:16 planned in position [quantity 1000 fte (written "1_000 fte")]
              }
            }
            5:1 process in file [name X] {
              5:13 decide in process [name D] {
                5:24 branch in decide [string "ja"] [quantity 80 %] [arrow -> end]
              }
            }
            diagnostics: none

            """)
    }
}
