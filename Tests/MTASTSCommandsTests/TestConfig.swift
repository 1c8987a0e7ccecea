import Foundation
import TestWorld

/// A configuration file pointing every network setting at a world, with a cache in `directory`.
struct TestConfig {
    let path: String
    let cachePath: String

    init(world: World, directory: TemporaryDirectory, dnsTimeout: String = "1s", httpsTimeout: String = "3s") throws {
        cachePath = directory.path + "/cache.lmdb"
        path = directory.path + "/mtasts.yaml"
        try WorldConfigFile(world: world, path: path, cachePath: cachePath, dnsTimeout: dnsTimeout,
                            httpsTimeout: httpsTimeout, connectTimeout: "3s")
    }
}
