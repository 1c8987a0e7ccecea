import Foundation
import TestWorld

/// A configuration file pointing every network setting at a world, with a cache in `directory`.
struct TestConfig {
    let path: String
    let cachePath: String

    init(world: World, directory: TemporaryDirectory, dnsTimeout: String = "1s", httpsTimeout: String = "3s") throws {
        cachePath = directory.path + "/cache.lmdb"
        path = directory.path + "/mtasts.yaml"
        let yaml = """
            cache:
              path: \(cachePath)
            resolver:
              nameservers: ["\(world.nameserver)"]
              timeout: \(dnsTimeout)
              attempts: 1
            https:
              ca_file: \(world.caFile)
              connect_timeout: 3s
              timeout: \(httpsTimeout)

            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
