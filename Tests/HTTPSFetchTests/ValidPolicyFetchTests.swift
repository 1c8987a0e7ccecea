import HTTPSFetch
import Testing
import TestWorld

/// RFC 8461 §3.3 success path against the world's real HTTPS server.
@Suite("Fetching a valid policy")
struct ValidPolicyFetchTests {
    @Test(arguments: ["text/plain", "text/plain; charset=utf-8", "TEXT/PLAIN"])
    func fetchesATextPlainPolicy(contentType: String) throws {
        let server = try PolicyServer(HTTPSHost(contentType: contentType, body: PolicyServer.policy))
        defer { server.stop() }
        let document = try server.fetch()
        #expect(document.body == Array(PolicyServer.policy.utf8))
        #expect(document.contentType == contentType)
        #expect(document.url == PolicyServer.url)
        #expect(document.certificateSubject?.contains("mta-sts.example.test") == true)
        #expect(document.certificateIssuer != nil)
        let stats = try server.world.stats()
        #expect(stats.httpsPaths["mta-sts.example.test /.well-known/mta-sts.txt"] == 1)
    }

    @Test(arguments: [nil, "chunked"])
    func acceptsABodyOfExactly64KiB(behaviour: String?) throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, bodySize: 65_536, behaviour: behaviour))
        defer { server.stop() }
        let document = try server.fetch()
        #expect(document.body.count == 65_536)
        #expect(document.body.starts(with: Array(PolicyServer.policy.utf8)))
    }

    @Test func triesTheNextAddressWhenTheFirstRefuses() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy))
        defer { server.stop() }
        // Worlds use 127.2-250.x.y, so 127.1.2.3 and ::1 port 443 are closed.
        let document = try server.fetch(addresses: ["127.1.2.3", "::1", server.world.address])
        #expect(document.body == Array(PolicyServer.policy.utf8))
        #expect(try server.requests() == 1)
    }

    @Test func servesManyThreadsAtOnce() async throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy))
        defer { server.stop() }
        let configuration = server.configuration()
        let address = server.world.address
        let bodies = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try PolicyFetcher(configuration: configuration)
                        .fetch(policyHost: PolicyServer.policyHost, addresses: [address]).body
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies.count == 8)
        #expect(bodies.allSatisfy { $0 == Array(PolicyServer.policy.utf8) })
        #expect(try server.requests() == 8)
    }
}
