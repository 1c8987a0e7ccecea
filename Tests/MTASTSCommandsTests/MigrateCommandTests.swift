import Foundation
import Testing
import TestWorld

/// `mtasts migrate --from` with a Perl-era directory cache built by the real `mdb_load`.
@Suite("mtasts migrate copies a Perl-script cache")
struct MigrateCommandTests {
    @Test func migratesThroughTheCommandLine() throws {
        let directory = try TemporaryDirectory()
        let source = directory.path + "/lmdb2"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: false)
        let future = Int64(Date().timeIntervalSince1970) + 86_400
        // Keys exactly as the Perl original wrote them (LMDB_File, no NUL terminator).
        let pairs = [
            ("perl.example:mode", "enforce"), ("perl.example:mx", "mx1.perl.example:*.mx.perl.example"),
            ("perl.example:expire", String(future)), ("perl.example:id", "20190507T01"),
            ("perl.example:report", "tlsrpt@perl.example"),
            ("broken.example:mode", "sometimes"), ("broken.example:mx", "mx.broken.example"),
            ("broken.example:expire", String(future)), ("broken.example:id", "1"),
        ]
        let load = try ChildProcess("/usr/bin/mdb_load", ["-T", source],
                                    stdin: pairs.map { "\($0.0)\n\($0.1)\n" }.joined()).run()
        #expect(load.status == 0, "\(load.stderr)")

        let cache = directory.path + "/mtasts.lmdb"
        let config = directory.path + "/mtasts.yaml"
        try "cache:\n  path: \(cache)\n".write(toFile: config, atomically: true, encoding: .utf8)

        let result = try MTASTS.run(["migrate", "--from", source, "--json", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["migrated"] as? [String] == ["perl.example"])
        let skipped = try #require(json["skipped"] as? [[String: Any]])
        #expect(skipped.map { $0["key"] as? String } == ["broken.example:mode"])

        let keys = try MDBDump.entries(of: cache)
        #expect(keys["perl.example:mode"] == "enforce")
        #expect(keys["perl.example:mx"] == "mx1.perl.example:*.mx.perl.example")
        #expect(keys["perl.example:expire"] == String(future))
        #expect(keys["perl.example:id"] == "20190507T01")
        #expect(keys["perl.example:report"] == "tlsrpt@perl.example")
        #expect(keys["broken.example:mode"] == nil)

        let show = try MTASTS.run(["show", "perl.example", "--json", "--config", config])
        #expect(show.status == 0)
        let policy = try #require(try show.json()["policy"] as? [String: Any])
        #expect(policy["valid_now"] as? Bool == true)

        let missing = try MTASTS.run(["migrate", "--from", directory.path + "/nowhere", "--config", config])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere"))
    }
}
