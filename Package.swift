// swift-tools-version:6.0
import Foundation
import PackageDescription

// Data flows one way:
//   config (MTASTSConfig) → domain set (DomainSet, EximLog) → scheduler (Prewarm)
//     → discovery (Discovery: DNSClient + HTTPSFetch, MTASTSPolicy) → store (PolicyStore)
//   Exim → lookup (CacheLookup: mtasts-lookup, libmtasts_exim.so) → store
//   logs (EximLog) → sessions (TLSSessions) → report (TLSReport, Gzip) → sender (ReportSender)
//   MTASTSCommands holds the CLI; mtasts and mtasts-lookup are thin executables.
// Each C library is wrapped once: CLMDB only by PolicyStore, CCurl only by HTTPSFetch,
// CZlib only by Gzip. MTASTSPolicy, DNSClient, PolicyStore and CacheLookup do not import
// Foundation: the Exim lookup helper and module link them and start-up time is a feature.

let package = Package(
    name: "mtasts",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mtasts", targets: ["mtasts"]),
        .executable(name: "mtasts-lookup", targets: ["mtasts-lookup"]),
        .library(name: "mtasts_exim", type: .dynamic, targets: ["MTASTSEximModule"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.12.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries, each wrapped once.
        .systemLibrary(name: "CLMDB", path: "Sources/CLMDB", pkgConfig: "lmdb",
                       providers: [.apt(["liblmdb-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),

        // Concerns.
        .target(name: "MTASTSPolicy"),
        .target(name: "JSONText"),
        .target(name: "DNSClient"),
        .target(name: "HTTPSFetch", dependencies: ["CCurl"]),
        .target(name: "PolicyStore", dependencies: ["CLMDB", "MTASTSPolicy"]),
        .target(name: "Discovery", dependencies: ["MTASTSPolicy", "DNSClient", "HTTPSFetch", "PolicyStore", "JSONText"]),
        .target(name: "MTASTSConfig", dependencies: ["MTASTSPolicy", .product(name: "Yams", package: "Yams")]),
        .target(name: "Gzip", dependencies: ["CZlib"]),
        .target(name: "EximLog", dependencies: ["Gzip", "MTASTSPolicy"]),
        .target(name: "DomainSet", dependencies: ["MTASTSConfig", "MTASTSPolicy", "PolicyStore", "EximLog"]),
        .target(name: "Prewarm", dependencies: ["Discovery", "DomainSet", "MTASTSConfig", "MTASTSPolicy", "PolicyStore"]),
        .target(name: "CacheLookup", dependencies: ["PolicyStore", "MTASTSPolicy"]),
        .target(name: "MTASTSEximModule", dependencies: ["CacheLookup"]),
        .target(name: "TLSSessions", dependencies: ["EximLog", "MTASTSPolicy"]),
        .target(name: "TLSReport", dependencies: ["TLSSessions", "MTASTSPolicy", "PolicyStore", "Gzip", "JSONText"]),
        .target(name: "ReportSender", dependencies: ["TLSReport", "TLSSessions", "MTASTSPolicy", "DNSClient", "HTTPSFetch", "MTASTSConfig"]),
        .target(name: "Metrics"),
        .target(name: "MTASTSCommands", dependencies: [
            "MTASTSConfig", "Metrics", "MTASTSPolicy", "DNSClient", "HTTPSFetch", "PolicyStore", "Discovery",
            "EximLog", "DomainSet", "Prewarm", "CacheLookup", "TLSSessions", "TLSReport", "ReportSender", "JSONText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Executables stay thin: parse arguments, call a library.
        .executableTarget(name: "mtasts", dependencies: ["MTASTSCommands"]),
        .executableTarget(name: "mtasts-lookup", dependencies: ["CacheLookup"]),

        // The tests' loopback world (DNS over UDP+TCP, HTTPS with a test CA), driven from Swift.
        .target(name: "TestWorld", path: "Tests/TestWorld"),

        .testTarget(name: "MTASTSPolicyTests", dependencies: ["MTASTSPolicy"]),
        .testTarget(name: "DNSClientTests", dependencies: ["DNSClient", "TestWorld"]),
        .testTarget(name: "HTTPSFetchTests", dependencies: ["HTTPSFetch", "TestWorld"]),
        .testTarget(name: "PolicyStoreTests", dependencies: ["PolicyStore", "MTASTSPolicy", "TestWorld"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "PolicyStore", "TestWorld"]),
        .testTarget(name: "MTASTSConfigTests", dependencies: ["MTASTSConfig"]),
        .testTarget(name: "MTASTSCommandsTests", dependencies: ["MTASTSCommands", "mtasts", "mtasts-lookup", "TestWorld", "PolicyStore"]),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics", "TestWorld"]),
        .testTarget(name: "GzipTests", dependencies: ["Gzip", "TestWorld"]),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText"]),
        .testTarget(name: "TestWorldTests", dependencies: ["TestWorld"]),
        .testTarget(name: "TLSSessionsTests", dependencies: ["TLSSessions", "EximLog", "TestWorld"]),
        .testTarget(name: "TLSReportTests", dependencies: ["TLSReport", "TLSSessions", "PolicyStore", "Gzip", "TestWorld"]),
        .testTarget(name: "ReportSenderTests", dependencies: ["ReportSender", "TLSReport", "TLSSessions", "TestWorld", "mtasts"]),
        .testTarget(name: "EximLogTests", dependencies: ["EximLog", "TestWorld"]),
        .testTarget(name: "DomainSetTests", dependencies: ["DomainSet", "PolicyStore", "MTASTSConfig", "TestWorld"]),
        .testTarget(name: "PrewarmTests", dependencies: ["Prewarm", "Discovery", "PolicyStore", "MTASTSConfig", "TestWorld", "mtasts"]),
        .testTarget(name: "CacheLookupTests", dependencies: ["CacheLookup", "PolicyStore", "MTASTSPolicy", "TestWorld", "mtasts-lookup", "mtasts", "MTASTSEximModule"]),
        .testTarget(name: "RobustnessTests", dependencies: [
            "PolicyStore", "MTASTSPolicy", "Discovery", "DNSClient", "HTTPSFetch", "TestWorld",
            "mtasts", "mtasts-lookup", "MTASTSEximModule",
        ]),
        .testTarget(name: "EximIntegrationTests", dependencies: ["PolicyStore", "MTASTSPolicy", "TestWorld", "mtasts", "mtasts-lookup", "MTASTSEximModule"]),
    ]
)

// Fuzz targets (libFuzzer), only when MTASTS_FUZZ=1 so that `swift build` and `swift test`
// never see them. Built and run by `scripts/fuzz`, one product at a time, with
// `-sanitize=fuzzer,address`; see docs/robustness.md.
if ProcessInfo.processInfo.environment["MTASTS_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("PolicyParserFuzz", ["MTASTSPolicy"]),
        ("STSRecordFuzz", ["MTASTSPolicy"]),
        ("TLSRPTRecordFuzz", ["MTASTSPolicy"]),
        ("MXPatternFuzz", ["MTASTSPolicy"]),
        ("DNSMessageFuzz", ["DNSClient", "MTASTSPolicy"]),
        ("EximLogLineFuzz", ["EximLog", "MTASTSPolicy"]),
        ("ConfigurationFuzz", ["MTASTSConfig", "MTASTSPolicy"]),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport",
                                   swiftSettings: [.enableExperimentalFeature("Extern")]))
    for target in fuzzTargets {
        package.targets.append(.executableTarget(
            name: target.name, dependencies: target.dependencies + ["FuzzSupport"], path: "Fuzz/\(target.name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: target.name, targets: [target.name]))
    }
}
