// swift-tools-version:6.0
// orgc — the Orga language for organisation models: compiler and language server.
// Layers, dependencies one way only:
//   OrgaSyntax → OrgaSemantics → OrgaAnalysis → OrgaReports / OrgaGraphs → OrgaCLI → orgc
//   OrgaFormat depends on OrgaSyntax only.
//   OrgaImport (BPMN and Stellenplan CSV → .orga text) depends on OrgaSemantics and serves the CLI.
//   OrgaIDE (language features over byte offsets) → OrgaLSP (the protocol only) → OrgaCLI.
//   OrgaSupport (number formatting, escaping, JSON, the version) depends on nothing and
//   serves every layer from OrgaSemantics up; OrgaSyntax imports nothing.
import PackageDescription

let package = Package(
    name: "orgc",
    products: [
        .executable(name: "orgc", targets: ["orgc"]),
        .library(name: "OrgaSyntax", targets: ["OrgaSyntax"]),
        .library(name: "OrgaSemantics", targets: ["OrgaSemantics"]),
        .library(name: "OrgaAnalysis", targets: ["OrgaAnalysis"]),
    ],
    targets: [
        .target(name: "OrgaSyntax"),
        .target(name: "OrgaSupport"),
        .target(name: "OrgaSemantics", dependencies: ["OrgaSyntax", "OrgaSupport"]),
        .target(name: "OrgaAnalysis", dependencies: ["OrgaSyntax", "OrgaSemantics"]),
        .target(name: "OrgaReports", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaSupport"]),
        .target(name: "OrgaGraphs", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaSupport"]),
        .target(name: "OrgaFormat", dependencies: ["OrgaSyntax"]),
        .target(name: "OrgaImport", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaSupport"]),
        .target(name: "OrgaIDE", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaFormat", "OrgaSupport"]),
        .target(name: "OrgaLSP", dependencies: ["OrgaSyntax", "OrgaIDE", "OrgaSupport"]),
        .target(name: "OrgaCLI", dependencies: [
            "OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaGraphs", "OrgaFormat", "OrgaLSP", "OrgaSupport", "OrgaImport",
        ]),
        .executableTarget(name: "orgc", dependencies: ["OrgaCLI"]),
        .testTarget(name: "OrgaIDETests", dependencies: ["OrgaIDE", "OrgaSyntax", "OrgaSemantics"]),
        .testTarget(name: "OrgaLSPTests", dependencies: ["OrgaLSP", "OrgaIDE", "OrgaSyntax", "OrgaSemantics", "OrgaSupport"]),
        .testTarget(name: "OrgaSyntaxTests", dependencies: ["OrgaSyntax"]),
        .testTarget(name: "OrgaSemanticsTests", dependencies: ["OrgaSyntax", "OrgaSemantics"], exclude: ["cases"]),
        .testTarget(name: "OrgaAnalysisTests", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis"]),
        .testTarget(name: "OrgaReportsTests", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaCLI", "OrgaSupport"], exclude: ["golden"]),
        .testTarget(name: "OrgcTests", dependencies: ["OrgaCLI", "OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaSupport"], exclude: ["golden", "models", "diff"]),
        .testTarget(name: "OrgaFormatTests", dependencies: ["OrgaFormat", "OrgaSyntax"], exclude: ["cases"]),
        .testTarget(name: "OrgaGraphsTests", dependencies: ["OrgaGraphs", "OrgaSemantics", "OrgaSyntax", "OrgaAnalysis", "OrgaSupport"], exclude: ["golden"]),
        .testTarget(name: "OrgaSupportTests", dependencies: ["OrgaSupport"]),
        .testTarget(name: "OrgaImportTests", dependencies: ["OrgaImport", "OrgaSyntax", "OrgaSemantics", "OrgaCLI", "OrgaGraphs"], exclude: ["fixtures", "golden"]),
    ]
)

// Test infrastructure (docs/testing.md), kept in this block: the helpers every test
// target shares, and the slow tests (fuzzing, the incremental differential test,
// huge inputs) in a target of their own, skipped unless ORGC_SLOW_TESTS=1.
package.targets += [
    .target(name: "OrgaTestSupport", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaFormat", "OrgaCLI"], path: "Tests/OrgaTestSupport"),
    .testTarget(name: "OrgaSlowTests", dependencies: ["OrgaAnalysis", "OrgaCLI", "OrgaFormat", "OrgaLSP", "OrgaSemantics", "OrgaSyntax"]),
]
for target in package.targets where target.type == .test {
    target.dependencies.append("OrgaTestSupport")
}
// Parser tree-dump goldens: `trees/NAME.orga` → `trees/NAME.tree`.
for target in package.targets where target.name == "OrgaSyntaxTests" {
    target.exclude.append("trees")
}
