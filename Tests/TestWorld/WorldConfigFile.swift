import Foundation

/// Writes an `mtasts` configuration file that points every network setting at a loopback
/// ``World``: its nameserver (one attempt), its test CA, the cache and the state directory
/// where the test says. Each test target keeps its own defaults; the YAML lives only here.
public struct WorldConfigFile: Sendable {
    public let path: String
    public let cachePath: String
    /// nil: the file has no `state:` section.
    public let stateDirectory: String?

    /// Writes the file at `path`. Keys given as nil are left out (the program's default applies);
    /// `extra` is appended as top-level YAML. `connectTimeout` defaults to `httpsTimeout`.
    @discardableResult
    public init(world: World, path: String, cachePath: String, stateDirectory: String? = nil,
                dnsTimeout: String, httpsTimeout: String, connectTimeout: String? = nil,
                domains: [String]? = nil, concurrency: Int? = nil, eximLogs: [String]? = nil,
                extra: String = "") throws {
        self.path = path
        self.cachePath = cachePath
        self.stateDirectory = stateDirectory
        var yaml = """
            cache:
              path: \(cachePath)
            resolver:
              nameservers: ["\(world.nameserver)"]
              timeout: \(dnsTimeout)
              attempts: 1
            https:
              ca_file: \(world.caFile)
              connect_timeout: \(connectTimeout ?? httpsTimeout)
              timeout: \(httpsTimeout)

            """
        if let stateDirectory {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            yaml += "state:\n  directory: \(stateDirectory)\n"
        }
        if let concurrency { yaml += "prewarm:\n  concurrency: \(concurrency)\n" }
        if let domains { yaml += "domains: [\(domains.joined(separator: ", "))]\n" }
        if let eximLogs { yaml += "learn:\n  exim_logs: [\(eximLogs.joined(separator: ", "))]\n" }
        if !extra.isEmpty { yaml += extra + "\n" }
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
