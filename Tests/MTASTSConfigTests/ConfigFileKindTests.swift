import Foundation
@testable import MTASTSConfig
import Testing

/// Configuration paths that are not ordinary readable files: a directory, FIFOs, devices,
/// unreadable and impossible paths. Each is a clear error naming the path, never a hang.
@Suite("Configuration paths that are not plain files", .timeLimit(.minutes(1)))
struct ConfigFileKindTests {
    private func loadError(_ path: String) throws -> ConfigError {
        try #require(throws: ConfigError.self) {
            try Configuration.load(from: ConfigLocation(path: path, origin: .commandLine))
        }
    }

    @Test func aDirectory() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let error = try loadError(directory.url.path)
        #expect(error.kind == .unreadable)
        #expect(error.description == "cannot read \(directory.url.path): Is a directory")
    }

    @Test func aFIFONobodyWritesTo() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("config.fifo")
        #expect(mkfifo(path, 0o600) == 0)
        let started = Date()
        let error = try loadError(path)
        #expect(Date().timeIntervalSince(started) < 5, "opening a FIFO without a writer must not block")
        #expect(error.description == "cannot read \(path): it is a FIFO and nothing was written to it")
    }

    @Test func aFIFOWhoseWriterStaysSilent() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("config.fifo")
        #expect(mkfifo(path, 0o600) == 0)
        // O_RDWR on a FIFO does not block on Linux and keeps a writer attached.
        let writer = open(path, O_RDWR | O_NONBLOCK)
        try #require(writer >= 0)
        defer { close(writer) }
        let result = SystemInterface.readFile(atPath: path, limit: 1024, idleTimeout: 200)
        guard case .failed(let reason, let missing) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(reason.hasPrefix("nothing arrived for"))
        #expect(!missing)
    }

    @Test func aPipeLikeProcessSubstitution() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let yaml = Array("resolver:\n  attempts: 4\n".utf8)
        #expect(write(ends[1], yaml, yaml.count) == yaml.count)
        close(ends[1])
        let configuration = try Configuration.load(from: ConfigLocation(path: "/dev/fd/\(ends[0])", origin: .commandLine))
        #expect(configuration.resolver.attempts == 4)
    }

    @Test func devNullGivesTheDefaults() throws {
        #expect(try Configuration.load(from: ConfigLocation(path: "/dev/null", origin: .commandLine)) == Configuration())
    }

    @Test func anEndlessDeviceIsTooLarge() throws {
        let error = try loadError("/dev/zero")
        #expect(error.description == "cannot read /dev/zero: the file is bigger than 1 MiB, too big for a configuration file")
    }

    @Test func aTenMegabyteFileIsTooLarge() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("big.yaml", Array(("cache:\n  path: /" + String(repeating: "x", count: 10_000_000)).utf8))
        #expect(try loadError(path).kind == .unreadable)
    }

    @Test func anEmptyFileGivesTheDefaults() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("empty.yaml", [])
        #expect(try Configuration.load(from: ConfigLocation(path: path, origin: .commandLine)) == Configuration())
    }

    /// Root reads any file whatever its mode, so this only means something for other users.
    @Test(.enabled(if: geteuid() != 0)) func aFileWithoutReadPermission() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = try directory.write("secret.yaml", Array("cache: {}\n".utf8))
        #expect(chmod(path, 0) == 0)
        #expect(try loadError(path).description == "cannot read \(path): Permission denied")
    }

    /// Paths that cannot be read even by root.
    @Test(arguments: [
        ("/proc/self/mem", "Input/output error"),
        ("/etc/hostname/mtasts.yaml", "Not a directory"),
        ("/" + String(repeating: "x", count: 5000), "File name too long"),
        ("/tmp/a\u{0}b.yaml", "the path contains a NUL byte"),
    ])
    func unreadablePaths(_ path: String, _ reason: String) throws {
        let error = try loadError(path)
        #expect(error.kind == .unreadable)
        #expect(error.description == "cannot read \(path): \(reason)")
    }

    @Test func aSymbolicLinkLoop() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("loop.yaml")
        #expect(symlink(path, path) == 0)
        #expect(try loadError(path).description == "cannot read \(path): Too many levels of symbolic links")
    }
}
