import CacheLookup
import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// The built `mtasts-lookup` run as Exim's `${run}` would: answers verbatim, no newline.
@Suite("mtasts-lookup helper")
struct HelperProcessTests {
    static func cache() throws -> CacheFile {
        let now = Int64(Date().timeIntervalSince1970)
        return try CacheFile([
            Entries.entry(policy: Entries.policy(.enforce, expire: now + 86_400)),
            CacheEntry(domain: try DomainName(validating: "testing.example"),
                       policy: CachedPolicy(mode: .testing, mx: ["mx.testing.example"], expire: now + 86_400, id: "t")),
            CacheEntry(domain: try DomainName(validating: "failed.example"),
                       lastCheck: CheckRecord(checkedAt: now, outcome: .failure)),
        ])
    }

    @Test(arguments: [
        (["policy", "example.com"], "enforce"),
        (["policy", "EXAMPLE.COM."], "enforce"),
        (["policy", "testing.example"], "testing"),
        (["policy", "failed.example"], "none"),
        (["--on-failure", "defer", "policy", "failed.example"], "fail"),
        (["valid-mx", "example.com", "mx1.example.com"], ""),
        (["valid-mx", "example.com", "x.backup.example.com"], ""),
        (["valid-mx", "example.com", "evilmx1.example.com"], "do_not_connect:no_match"),
        (["valid-mx", "example.com", "mx1.example.com.attacker.net"], "do_not_connect:no_match"),
        (["valid-mx", "testing.example", "elsewhere.net"], ""),
        (["mx-list", "example.com"], "mx1.example.com:*.backup.example.com"),
        (["mx-list", "testing.example"], "mx.testing.example"),
    ])
    func answers(arguments: [String], expected: String) throws {
        let cache = try Self.cache()
        let result = try Run.helper(["--cache", cache.path, "--on-miss", "none"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
    }

    static let hostile: [String] = [
        "a;b", "$(touch /tmp/mtasts-pwned)", "`id`", "example.com;rm -rf /", "with space.com", "${run{/bin/true}}",
        "exämple.com", "例え.jp", "-example.com", "--cache", "a..b", ".", "", "1.2.3.4", "[192.0.2.1]",
        String(repeating: "a", count: 300), String(repeating: "abcdefghi.", count: 30) + "com",
        "example.com\n", "example.com\r\nX: y", "\u{7F}", "%s%s%n",
    ]

    @Test(arguments: hostile)
    func hostileDomainsAnswerNone(domain: String) throws {
        let cache = try Self.cache()
        let policy = try Run.helper(["--cache", cache.path, "--on-miss", "none", "policy", domain])
        #expect(policy.status == 0)
        #expect(policy.stdout == "none")
        #expect(policy.stderr.contains("refusing domain"))
        #expect(!policy.stderr.contains("\n\n"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/mtasts-pwned"))
        let list = try Run.helper(["--cache", cache.path, "--on-miss", "none", "mx-list", domain])
        #expect(list.status == 0 && list.stdout == "")
    }

    @Test(arguments: hostile)
    func hostileHostsAreRefusedUnderEnforce(host: String) throws {
        let cache = try Self.cache()
        let result = try Run.helper(["--cache", cache.path, "valid-mx", "example.com", host])
        #expect(result.status == 0)
        #expect(result.stdout == "do_not_connect:invalid_host" || result.stdout == "do_not_connect:no_match")
        let testing = try Run.helper(["--cache", cache.path, "valid-mx", "testing.example", host])
        #expect(testing.stdout == "")
    }

    @Test func aMissingCacheCannotAnswer() throws {
        let directory = try TemporaryDirectory()
        let result = try Run.helper(["--cache", directory.path + "/absent.lmdb", "policy", "example.com"])
        #expect(result.status == 75)
        #expect(result.stdout.hasPrefix("error:no cache at \(directory.path)/absent.lmdb"))
        #expect(!result.stdout.hasSuffix("\n"))
    }

    @Test func aFileThatIsNoCacheCannotAnswer() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/garbage.lmdb"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let result = try Run.helper(["--cache", path, "policy", "example.com"])
        #expect(result.status == 75)
        #expect(result.stdout.hasPrefix("error:"))
        #expect(result.stdout.contains("garbage.lmdb"))
    }

    @Test(arguments: [["policy"], ["policy", "a", "b"], ["lookup", "example.com"], ["--cache"], ["--nope", "x", "policy", "a"], []])
    func badUsage(arguments: [String]) throws {
        let result = try Run.helper(arguments)
        #expect(result.status == 64)
        #expect(result.stdout.hasPrefix("error:"))
        #expect(!result.stdout.contains("\n"))
    }

    @Test(arguments: [Run.helper, Run.module])
    func neitherFormLinksFoundation(binary: String) throws {
        let ldd = try Run.process("/usr/bin/ldd", [binary])
        #expect(ldd.status == 0)
        #expect(!ldd.stdout.contains("Foundation"))
        #expect(ldd.stdout.contains("liblmdb"))
        let symbols = try Run.process("/usr/bin/nm", ["-D", "--undefined-only", binary])
        #expect(symbols.status == 0)
        #expect(!symbols.stdout.contains("10Foundation"))
    }
}
