import Foundation
import TestWorld

/// A loopback world with three configured domains: one with a good policy, one whose policy
/// host has an expired certificate, one with no `_mta-sts` TXT record; and a configuration
/// with a state directory and a metrics file.
struct OperatorWorld {
    static let good = "good.example.test"
    static let expired = "expired.example.test"
    static let noTXT = "notxt.example.test"

    let world: World
    let directory: TemporaryDirectory
    let configPath: String
    let metricsPath: String
    let stateDirectory: String

    init(extra: (inout Scenario) -> Void = { _ in }) throws {
        var scenario = Scenario.mtaSTS(domain: Self.good, id: "g1", policy: Scenario.policy(mx: ["mx.\(Self.good)"]))
        scenario.dns.records += [.mx(Self.good, 10, "mx.\(Self.good)"), .a("mx.\(Self.good)"),
                                 .txt("_mta-sts.\(Self.expired)", "v=STSv1; id=e1"), .a("mta-sts.\(Self.expired)"),
                                 .mx(Self.noTXT, 10, "mx.\(Self.noTXT)"), .a("mx.\(Self.noTXT)")]
        scenario.https["mta-sts.\(Self.expired)"] = HTTPSHost(certificate: "expired", body: Scenario.policy(mx: ["mx.\(Self.expired)"]))
        extra(&scenario)
        world = try World(scenario)
        directory = try TemporaryDirectory()
        let config = try TestConfig(world: world, directory: directory)
        stateDirectory = directory.path + "/state"
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        metricsPath = directory.path + "/mtasts.prom"
        configPath = config.path
        let extra = """
            state:
              directory: \(stateDirectory)
            domains: [\(Self.good), \(Self.expired), \(Self.noTXT)]
            metrics:
              file: \(metricsPath)
            learn:
              exim_logs: [\(directory.path)/mainlog]

            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: configPath))
        handle.seekToEndOfFile()
        handle.write(Data(extra.utf8))
        try handle.close()
    }

    func mtasts(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        try MTASTS.run(arguments + ["--config", configPath], environment: environment)
    }

    func stop() { world.stop() }
}
