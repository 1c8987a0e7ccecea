import Foundation
import MTASTSPolicy
import Testing
import TestWorld

/// Hostile names and configuration files at every entry point: the same names are refused the
/// same way by `DomainName`, `mtasts fetch`/`show`, the configuration's `domains:` and
/// `ignore_domains:`, and `mtasts-lookup`; U-labels are refused everywhere (give the A-label),
/// A-labels accepted everywhere. Odd configuration files fail clearly and quickly.
@Suite("Hostile input at every entry point", .timeLimit(.minutes(3)))
struct HostileInputTests {
    /// Names that can travel in argv (no NUL).
    static let hostileNames: [String] = [
        "a b.example", "x;reboot.example", "$(id).example", "${run{/bin/true}}.example", "`id`.example",
        "bücher.example", "例え.jp", "xn--bcher-kva.example\u{301}", String(repeating: "a", count: 64) + ".example",
        String(repeating: "abcdefghi.", count: 30) + "com", "example.com\n", "example.com\r\nX: y", "%s%n.example",
        "\u{7F}.example", "[192.0.2.1]", "192.0.2.1", "a..b", ".", "-lead.example", "under_score.example", "",
    ]

    /// Accepted everywhere: an A-label, upper case, a trailing dot, a 63-byte label.
    static let acceptedNames: [String] = [
        "xn--bcher-kva.example", "EXAMPLE.Test.", String(repeating: "a", count: 63) + ".example",
    ]

    @Test(arguments: hostileNames + ["a\u{0}b.example"])
    func domainNameRefuses(_ name: String) throws {
        let error = try #require(throws: DomainNameError.self) { try DomainName(validating: name) }
        let message = error.description
        #expect(message.hasPrefix("invalid domain name"))
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(message)")
        if name.unicodeScalars.contains(where: { $0.value >= 0x80 }) {
            #expect(message.contains("A-label"), "U-labels are refused with a pointer to the A-label form: \(message)")
        }
    }

    @Test(arguments: hostileNames)
    func theCommandLineRefuses(_ name: String) throws {
        for command in ["fetch", "show"] {
            let result = try MTASTS.run([command, "--config", "/nonexistent/never-read.yaml", "--", name])
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("mtasts: invalid domain name") || result.stderr.contains("invalid domain name"),
                    "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test(arguments: hostileNames + ["a\u{0}b.example"])
    func theConfigurationRefuses(_ name: String) throws {
        let directory = try TemporaryDirectory()
        for key in ["domains", "ignore_domains"] {
            let path = directory.path + "/\(key).yaml"
            try "\(key): [\(Self.yamlQuoted(name))]\n".write(toFile: path, atomically: true, encoding: .utf8)
            let result = try MTASTS.run(["show", "example.test", "--config", path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(path) line 1: \(key)[0]: "), "\(result.stderr)")
            let reason = name.utf8.contains(0) ? "contains a NUL character" : "is not a domain name"
            #expect(result.stderr.contains(reason), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
    }

    @Test(arguments: hostileNames)
    func theLookupHelperRefuses(_ name: String) throws {
        let result = try Self.lookup(["--cache", "/nonexistent/cache.lmdb", "--on-miss", "none", "policy", name])
        #expect(result.status == 0)
        #expect(result.stdout == "none", "a name that is not a host name has no policy")
        #expect(result.stderr.contains("refusing domain"), "\(result.stderr)")
    }

    @Test(arguments: acceptedNames)
    func everyEntryPointAcceptsTheSameNames(_ name: String) throws {
        #expect(throws: Never.self) { try DomainName(validating: name) }
        let directory = try TemporaryDirectory()
        let path = directory.path + "/mtasts.yaml"
        try "cache: {path: \(directory.path)/cache.lmdb}\ndomains: [\(Self.yamlQuoted(name))]\nignore_domains: [\(Self.yamlQuoted("*." + name))]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let show = try MTASTS.run(["show", "--config", path, "--", name])
        #expect(!show.stderr.contains("invalid domain name") && !show.stderr.contains("is not a domain name"), "\(show.stderr)")
        // The helper gets past the name check to the (absent) cache.
        let lookup = try Self.lookup(["--cache", directory.path + "/absent.lmdb", "--on-miss", "none", "policy", name])
        #expect(lookup.status == 75 && lookup.stdout.hasPrefix("error:no cache"), "\(lookup.stdout)")
    }

    /// Configuration files that are not plain readable YAML: each exits 2 with one line naming
    /// the path, within seconds (a FIFO without a writer used to block `open` for ever).
    @Test(arguments: ["directory", "fifo", "/dev/zero", "garbage", "huge", "deep", "nul-path"])
    func oddConfigurationFiles(_ kind: String) throws {
        let directory = try TemporaryDirectory()
        var path = directory.path + "/" + kind
        switch kind {
        case "directory": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "fifo": #expect(mkfifo(path, 0o600) == 0)
        case "/dev/zero": path = kind
        case "garbage": try Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: URL(fileURLWithPath: path))
        case "huge": try Data(repeating: UInt8(ascii: "a"), count: 3 * 1024 * 1024).write(to: URL(fileURLWithPath: path))
        case "deep": try (String(repeating: "[", count: 200_000)).write(toFile: path, atomically: true, encoding: .utf8)
        default: path += "\u{1}\u{7F}"
        }
        let started = Date()
        let result = try MTASTS.run(["show", "example.test", "--config", path])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status == 2)
        #expect(result.stderr.contains(path) || kind == "nul-path", "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// A YAML double-quoted scalar: JSON string syntax, which YAML 1.2 accepts.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func lookup(_ arguments: [String]) throws -> RunResult {
        let executable = TestPaths.builtProduct("mtasts-lookup")
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build mtasts-lookup first (swift build)")
        return try ChildProcess(executable, arguments).run()
    }
}
