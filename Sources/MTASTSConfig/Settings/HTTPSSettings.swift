/// The `https` section: how policies are fetched from `https://mta-sts.<domain>/.well-known/mta-sts.txt`.
///
///     https:
///       ca_file: /etc/ssl/certs/ca-certificates.crt
///       connect_timeout: 10s
///       timeout: 30s
public struct HTTPSSettings: Sendable, Equatable {
    /// `https.ca_file`: a PEM file of CA certificates to trust when checking a policy host's
    /// certificate (RFC 8461 §3.3: the certificate must be valid for the host and chain to a trusted root). nil, the default, means
    /// the system's trust store. An absolute path.
    public var caFile: String?

    /// `https.connect_timeout`: how long to wait for the TCP and TLS connection to a policy host.
    /// A duration from 1s to 5m. Default: 10s.
    public var connectTimeout: Duration

    /// `https.timeout`: how long one whole policy fetch may take, connection included. A duration
    /// from 1s to 1h. Default: 30s.
    public var timeout: Duration

    /// The default for ``connectTimeout``.
    public static let defaultConnectTimeout: Duration = .seconds(10)
    /// The default for ``timeout``.
    public static let defaultTimeout: Duration = .seconds(30)
    /// The accepted range of ``connectTimeout``.
    public static let connectTimeoutRange: ClosedRange<Duration> = .seconds(1)...(.seconds(300))
    /// The accepted range of ``timeout``.
    public static let timeoutRange: ClosedRange<Duration> = .seconds(1)...(.seconds(3_600))

    /// Settings with every default.
    public init(caFile: String? = nil,
                connectTimeout: Duration = HTTPSSettings.defaultConnectTimeout,
                timeout: Duration = HTTPSSettings.defaultTimeout) {
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

extension HTTPSSettings {
    static var schema: Schema<HTTPSSettings> {
        Schema(
            .value("ca_file", \.caFile, .absoluteFilePath),
            .value("connect_timeout", \.connectTimeout, .duration(in: connectTimeoutRange)),
            .value("timeout", \.timeout, .duration(in: timeoutRange))
        )
    }
}
