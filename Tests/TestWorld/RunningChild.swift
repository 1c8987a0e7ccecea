import Foundation

/// A child started by ``ChildProcess/start(keepingStdinOpen:)``: the test waits for its output
/// (always with a timeout), writes to it, signals it and collects its ``RunResult``. A child
/// still running when its `RunningChild` is released is killed.
public final class RunningChild: @unchecked Sendable {
    /// The executable followed by its arguments.
    public let command: [String]
    public let processIdentifier: Int32
    /// The default for ``finish(timeout:)``.
    public let timeout: Double
    private let streams: ChildStreams
    private let started: Double

    init(_ child: ChildProcess, keepingStdinOpen: Bool) throws(ChildProcessError) {
        command = child.command
        timeout = child.timeout
        ChildSystemCalls.ignoreBrokenPipes()
        var made: [(read: Int32, write: Int32)] = []
        for _ in 0..<4 {
            guard let pipe = ChildSystemCalls.makePipe() else {
                let reason = String(cString: strerror(errno))
                for pipe in made { ChildSystemCalls.close(pipe.read); ChildSystemCalls.close(pipe.write) }
                throw ChildProcessError(.couldNotStart, command, detail: "no pipe: \(reason)")
            }
            made.append(pipe)
        }
        let (input, output, errors, wake) = (made[0], made[1], made[2], made[3])
        started = ChildSystemCalls.now()
        let spawned = ChildSystemCalls.spawn(child.executable, child.arguments, environment: child.environment.variables,
                                             workingDirectory: child.workingDirectory,
                                             stdin: input.read, stdout: output.write, stderr: errors.write)
        // The child has its copies; ours would keep its stdin open and its output from ending.
        for descriptor in [input.read, output.write, errors.write] { ChildSystemCalls.close(descriptor) }
        switch spawned {
        case .failure(let failure):
            for descriptor in [input.write, output.read, errors.read, wake.read, wake.write] { ChildSystemCalls.close(descriptor) }
            let place = child.workingDirectory.map { " in \($0)" } ?? ""
            throw ChildProcessError(.couldNotStart, command, detail: "\(failure)\(place)")
        case .success(let pid):
            processIdentifier = pid
        }
        streams = ChildStreams(input: input.write, output: output.read, errors: errors.read, wake: wake,
                               stdin: Array(child.stdin), keepingStdinOpen: keepingStdinOpen)
        streams.startPumping()
        // The exit is the child's own, whoever else holds its pipes (a grandchild it left running).
        Thread { [streams, processIdentifier] in
            let end = ChildSystemCalls.waitForEnd(of: processIdentifier)
            streams.noteExit(status: end.status, signal: end.signal)
        }.start()
    }

    deinit {
        if !streams.hasExited { ChildSystemCalls.send(SIGKILL, to: processIdentifier) }
    }

    /// Not exited yet.
    public var isRunning: Bool { !streams.hasExited }

    /// Standard output so far.
    public var stdout: String { String(decoding: streams.stdoutBytes, as: UTF8.self) }
    /// Complete lines of standard output so far (the unterminated last one too once it has ended).
    public var stdoutLines: [String] { streams.stdoutLines }
    /// Standard error so far.
    public var stderr: String { String(decoding: streams.stderrBytes, as: UTF8.self) }

    /// Queues `data` for stdin (ignored once stdin is closed).
    public func write(_ data: Data) { streams.enqueue(Array(data)) }

    /// Queues `line` and a newline for stdin.
    public func write(line: String) { streams.enqueue(Array((line + "\n").utf8)) }

    /// Closes stdin once what is queued is written: the child reads end of file.
    public func closeStdin() { streams.closeInput() }

    /// The next stdout line this method has not returned yet; nil when none comes in `timeout` seconds.
    public func readLine(timeout: Double) -> String? {
        streams.nextLine(until: ChildSystemCalls.now() + timeout)
    }

    /// Waits until a stdout line satisfies `match`; false on timeout or when the output ends first.
    public func waitForLine(timeout: Double, _ match: (String) -> Bool) -> Bool {
        streams.wait(until: ChildSystemCalls.now() + timeout) { lines, _, _ in lines.contains(where: match) }
    }

    /// Waits until stderr contains `text`; false on timeout or when the output ends first.
    public func waitForStderr(containing text: String, timeout: Double) -> Bool {
        streams.wait(until: ChildSystemCalls.now() + timeout) { _, stderr, _ in
            String(decoding: stderr, as: UTF8.self).contains(text)
        }
    }

    /// Sends `number` to the child, if it has not exited.
    public func signal(_ number: Int32) {
        if !streams.hasExited { ChildSystemCalls.send(number, to: processIdentifier) }
    }

    /// Waits for the exit and the output; nil when that takes longer than `timeout` seconds
    /// (the child is left running).
    public func waitForExit(timeout: Double) -> RunResult? {
        _ = streams.wait(until: ChildSystemCalls.now() + timeout) { _, _, finished in finished }
        return result()
    }

    /// Waits for the exit; a child still running after `timeout` seconds (default: the
    /// ``ChildProcess/timeout``) is killed and reported. A child started with stdin kept open
    /// gets end of file only from ``closeStdin()``.
    public func finish(timeout: Double? = nil) throws(ChildProcessError) -> RunResult {
        let limit = timeout ?? self.timeout
        if let result = waitForExit(timeout: limit) { return result }
        kill()
        throw ChildProcessError(.timedOut, command, detail: "after \(limit) s; stdout so far: \(stdout); stderr so far: \(stderr)")
    }

    /// Kills the child (SIGKILL) if it is still running and waits for its end (at most 30 s).
    @discardableResult
    public func kill() -> RunResult? {
        signal(SIGKILL)
        return waitForExit(timeout: 30)
    }

    /// The result once the pumping is over, else nil.
    private func result() -> RunResult? {
        guard streams.isFinished, let exit = streams.exitState else { return nil }
        return RunResult(command: command, status: exit.status, signal: exit.signal,
                         stdoutData: Data(streams.stdoutBytes), stderrData: Data(streams.stderrBytes),
                         seconds: exit.at - started)
    }
}
