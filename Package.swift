// swift-tools-version:6.0
// plancheck: checks party-work activity records against yearly work plans.
// No package dependencies: Foundation, the standard library, Dispatch and Glibc only.
import PackageDescription

let package = Package(
    name: "plancheck",
    products: [
        .executable(name: "plancheck", targets: ["plancheck"]),
        .library(name: "PlanCheckKit", targets: ["PlanCheckKit"]),
    ],
    targets: [
        // All domain logic: reader, plans, checkers, reporters, commands.
        // Release builds skip Swift's dynamic exclusivity checks (about a fifth of the instructions
        // of a large check went to them); debug builds and the tests keep them, so a violation is
        // still caught there.
        .target(name: "PlanCheckKit",
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // Thin CLI: parses nothing itself, hands argv to PlanCheckKit and exits with its code.
        .executableTarget(name: "plancheck", dependencies: ["PlanCheckKit"]),
        // Deterministic, seeded generator of SampleData and scale inputs (standalone).
        .executableTarget(name: "plancheck-gen"),
        // Benchmark runner (build with -c release).
        .executableTarget(name: "plancheck-bench"),
        .testTarget(name: "PlanCheckKitTests", dependencies: ["PlanCheckKit"]),
    ]
)
