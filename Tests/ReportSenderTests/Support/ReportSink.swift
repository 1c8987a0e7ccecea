import Foundation
import TestWorld
import Testing

/// The SMTP sink `Tests/World/reportsink.py` on 127.0.0.1, started and stopped by one test.
final class ReportSink: @unchecked Sendable {
    struct Stats: Decodable { var messages: Int; var hung: Int; var connections: Int }
    struct Ready: Decodable { var ready: Bool; var port: Int; var dir: String }

    private let process: RunningChild
    let directory: TemporaryDirectory
    let port: Int

    var url: String { "smtp://127.0.0.1:\(port)" }

    init() throws {
        directory = try TemporaryDirectory()
        process = try ChildProcess("/usr/bin/env", ["python3", TestPaths.packageRoot + "/Tests/World/reportsink.py", directory.path])
            .start(keepingStdinOpen: true)
        let ready = try JSONDecoder().decode(Ready.self, from: Data(try Self.readLine(from: process).utf8))
        port = ready.port
    }

    deinit { stop() }

    func stats() throws -> Stats {
        try JSONDecoder().decode(Stats.self, from: Data(try command(#"{"cmd":"stats"}"#).utf8))
    }

    func setMode(_ mode: String) throws {
        _ = try command(#"{"cmd":"mode","mode":"\#(mode)"}"#)
    }

    /// The accepted message number `number` (1-based) as text.
    func message(_ number: Int) -> String? {
        FileManager.default.contents(atPath: directory.file("\(number).eml")).map { String(decoding: $0, as: UTF8.self) }
    }

    func messagePath(_ number: Int) -> String { directory.file("\(number).eml") }

    /// The envelope (`from`, `to`) of message `number`.
    func envelope(_ number: Int) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: directory.file("\(number).json")))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Waits (polling the sink, at most `timeout` seconds) until `condition` holds.
    func wait(timeout: Double = 30, until condition: (Stats) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(try stats()) { return true }
            usleep(20_000)
        }
        return false
    }

    func stop() {
        guard process.isRunning else { return }
        process.write(line: #"{"cmd":"stop"}"#)
        process.closeStdin()
        if process.waitForExit(timeout: 30) == nil { process.kill() }
    }

    private func command(_ line: String) throws -> String {
        process.write(line: line)
        return try Self.readLine(from: process)
    }

    private static func readLine(from process: RunningChild, timeout: Double = 30) throws -> String {
        guard let line = process.readLine(timeout: timeout) else {
            throw SinkError(process.isRunning ? "the sink sent no line in time" : "the sink exited: \(process.stderr)")
        }
        return line
    }
}

struct SinkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
