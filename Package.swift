// swift-tools-version:6.0
// orgc — the Orga language for organisation models: compiler and language server.
// Layers, dependencies one way only:
//   OrgaSyntax → OrgaSemantics → OrgaAnalysis → OrgaReports / OrgaGraphs → OrgaCLI → orgc
//   OrgaFormat depends on OrgaSyntax only; OrgaLSP on Syntax, Semantics, Analysis, Format and Support.
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
        .target(name: "OrgaLSP", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaFormat", "OrgaSupport"]),
        .target(name: "OrgaCLI", dependencies: [
            "OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaGraphs", "OrgaFormat", "OrgaLSP", "OrgaSupport",
        ]),
        .executableTarget(name: "orgc", dependencies: ["OrgaCLI"]),
        .testTarget(name: "OrgaLSPTests", dependencies: ["OrgaLSP", "OrgaSyntax", "OrgaSemantics", "OrgaSupport"]),
        .testTarget(name: "OrgaSyntaxTests", dependencies: ["OrgaSyntax"]),
        .testTarget(name: "OrgaSemanticsTests", dependencies: ["OrgaSyntax", "OrgaSemantics"], exclude: ["cases"]),
        .testTarget(name: "OrgaAnalysisTests", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis"]),
        .testTarget(name: "OrgaReportsTests", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaCLI", "OrgaSupport"], exclude: ["golden"]),
        .testTarget(name: "OrgcTests", dependencies: ["OrgaCLI", "OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaSupport"], exclude: ["golden", "models"]),
        .testTarget(name: "OrgaFormatTests", dependencies: ["OrgaFormat", "OrgaSyntax"], exclude: ["cases"]),
        .testTarget(name: "OrgaGraphsTests", dependencies: ["OrgaGraphs", "OrgaSemantics", "OrgaSyntax", "OrgaAnalysis", "OrgaSupport"], exclude: ["golden"]),
        .testTarget(name: "OrgaSupportTests", dependencies: ["OrgaSupport"]),
    ]
)
