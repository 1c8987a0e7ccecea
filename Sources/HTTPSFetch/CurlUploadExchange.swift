/// What one libcurl upload is asked to do: plain values, no curl types.
struct CurlUploadRequest: Sendable, Equatable {
    var url: String
    /// CURLOPT_PROTOCOLS_STR: `https`, or `smtp,smtps`.
    var protocols: String
    /// A CURLOPT_RESOLVE entry pinning the host to addresses our own resolver found.
    var resolveEntry: String?
    var caFile: String?
    var connectTimeoutMilliseconds: Int
    var timeoutMilliseconds: Int
    var userAgent: String
    /// HTTP request headers (`Content-Type: ...`).
    var headers: [String] = []
    var body: [UInt8]
    /// Set for SMTP: the envelope sender (without angle brackets).
    var mailFrom: String?
    /// SMTP envelope recipients.
    var mailRecipients: [String] = []
}

/// What one upload produced.
struct CurlUploadExchange: Sendable, Equatable {
    var failure: CurlExchange.Failure?
    var curlCode: Int = 0
    var curlMessage: String = ""
    /// The HTTP status, or the last SMTP reply code.
    var statusCode: Int = 0
    /// The first 4 KiB of the answer body.
    var responseBody: [UInt8] = []
}
