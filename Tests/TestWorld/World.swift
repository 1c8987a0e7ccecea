import Foundation

/// A running loopback world: a DNS server (UDP+TCP, port 53) and an HTTPS server
/// (port 443, test CA) on a random 127.x.y.z address, driven over pipes by
/// `Tests/World/world.py`. Stops when `stop()` is called or the world is released;
/// the Python side also exits by itself when the test process dies (stdin EOF).
///
/// Thread-safe: commands are serialised by a lock.
public final class World: @unchecked Sendable {
    public let address: String
    public let dnsPort: Int
    public let httpsPort: Int
    /// PEM file of the world's CA: trust it to accept `valid` certificates.
    public let caFile: String
    /// The world's temporary directory (removed when it stops).
    public let directory: String

    /// "address:port" of the DNS server.
    public var nameserver: String { "\(address):\(dnsPort)" }
    /// The same DNS server's second listener on `[::1]` (nil where IPv6 is unavailable).
    public let dns6Port: Int?
    /// `[::1]:port` for the IPv6 listener, when there is one.
    public var nameserver6: String? { dns6Port.map { "[::1]:\($0)" } }

    private let process: Process
    private let logPath: String
    private let lock = NSLock()
    private var channel: LineChannel
    private var stopped = false

    static let readyTimeout = 60.0
    static let commandTimeout = 30.0

    /// Starts `python3 Tests/World/world.py` with `scenario` and waits for its ready line.
    public init(_ scenario: Scenario) throws(WorldError) {
        signal(SIGPIPE, SIG_IGN)
        let launched = try Launch(scenarioLine: Self.encode(scenario))
        process = launched.process
        pipes = (launched.stdinPipe, launched.stdoutPipe)
        channel = launched.channel
        logPath = launched.logPath
        address = launched.address
        dnsPort = launched.dnsPort
        dns6Port = launched.dns6Port
        httpsPort = launched.httpsPort
        caFile = launched.caFile
        directory = launched.directory
    }

    private let pipes: (Pipe, Pipe)

    deinit {
        stop()
    }

    /// Counters since start or the last `resetStats()`.
    public func stats() throws(WorldError) -> WorldStats {
        let line = try command(#"{"cmd":"stats"}"#, name: "stats")
        do {
            return try JSONDecoder().decode(WorldStats.self, from: Data(line.utf8))
        } catch {
            throw WorldError(.invalidReply, "stats", detail: line)
        }
    }

    public func resetStats() throws(WorldError) {
        try expectOK(command(#"{"cmd":"reset_stats"}"#, name: "reset_stats"), name: "reset_stats")
    }

    /// Replaces the whole scenario while the world runs.
    public func update(_ scenario: Scenario) throws(WorldError) {
        let encoded = try Self.encode(scenario)
        try expectOK(command(#"{"cmd":"update","scenario":"# + encoded + "}", name: "update"), name: "update")
    }

    /// Makes the certificate and TLS context of every HTTPS host of the current scenario now
    /// rather than on first connection (so a benchmark measures the client, not the world).
    /// Returns how many were prepared.
    @discardableResult
    public func prepareCertificates() throws(WorldError) -> Int {
        let line = try command(#"{"cmd":"prepare"}"#, name: "prepare", timeout: 600)
        try expectOK(line, name: "prepare")
        struct Prepared: Decodable { var certificates: Int }
        return (try? JSONDecoder().decode(Prepared.self, from: Data(line.utf8)))?.certificates ?? 0
    }

    /// Stops the servers and waits for the process to exit. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            try? channel.write(line: #"{"cmd":"stop"}"#)
            _ = try? channel.readLine(timeout: 10)
        }
        try? pipes.0.fileHandleForWriting.close()
        if !waitForExit(timeout: 10) {
            process.terminate()
            _ = waitForExit(timeout: 5)
        }
        try? pipes.1.fileHandleForReading.close()
        try? FileManager.default.removeItem(atPath: logPath)
    }

    // MARK: - Plumbing

    private func command(_ line: String, name: String, timeout: Double = World.commandTimeout) throws(WorldError) -> String {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { throw WorldError(.exited, name, detail: "the world was stopped") }
        do {
            try channel.write(line: line)
            return try channel.readLine(timeout: timeout)
        } catch .timedOut {
            throw WorldError(.timedOut, name, detail: Self.tail(of: logPath))
        } catch {
            throw WorldError(.exited, name, detail: Self.tail(of: logPath))
        }
    }

    private func expectOK(_ line: String, name: String) throws(WorldError) {
        guard let reply = try? JSONDecoder().decode(CommandReply.self, from: Data(line.utf8)) else {
            throw WorldError(.invalidReply, name, detail: line)
        }
        guard reply.ok else { throw WorldError(.commandFailed, name, detail: reply.error ?? line) }
    }

    private func waitForExit(timeout: Double) -> Bool {
        Self.waitForExit(process, timeout: timeout)
    }

    static func waitForExit(_ process: Process, timeout: Double) -> Bool {
        let deadline = LineChannel.now() + timeout
        while process.isRunning {
            if LineChannel.now() > deadline { return false }
            usleep(10_000)
        }
        return true
    }

    static func encode(_ scenario: Scenario) throws(WorldError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(scenario), as: UTF8.self)
        } catch {
            throw WorldError(.encodingFailed, "\(error)")
        }
    }

    static func tail(of path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data.suffix(4000), as: UTF8.self)
    }
}

private struct CommandReply: Decodable {
    var ok: Bool
    var error: String?
}
