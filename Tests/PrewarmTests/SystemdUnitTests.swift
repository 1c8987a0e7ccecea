import Foundation
import Testing
import TestWorld

/// Where `systemd-analyze` is, if installed.
let systemdAnalyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// The shipped systemd units are valid and hardened: `systemd-analyze verify` accepts them and
/// `systemd-analyze security --offline=true` rates each service's exposure at most 2.0.
@Suite("systemd units", .enabled(if: systemdAnalyzer != nil, "systemd-analyze is not installed"))
struct SystemdUnitTests {
    static var analyzer: String? { systemdAnalyzer }
    static let units = ["mtasts-tick.service", "mtasts-tick.timer", "mtasts.service"]
    static let services = ["mtasts-tick.service", "mtasts.service"]

    /// The units copied to `directory`, ExecStart pointing at the built `mtasts` (verify needs it to exist).
    static func copyUnits(to directory: TemporaryDirectory) throws {
        for unit in units {
            let text = try String(contentsOfFile: TestPaths.packageRoot + "/systemd/" + unit, encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/bin/mtasts", with: TestPaths.builtProduct("mtasts"))
                .write(toFile: directory.file(unit), atomically: true, encoding: .utf8)
        }
    }

    static func analyze(_ arguments: [String], in directory: String) throws -> RunResult {
        try ChildProcess(try #require(analyzer), arguments, workingDirectory: directory).run()
    }

    @Test("systemd-analyze verify accepts the units")
    func verify() throws {
        let directory = try TemporaryDirectory()
        try Self.copyUnits(to: directory)
        let result = try Self.analyze(["verify", "--man=no"] + Self.units.map { "./" + $0 }, in: directory.path)
        #expect(result.status == 0, "\(result.output)")
        #expect(!result.output.contains(directory.path), "\(result.output)")
    }

    @Test("each service's exposure is at most 2.0", arguments: services)
    func exposure(_ service: String) throws {
        let directory = try TemporaryDirectory()
        try Self.copyUnits(to: directory)
        let result = try Self.analyze(["security", "--offline=true", "./" + service], in: directory.path)
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level") },
                                "\(result.output)")
        // "→ Overall exposure level for mtasts.service: 1.0 OK 🙂"
        let afterColon = try #require(line.split(separator: ":").last)
        let score = try #require(Double(afterColon.split(separator: " ").first ?? ""), "\(line)")
        #expect(score <= 2.0, "\(line)")
    }

    @Test("services run as Debian-exim, never root, and write only the cache and state directories")
    func runsAsEximUser() throws {
        for service in Self.services {
            let text = try String(contentsOfFile: TestPaths.packageRoot + "/systemd/" + service, encoding: .utf8)
            let lines = Set(text.split(separator: "\n").map(String.init))
            #expect(lines.isSuperset(of: ["User=Debian-exim", "Group=Debian-exim", "ProtectSystem=strict",
                                          "ReadWritePaths=/var/spool/exim4", "StateDirectory=mtasts",
                                          "NoNewPrivileges=yes", "CapabilityBoundingSet="]), "\(service)")
        }
    }
}
