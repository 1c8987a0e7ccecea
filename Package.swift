// swift-tools-version:6.0
import PackageDescription

// Data flows one way:
//   MTASTSConfig ─┐
//   MTASTSPolicy ─┼─> Discovery (DNSClient + HTTPSFetch) ─> PolicyStore
//                 └─> MTASTSCommands ─> mtasts (thin executable)
// Each C library is wrapped once: CLMDB only by PolicyStore, CCurl only by HTTPSFetch.
// MTASTSPolicy, DNSClient and PolicyStore do not import Foundation: the Exim lookup
// helper links them and its start-up time is a product feature.

let package = Package(
    name: "mtasts",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mtasts", targets: ["mtasts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries, each wrapped once.
        .systemLibrary(name: "CLMDB", path: "Sources/CLMDB", pkgConfig: "lmdb",
                       providers: [.apt(["liblmdb-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),

        // Concerns.
        .target(name: "MTASTSPolicy"),
        .target(name: "DNSClient"),
        .target(name: "HTTPSFetch", dependencies: ["CCurl"]),
        .target(name: "PolicyStore", dependencies: ["CLMDB", "MTASTSPolicy"]),
        .target(name: "Discovery", dependencies: ["MTASTSPolicy", "DNSClient", "HTTPSFetch", "PolicyStore"]),
        .target(name: "MTASTSConfig", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "MTASTSCommands", dependencies: [
            "MTASTSConfig", "MTASTSPolicy", "DNSClient", "HTTPSFetch", "PolicyStore", "Discovery",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Executables stay thin: parse arguments, call a library.
        .executableTarget(name: "mtasts", dependencies: ["MTASTSCommands"]),

        // The tests' loopback world (DNS over UDP+TCP, HTTPS with a test CA), driven from Swift.
        .target(name: "TestWorld", path: "Tests/TestWorld"),

        .testTarget(name: "MTASTSPolicyTests", dependencies: ["MTASTSPolicy"]),
        .testTarget(name: "DNSClientTests", dependencies: ["DNSClient", "TestWorld"]),
        .testTarget(name: "HTTPSFetchTests", dependencies: ["HTTPSFetch", "TestWorld"]),
        .testTarget(name: "PolicyStoreTests", dependencies: ["PolicyStore", "MTASTSPolicy"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "PolicyStore", "TestWorld"]),
        .testTarget(name: "MTASTSConfigTests", dependencies: ["MTASTSConfig"]),
        .testTarget(name: "MTASTSCommandsTests", dependencies: ["MTASTSCommands", "mtasts", "TestWorld", "PolicyStore"]),
    ]
)
