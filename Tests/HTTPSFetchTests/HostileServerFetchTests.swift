import HTTPSFetch
import Testing
import TestWorld

/// Servers that stall or never stop talking: every fetch ends within its time or size limit.
@Suite("Hostile servers end within the limits")
struct HostileServerFetchTests {
    /// Room for a loaded CI machine; the point is "ends", not "ends on the millisecond".
    static let margin: Duration = .seconds(10)

    @Test func aServerThatNeverAnswersTimesOut() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, behaviour: "hang"))
        defer { server.stop() }
        let (error, elapsed) = try server.failure(timeout: .seconds(2))
        #expect(error.category == .fetch)
        #expect(error.description.contains("did not arrive within the 2 s timeout"))
        #expect(elapsed >= .milliseconds(1_900))
        #expect(elapsed < .seconds(2) + Self.margin)
        #expect(try server.requests() == 1)
    }

    @Test func aServerThatNeverSpeaksTLSTimesOut() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, behaviour: "hang-handshake"))
        defer { server.stop() }
        let (error, elapsed) = try server.failure(timeout: .seconds(2))
        #expect(error.category == .fetch)
        #expect(error.description.contains("the connection and TLS handshake did not complete within the 2 s limit"))
        #expect(elapsed < .seconds(2) + Self.margin)
    }

    @Test func aTricklingServerTimesOut() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, behaviour: "trickle"))
        defer { server.stop() }
        let (error, elapsed) = try server.failure(timeout: .seconds(3))
        #expect(error.category == .fetch)
        #expect(error.description.contains("within the 3 s timeout"))
        #expect(elapsed < .seconds(3) + Self.margin)
    }

    @Test func anEndlessBodyStopsAtTheCap() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, behaviour: "endless-body"))
        defer { server.stop() }
        let (error, elapsed) = try server.failure(timeout: .seconds(20))
        #expect(error.category == .invalidDocument)
        #expect(error.description.hasSuffix("the policy is larger than 65536 bytes"))
        #expect(elapsed < .seconds(20), "the cap, not the timeout, must end it")
    }

    @Test func endlessHeadersStopAtTheCap() throws {
        let server = try PolicyServer(HTTPSHost(body: PolicyServer.policy, behaviour: "endless-header"))
        defer { server.stop() }
        let (error, elapsed) = try server.failure(timeout: .seconds(20))
        #expect(error.category == .fetch)
        #expect(error.description.hasSuffix("the response headers are larger than 65536 bytes"))
        #expect(elapsed < .seconds(20), "the cap, not the timeout, must end it")
    }
}
