import Testing
@testable import HTTPSFetch

/// The mapping from a finished libcurl transfer to a document or an error, fed with
/// hand-built exchanges (the integration tests drive the same mapping through real servers).
@Suite("Transfer outcome to RFC 8461 §3.3 verdict")
struct PolicyResponseClassifierTests {
    static let url = "https://mta-sts.example.com/.well-known/mta-sts.txt"

    static func request(caFile: String? = nil) throws -> CurlRequest {
        CurlRequest(
            endpoint: try PolicyEndpoint(host: "mta-sts.example.com", port: 443, addresses: ["127.0.0.1", "::1"]),
            caFile: caFile, connectTimeoutMilliseconds: 10_000, timeoutMilliseconds: 2_000,
            maxBodyBytes: 65_536, maxHeaderBytes: 65_536, userAgent: "mtasts")
    }

    static func answer(_ status: Int = 200, type: String? = "text/plain", body: [UInt8] = Array("version: STSv1\n".utf8)) -> CurlExchange {
        CurlExchange(failure: nil, statusCode: status, headersComplete: true, contentType: type, body: body, tlsEstablished: true)
    }

    static func error(_ exchange: CurlExchange, caFile: String? = nil) throws -> PolicyFetchError {
        let result = PolicyResponseClassifier.judge(exchange, request: try request(caFile: caFile))
        return try #require(throws: PolicyFetchError.self) { try result.get() }
    }

