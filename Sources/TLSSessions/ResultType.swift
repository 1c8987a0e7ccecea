/// The result types of RFC 8460 §4.3 (the IANA "STARTTLS Validation Result Types" registry
/// has exactly these).
public enum ResultType: String, Sendable, CaseIterable, Hashable, Comparable {
    // Negotiation failures (§4.3.1).
    case starttlsNotSupported = "starttls-not-supported"
    case certificateHostMismatch = "certificate-host-mismatch"
    case certificateExpired = "certificate-expired"
    case certificateNotTrusted = "certificate-not-trusted"
    case validationFailure = "validation-failure"
    // Policy failures (§4.3.2): DANE (§4.3.2.1) and MTA-STS (§4.3.2.2).
    case tlsaInvalid = "tlsa-invalid"
    case dnssecInvalid = "dnssec-invalid"
    case daneRequired = "dane-required"
    case stsPolicyFetchError = "sts-policy-fetch-error"
    case stsPolicyInvalid = "sts-policy-invalid"
    case stsWebPKIInvalid = "sts-webpki-invalid"

    public static func < (lhs: ResultType, rhs: ResultType) -> Bool { lhs.rawValue < rhs.rawValue }
}
