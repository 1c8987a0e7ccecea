import MTASTSConfig
import Testing

@Suite("Loading configuration files")
struct ConfigurationLoadingTests {
    static var fullFixture: Configuration {
        var configuration = Configuration()
        configuration.cache.path = "/var/lib/mtasts/policies.lmdb"
        configuration.resolver.nameservers = ["127.0.0.1:5353", "[::1]:5353"]
        configuration.resolver.timeout = .seconds(2)
        configuration.resolver.attempts = 3
        configuration.https.caFile = "/etc/mtasts/test-ca.pem"
        configuration.https.connectTimeout = .seconds(5)
        configuration.https.timeout = .seconds(60)
        return configuration
    }

    static let validFixtures: [(String, Configuration)] = [
        ("full.yaml", fullFixture),
        ("empty.yaml", Configuration()),
        ("comments-only.yaml", Configuration()),
        ("byte-order-mark.yaml", Configuration(cache: CacheSettings(),
                                               resolver: ResolverSettings(attempts: 5),
                                               https: HTTPSSettings())),
    ]

    @Test("valid fixture files load", arguments: validFixtures)
    func loadsFixture(_ name: String, _ expected: Configuration) throws {
        let location = ConfigLocation(path: Fixtures.path(name), origin: .commandLine)
        #expect(try Configuration.load(from: location) == expected)
    }

    static let invalidFixtures: [(String, String, Int, String?)] = [
        ("unknown-key.yaml",
         #"line 7: unknown key "timout" in "https" (known: ca_file, connect_timeout, timeout)"#, 7, "https.timout"),
        ("bad-duration.yaml",
         #"line 4: resolver.timeout: "abc" is not a duration (write 30s, 10m, 6h or 7d)"#, 4, "resolver.timeout"),
        ("wrong-type.yaml", "line 2: cache.path must be a string, not a list", 2, "cache.path"),
        ("duplicate-key.yaml",
         #"line 4: duplicate key "timeout" in "https" (first given on line 2)"#, 4, "https.timeout"),
        ("syntax-error.yaml",
         "line 4: invalid YAML: did not find expected ',' or ']' while parsing a flow sequence (line 3)", 4, nil),
        ("not-utf8.yaml", "line 3: the file is not valid UTF-8 text", 3, nil),
    ]

    @Test("invalid fixture files name the file, line and key", arguments: invalidFixtures)
    func rejectsFixture(_ name: String, _ message: String, _ line: Int, _ keyPath: String?) throws {
        let path = Fixtures.path(name)
        let error = try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: path, origin: .commandLine))
        }
        #expect(error.description == "\(path) \(message)")
        #expect(error.line == line)
        #expect(error.keyPath == keyPath)
    }

    @Test("the shipped example documents the defaults exactly")
    func shippedExample() throws {
        let location = ConfigLocation(path: Fixtures.shippedExample, origin: .commandLine)
        #expect(try Configuration.load(from: location) == Configuration())
    }

    @Test("a missing file at the default location gives the defaults")
    func missingDefaultFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let location = ConfigLocation(path: scratch.path("mtasts.yaml"), origin: .defaultPath)
        #expect(try Configuration.load(from: location) == Configuration())
    }

    @Test("a missing file that was asked for is an error",
          arguments: [ConfigLocation.Origin.commandLine, .environment])
    func missingExplicitFile(_ origin: ConfigLocation.Origin) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.path("missing.yaml")
        let error = try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: path, origin: origin))
        }
        let named = origin == .environment ? "\(path) (from MTASTS_CONFIG)" : path
        #expect(error.description == "cannot read \(named): No such file or directory")
        #expect(error.kind == .unreadable)
        #expect(error.line == nil)
    }

    @Test("the environment variable's file is read")
    func fileFromEnvironment() throws {
        let location = Configuration.resolvePath(explicit: nil, environment: ["MTASTS_CONFIG": Fixtures.path("full.yaml")])
        #expect(try Configuration.load(from: location) == Self.fullFixture)
    }

    @Test("a directory is an error, even at the default location")
    func directory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let error = try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: scratch.url.path, origin: .defaultPath))
        }
        #expect(error.description == "cannot read \(scratch.url.path) (the default): Is a directory")
    }

    @Test("a path through a regular file is an error, not a missing file")
    func notADirectory() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let file = try scratch.write("file", Array("x".utf8))
        let error = try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: file + "/mtasts.yaml", origin: .defaultPath))
        }
        #expect(error.description == "cannot read \(file)/mtasts.yaml (the default): Not a directory")
    }

    @Test("a file bigger than 1 MiB is refused; exactly 1 MiB is read")
    func sizeLimit() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let limit = Configuration.maximumFileSize
        func comment(_ size: Int) -> [UInt8] {
            Array("#".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size - 2) + Array("\n".utf8)
        }
        let exactly = try scratch.write("exactly.yaml", comment(limit))
        #expect(try Configuration.load(from: ConfigLocation(path: exactly, origin: .commandLine)) == Configuration())

        let bigger = try scratch.write("bigger.yaml", comment(limit + 1))
        let error = try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: bigger, origin: .commandLine))
        }
        #expect(error.description == "cannot read \(bigger): the file is bigger than 1 MiB, too big for a configuration file")
    }
}
