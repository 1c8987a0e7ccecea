import Foundation
import Testing
import TestWorld

/// When the lookup itself cannot answer, the shipped routers defer with a temporary error
/// naming the cause instead of letting the mail leave through the ordinary dnslookup router
/// (Exim skips a router whose condition fails to expand: the fail-open trap).
@Suite(.enabled(if: EximPrerequisites.available, "needs root, /usr/sbin/exim (exim4-daemon-heavy) and unshare"))
struct LookupFailureTests {
    @Test("a missing helper defers with its exit status")
    func helperMissing() throws {
        let (world, sandbox) = try RoutingTests.standardSandbox(EximSettings(helperPath: "/nonexistent/mtasts-lookup"))
        defer { world.stop() }
        let routing = try sandbox.route("user@enforce.test")
        #expect(routing.isDeferred, "\(routing)")
        #expect(routing.router == nil, "\(routing)")
        #expect(routing.deferReason?.contains("cannot answer: /nonexistent/mtasts-lookup exited with status 127") == true,
                "\(routing)")
    }

    @Test("a module that cannot be loaded defers naming it")
    func moduleMissing() throws {
        let settings = EximSettings(form: .dlfunc, modulePath: "/nonexistent/libmtasts_exim.so")
        let world = try World(MailWorld.standard())
        defer { world.stop() }
        let sandbox = try EximSandbox(world: world, settings: settings)
        try TestCache.write(TestCache.standardEntries(), to: sandbox.cachePath)
        try sandbox.handToEximUser()
        let routing = try sandbox.route("user@enforce.test")
        #expect(routing.isDeferred, "\(routing)")
        #expect(routing.router == nil, "\(routing)")
        #expect(routing.deferReason?.contains("/nonexistent/libmtasts_exim.so") == true, "\(routing)")
    }

    @Test("a cache file that is not LMDB defers naming the cache", arguments: LookupForm.allCases)
    func cacheUnreadable(form: LookupForm) throws {
        let (world, sandbox) = try RoutingTests.standardSandbox(EximSettings(form: form))
        defer { world.stop() }
        try FileManager.default.removeItem(atPath: sandbox.cachePath)
        try? FileManager.default.removeItem(atPath: sandbox.cachePath + "-lock")
        try "this is not an LMDB environment\n".write(toFile: sandbox.cachePath, atomically: true, encoding: .utf8)
        try sandbox.handToEximUser()
        for domain in ["enforce.test", "none.test"] {
            let routing = try sandbox.route("user@\(domain)")
            #expect(routing.isDeferred, "\(routing)")
            #expect(routing.router == nil, "\(routing)")
            #expect(routing.deferReason?.contains(sandbox.cachePath) == true, "\(routing)")
        }
    }

    @Test("MTASTS_FAIL_OPEN lets mail through when the helper cannot answer")
    func failOpen() throws {
        let settings = EximSettings(helperPath: "/nonexistent/mtasts-lookup", failOpen: true)
        let (world, sandbox) = try RoutingTests.standardSandbox(settings)
        defer { world.stop() }
        let routing = try sandbox.route("user@enforce.test")
        #expect(routing.router == "dnslookup", "\(routing)")
    }
}
