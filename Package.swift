// swift-tools-version:6.0
// orgc — the Orga language for organisation models: compiler and language server.
// Layers, dependencies one way only:
//   OrgaSyntax → OrgaSemantics → OrgaAnalysis → OrgaReports / OrgaGraphs → OrgaCLI → orgc
//   OrgaFormat depends on OrgaSyntax only; OrgaLSP on Syntax, Semantics, Analysis and Format.
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
        .target(name: "OrgaSemantics", dependencies: ["OrgaSyntax"]),
        .target(name: "OrgaAnalysis", dependencies: ["OrgaSyntax", "OrgaSemantics"]),
        .target(name: "OrgaReports", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis"]),
        .target(name: "OrgaGraphs", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis"]),
        .target(name: "OrgaFormat", dependencies: ["OrgaSyntax"]),
        .target(name: "OrgaLSP", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaFormat"]),
        .target(name: "OrgaCLI", dependencies: [
            "OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaGraphs", "OrgaFormat", "OrgaLSP",
        ]),
        .executableTarget(name: "orgc", dependencies: ["OrgaCLI"]),
        .testTarget(name: "OrgaLSPTests", dependencies: ["OrgaLSP", "OrgaSyntax", "OrgaSemantics"]),
        .testTarget(name: "OrgaSyntaxTests", dependencies: ["OrgaSyntax"]),
        .testTarget(name: "OrgaSemanticsTests", dependencies: ["OrgaSyntax", "OrgaSemantics"], exclude: ["cases"]),
        .testTarget(name: "OrgaAnalysisTests", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis"]),
        .testTarget(name: "OrgaReportsTests", dependencies: ["OrgaSyntax", "OrgaSemantics", "OrgaAnalysis", "OrgaReports", "OrgaCLI"], exclude: ["golden"]),
        .testTarget(name: "OrgcTests", dependencies: ["OrgaCLI", "OrgaSyntax", "OrgaSemantics"], exclude: ["golden", "models"]),
        .testTarget(name: "OrgaFormatTests", dependencies: ["OrgaFormat", "OrgaSyntax"], exclude: ["cases"]),
        .testTarget(name: "OrgaGraphsTests", dependencies: ["OrgaGraphs", "OrgaSemantics", "OrgaSyntax", "OrgaAnalysis"], exclude: ["golden"]),
    ]
)