    @Test func acceptsA200TextPlainAnswer() throws {
        var exchange = Self.answer(type: "text/plain; charset=utf-8")
        exchange.certificateSubject = "CN = mta-sts.example.com"
        let document = try PolicyResponseClassifier.judge(exchange, request: try Self.request()).get()
        #expect(document == PolicyDocument(
            body: Array("version: STSv1\n".utf8), contentType: "text/plain; charset=utf-8", url: Self.url,
            certificateSubject: "CN = mta-sts.example.com"))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let exchange: CurlExchange
        let category: PolicyFetchError.Category
        let explanation: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "404", exchange: answer(404), category: .fetch,
             explanation: "the server answered HTTP 404 (only 200 is accepted)"),
        Case(name: "500 served as text/html", exchange: answer(500, type: "text/html"), category: .fetch,
             explanation: "the server answered HTTP 500 (only 200 is accepted)"),
        Case(name: "301 names Location",
             exchange: { var e = answer(301); e.redirectURL = "https://elsewhere.example/x"; return e }(),
             category: .fetch,
             explanation: "the server answered HTTP 301 redirecting to https://elsewhere.example/x (only 200 is accepted and redirects are never followed)"),
        Case(name: "404 whose body was cut by the callback",
             exchange: { var e = answer(404); e.failure = .abortedByCallback; e.curlCode = 23; return e }(),
             category: .fetch, explanation: "the server answered HTTP 404 (only 200 is accepted)"),
        Case(name: "404 announcing an oversize body",
             exchange: CurlExchange(failure: .announcedSizeExceeded, curlCode: 63, statusCode: 404),
             category: .fetch, explanation: "the server answered HTTP 404 (only 200 is accepted)"),
        Case(name: "text/html", exchange: answer(type: "text/html; charset=utf-8"), category: .invalidDocument,
             explanation: "the policy is served as text/html; charset=utf-8, not text/plain"),
        Case(name: "no Content-Type", exchange: answer(type: nil), category: .invalidDocument,
             explanation: "the policy is served without a Content-Type, not as text/plain"),
        Case(name: "hostile Content-Type is escaped", exchange: answer(type: "x\"\u{1B}[31m"), category: .invalidDocument,
             explanation: "the policy is served as x\\\"\\x1b[31m, not text/plain"),
        Case(name: "streamed body over the cap",
             exchange: { var e = answer(); e.failure = .abortedByCallback; e.curlCode = 23; e.bodyLimitExceeded = true; return e }(),
             category: .invalidDocument, explanation: "the policy is larger than 65536 bytes"),
        Case(name: "announced body over the cap",
             exchange: CurlExchange(failure: .announcedSizeExceeded, curlCode: 63, statusCode: 200),
             category: .invalidDocument, explanation: "the policy is larger than 65536 bytes"),
        Case(name: "endless headers",
             exchange: CurlExchange(failure: .abortedByCallback, curlCode: 23, statusCode: 200, headerLimitExceeded: true, tlsEstablished: true),
             category: .fetch, explanation: "the response headers are larger than 65536 bytes"),
        Case(name: "certificate",
             exchange: CurlExchange(failure: .certificate, curlCode: 60, curlMessage: "SSL certificate problem: certificate has expired"),
             category: .webPKI,
             explanation: "the certificate of mta-sts.example.com is not valid (SSL certificate problem: certificate has expired)"),
        Case(name: "system store", exchange: CurlExchange(failure: .trustStore, curlCode: 77, curlMessage: "error setting certificate file"),
             category: .fetch, explanation: "the system CA store could not be loaded (error setting certificate file)"),
        Case(name: "connect refused",
             exchange: CurlExchange(failure: .couldNotConnect, curlCode: 7, curlMessage: "Failed to connect"),
             category: .fetch, explanation: "could not connect to 127.0.0.1, ::1 on port 443 (Failed to connect)"),
        Case(name: "timeout before TLS is up",
             exchange: CurlExchange(failure: .timedOut, curlCode: 28, curlMessage: "Connection timed out after 2001 milliseconds"),
             category: .fetch,
             explanation: "the connection and TLS handshake did not complete within the 2 s limit (Connection timed out after 2001 milliseconds)"),
        Case(name: "timeout waiting for the answer",
             exchange: CurlExchange(failure: .timedOut, curlCode: 28, curlMessage: "Operation timed out", tlsEstablished: true),
             category: .fetch, explanation: "the complete answer did not arrive within the 2 s timeout (Operation timed out)"),
        Case(name: "timeout mid-body of a 200",
             exchange: { var e = answer(); e.failure = .timedOut; e.curlCode = 28; e.curlMessage = "Operation timed out"; return e }(),
             category: .fetch, explanation: "the complete answer did not arrive within the 2 s timeout (Operation timed out)"),
        Case(name: "reset mid-body",
             exchange: { var e = answer(); e.failure = .other; e.curlCode = 56; e.curlMessage = "Recv failure: Connection reset by peer"; return e }(),
             category: .fetch, explanation: "the transfer broke off (Recv failure: Connection reset by peer, curl error 56)"),
        Case(name: "setup", exchange: CurlExchange(failure: .setup, curlCode: 48, curlMessage: "CURLOPT_PROTOCOLS_STR was refused: x"),
             category: .fetch, explanation: "libcurl could not be set up: CURLOPT_PROTOCOLS_STR was refused: x"),
    ]

    @Test(arguments: cases)
    func mapsFailures(_ testCase: Case) throws {
        let error = try Self.error(testCase.exchange)
        #expect(error.category == testCase.category)
        #expect(error.url == Self.url)
        #expect(error.description == "fetching \(Self.url) failed: \(testCase.explanation)")
    }

    @Test func aRejectedCAFileIsNamed() throws {
        let exchange = CurlExchange(failure: .trustStore, curlCode: 77, curlMessage: "error setting certificate file: /etc/x.pem")
        let error = try Self.error(exchange, caFile: "/etc/x.pem")
        #expect(error.category == .fetch)
        #expect(error.description.contains("the CA file /etc/x.pem could not be loaded"))
    }

    @Test func categoriesCarryTheRFC8460ResultTypes() {
        #expect(PolicyFetchError.Category.webPKI.rawValue == "sts-webpki-invalid")
        #expect(PolicyFetchError.Category.fetch.rawValue == "sts-policy-fetch-error")
        #expect(PolicyFetchError.Category.invalidDocument.rawValue == "sts-policy-invalid")
    }
}
