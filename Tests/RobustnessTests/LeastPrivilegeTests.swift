import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// Item 5: writers refuse root without --allow-root, no shell anywhere, lookups open the cache
/// read-only.
@Suite("Least privilege")
struct LeastPrivilegeTests {
    @Test("a writing command refuses root without --allow-root", arguments: [
        ["fetch", "--store", "example.com"], ["prewarm"], ["tick"], ["run"], ["learn"],
        ["migrate", "--from", "/nonexistent"], ["report"],
    ])
    func refusesRoot(arguments: [String]) throws {
        try #require(getuid() == 0, "the tests run as root")
        let directory = try TemporaryDirectory()
        let config = directory.file("none.yaml")
        let result = try Child.mtasts(arguments + ["--config", config], asIs: true)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stderr.contains("refuses to run as root"), "\(result.stderr)")
        #expect(result.stderr.contains("--allow-root"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("cache.lmdb")))
    }

    @Test("reading commands run as root without the flag")
    func readersRunAsRoot() throws {
        let result = try Child.mtasts(["show", "--config", "/nonexistent/mtasts.yaml", "example.com"], asIs: true)
        #expect(!result.stderr.contains("refuses to run as root"), "\(result.stderr)")
    }

    @Test("no source file reaches a shell")
    func noShellInSources() throws {
        let sources = TestPaths.packageRoot + "/Sources"
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources))
        var offenders: [String] = []
        var scanned = 0
        for case let file as String in enumerator where file.hasSuffix(".swift") || file.hasSuffix(".h") {
            scanned += 1
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            // libc's shell entry points as calls (not `.system(` enum cases or `ResolverConfiguration.system(`).
            let pattern = try NSRegularExpression(pattern: #"(/bin/sh|(?<![.\w])(?<!case |func )(system|popen|execvp|execlp)\s*\(|"sh",\s*"-c")"#)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                offenders.append("\(file): \((text as NSString).substring(with: match.range))")
            }
        }
        #expect(scanned > 50)
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test("a domain carrying shell syntax is refused before anything runs", arguments: [
        "x$(touch /tmp/pwned-mtasts).example", "x`touch /tmp/pwned-mtasts`.example", "x;touch /tmp/pwned-mtasts.example",
        "x|touch /tmp/pwned-mtasts.example",
    ])
    func shellSyntaxDomain(domain: String) throws {
        let marker = "/tmp/pwned-mtasts"
        unlink(marker)
        let directory = try TemporaryDirectory()
        let cache = directory.file("cache.lmdb")
        _ = try LMDBPolicyStore(path: cache, access: .readWrite)
        let config = directory.file("mtasts.yaml")
        try "cache:\n  path: \(cache)\nresolver:\n  nameservers: [\"127.0.0.1:9\"]\n  timeout: 1s\n  attempts: 1\n"
            .write(toFile: config, atomically: true, encoding: .utf8)

        let fetch = try Child.mtasts(["fetch", "--store", "--config", config, domain])
        #expect(fetch.status == 2, "\(fetch.output)")
        let prewarm = try Child.mtasts(["prewarm", "--config", config, "--domain", domain])
        #expect(prewarm.status == 2, "\(prewarm.output)")
        // The helper with a miss fetch configured: the domain never reaches the child.
        let helper = try Child.run(Child.helper, ["--cache", cache, "--config", config, "--mtasts", Child.mtasts,
                                                  "--miss-deadline", "5", "policy", domain],
                                   environment: [WriterVariable.name: "1"])
        #expect(helper.stdout == "none", "\(helper.output)")
        #expect(helper.stderr.contains("refusing domain"), "\(helper.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(try LMDBPolicyStore(path: cache, access: .readOnly).domains().isEmpty)
    }

    /// The lookups open the cache read-only: a cache file the lookup's user can only read
    /// (0440, owned by root, group of the lookup user) still answers.
    @Test("the lookup helper answers from a cache it can only read",
          .enabled(if: getuid() == 0 && getpwnam("Debian-exim") != nil, "needs root and the Debian-exim user"))
    func readOnlyCacheAnswers() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let cache = directory.file("cache.lmdb")
        let now = Int64(Date().timeIntervalSince1970)
        let store = try LMDBPolicyStore(path: cache, access: .readWrite)
        try store.put(CacheEntry(domain: try DomainName(validating: "ro.example"),
                                 policy: CachedPolicy(mode: .enforce, mx: ["mx.ro.example"], expire: now + 86_400, id: "r1")))
        let exim = try #require(getpwnam("Debian-exim")).pointee
        // The data file: root-owned, group-readable only. The lock file stays writable by the
        // group (LMDB readers take a reader slot there).
        chown(cache, 0, exim.pw_gid)
        chmod(cache, 0o440)
        chown(cache + "-lock", 0, exim.pw_gid)
        chmod(cache + "-lock", 0o660)
        let before = try Data(contentsOf: URL(fileURLWithPath: cache))
        let result = try Child.run("/usr/sbin/runuser", ["-u", "Debian-exim", "--", Child.helper, "--cache", cache,
                                                         "--on-miss", "none", "policy", "ro.example"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout == "enforce", "\(result.output)")
        let mx = try Child.run("/usr/sbin/runuser", ["-u", "Debian-exim", "--", Child.helper, "--cache", cache,
                                                     "--on-miss", "none", "mx-list", "ro.example"])
        #expect(mx.stdout == "mx.ro.example", "\(mx.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before)
    }
}
