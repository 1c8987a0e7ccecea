import Foundation
import MTASTSPolicy
import PolicyStore
import TLSReport
import TLSSessions

/// Sessions and policies the report tests build reports from.
enum ReportSamples {
    static let identity = ReportIdentity(organization: "Example Mail", contact: "postmaster@example.net",
                                         submitter: "mail.example.net")
    static let day = UTCDay("2026-11-24")!
    static let domain = try! DomainName(validating: "example.com")

    static let policyText = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.backup.example.com\r\nmax_age: 86400\r\n"

    /// A policy fetched the day before and valid for a week.
    static var cachedPolicy: CachedPolicy {
        CachedPolicy(mode: .enforce, mx: ["mx1.example.com", "*.backup.example.com"], expire: day.start + 6 * 86_400,
                     id: "20261123", text: policyText, maxAge: 86_400, fetchedAt: day.start - 3_600)
    }

    static var tally: SessionTally {
        var tally = SessionTally(domain: domain)
        for _ in 0..<5 { tally.recordSuccess(mxHost: "mx1.example.com") }
        let expired = FailureKey(resultType: .certificateExpired, sendingMTAIP: "198.51.100.7",
                                 receivingMXHostname: "mx2.backup.example.com", receivingIP: "192.0.2.2")
        tally.recordFailure(expired)
        tally.recordFailure(expired)
        tally.recordFailure(FailureKey(resultType: .starttlsNotSupported, sendingMTAIP: "198.51.100.7",
                                       receivingMXHostname: "mx3.backup.example.com", receivingIP: "192.0.2.3",
                                       failureReasonCode: "a TLS session is required, but the server did not offer TLS support"))
        return tally
    }

    /// The rendered JSON parsed back with Foundation, for field-by-field checks.
    static func object(_ report: DailyReport) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(report.jsonBytes)) as? [String: Any] ?? [:]
    }
}
