/// Counters of a running world since start or the last `resetStats()`.
public struct WorldStats: Decodable, Sendable, Equatable {
    /// Queries by "<lower-case name> <TYPE>", UDP and TCP together.
    public var dnsQueries: [String: Int]
    /// Queries over TCP only, same keys.
    public var dnsTCPQueries: [String: Int]
    /// Queries that could not be parsed.
    public var dnsMalformed: Int
    /// Requests by host (SNI, else Host header).
    public var httpsRequests: [String: Int]
    /// Requests by "<host> <path>".
    public var httpsPaths: [String: Int]
    /// TCP connections accepted on the HTTPS port.
    public var httpsConnections: Int
    /// Peak of simultaneously open HTTPS connections.
    public var httpsMaxConcurrent: Int
    /// TCP connections accepted by the SMTP sink.
    public var smtpConnections: Int
    /// STARTTLS handshakes the SMTP sink completed.
    public var smtpTLSSessions: Int
    /// Messages accepted by the SMTP sink, by SNI (`-` without TLS or SNI).
    public var smtpMessages: [String: Int]
    /// The subset of `smtpMessages` received inside TLS.
    public var smtpTLSMessages: [String: Int]
    /// Recorded POST bodies by host (hosts with `recordPosts`).
    public var httpsPosts: [String: Int]

    enum CodingKeys: String, CodingKey {
        case dnsQueries = "dns_queries"
        case dnsTCPQueries = "dns_tcp_queries"
        case dnsMalformed = "dns_malformed"
        case httpsRequests = "https_requests"
        case httpsPaths = "https_paths"
        case httpsConnections = "https_connections"
        case httpsMaxConcurrent = "https_max_concurrent"
        case smtpConnections = "smtp_connections"
        case smtpTLSSessions = "smtp_tls_sessions"
        case smtpMessages = "smtp_messages"
        case smtpTLSMessages = "smtp_tls_messages"
        case httpsPosts = "https_posts"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dnsQueries = try container.decodeIfPresent([String: Int].self, forKey: .dnsQueries) ?? [:]
        dnsTCPQueries = try container.decodeIfPresent([String: Int].self, forKey: .dnsTCPQueries) ?? [:]
        dnsMalformed = try container.decodeIfPresent(Int.self, forKey: .dnsMalformed) ?? 0
        httpsRequests = try container.decodeIfPresent([String: Int].self, forKey: .httpsRequests) ?? [:]
        httpsPaths = try container.decodeIfPresent([String: Int].self, forKey: .httpsPaths) ?? [:]
        httpsConnections = try container.decodeIfPresent(Int.self, forKey: .httpsConnections) ?? 0
        httpsMaxConcurrent = try container.decodeIfPresent(Int.self, forKey: .httpsMaxConcurrent) ?? 0
        smtpConnections = try container.decodeIfPresent(Int.self, forKey: .smtpConnections) ?? 0
        smtpTLSSessions = try container.decodeIfPresent(Int.self, forKey: .smtpTLSSessions) ?? 0
        smtpMessages = try container.decodeIfPresent([String: Int].self, forKey: .smtpMessages) ?? [:]
        smtpTLSMessages = try container.decodeIfPresent([String: Int].self, forKey: .smtpTLSMessages) ?? [:]
        httpsPosts = try container.decodeIfPresent([String: Int].self, forKey: .httpsPosts) ?? [:]
    }

    /// Queries for `name` (any case, trailing dot ignored) and `type`, e.g. ("_mta-sts.example.test", "TXT").
    public func queries(_ name: String, _ type: String, tcpOnly: Bool = false) -> Int {
        var key = name.lowercased()
        if key.hasSuffix(".") { key.removeLast() }
        return (tcpOnly ? dnsTCPQueries : dnsQueries)["\(key) \(type.uppercased())"] ?? 0
    }

    /// Total DNS queries received.
    public var totalDNSQueries: Int { dnsQueries.values.reduce(0, +) }

    /// Total messages the SMTP sink accepted.
    public var totalSMTPMessages: Int { smtpMessages.values.reduce(0, +) }

    /// Total HTTPS requests received.
    public var totalHTTPSRequests: Int { httpsRequests.values.reduce(0, +) }
}
