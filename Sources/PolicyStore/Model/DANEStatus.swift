/// Whether the domain's MX hosts have DNSSEC-validated TLSA records: keys `D:dane` (`yes` or
/// `no`) and `D:dane_checked`.
///
/// RFC 8461 §2: where DANE applies it takes precedence and MTA-STS is not applied; only a
/// validated answer counts (the AD bit from a validating resolver, RFC 7672 §2.2), never an
/// unsigned TLSA record.
public struct DANEStatus: Sendable, Equatable {
    /// `D:dane`: the MX set is validated and every MX host has validated TLSA records for
    /// `_25._tcp.<host>`.
    public var hasValidatedTLSA: Bool
    /// `D:dane_checked`: Unix seconds of the check.
    public var checkedAt: Int64

    public init(hasValidatedTLSA: Bool, checkedAt: Int64) {
        self.hasValidatedTLSA = hasValidatedTLSA
        self.checkedAt = checkedAt
    }
}
