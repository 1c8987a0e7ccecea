import HTTPSFetch
import Testing
import TestWorld

/// Each RFC 8461 §3.3 failure class, served by the world's real HTTPS server.
@Suite("Fetches that must fail")
struct RejectedPolicyFetchTests {
    @Test(arguments: ["wrong-host", "expired", "self-signed"])
    func rejectsInvalidCertificates(kind: String) throws {
        let server = try PolicyServer(HTTPSHost(certificate: kind, body: PolicyServer.policy))
        defer { server.stop() }
        let (error, _) = try server.failure()
        #expect(error.category == .webPKI)
        #expect(error.description.hasPrefix("fetching \(PolicyServer.url) failed: the certificate of mta-sts.example.test is not valid ("))
        #expect(try server.requests() == 0, "no HTTP request may follow a failed handshake")
    }

    @Test func rejectsACertificateFromAnUntrustedCA() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy))
        defer { server.stop() }
        let (error, _) = try server.failure(configuration: PolicyFetchConfiguration())  // system store only
        #expect(error.category == .webPKI)
        #expect(error.description.contains("is not valid (SSL certificate problem"))
    }

    @Test(arguments: [404, 500])
    func rejectsStatusesOtherThan200(status: Int) throws {
        let server = try PolicyServer(HTTPSHost(status: status, body: PolicyServer.policy))
        defer { server.stop() }
        let (error, _) = try server.failure()
        #expect(error.category == .fetch)
        #expect(error.description == "fetching \(PolicyServer.url) failed: the server answered HTTP \(status) (only 200 is accepted)")
    }

    @Test func neverFollowsARedirect() throws {
        let target = "https://mta-sts.elsewhere.test/.well-known/mta-sts.txt"
        let server = try PolicyServer(
            HTTPSHost(status: 301, body: PolicyServer.policy, headers: ["Location": target]),
            others: ["mta-sts.elsewhere.test": HTTPSHost(body: PolicyServer.policy)])
        defer { server.stop() }
        let (error, _) = try server.failure()
        #expect(error.category == .fetch)
        #expect(error.description.contains("HTTP 301 redirecting to \(target)"))
        let stats = try server.world.stats()
        #expect(stats.totalHTTPSRequests == 1)
        #expect(stats.httpsRequests[PolicyServer.policyHost] == 1)
    }

    @Test(arguments: [("text/html", "served as text/html, not text/plain"),
                      (nil, "served without a Content-Type, not as text/plain")] as [(String?, String)])
    func rejectsOtherMediaTypes(contentType: String?, explanation: String) throws {
        let server = try PolicyServer(HTTPSHost(contentType: contentType, body: PolicyServer.policy))
        defer { server.stop() }
        let (error, _) = try server.failure()
        #expect(error.category == .invalidDocument)
        #expect(error.description == "fetching \(PolicyServer.url) failed: the policy is \(explanation)")
    }

    @Test(arguments: [nil, "chunked"])
    func rejectsA70KiBBody(behaviour: String?) throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, bodySize: 70 * 1024, behaviour: behaviour))
        defer { server.stop() }
        let (error, _) = try server.failure()
        #expect(error.category == .invalidDocument)
        #expect(error.description == "fetching \(PolicyServer.url) failed: the policy is larger than 65536 bytes")
    }

    @Test func reportsAConnectionResetMidBody() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, bodySize: 8_000, behaviour: "reset-mid-body"))
        defer { server.stop() }
        let (error, _) = try server.failure()
        #expect(error.category == .fetch)
        #expect(error.description.contains("the transfer broke off"))
    }
}
