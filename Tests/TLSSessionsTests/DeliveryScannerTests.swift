import EximLog
import Foundation
import Testing
import TestWorld
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

/// The scanner against the parser on many mutated delivery lines: where the scanner reads a
/// line at all, it reads what the parser reads (and it never traps on hostile bytes).
@Suite("Delivery line fast path, mutated lines")
struct DeliveryScannerMutationTests {
    static let seeds: [String] = [
        "2026-11-25 09:33:00 +0000 1xW9N6-0003lS-0A => a@good.enforce R=enforce T=remote_smtp H=mx.good.test [127.93.0.2]:25 X=TLS1.3:AES_256_GCM:256 CV=yes DN=\"CN=mx.good.test\" C=\"250 OK id=1\"",
        "2026-11-25 09:33:00.123 [4711] 1xW9N6-0003lS0A1AB-000A == b@bad.enforce R=r T=t defer (-37) H=mx.bad.test [127.93.0.3]:25: TLS session: (certificate verification failed): certificate invalid",
        "2026-11-25 09:33:00 -0130 1xW9N6-0003lS-0A ** c@gone.test R=r T=t H=mx.gone.test [2001:db8::1]:25: SMTP error from remote mail server after RCPT TO:<c@gone.test>: 550 no",
        "2026-11-25 09:33:00 1xW9N6-0003lS-0A => d@reuse.test R=r T=t H=mx.reuse.test [192.0.2.1]:25* X=TLS1.2:x:128 CV=no",
        "2026-11-25 09:33:00 1xW9N6-0003lS-0A => e@plain.test R=r T=t H=mx.plain.test [192.0.2.1]:587 C=\"250 \\\" X=y CV=no\"",
        "2026-11-25 09:33:00 1xW9N6-0003lS-0A => f@dane.test R=r T=t H=mx.dane.test [192.0.2.1] X=TLS1.3:x:256 CV=dane DN=\"a b\"",
    ]

    static let replacements: [UInt8] = Array(" \"\\:=<>[]()*-+.0123456789HXCVaz@".utf8) + [0x00, 0x09, 0x7F, 0xC3, 0xFF]

    @Test(arguments: 0..<seeds.count)
    func agreesWithTheParser(_ seedIndex: Int) throws {
        var numbers = SyntheticDayLog.Numbers(seed: UInt64(seedIndex) &* 7_919 &+ 1)
        let original = Array(Self.seeds[seedIndex].utf8)
        #expect(DeliveryLineScanner.scan(original[...]) != nil) // the seed line itself takes the fast path
        var scanned = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0...numbers.below(3) {
                let position = numbers.below(bytes.count)
                switch numbers.below(4) {
                case 0: bytes[position] = Self.replacements[numbers.below(Self.replacements.count)]
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(Self.replacements[numbers.below(Self.replacements.count)], at: position)
                default: bytes.removeSubrange(position..<min(bytes.count, position + numbers.below(12)))
                }
                if bytes.isEmpty { bytes = original }
            }
            guard let fast = DeliveryLineScanner.scan(bytes[...]) else { continue }
            scanned += 1
            let parsed = try? EximLogLine(parsing: bytes)
            let facts = parsed.flatMap(DeliveryFacts.init)
            #expect(fast == facts, "\(String(decoding: bytes, as: UTF8.self))")
        }
        #expect(scanned > 100)
    }

    @Test(arguments: [
        // Forms the scanner leaves to the parser (or reads exactly as it does).
        "2026-11-25 10:00:00  1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes",    // two spaces
        "2026-11-25 10:00:00 +2500 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes", // no zone
        "2026-11-25 10:00:00 [x1] 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes",  // no pid
        "2026-11-25 10:00:00 1xWaaa_000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes",       // no message id
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example  R=r T=t H=mx [192.0.2.1] X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1]:99999999999999999999 X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1]:70000 X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1]: odd X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] CV=\"yes\" X=x",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] C=\"x\": X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] DN=\"a \\\" CV=no\" X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example X=x R=r T=t H=mx [192.0.2.1] CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r: T=t H=mx [192.0.2.1] X=x CV=yes",
        "2026-11-25 10:00:00 1xWaaa-000001-AA => a@d.example R=r T=t H=mx [192.0.2.1] H=mx2 [192.0.2.2]: x X=y",
        "2026-11-25 10:00:00 1xWaaa-000001-AA == a@d.example R=r T=t defer (-44) H=mx [192.0.2.1]",
        "2026-11-25 10:00:00 1xWaaa-000001-AA == a@d.example R=r T=t defer (-44): H=mx [192.0.2.1]: x",
        "2026-11-25 10:00:00 1xWaaa-000001-AA == a@d.example R=r T=\"t u\" H=mx [192.0.2.1]: x",
        "2026-11-25 10:00:00 1xWaaa-000001-AA == a@d.example R=r T=t H=mx [192.0.2.1]:25:    spaced detail  ",
        "2026-11-25 10:00:00 1xWaaa-000001-AA == a@d.example R=r T=t H=mx [192.0.2.1]:",
        "2026-11-25 10:00:00 1xWaaa-000001-AA ** a@d.example R=r T=t H=mx: x",
        "2026-11-25 10:00:00 1xWaaa-000001-AA ** a@d.example: Unrouteable address",
        "2026-11-25 10:00:00 1xWaaa-000001-AA -> a@d.example R=r T=t H=mx [192.0.2.1] X=x CV=yes",
    ])
    func formsAreReadAsTheParserReadsThem(_ line: String) throws {
        if let fast = DeliveryLineScanner.scan(Array(line.utf8)[...]) {
            #expect(fast == DeliveryFacts(try EximLogLine(parsing: line)))
        }
    }

    @Test func commonFormsTakeTheFastPath() {
        for line in Self.seeds {
            #expect(DeliveryLineScanner.read(Array(line.utf8)[...]) != nil, "\(line)")
        }
    }
}
