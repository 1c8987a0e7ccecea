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
        try WorldConfigFile(world: world, path: path, cachePath: cachePath, stateDirectory: stateDirectory,
                            dnsTimeout: "2s", httpsTimeout: httpsTimeout, domains: domains, eximLogs: eximLogs, extra: extra)
    }

    var scheduleFile: String { stateDirectory + "/schedule" }

    func scheduleText() -> String? {
        FileManager.default.contents(atPath: scheduleFile).map { String(decoding: $0, as: UTF8.self) }
    }
}
