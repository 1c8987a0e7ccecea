import EximLog
import MTASTSPolicy

/// A line written by the event ACL `acl_mtasts_tls_event` (exim/conf.d/acl/40_mtasts-tls-events):
///
///     ... 1xW9Lv-00018X-0Q MTASTS-TLS event=host-defer domain=d.example host=mx.d.example ip=192.0.2.1 sending=192.0.2.25 errno=-37 reason="..."
struct EventLine {
    static let marker = "MTASTS-TLS"

    var event: String
    var domain: DomainName?
    var host: String?
    var ip: String?
    /// Our outgoing address for the session (`$sending_ip_address`): RFC 8460 §4.4 `sending-mta-ip`.
    var sendingIP: String?
    var errorNumber: Int?
    var reason: String?
    var result: String?

    init?(_ line: EximLogLine) {
        guard line.words.first == Self.marker, let event = line[field: "event"] else { return nil }
        self.event = event
        domain = line[field: "domain"].flatMap { try? DomainName(validating: $0) }
        host = line[field: "host"].flatMap { $0.isEmpty ? nil : $0 }
        ip = line[field: "ip"].flatMap { $0.isEmpty ? nil : $0 }
        sendingIP = line[field: "sending"].flatMap { $0.isEmpty ? nil : $0 }
        errorNumber = line[field: "errno"].flatMap { Int($0) }
        reason = line[field: "reason"]
        result = line[field: "result"]
    }

    /// The failure this event reports (result type, strength, failure-reason-code), or nil.
    var failure: (ResultType, Int, String?)? {
        switch event {
        case "host-defer":
            let text = reason ?? ""
            if let type = EximTLSText.resultType(for: text) { return (type, 2, SessionCounter.reasonCode(text)) }
            switch errorNumber {
            // -36 DANE, -37 TLS failure, -38 TLS required but not available (Exim's errno values).
            case .some(-36), .some(-37), .some(-38): return (.validationFailure, 2, SessionCounter.reasonCode(text))
            // -58: the tcp:connect event vetoed the MX (not listed by the policy, RFC 8461 §4.1).
            case .some(-58): return (.validationFailure, 2, "Event requests alternate response")
            default: return nil
            }
        case "cert-expired":
            return (.certificateExpired, 3, "certificate has expired")
        case "dane-fail":
            guard let result, let type = ResultType(rawValue: result) else { return nil }
            return (type, 3, "DANE: " + result)
        default:
            return nil
        }
    }
}
