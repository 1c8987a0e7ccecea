/// Why a policy could not be fetched, sorted into the RFC 8460 §4.3 result types a TLSRPT
/// report uses, and rendered as one sentence naming the URL.
public struct PolicyFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The RFC 8460 §4.3.2 failure type this error is reported as.
    public enum Category: String, Sendable {
        /// The policy host's certificate did not validate (RFC 8461 §3.3, RFC 8460 §4.3.2.2).
        case webPKI = "sts-webpki-invalid"
        /// The policy could not be retrieved: no address, no connection, timeout, non-200.
        case fetch = "sts-policy-fetch-error"
        /// A response arrived but is not an acceptable policy document (type or size).
        case invalidDocument = "sts-policy-invalid"
    }

    /// The reported failure type.
    public var category: Category
    /// The policy URL that was being fetched.
    public var url: String
    let reason: Reason

    enum Reason: Sendable, Equatable {
        case invalidHost(String)
        case invalidPort(Int)
        case noAddresses(host: String)
        case invalidAddress(String)
        case caFileUnreadable(path: String, problem: String)
        case caFileRejected(path: String, curlMessage: String)
        case systemStoreRejected(curlMessage: String)
        case curlSetup(String)
        case certificate(host: String, curlMessage: String)
        case couldNotConnect(addresses: [String], port: Int, curlMessage: String)
        case connectTimedOut(milliseconds: Int, curlMessage: String)
        case answerTimedOut(milliseconds: Int, curlMessage: String)
        case headersTooLarge(limit: Int)
        case transfer(code: Int, curlMessage: String)
        case status(Int, location: String?)
        case mediaType(String?)
        case bodyTooLarge(limit: Int)
    }

    init(_ reason: Reason, url: String) {
        self.reason = reason
        self.url = url
        self.category = Self.category(of: reason)
    }

    static func category(of reason: Reason) -> Category {
        switch reason {
        case .certificate: return .webPKI
        case .mediaType, .bodyTooLarge: return .invalidDocument
        default: return .fetch
        }
    }

    public var description: String {
        "fetching \(PrintableText(url)) failed: \(explanation)"
    }

    private var explanation: String {
        switch reason {
        case .invalidHost(let host):
            return "\"\(PrintableText(host))\" is not a valid host name (only letters, digits, hyphens and dots)"
        case .invalidPort(let port):
            return "port \(port) is not between 1 and 65535"
        case .noAddresses(let host):
            return "\(host) has no A or AAAA address"
        case .invalidAddress(let address):
            return "\"\(PrintableText(address))\" is not an IPv4 or IPv6 address"
        case .caFileUnreadable(let path, let problem):
            return "the CA file \(PrintableText(path)) cannot be read (\(problem))"
        case .caFileRejected(let path, let message):
            return "the CA file \(PrintableText(path)) could not be loaded (\(PrintableText(message)))"
        case .systemStoreRejected(let message):
            return "the system CA store could not be loaded (\(PrintableText(message)))"
        case .curlSetup(let message):
            return "libcurl could not be set up: \(PrintableText(message))"
        case .certificate(let host, let message):
            return "the certificate of \(host) is not valid (\(PrintableText(message)))"
        case .couldNotConnect(let addresses, let port, let message):
            return "could not connect to \(addresses.joined(separator: ", ")) on port \(port) (\(PrintableText(message)))"
        case .connectTimedOut(let milliseconds, let message):
            return "the connection and TLS handshake did not complete within the \(Self.seconds(milliseconds)) limit (\(PrintableText(message)))"
        case .answerTimedOut(let milliseconds, let message):
            return "the complete answer did not arrive within the \(Self.seconds(milliseconds)) timeout (\(PrintableText(message)))"
        case .headersTooLarge(let limit):
            return "the response headers are larger than \(limit) bytes"
        case .transfer(let code, let message):
            return "the transfer broke off (\(PrintableText(message)), curl error \(code))"
        case .status(let code, let location?):
            return "the server answered HTTP \(code) redirecting to \(PrintableText(location)) (only 200 is accepted and redirects are never followed)"
        case .status(let code, nil):
            return "the server answered HTTP \(code) (only 200 is accepted)"
        case .mediaType(let type?):
            return "the policy is served as \(PrintableText(type)), not text/plain"
        case .mediaType(nil):
            return "the policy is served without a Content-Type, not as text/plain"
        case .bodyTooLarge(let limit):
            return "the policy is larger than \(limit) bytes"
        }
    }

    private static func seconds(_ milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
