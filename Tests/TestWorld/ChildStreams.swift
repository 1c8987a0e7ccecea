import Foundation

/// The pipes of one child and what has come through them, pumped by a thread of its own
/// (poll(2)): stdin is fed as the child reads it, stdout and stderr are collected as they come.
/// Pumping ends once the child has exited and what it wrote is read; output a grandchild still
/// writes to an inherited pipe after that is not waited for. Thread-safe.
final class ChildStreams: @unchecked Sendable {
    struct Exit: Sendable {
        let status: Int32
        let signal: Int32?
        let at: Double
    }

    private let condition = NSCondition()
    private var stdout: [UInt8] = []
    private var stderr: [UInt8] = []
    private var exit: Exit?
    private var finished = false
    private var pendingInput: [UInt8]
    private var inputWritten = 0
    private var inputCloseRequested: Bool
    private var linesRead = 0
    private let input: Int32
    private let output: Int32
    private let errors: Int32
    private let wake: (read: Int32, write: Int32)

    /// Takes our ends of the pipes (`input` to write, `output` and `errors` to read) and a wake pipe.
    init(input: Int32, output: Int32, errors: Int32, wake: (read: Int32, write: Int32), stdin: [UInt8], keepingStdinOpen: Bool) {
        self.input = input
        self.output = output
        self.errors = errors
        self.wake = wake
        pendingInput = stdin
        inputCloseRequested = !keepingStdinOpen
        for descriptor in [input, output, errors, wake.read, wake.write] { ChildSystemCalls.setNonBlocking(descriptor) }
    }

    func startPumping() {
        Thread { [self] in pump() }.start()
    }

    // MARK: Events from other threads

    func noteExit(status: Int32, signal: Int32?) {
        locked {
            exit = Exit(status: status, signal: signal, at: ChildSystemCalls.now())
            poke()
        }
    }

    func enqueue(_ bytes: [UInt8]) {
        locked {
            guard !inputCloseRequested else { return }
            pendingInput += bytes
            poke()
        }
    }

    func closeInput() {
        locked {
            inputCloseRequested = true
            poke()
        }
    }

    // MARK: What has come so far

    var hasExited: Bool { locked { exit != nil } }
    var isFinished: Bool { locked { finished } }
    var stdoutBytes: [UInt8] { locked { stdout } }
    var stderrBytes: [UInt8] { locked { stderr } }
    var exitState: Exit? { locked { exit } }

    /// Complete stdout lines; the unterminated last one too once the pumping is over.
    var stdoutLines: [String] { locked { completeLines() } }

    /// Waits until `predicate` holds (checked under the lock), the pumping ends or `deadline`
    /// (monotonic seconds) passes; the predicate's last value.
    func wait(until deadline: Double, _ predicate: (_ stdout: [String], _ stderr: [UInt8], _ finished: Bool) -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !predicate(completeLines(), stderr, finished) {
            let remaining = deadline - ChildSystemCalls.now()
            if finished || remaining <= 0 { return false }
            _ = condition.wait(until: Date(timeIntervalSinceNow: remaining))
        }
        return true
    }

    /// The next stdout line not read by this method yet; nil when none comes before `deadline`.
    func nextLine(until deadline: Double) -> String? {
        var line: String?
        _ = wait(until: deadline) { lines, _, _ in
            guard linesRead < lines.count else { return false }
            line = lines[linesRead]
            linesRead += 1
            return true
        }
        return line
    }

    // MARK: Pumping

    private func pump() {
        var outputOpen = true, errorsOpen = true, inputOpen = true
        while true {
            let (exited, chunk): (Bool, [UInt8]) = locked {
                if inputWritten == pendingInput.count {
                    pendingInput = []
                    inputWritten = 0
                    if inputOpen && inputCloseRequested {
                        ChildSystemCalls.close(input)
                        inputOpen = false
                    }
                }
                return (exit != nil, inputOpen ? Array(pendingInput[inputWritten..<min(inputWritten + 65536, pendingInput.count)]) : [])
            }
            if exited { break }
            var watched: [(descriptor: Int32, events: Int16)] = [(wake.read, Int16(POLLIN))]
            if outputOpen { watched.append((output, Int16(POLLIN))) }
            if errorsOpen { watched.append((errors, Int16(POLLIN))) }
            if !chunk.isEmpty { watched.append((input, Int16(POLLOUT))) }
            let ready = zip(watched.map(\.descriptor), ChildSystemCalls.poll(watched, milliseconds: -1))
            for (descriptor, events) in ready where events != 0 {
                switch descriptor {
                case wake.read: while case .bytes = ChildSystemCalls.read(wake.read) {}
                case output: outputOpen = receive(from: output)
                case errors: errorsOpen = receive(from: errors)
                default: inputOpen = send(chunk)
                }
            }
        }
        // The child has exited: what it wrote is in the pipes now; read it, do not wait for more.
        while outputOpen || errorsOpen {
            let open = [(output, outputOpen), (errors, errorsOpen)].filter(\.1).map { (descriptor: $0.0, events: Int16(POLLIN)) }
            let ready = zip(open.map(\.descriptor), ChildSystemCalls.poll(open, milliseconds: 0)).filter { $0.1 != 0 }
            if ready.isEmpty { break }
            for (descriptor, _) in ready {
                if descriptor == output { outputOpen = receive(from: output) } else { errorsOpen = receive(from: errors) }
            }
        }
        locked {
            for (descriptor, open) in [(input, inputOpen), (output, outputOpen), (errors, errorsOpen)] where open {
                ChildSystemCalls.close(descriptor)
            }
            ChildSystemCalls.close(wake.read)
            ChildSystemCalls.close(wake.write)
            finished = true
        }
    }

    /// Reads what is there; false once the stream has ended.
    private func receive(from descriptor: Int32) -> Bool {
        switch ChildSystemCalls.read(descriptor) {
        case .bytes(let bytes):
            locked { if descriptor == output { stdout += bytes } else { stderr += bytes } }
            return true
        case .nothingYet:
            return true
        case .end:
            ChildSystemCalls.close(descriptor)
            return false
        }
    }

    /// Writes what the pipe takes; false (stdin closed) once the child no longer reads it.
    private func send(_ chunk: [UInt8]) -> Bool {
        guard let written = ChildSystemCalls.write(input, chunk[...]) else {
            locked {
                pendingInput = []
                inputWritten = 0
                inputCloseRequested = true
            }
            ChildSystemCalls.close(input)
            return false
        }
        locked { inputWritten += written }
        return true
    }

    // MARK: Helpers (call with the lock held where noted)

    /// Wakes the pump; the lock is held, and after `finished` the wake pipe is gone.
    private func poke() {
        guard !finished else { return }
        _ = ChildSystemCalls.write(wake.write, [1][...])
    }

    /// Lock held.
    private func completeLines() -> [String] {
        var lines = stdout.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if let last = lines.last, !finished || last.isEmpty { lines.removeLast() }
        return lines.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `body` with the lock held, then wakes every waiter.
    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }
}
