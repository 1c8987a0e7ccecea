import CacheLookup
import Foundation
import MTASTSPolicy
import PolicyStore
import Testing
import TestWorld

/// Debian's real Exim (`/usr/sbin/exim`, exim4-daemon-heavy) expanding `${run}` of the helper
/// and `${dlfunc}` of the module with `exim -C <test config> -be` as root: both forms must
/// give the same answers.
@Suite("Exim -be expansions", .enabled(if: EximBE.available, "needs root and /usr/sbin/exim with Expand_dlfunc"))
struct EximExpansionTests {
    @Test(arguments: [
        ("policy", "mtasts_policy", ["example.com"], "enforce"),
        ("policy", "mtasts_policy", ["testing.example"], "testing"),
        ("policy", "mtasts_policy", ["failed.example"], "none"),
        ("policy", "mtasts_policy", ["a;b"], "none"),
        ("valid-mx", "mtasts_valid_mx", ["example.com", "mx1.example.com"], ""),
        ("valid-mx", "mtasts_valid_mx", ["example.com", "x.backup.example.com"], ""),
        ("valid-mx", "mtasts_valid_mx", ["example.com", "mx1.example.com.attacker.net"], "do_not_connect:no_match"),
        ("valid-mx", "mtasts_valid_mx", ["testing.example", "anything.net"], ""),
        ("mx-list", "mtasts_mx_hostlist", ["example.com"], "mx1.example.com:*.backup.example.com"),
    ])
    func bothFormsAnswerAlike(question: String, function: String, arguments: [String], expected: String) throws {
        let cache = try HelperProcessTests.cache()
        let exim = try EximBE()
        let options = "--cache \(cache.path) --on-miss none"
        let run = "[${run{\(Run.helper) \(options) \(question) \(arguments.joined(separator: " "))}}]"
        let dlfunc = "[${dlfunc{\(Run.module)}{\(function)}{\(arguments.joined(separator: "}{"))}{\(options)}}]"
        let lines = try exim.expand([run, dlfunc, dlfunc])
        #expect(lines == ["[\(expected)]", "[\(expected)]", "[\(expected)]"])
    }

    @Test func theModuleHonoursOnFailure() throws {
        let cache = try HelperProcessTests.cache()
        let exim = try EximBE()
        let lines = try exim.expand([
            "${dlfunc{\(Run.module)}{mtasts_policy}{failed.example}{--cache \(cache.path) --on-failure defer}}",
            "${run{\(Run.helper) --cache \(cache.path) --on-failure defer policy failed.example}}",
            "${dlfunc{\(Run.module)}{mtasts_policy}{failed.example}{--cache \(cache.path)}}",
        ])
        #expect(lines == ["fail", "fail", "none"])
    }

    @Test func cannotAnswerFailsTheExpansionWithTheReason() throws {
        let directory = try TemporaryDirectory()
        let exim = try EximBE()
        let absent = directory.path + "/absent.lmdb"
        let lines = try exim.expand([
            "${dlfunc{\(Run.module)}{mtasts_policy}{example.com}{--cache \(absent)}}",
            "${run{\(Run.helper) --cache \(absent) policy example.com}{$value}{defer:$value}}",
            "${dlfunc{\(Run.module)}{mtasts_policy}{example.com}{--on-miss maybe}}",
            "${dlfunc{\(Run.module)}{mtasts_valid_mx}{example.com}}",
            "${run{\(directory.path)/no-such-helper policy example.com}{$value}{defer:helper failed}}",
            "${dlfunc{\(directory.path)/no-such-module.so}{mtasts_policy}{example.com}}",
        ])
        #expect(lines.count == 6)
        #expect(lines[0] == "Failed: error:no cache at \(absent); run `mtasts prewarm` or `mtasts fetch --store`")
        #expect(lines[1] == "defer:error:no cache at \(absent); run `mtasts prewarm` or `mtasts fetch --store`")
        #expect(lines[2].hasPrefix("Failed: error:mtasts_policy settings: option \"--on-miss\" is \"maybe\""))
        #expect(lines[3].hasPrefix("Failed: error:mtasts_valid_mx takes DOMAIN, HOST"))
        #expect(lines[4] == "defer:helper failed")
        #expect(lines[5].hasPrefix("Failed: dlopen"))
    }

    @Test func successiveEximProcessesEachOpenTheCache() throws {
        let cache = try HelperProcessTests.cache()
        for _ in 0..<3 {
            let lines = try EximBE().expand(["${dlfunc{\(Run.module)}{mtasts_policy}{example.com}{--cache \(cache.path)}}"])
            #expect(lines == ["enforce"])
        }
    }

    @Test func aMissThroughTheModuleIsRecorded() throws {
        let cache = try HelperProcessTests.cache()
        let lines = try EximBE().expand([
            "${dlfunc{\(Run.module)}{mtasts_policy}{example.com}{--cache \(cache.path) --on-miss none}}",
            "${dlfunc{\(Run.module)}{mtasts_policy}{missed.example}{--cache \(cache.path) --on-miss none}}",
            "${dlfunc{\(Run.module)}{mtasts_policy}{example.com}{--cache \(cache.path) --on-miss none}}",
        ])
        #expect(lines == ["enforce", "none", "enforce"])
        #expect(try cache.entry("missed.example")?.tracking?.missedAt != nil)
    }

