import Foundation

extension World {
    /// Starting world.py: the process, its pipes and the parsed ready line.
    struct Launch {
        let process: Process
        let stdinPipe: Pipe
        let stdoutPipe: Pipe
        var channel: LineChannel
        let logPath: String
        let address: String
        let dnsPort: Int
        let dns6Port: Int?
        let httpsPort: Int
        let caFile: String
        let directory: String

        init(scenarioLine: String) throws(WorldError) {
            let script = TestPaths.worldScript
            logPath = NSTemporaryDirectory() + "/world-stderr-\(UUID().uuidString).log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            stdinPipe = Pipe()
            stdoutPipe = Pipe()
            process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [ProcessInfo.processInfo.environment["WORLD_PYTHON"] ?? "python3", script]
            process.standardInput = stdinPipe
            process.standardOutput = stdoutPipe
            process.standardError = FileHandle(forWritingAtPath: logPath)
            channel = LineChannel(writingTo: stdinPipe.fileHandleForWriting.fileDescriptor,
                                  readingFrom: stdoutPipe.fileHandleForReading.fileDescriptor)
            do {
                try process.run()
            } catch {
                throw WorldError(.launchFailed, script, detail: "\(error)")
            }
            let ready: ReadyLine
            do {
                try channel.write(line: scenarioLine)
                let line = try channel.readLine(timeout: World.readyTimeout)
                ready = try JSONDecoder().decode(ReadyLine.self, from: Data(line.utf8))
            } catch {
                let detail = World.tail(of: logPath)
                Self.abandon(process, stdinPipe, stdoutPipe, logPath)
                throw WorldError(.notReady, script, detail: "\(error); stderr: \(detail)")
            }
            guard ready.ready, let address = ready.address, let dnsPort = ready.dnsPort,
                  let httpsPort = ready.httpsPort, let caFile = ready.caFile, let directory = ready.dir else {
                let detail = (ready.error ?? "") + " " + World.tail(of: logPath)
                Self.abandon(process, stdinPipe, stdoutPipe, logPath)
                throw WorldError(.notReady, script, detail: detail)
            }
            self.address = address
            self.dnsPort = dnsPort
            self.dns6Port = ready.dns6Port
            self.httpsPort = httpsPort
            self.caFile = caFile
            self.directory = directory
        }

        /// Ends a world that never became ready.
        private static func abandon(_ process: Process, _ stdinPipe: Pipe, _ stdoutPipe: Pipe, _ logPath: String) {
            try? stdinPipe.fileHandleForWriting.close()
            if process.isRunning { process.terminate() }
            _ = World.waitForExit(process, timeout: 5)
            try? stdoutPipe.fileHandleForReading.close()
            try? FileManager.default.removeItem(atPath: logPath)
        }
    }
}

private struct ReadyLine: Decodable {
    var ready: Bool
    var address: String?
    var dnsPort: Int?
    var dns6Port: Int?
    var httpsPort: Int?
    var caFile: String?
    var dir: String?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case ready, address, dir, error
        case dnsPort = "dns_port"
        case dns6Port = "dns6_port"
        case httpsPort = "https_port"
        case caFile = "ca_file"
    }
}

