import Foundation
import Testing
import TestWorld

/// Bad input at the command line: a clear message and exit 2, never a crash or a network query.
@Suite("mtasts rejects bad arguments and configuration clearly")
struct ArgumentTests {
    @Test(arguments: [
        "a b.example", "x;reboot.example", "$(id).example", "a\u{1}.example", "bücher.example",
        "..", "-lead.example", String(repeating: "a", count: 64) + ".example", "192.0.2.1", "",
    ])
    func oddDomainArguments(_ domain: String) throws {
        // "--" so that a leading hyphen reaches the domain check instead of the option parser.
        for command in ["fetch", "show"] {
            let result = try MTASTS.run([command, "--config", "/nonexistent/never-read.yaml", "--", domain])
            #expect(result.status == 2)
            #expect(result.stderr.contains("invalid domain name"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func configurationErrorsNameTheKeyAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/bad.yaml"
        try "cache:\n  path: /tmp/x.lmdb\nresolver:\n  timout: 5s\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try MTASTS.run(["fetch", "example.test", "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 4"), "\(result.stderr)")
        #expect(result.stderr.contains("timout"))
    }

    @Test func aMissingExplicitConfigIsAnError() throws {
        let result = try MTASTS.run(["show", "example.test"], environment: ["MTASTS_CONFIG": "/nonexistent/mtasts.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/mtasts.yaml"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try MTASTS.run(["fetch"]).status == 2)
        #expect(try MTASTS.run(["frobnicate"]).status == 2)
        #expect(try MTASTS.run(["fetch", "example.test", "--force"]).status == 2)
        #expect(try MTASTS.run(["--help"]).status == 0)
    }

    @Test func policyParseFromFileAndStandardInput() throws {
        let valid = TestPaths.fixture("MTASTSPolicy/enforce-crlf.txt")
        let fromFile = try MTASTS.run(["policy", "parse", "--json", valid])
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout == #"{"valid":true,"version":"STSv1","mode":"enforce","max_age":604800,"mx":["mx1.example.com","*.mail.example.com"]}"# + "\n")

        let fromStdin = try MTASTS.run(["policy", "parse", "--json", "-"], stdin: "version: STSv1\nmode: none\nmax_age: 0\n")
        #expect(fromStdin.status == 0)
        #expect(try fromStdin.json()["mode"] as? String == "none")

        let invalid = try MTASTS.run(["policy", "parse", "--json", TestPaths.fixture("MTASTSPolicy/max-age-not-number.txt")])
        #expect(invalid.status == 1)
        #expect(try invalid.json()["valid"] as? Bool == false)
        #expect(try invalid.json()["error"] as? String == "line 4: max_age \"xxx\" is not a number of seconds (1 to 10 digits)")

        let text = try MTASTS.run(["policy", "parse", TestPaths.fixture("MTASTSPolicy/enforce-without-mx.txt")])
        #expect(text.status == 1)
        #expect(text.stdout == "invalid: mode enforce needs at least one mx line\n")

        let missing = try MTASTS.run(["policy", "parse", "/nonexistent/policy.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/policy.txt"))
    }
}
