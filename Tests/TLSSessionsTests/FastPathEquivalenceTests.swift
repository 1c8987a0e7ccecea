import Foundation
import MTASTSPolicy
import Testing
@testable import TLSSessions

/// The byte-level fast paths (pre-filter, delivery line scanner, counting successes from the
/// bytes) change nothing: the sessions equal those of the slow path, which parses every line
/// in full, on the real Exim fixtures and on a generated day in the benchmark's shapes.
@Suite("Fast paths agree with the full parse")
struct FastPathEquivalenceTests {
    static let fixtures = [
        "TLSSessions/exim-tls.log", "TLSSessions/exim-tls-events.log", "TLSSessions/openssl-handwritten.log",
        "EximLog/exim-default.log", "EximLog/exim-selectors.log",
    ]

    func bothPaths(_ logs: [String], timezone: SessionTimeZone = .fixedOffset(seconds: 0), ignore: [String] = [],
                   day: UTCDay = Fixture.day, policies: @escaping @Sendable (DomainName, UTCDay) -> Bool = fixturePolicies)
        throws -> (fast: DailySessions, slow: DailySessions) {
        let fast = SessionReader(logs: logs, timezone: timezone, ignoreSenders: ignore, hadPolicy: policies)
        var slow = fast
        slow.usesFastPaths = false
        return (try fast.read(day: day), try slow.read(day: day))
    }

    @Test(arguments: fixtures)
    func realEximLogs(_ name: String) throws {
        let path = Fixture.directory + "/../" + name
        for ignore in [[], ["tlsrpt-noreply@sender.test", "dmarc-noreply@sender.test"]] {
            let (fast, slow) = try bothPaths([path], ignore: ignore, policies: { _, _ in true })
            #expect(fast == slow)
            let (fastFixture, slowFixture) = try bothPaths([path], ignore: ignore)
            #expect(fastFixture == slowFixture)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func aGeneratedDay(_ seed: UInt64) throws {
        let scratch = ScratchDirectory()
        let lines = SyntheticDayLog.lines(messages: 3_000, seed: seed)
        let log = scratch.write("mainlog", lines.joined(separator: "\n") + "\n")
        let policies: @Sendable (DomainName, UTCDay) -> Bool = { domain, _ in domain.description.hasPrefix("p") }
        for ignore in [[], [SyntheticDayLog.ignoredSender]] {
            let (fast, slow) = try bothPaths([log], ignore: ignore, policies: policies)
            #expect(fast == slow)
            #expect(fast.tallies.count == 100) // p0...p49 and d0...d49
            #expect(fast.tallies.values.contains { $0.usedDANE })
            #expect(fast.tallies.values.reduce(0) { $0 + $1.successfulSessions } > 1_000)
            #expect(fast.tallies.values.reduce(0) { $0 + $1.totalFailedSessions } > 100)
        }
    }

    @Test func aGeneratedDayInLocalTime() throws {
        let scratch = ScratchDirectory()
        let lines = SyntheticDayLog.lines(messages: 1_500, seed: 4, withZone: false)
        let log = scratch.write("mainlog", lines.joined(separator: "\n") + "\n")
        for timezone: SessionTimeZone in [.fixedOffset(seconds: 3_600), .named("Europe/Berlin"), .named("America/New_York")] {
            let (fast, slow) = try bothPaths([log], timezone: timezone, policies: { _, _ in true })
            #expect(fast == slow)
            #expect(!fast.tallies.isEmpty)
        }
    }
}
