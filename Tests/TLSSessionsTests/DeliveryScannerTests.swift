import EximLog
import Foundation
import Testing
@testable import TLSSessions

/// The `=>` fast path reads exactly what the full parser reads, on every line of the real
/// Exim fixtures, and declines the forms it does not handle.
@Suite("Delivery line fast path")
struct DeliveryScannerTests {
    static let logs = [
        "TLSSessions/exim-tls.log", "TLSSessions/exim-tls-events.log", "TLSSessions/openssl-handwritten.log",
        "EximLog/exim-default.log", "EximLog/exim-selectors.log",
    ]

    @Test(arguments: logs)
    func agreesWithTheParser(_ name: String) throws {
        let text = try String(contentsOfFile: Fixture.directory + "/../" + name, encoding: .utf8)
        var scanned = 0
        for line in text.split(separator: "\n") {
            let bytes = Array(line.utf8)[...]
            guard let fast = DeliveryLineScanner.scan(bytes) else { continue }
            scanned += 1
            let parsed = try DeliveryFacts(EximLogLine(parsing: line))
            #expect(fast == parsed, "\(line)")
        }
        let deliveries = text.split(separator: "\n").filter { $0.contains(" => ") && $0.contains(" H=") }.count
        #expect(scanned >= deliveries - 2) // all but the parent-address (`<...>`) forms
    }

    @Test(arguments: [
        "2026-11-25 10:00:00 1xWaaa-000001-AA == a@d.example R=r T=t defer (-37) H=mx [192.0.2.1]: TLS session: x",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => someone@r.test <alias@local.test> R=r T=t H=mx [192.0.2.1] X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => \"a b\"@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => user <user@local.test> R=local_user T=mailbox",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=[192.0.2.1] X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1]",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0",
        "2026-11-25 10:00:00 short-id => a@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes",
    ])
    func declinesOrMatches(_ line: String) throws {
        if let fast = DeliveryLineScanner.scan(Array(line.utf8)[...]) {
            #expect(fast == (try DeliveryFacts(EximLogLine(parsing: line))))
        }
    }
}
