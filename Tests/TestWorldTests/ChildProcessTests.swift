import Foundation
import Testing
import TestWorld

/// The shared runner every test target uses: the cases a flaky or hanging child would hit.
@Suite("ChildProcess")
struct ChildProcessTests {
    @Test("stdout, stderr, stdin and the exit status come back separately")
    func capturesEverything() throws {
        let result = try ChildProcess("/bin/sh", ["-c", "cat; echo oops >&2; exit 3"], stdin: "hello\n").run()
        #expect(result.stdout == "hello\n")
        #expect(result.stderr == "oops\n")
        #expect(result.status == 3)
        #expect(result.signal == nil)
        #expect(!result.succeeded)
        #expect(throws: ChildProcessError.self) { try result.requireSuccess() }
    }

    @Test("a child that outlives its timeout is killed and reported as one error")
    func timeoutKills() throws {
        let started = Date()
        let error = #expect(throws: ChildProcessError.self) {
            try ChildProcess("/bin/sleep", ["30"], timeout: 1).run()
        }
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(error?.description.contains("sleep") == true)
    }

    @Test("the run ends with the child, not with a grandchild holding its pipes")
    func grandchildDoesNotBlock() throws {
        let started = Date()
        let result = try ChildProcess("/bin/sh", ["-c", "sleep 30 & echo hi"], timeout: 60).run()
        #expect(result.stdout == "hi\n")
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("a signalled child reports the signal and 128 + signal")
    func signalledChild() throws {
        let child = try ChildProcess("/bin/sleep", ["30"]).start()
        child.signal(SIGTERM)
        let result = try child.finish(timeout: 30)
        #expect(result.signal == SIGTERM)
        #expect(result.status == 128 + SIGTERM)
    }

    @Test("an exact environment and a working directory are applied")
    func environmentAndDirectory() throws {
        let directory = try TemporaryDirectory()
        let result = try ChildProcess("/bin/sh", ["-c", "pwd; echo \"$ONLY:${HOME:-unset}\""],
                                      environment: .exactly(["ONLY": "this"]),
                                      workingDirectory: directory.path).run()
        #expect(result.stdoutLines == [URL(fileURLWithPath: directory.path).resolvingSymlinksInPath().path, "this:unset"])
    }

    @Test("a missing executable cannot start, and says so")
    func missingExecutable() {
        let error = #expect(throws: ChildProcessError.self) {
            try ChildProcess("/nonexistent/program").run()
        }
        #expect(error?.description.contains("/nonexistent/program") == true)
    }

    @Test("a chatty child never blocks on a full pipe")
    func largeOutput() throws {
        let result = try ChildProcess("/bin/sh", ["-c", "head -c 3000000 /dev/zero; head -c 3000000 /dev/zero >&2"]).run()
        #expect(result.stdoutData.count == 3_000_000)
        #expect(result.stderrData.count == 3_000_000)
    }
}