    /// `mtasts exim-macros` turns the YAML into the macros both forms use.
    @Test func theMacrosFromTheConfigurationDriveBothForms() throws {
        let cache = try HelperProcessTests.cache()
        let yaml = cache.directory.path + "/mtasts.yaml"
        try "cache:\n  path: \(cache.path)\nlookup:\n  on_failure: defer\n  on_miss: none\n  miss_deadline: 3s\n"
            .write(toFile: yaml, atomically: true, encoding: .utf8)
        let macros = try Run.process(Run.mtasts, ["exim-macros", "--config", yaml])
        #expect(macros.status == 0, "\(macros.stderr)")
        #expect(macros.stdout.contains("MTASTS_LOOKUP_SETTINGS = --cache \(cache.path) --on-failure defer --on-miss none --miss-deadline 3 "))
        #expect(macros.stdout.contains("MTASTS_LOOKUP_ON_FAILURE = defer\n"))
        let exim = try EximBE(prelude: macros.stdout)
        let lines = try exim.expand([
            "${run{\(Run.helper) MTASTS_LOOKUP_SETTINGS policy failed.example}}",
            "${dlfunc{\(Run.module)}{mtasts_policy}{failed.example}{MTASTS_LOOKUP_SETTINGS}}",
            "${dlfunc{\(Run.module)}{mtasts_mx_hostlist}{example.com}{MTASTS_LOOKUP_SETTINGS}}",
            "MTASTS_LOOKUP_CACHE_FILE",
        ])
        #expect(lines == ["fail", "fail", "mx1.example.com:*.backup.example.com", cache.path])
    }

    /// The module used, then the process forks (as Exim's daemon and queue runners do): the
    /// child reopens the cache, can record a miss, and the parent keeps answering.
    @Test func theModuleWorksAfterAFork() throws {
        let cache = try HelperProcessTests.cache()
        let result = try Run.process("/usr/bin/python3", [
            TestPaths.fixture("CacheLookup/fork-module.py"), Run.module, "--cache \(cache.path) --on-miss none"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n") == [
            "parent:0:enforce", "child:0:enforce", "child-mx:0:do_not_connect:no_match", "child-miss:0:none",
            "child-again:0:mx1.example.com:*.backup.example.com", "parent-after:0:enforce"])
        #expect(try cache.entry("missed-in-child.example")?.tracking?.missedAt != nil)
    }

    /// One long-lived process keeps asking while another process commits newer data (as the
    /// prewarmer does): every lookup reads in a new read-only transaction, so the first
    /// lookup after the commit sees it, for domains it had already answered.
    @Test func theModuleSeesANewerWriteOnItsNextLookup() throws {
        let cache = try HelperProcessTests.cache()
        let expire = String(Int64(Date().timeIntervalSince1970) + 86_400)
        let result = try Run.process("/usr/bin/python3", [
            TestPaths.fixture("CacheLookup/fresh-module.py"), Run.module, "--cache \(cache.path) --on-miss none",
            cache.path, expire])
        #expect(result.status == 0, "\(result.stderr)")
        let before = ["before:0:enforce", "before-mx:0:mx1.example.com:*.backup.example.com", "before-failed:0:none"]
        #expect(result.stdout.split(separator: "\n").map(String.init) == before + before + [
            "after:0:testing", "after-mx:0:mx.new.example", "after-failed:0:enforce",
            "after-valid-mx:0:do_not_connect:no_match"])
    }
}

/// `exim -C <config in a temporary directory> -be STRING...`: each argument expanded, one
/// output line each (`Failed: <message>` when the expansion fails).
struct EximBE {
    static let binary = "/usr/sbin/exim"
    static var available: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: binary) }

    let directory: TemporaryDirectory
    let configPath: String

    /// `prelude`: configuration lines put first (macro definitions).
    init(prelude: String = "") throws {
        directory = try TemporaryDirectory()
        configPath = directory.path + "/exim.conf"
        let template = try String(contentsOfFile: TestPaths.fixture("CacheLookup/exim-be.conf"), encoding: .utf8)
        try (prelude + template.replacingOccurrences(of: "@DIR@", with: directory.path))
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory.path + "/spool", withIntermediateDirectories: true)
    }

    /// Expands each string, one per line on standard input (Exim limits command-line
    /// arguments to 256 characters), and returns one result per string.
    func expand(_ strings: [String]) throws -> [String] {
        let result = try Run.process(Self.binary, ["-C", configPath, "-be"],
                                     stdin: strings.map { $0 + "\n" }.joined())
        if result.status != 0 {
            Issue.record("exim -be exited \(result.status): \(result.stderr)")
        }
        // Each result is printed as "> RESULT\n"; at end of input Exim prints one more "> \n".
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.last == "> " { lines.removeLast() }
        return lines.map { $0.hasPrefix("> ") ? String($0.dropFirst(2)) : $0 }
    }
}
