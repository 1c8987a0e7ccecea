import Foundation

/// Paths the tests need, independent of the working directory.
public enum TestPaths {
    /// The package root: three levels up from this file (Tests/TestWorld/TestPaths.swift).
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .path
    }

    /// A fixture file: `<root>/Tests/Fixtures/<relative>`.
    public static func fixture(_ relative: String) -> String {
        packageRoot + "/Tests/Fixtures/" + relative
    }

    /// The world's entry script, `<root>/Tests/World/world.py`.
    public static var worldScript: String {
        packageRoot + "/Tests/World/world.py"
    }

    /// An executable built beside the running test binary (`dirname(/proc/self/exe)/<name>`).
    public static func builtProduct(_ name: String) -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
