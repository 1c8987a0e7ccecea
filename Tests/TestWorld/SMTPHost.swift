/// How the world's SMTP sink (port 25) treats one MX host name (chosen by the SNI the client
/// sends after STARTTLS).
///
/// STARTTLS is offered per address, not per host (SMTP names no host before TLS): the sink
/// advertises it unless every host of the scenario has `starttls == false`.
public struct SMTPHost: Codable, Sendable, Equatable {
    /// Whether this host wants STARTTLS offered.
    public var starttls: Bool
    /// `valid`, `expired`, `self-signed` or `wrong-host`.
    public var certificate: String

    public init(starttls: Bool = true, certificate: String = "valid") {
        self.starttls = starttls
        self.certificate = certificate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        starttls = try container.decodeIfPresent(Bool.self, forKey: .starttls) ?? true
        certificate = try container.decodeIfPresent(String.self, forKey: .certificate) ?? "valid"
    }
}
