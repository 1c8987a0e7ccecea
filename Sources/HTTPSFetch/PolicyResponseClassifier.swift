/// Judges a finished transfer by the rules of RFC 8461 §3.3, in the order that names the most
/// useful cause: certificate and connection problems, then the status, then the media type,
/// then the size, then anything that broke the transfer.
enum PolicyResponseClassifier {
    static func judge(
        _ exchange: CurlExchange, request: CurlRequest
    ) -> Result<PolicyDocument, PolicyFetchError> {
        let url = request.endpoint.url
        func fail(_ reason: PolicyFetchError.Reason) -> Result<PolicyDocument, PolicyFetchError> {
            .failure(PolicyFetchError(reason, url: url))
        }
        if let early = connectionProblem(exchange, request: request) { return fail(early) }

        // RFC 8461 §3.3: only 200 counts; a 3xx is a failure and is never followed. An
        // announced oversize body of a non-200 answer still reports the status.
        let statusKnown = exchange.headersComplete || exchange.failure == nil
            || (exchange.failure == .announcedSizeExceeded && exchange.statusCode != 0)
        if statusKnown, exchange.statusCode != 200 {
            let location = (300..<400).contains(exchange.statusCode) ? exchange.redirectURL : nil
            return fail(.status(exchange.statusCode, location: location))
        }
        // RFC 8461 §3.3: the policy is served as text/plain.
        if exchange.headersComplete || exchange.failure == nil {
            guard let type = exchange.contentType, PolicyMediaType.isTextPlain(type) else {
                return fail(.mediaType(exchange.contentType))
            }
        }
        // RFC 8461 §3.3 lets senders bound the size; announced or streamed, the cap holds.
        if exchange.bodyLimitExceeded || exchange.failure == .announcedSizeExceeded {
            return fail(.bodyTooLarge(limit: request.maxBodyBytes))
        }
        if exchange.headerLimitExceeded { return fail(.headersTooLarge(limit: request.maxHeaderBytes)) }
        if exchange.failure == .timedOut {
            return fail(.answerTimedOut(milliseconds: request.timeoutMilliseconds, curlMessage: exchange.curlMessage))
        }
        if exchange.failure != nil {
            return fail(.transfer(code: exchange.curlCode, curlMessage: exchange.curlMessage))
        }
        return .success(PolicyDocument(
            body: exchange.body, contentType: exchange.contentType ?? "", url: url,
            certificateSubject: exchange.certificateSubject, certificateIssuer: exchange.certificateIssuer))
    }

    /// Failures before any answer: set-up, trust store, certificate (RFC 8461 §3.3 WebPKI),
    /// connect, or a timeout before the TLS session was up.
    private static func connectionProblem(_ exchange: CurlExchange, request: CurlRequest) -> PolicyFetchError.Reason? {
        let message = exchange.curlMessage
        switch exchange.failure {
        case .setup?: return .curlSetup(message)
        case .trustStore?:
            if let caFile = request.caFile { return .caFileRejected(path: caFile, curlMessage: message) }
            return .systemStoreRejected(curlMessage: message)
        case .certificate?: return .certificate(host: request.endpoint.host, curlMessage: message)
        case .couldNotConnect?:
            return .couldNotConnect(addresses: request.endpoint.addresses, port: request.endpoint.port, curlMessage: message)
        case .timedOut? where !exchange.tlsEstablished:
            let limit = min(request.connectTimeoutMilliseconds, request.timeoutMilliseconds)
            return .connectTimedOut(milliseconds: limit, curlMessage: message)
        default: return nil
        }
    }
}
