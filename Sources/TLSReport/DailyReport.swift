import JSONText
import Gzip
import MTASTSPolicy
import TLSSessions

/// One RFC 8460 §4 report: one policy domain, one UTC day.
public struct DailyReport: Sendable, Equatable {
    public var identity: ReportIdentity
    /// The domain the report is about and is sent to (`TLS-Report-Domain`).
    public var domain: DomainName
    public var day: UTCDay
    public var policies: [ReportPolicy]

    public init(identity: ReportIdentity, domain: DomainName, day: UTCDay, policies: [ReportPolicy]) {
        self.identity = identity
        self.domain = domain
        self.day = day
        self.policies = policies
    }

    public var reportID: String { identity.reportID(domain: domain, day: day) }
    public var fileName: String { identity.fileName(domain: domain, day: day) }

    /// The report object, fields in the order of RFC 8460 §4.4's example.
    public var json: JSONValue {
        .object([
            ("organization-name", .string(identity.organization)),
            // §4.4: RFC 3339 date-times; a daily report covers 00:00:00Z to 23:59:59Z.
            ("date-range", .object([
                ("start-datetime", .string(day.startDateTime)),
                ("end-datetime", .string(day.endDateTime)),
            ])),
            ("contact-info", .string(identity.contact)),
            ("report-id", .string(reportID)),
            ("policies", .array(policies.map(Self.json(of:)))),
        ])
    }

    /// The report as UTF-8 JSON bytes.
    public var jsonBytes: [UInt8] { Array(json.rendered.utf8) }

    /// The report gzip-compressed (RFC 8460 §5.2), as `application/tlsrpt+gzip` carries it.
    public func gzipped() throws(GzipError) -> [UInt8] { try Gzip.compress(jsonBytes) }

    private static func json(of policy: ReportPolicy) -> JSONValue {
        var description: [(String, JSONValue)] = [("policy-type", .string(policy.type.rawValue))]
        if !policy.strings.isEmpty { description.append(("policy-string", .array(policy.strings.map { .string($0) }))) }
        description.append(("policy-domain", .string(policy.domain)))
        if !policy.mxHosts.isEmpty { description.append(("mx-host", .array(policy.mxHosts.map { .string($0) }))) }
        var members: [(String, JSONValue)] = [
            ("policy", .object(description)),
            ("summary", .object([
                ("total-successful-session-count", .int(Int64(policy.successfulSessions))),
                ("total-failure-session-count", .int(Int64(policy.failedSessions))),
            ])),
        ]
        if !policy.failures.isEmpty {
            members.append(("failure-details", .array(policy.failures.map(json(of:)))))
        }
        return .object(members)
    }

    private static func json(of detail: FailureDetail) -> JSONValue {
        let key = detail.key
        var members: [(String, JSONValue)] = [("result-type", .string(key.resultType.rawValue))]
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { members.append((name, .string(value))) }
        }
        add("sending-mta-ip", key.sendingMTAIP)
        add("receiving-mx-hostname", key.receivingMXHostname)
        add("receiving-mx-helo", key.receivingMXHelo)
        add("receiving-ip", key.receivingIP)
        members.append(("failed-session-count", .int(Int64(detail.count))))
        add("failure-reason-code", key.failureReasonCode)
        return .object(members)
    }
}
