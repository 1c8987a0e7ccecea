import Foundation
import TestWorld

/// A configuration file pointing every network setting at a world, with the cache and the state
/// directory in `directory`.
struct CommandConfig {
    let path: String
    let cachePath: String
    let stateDirectory: String

    init(world: World, directory: TemporaryDirectory, domains: [String], httpsTimeout: String = "5s",
         eximLogs: [String] = [], extra: String = "") throws {
        cachePath = directory.file("cache.lmdb")
        path = directory.file("mtasts.yaml")
        stateDirectory = directory.file("state")
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let yaml = """
            cache:
              path: \(cachePath)
            resolver:
              nameservers: ["\(world.nameserver)"]
              timeout: 2s
              attempts: 1
            https:
              ca_file: \(world.caFile)
              connect_timeout: \(httpsTimeout)
              timeout: \(httpsTimeout)
            state:
              directory: \(stateDirectory)
            domains: [\(domains.joined(separator: ", "))]
            learn:
              exim_logs: [\(eximLogs.joined(separator: ", "))]
            \(extra)
            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    var scheduleFile: String { stateDirectory + "/schedule" }

    func scheduleText() -> String? {
        FileManager.default.contents(atPath: scheduleFile).map { String(decoding: $0, as: UTF8.self) }
    }
}
