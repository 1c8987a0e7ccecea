@testable import HTTPSFetch
import Testing
import TestWorld

/// A reused libcurl handle (``CurlFetchHandle``) must behave like a fresh one: each fetch
/// connects only to its own pinned addresses and verifies its own certificate against its
/// own CA file (RFC 8461 §3.3), whatever the handle did before.
@Suite("Reusing a libcurl handle between fetches")
struct ReusedHandleTests {
    static let host = PolicyServer.policyHost
    static let other = "mta-sts.other.test"

    /// Two worlds (two addresses, two test CAs) serving the same host names with different bodies.
    static func worlds() throws -> (World, World) {
        func scenario(_ name: String) -> Scenario {
            Scenario(https: [host: HTTPSHost(body: Scenario.policy(mx: ["\(name).example.test"])),
                             other: HTTPSHost(body: Scenario.policy(mx: ["\(name).other.test"])),
                             "mta-sts.wrong.test": HTTPSHost(certificate: "wrong-host", body: Scenario.policy(mx: ["x.test"]))])
        }
        return (try World(scenario("a")), try World(scenario("b")))
    }

    static func request(_ host: String, _ address: String, caFile: String) throws -> CurlRequest {
        CurlRequest(endpoint: try PolicyEndpoint(host: host, port: 443, addresses: [address]), caFile: caFile,
                    connectTimeoutMilliseconds: 10_000, timeoutMilliseconds: 30_000, maxBodyBytes: 65_536,
                    maxHeaderBytes: PolicyFetcher.maxHeaderBytes, userAgent: "mtasts-test")
    }

    static func fetch(_ handle: CurlFetchHandle, _ host: String, _ world: World,
                      caFile: String? = nil) throws -> Result<PolicyDocument, PolicyFetchError> {
        let request = try request(host, world.address, caFile: caFile ?? world.caFile)
        return PolicyResponseClassifier.judge(handle.perform(request), request: request)
    }

    static func mx(_ result: Result<PolicyDocument, PolicyFetchError>) throws -> String? {
        let body = String(decoding: try result.get().body, as: UTF8.self)
        return body.split(separator: "\r\n").first { $0.hasPrefix("mx: ") }.map { String($0.dropFirst(4)) }
    }

    @Test func eachFetchConnectsToItsOwnPinnedAddress() throws {
        let (a, b) = try Self.worlds()
        defer { a.stop(); b.stop() }
        let handle = try #require(CurlFetchHandle())
        // The same host pinned to one world, then the other, then back; then another host.
        #expect(try Self.mx(Self.fetch(handle, Self.host, a)) == "a.example.test")
        #expect(try Self.mx(Self.fetch(handle, Self.host, b)) == "b.example.test")
        #expect(try Self.mx(Self.fetch(handle, Self.host, a)) == "a.example.test")
        #expect(try Self.mx(Self.fetch(handle, Self.other, b)) == "b.other.test")
        #expect(try Self.mx(Self.fetch(handle, Self.host, b)) == "b.example.test")
        let (statsA, statsB) = (try a.stats(), try b.stats())
        #expect(statsA.httpsRequests[Self.host] == 2)
        #expect(statsA.httpsRequests[Self.other] == nil)
        #expect(statsB.httpsRequests[Self.host] == 2)
        #expect(statsB.httpsRequests[Self.other] == 1)
        // No connection outlives its fetch: none is left open for a later fetch to reuse.
        #expect(statsA.httpsConnections == 2)
        #expect(statsB.httpsConnections == 3)
    }

    @Test func eachFetchVerifiesItsOwnCertificate() throws {
        let (a, b) = try Self.worlds()
        defer { a.stop(); b.stop() }
        let handle = try #require(CurlFetchHandle())
        #expect(try Self.mx(Self.fetch(handle, Self.host, a)) == "a.example.test")
        // World b's certificate is signed by b's CA: trusting only a's CA (cached by the handle), it fails.
        let untrusted = try #require(throws: PolicyFetchError.self) { try Self.fetch(handle, Self.host, b, caFile: a.caFile).get() }
        #expect(untrusted.category == .webPKI)
        // A certificate for another name fails although the previous fetch on the handle succeeded.
        #expect(try Self.mx(Self.fetch(handle, Self.other, a)) == "a.other.test")
        let wrongHost = try #require(throws: PolicyFetchError.self) { try Self.fetch(handle, "mta-sts.wrong.test", a).get() }
        #expect(wrongHost.category == .webPKI)
        #expect(wrongHost.description.contains("the certificate of mta-sts.wrong.test is not valid"))
        // And b's own CA file is read, not the one cached from a's fetches.
        #expect(try Self.mx(Self.fetch(handle, Self.host, b)) == "b.example.test")
        #expect(try Self.mx(Self.fetch(handle, Self.host, a)) == "a.example.test")
    }

    @Test func aFailedFetchLeavesNothingForTheNext() throws {
        let (a, b) = try Self.worlds()
        defer { a.stop(); b.stop() }
        let handle = try #require(CurlFetchHandle())
        let refused = try #require(throws: PolicyFetchError.self) {
            try PolicyResponseClassifier.judge(
                handle.perform(try Self.request(Self.host, "127.1.2.3", caFile: a.caFile)),
                request: try Self.request(Self.host, "127.1.2.3", caFile: a.caFile)).get()
        }
        #expect(refused.category == .fetch)
        let document = try Self.fetch(handle, Self.host, b).get()
        #expect(document.certificateSubject?.contains(Self.host) == true)
        let wrongHost = try #require(throws: PolicyFetchError.self) { try Self.fetch(handle, "mta-sts.wrong.test", b).get() }
        #expect(!wrongHost.description.contains("HTTP"))
    }

    @Test func thePublicFetcherReusesHandlesAcrossHostsAndAddresses() throws {
        let (a, b) = try Self.worlds()
        defer { a.stop(); b.stop() }
        for _ in 0..<3 {
            for (world, name) in [(a, "a"), (b, "b")] {
                let fetcher = PolicyFetcher(configuration: PolicyFetchConfiguration(caFile: world.caFile, recordsCertificate: false))
                let document = try fetcher.fetch(policyHost: Self.other, addresses: [world.address])
                #expect(String(decoding: document.body, as: UTF8.self).contains("mx: \(name).other.test"))
                #expect(document.certificateSubject == nil)
            }
        }
        #expect(try a.stats().httpsRequests[Self.other] == 3)
        #expect(try b.stats().httpsRequests[Self.other] == 3)
    }
}
