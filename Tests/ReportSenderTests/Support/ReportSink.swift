import Foundation
import TestWorld
import Testing

/// The SMTP sink `Tests/World/reportsink.py` on 127.0.0.1, started and stopped by one test.
final class ReportSink: @unchecked Sendable {
    struct Stats: Decodable { var messages: Int; var hung: Int; var connections: Int }
    struct Ready: Decodable { var ready: Bool; var port: Int; var dir: String }

    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let directory: TemporaryDirectory
    private(set) var port = 0
    private var buffer: [UInt8] = []

    var url: String { "smtp://127.0.0.1:\(port)" }

    init() throws {
        directory = try TemporaryDirectory()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.packageRoot + "/Tests/World/reportsink.py", directory.path]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let ready = try JSONDecoder().decode(Ready.self, from: Data(try readLine().utf8))
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
        try? input.fileHandleForWriting.write(contentsOf: Data(#"{"cmd":"stop"}\#n"#.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    private func command(_ line: String) throws -> String {
        try input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
        return try readLine()
    }

    private func readLine(timeout: Double = 30) throws -> String {
        let descriptor = output.fileHandleForReading.fileDescriptor
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw SinkError("the sink sent no line in time") }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, Int32(min(remaining, 1) * 1000)) <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw SinkError("the sink exited") }
            buffer += chunk[..<count]
        }
    }
}

struct SinkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
