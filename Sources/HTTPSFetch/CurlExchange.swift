/// What one libcurl transfer is asked to do: plain values, no curl types.
struct CurlRequest: Sendable, Equatable {
    var endpoint: PolicyEndpoint
    var caFile: String?
    var connectTimeoutMilliseconds: Int
    var timeoutMilliseconds: Int
    var maxBodyBytes: Int
    var maxHeaderBytes: Int
    var userAgent: String
    /// CURLOPT_CERTINFO: collect the server certificate's subject and issuer.
    var recordsCertificate: Bool = true
}

/// What one libcurl transfer produced, reduced to what the RFC 8461 §3.3 checks need.
/// Built by `CurlTransfer`, judged by `PolicyResponseClassifier`; tests build it by hand.
struct CurlExchange: Sendable, Equatable {
    /// How libcurl's result code is read; `nil` failure means CURLE_OK.
    enum Failure: Sendable, Equatable {
        /// The handle could not be created or an option was refused.
        case setup
        /// The peer certificate did not validate (CURLE_PEER_FAILED_VERIFICATION and kin).
        case certificate
        /// The CA file or store could not be loaded (CURLE_SSL_CACERT_BADFILE).
        case trustStore
        /// CURLE_OPERATION_TIMEDOUT.
        case timedOut
        /// CURLE_COULDNT_CONNECT.
        case couldNotConnect
        /// CURLE_FILESIZE_EXCEEDED: an announced Content-Length over the limit.
        case announcedSizeExceeded
        /// A callback stopped the transfer (CURLE_WRITE_ERROR); the flags below say why.
        case abortedByCallback
        /// Anything else: resets, protocol errors.
        case other
    }

    var failure: Failure?
    /// libcurl's numeric result code (0 for CURLE_OK).
    var curlCode: Int = 0
    /// The CURLOPT_ERRORBUFFER text, or curl_easy_strerror when that is empty.
    var curlMessage: String = ""
    /// The HTTP status of the final response, 0 when none arrived.
    var statusCode: Int = 0
    /// Whether the final (non-1xx) response's header block ended.
    var headersComplete: Bool = false
    var contentType: String?
    /// Where a 3xx points (CURLINFO_REDIRECT_URL, else the raw `Location`); never followed.
    var redirectURL: String?
    var body: [UInt8] = []
    /// The write callback stopped the body at the size limit.
    var bodyLimitExceeded: Bool = false
    /// The header callback stopped the headers at their size limit.
    var headerLimitExceeded: Bool = false
    /// Whether TCP connect and the TLS handshake completed (CURLINFO_APPCONNECT_TIME_T > 0).
    var tlsEstablished: Bool = false
    var certificateSubject: String?
    var certificateIssuer: String?
}
