import CCurl
import Synchronization

/// libcurl's process-wide set-up, run exactly once (a global `let` initialises atomically) and
/// before any handle exists.
private let curlGlobalInitCode: Int = Int(mtasts_curl_global_init().rawValue)

/// The only code that touches libcurl, behind functions taking and returning plain values.
///
/// Policy fetches reuse easy handles (``CurlFetchHandle``) from a small process-wide pool, so
/// libcurl's per-handle caches survive between fetches: above all the parsed CA file
/// (CURLOPT_CA_CACHE_TIMEOUT), which otherwise costs a full PEM parse per fetch. A handle is
/// used by one thread at a time (taken from the pool, given back after the transfer);
/// CURLOPT_NOSIGNAL keeps curl off process signals.
enum CurlTransfer {
    /// Idle handles beyond this many are cleaned up instead of kept.
    static let maxIdleHandles = 64

    private static let idleHandles = Mutex<[CurlFetchHandle]>([])

    static func perform(_ request: CurlRequest) -> CurlExchange {
        guard curlGlobalInitCode == 0 else {
            return setupFailure(code: curlGlobalInitCode, "curl_global_init failed")
        }
        guard let handle = idleHandles.withLock({ $0.popLast() }) ?? CurlFetchHandle() else {
            return setupFailure(code: 0, "curl_easy_init returned no handle")
        }
        let exchange = handle.perform(request)
        idleHandles.withLock { idle in
            if idle.count < maxIdleHandles { idle.append(handle) }
        }
        return exchange
    }

    static func setupFailure(code: Int, _ message: String) -> CurlExchange {
        CurlExchange(failure: .setup, curlCode: code, curlMessage: message)
    }
}

/// One libcurl easy handle kept between policy fetches, used by one thread at a time.
///
/// What a reused handle carries over is only what cannot change an answer: the CA store parsed
/// from the same CA file (re-read after ``caCacheSeconds``), TLS library state and libcurl's
/// DNS cache, in which the previous fetch's pinned host is removed before the next one pins its
/// own (CURLOPT_RESOLVE, so every fetch connects only to its caller's addresses). Connections
/// and TLS sessions are never reused (CURLOPT_FRESH_CONNECT, CURLOPT_FORBID_REUSE,
/// CURLOPT_SSL_SESSIONID_CACHE off): a connection made for one pinned address never serves
/// another. Every option is reset and set again per fetch.
final class CurlFetchHandle: @unchecked Sendable {
    /// How long a parsed CA file is kept before it is read again (a long-running service sees
    /// an updated CA file within this time).
    static let caCacheSeconds = 600

    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// `host:port` of the previous fetch's CURLOPT_RESOLVE entry, removed at the next fetch.
    private var pinnedHost: String?

    init?() {
        guard curlGlobalInitCode == 0, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func perform(_ request: CurlRequest) -> CurlExchange {
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let host = "\(request.endpoint.host):\(request.endpoint.port)"
        // "-host:port" drops a cached entry: the previous fetch's, then any of this host's.
        var resolveList: UnsafeMutablePointer<curl_slist>?
        if let pinnedHost, pinnedHost != host { resolveList = curl_slist_append(resolveList, "-\(pinnedHost)") }
        resolveList = curl_slist_append(resolveList, "-\(host)")
        resolveList = curl_slist_append(resolveList, request.endpoint.resolveEntry)
        pinnedHost = host
        let state = TransferState(handle: handle, request: request)
        defer {
            // Forget every option (pointers to this call's buffers included) before the handle idles.
            curl_easy_reset(handle)
            curl_slist_free_all(resolveList)
        }
        return withExtendedLifetime(state) {
            let context = Unmanaged.passUnretained(state).toOpaque()
            if let refused = configure(request, resolveList, context) {
                return refused
            }
            let code = curl_easy_perform(handle)
            return state.exchange(code: code, errorBuffer: errorBuffer)
        }
    }

    /// Sets every option; returns a setup failure naming the first option curl refused.
    private func configure(
        _ request: CurlRequest, _ resolveList: UnsafeMutablePointer<curl_slist>?, _ context: UnsafeMutableRawPointer
    ) -> CurlExchange? {
        var refused: (String, CURLcode)?
        func check(_ name: String, _ code: CURLcode) {
            if refused == nil, code != CURLE_OK { refused = (name, code) }
        }
        check("ERRORBUFFER", mtasts_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        check("URL", mtasts_curl_setopt_string(handle, CURLOPT_URL, request.endpoint.url))
        // RFC 8461 §3.3: HTTPS only, redirects never followed.
        check("PROTOCOLS_STR", mtasts_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https"))
        check("FOLLOWLOCATION", mtasts_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        // Connect only to the caller's addresses, on a connection of this fetch's own; never
        // to a proxy from the environment.
        check("RESOLVE", mtasts_curl_setopt_slist(handle, CURLOPT_RESOLVE, resolveList))
        check("FRESH_CONNECT", mtasts_curl_setopt_long(handle, CURLOPT_FRESH_CONNECT, 1))
        check("FORBID_REUSE", mtasts_curl_setopt_long(handle, CURLOPT_FORBID_REUSE, 1))
        // Nor a TLS session: a policy host is fetched once a pass; idle handles keep no sessions.
        check("SSL_SESSIONID_CACHE", mtasts_curl_setopt_long(handle, CURLOPT_SSL_SESSIONID_CACHE, 0))
        check("PROXY", mtasts_curl_setopt_string(handle, CURLOPT_PROXY, ""))
        // RFC 8461 §3.3: the certificate must be valid for the policy host (WebPKI).
        check("SSL_VERIFYPEER", mtasts_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        check("SSL_VERIFYHOST", mtasts_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        // libcurl caches the parsed CA file only without a CA directory: with the system store,
        // its CA bundle alone is used (when it was built with one).
        check("CAPATH", mtasts_curl_setopt_string(handle, CURLOPT_CAPATH, nil))
        if let caFile = request.caFile ?? Self.defaultCABundle {
            check("CAINFO", mtasts_curl_setopt_string(handle, CURLOPT_CAINFO, caFile))
        } else {
            check("CAPATH", mtasts_curl_setopt_string(handle, CURLOPT_CAPATH, Self.defaultCAPath))
        }
        _ = mtasts_curl_setopt_ca_cache_timeout(handle, Self.caCacheSeconds)  // older libcurl: no cache
        if request.recordsCertificate {
            check("CERTINFO", mtasts_curl_setopt_long(handle, CURLOPT_CERTINFO, 1))
        }
        check("HTTP_VERSION", mtasts_curl_setopt_long(handle, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1)))
        check("USERAGENT", mtasts_curl_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent))
        // Bounded time: many threads fetch at once, so no signals (CURLOPT_NOSIGNAL).
        check("NOSIGNAL", mtasts_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        check("CONNECTTIMEOUT_MS", mtasts_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds))
        check("TIMEOUT_MS", mtasts_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds))
        // Bounded size: refuse announced lengths up front, cut streamed bodies in the callback.
        if request.maxBodyBytes > 0 {
            check("MAXFILESIZE_LARGE", mtasts_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBodyBytes)))
        }
        check("WRITEDATA", mtasts_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        check("WRITEFUNCTION", mtasts_curl_setopt_write_callback(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
                .receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        check("HEADERDATA", mtasts_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        check("HEADERFUNCTION", mtasts_curl_setopt_header_callback(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
                .receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        guard let (name, code) = refused else { return nil }
        return CurlTransfer.setupFailure(code: Int(code.rawValue), "CURLOPT_\(name) was refused: \(String(cString: curl_easy_strerror(code)))")
    }

    /// libcurl's built-in CA bundle (CURLINFO_CAINFO), nil when it was built without one.
    private static let defaultCABundle: String? = builtInPath(CURLINFO_CAINFO)
    /// libcurl's built-in CA directory (CURLINFO_CAPATH), used only when there is no bundle.
    private static let defaultCAPath: String? = builtInPath(CURLINFO_CAPATH)

    private static func builtInPath(_ info: CURLINFO) -> String? {
        guard curlGlobalInitCode == 0, let probe = curl_easy_init() else { return nil }
        defer { curl_easy_cleanup(probe) }
        var value: UnsafePointer<CChar>?
        guard mtasts_curl_getinfo_string(probe, info, &value) == CURLE_OK, let value else { return nil }
        let path = String(cString: value)
        return path.isEmpty ? nil : path
    }
}

/// Per-transfer state the callbacks reach through their context pointer; used by one thread.
private final class TransferState {
    let handle: UnsafeMutableRawPointer
    let request: CurlRequest
    var body: [UInt8] = []
    var headerBytes = 0
    var headersComplete = false
    var statusCode = 0
    var location: String?
    var bodyLimitExceeded = false
    var headerLimitExceeded = false

    init(handle: UnsafeMutableRawPointer, request: CurlRequest) {
        self.handle = handle
        self.request = request
        body.reserveCapacity(min(max(request.maxBodyBytes, 0), 16_384))
    }

    /// Counts header bytes against the cap, keeps the `Location` of the latest response, and
    /// at the blank line ending a final (non-1xx) response records the status. Returning less
    /// than given makes curl abort.
    func receiveHeader(_ line: UnsafeRawBufferPointer) -> Int {
        headerBytes += line.count
        if headerBytes > request.maxHeaderBytes {
            headerLimitExceeded = true
            return 0
        }
        let isBlankLine = line.count <= 2 && line.allSatisfy { $0 == 0x0D || $0 == 0x0A }
        if line.starts(with: Array("HTTP/".utf8)) { location = nil }
        if let value = Self.value(ofHeader: "location", in: line) { location = value }
        if isBlankLine {
            var code = 0
            _ = mtasts_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
            if code >= 200 {
                headersComplete = true
                statusCode = code
            }
        }
        return line.count
    }

    /// Keeps the body of a 200 answer up to the cap (RFC 8461 §3.3 bounded size); stops the
    /// transfer the moment the cap is exceeded, or at once for any other status.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        guard statusCode == 200 else { return 0 }
        if body.count + chunk.count > request.maxBodyBytes {
            bodyLimitExceeded = true
            return 0
        }
        body.append(contentsOf: chunk)
        return chunk.count
    }

    /// The trimmed value when `line` is the header `name` (ASCII case-insensitive).
    private static func value(ofHeader name: String, in line: UnsafeRawBufferPointer) -> String? {
        let name = Array(name.utf8)
        guard line.count > name.count, line[name.count] == UInt8(ascii: ":"),
              zip(line, name).allSatisfy({ ((0x41...0x5A).contains($0) ? $0 | 0x20 : $0) == $1 }) else { return nil }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let value = line[(name.count + 1)...].drop(while: isSpace)
        let end = value.lastIndex(where: { !isSpace($0) }).map { $0 + 1 } ?? value.startIndex
        return String(decoding: value[..<end], as: UTF8.self)
    }

    func exchange(code: CURLcode, errorBuffer: UnsafeMutablePointer<CChar>) -> CurlExchange {
        var result = CurlExchange(failure: Self.failure(of: code))
        result.curlCode = Int(code.rawValue)
        let buffered = String(cString: errorBuffer)
        result.curlMessage = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        var status = 0
        _ = mtasts_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        result.statusCode = status
        result.headersComplete = headersComplete
        result.contentType = string(CURLINFO_CONTENT_TYPE)
        result.redirectURL = string(CURLINFO_REDIRECT_URL) ?? location
        result.body = body
        result.bodyLimitExceeded = bodyLimitExceeded
        result.headerLimitExceeded = headerLimitExceeded
        var appConnectMicroseconds: curl_off_t = 0
        _ = mtasts_curl_getinfo_off_t(handle, CURLINFO_APPCONNECT_TIME_T, &appConnectMicroseconds)
        result.tlsEstablished = appConnectMicroseconds > 0
        result.certificateSubject = mtasts_curl_certificate_field(handle, 0, "Subject").map { String(cString: $0) }
        result.certificateIssuer = mtasts_curl_certificate_field(handle, 0, "Issuer").map { String(cString: $0) }
        return result
    }

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard mtasts_curl_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private static func failure(of code: CURLcode) -> CurlExchange.Failure? {
        switch code {
        case CURLE_OK: return nil
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_INVALIDCERTSTATUS:
            return .certificate
        case CURLE_SSL_CACERT_BADFILE: return .trustStore
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_COULDNT_CONNECT: return .couldNotConnect
        case CURLE_FILESIZE_EXCEEDED: return .announcedSizeExceeded
        case CURLE_WRITE_ERROR: return .abortedByCallback
        default: return .other
        }
    }
}

// MARK: - Uploads: report POSTs (RFC 8460 §5.4) and SMTP submissions (RFC 8460 §5.3)

extension CurlTransfer {
    /// Sends `request.body` as an HTTPS POST or an SMTP message and returns the outcome.
    static func upload(_ request: CurlUploadRequest) -> CurlUploadExchange {
        guard curlGlobalInitCode == 0 else {
            return CurlUploadExchange(failure: .setup, curlCode: curlGlobalInitCode, curlMessage: "curl_global_init failed")
        }
        guard let handle = curl_easy_init() else {
            return CurlUploadExchange(failure: .setup, curlMessage: "curl_easy_init returned no handle")
        }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var resolveList: UnsafeMutablePointer<curl_slist>?
        if let entry = request.resolveEntry { resolveList = curl_slist_append(nil, entry) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers { headerList = curl_slist_append(headerList, header) }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        for recipient in request.mailRecipients { recipientList = curl_slist_append(recipientList, recipient) }
        let state = UploadState(handle: handle, body: request.body)
        defer {
            curl_easy_cleanup(handle)
            curl_slist_free_all(resolveList)
            curl_slist_free_all(headerList)
            curl_slist_free_all(recipientList)
            errorBuffer.deallocate()
        }
        return withExtendedLifetime(state) {
            let context = Unmanaged.passUnretained(state).toOpaque()
            var refused: (String, CURLcode)?
            func check(_ name: String, _ code: CURLcode) {
                if refused == nil, code != CURLE_OK { refused = (name, code) }
            }
            check("ERRORBUFFER", mtasts_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
            check("URL", mtasts_curl_setopt_string(handle, CURLOPT_URL, request.url))
            check("PROTOCOLS_STR", mtasts_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, request.protocols))
            check("FOLLOWLOCATION", mtasts_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
            check("PROXY", mtasts_curl_setopt_string(handle, CURLOPT_PROXY, ""))
            if resolveList != nil { check("RESOLVE", mtasts_curl_setopt_slist(handle, CURLOPT_RESOLVE, resolveList)) }
            check("SSL_VERIFYPEER", mtasts_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
            check("SSL_VERIFYHOST", mtasts_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
            if let caFile = request.caFile {
                check("CAINFO", mtasts_curl_setopt_string(handle, CURLOPT_CAINFO, caFile))
                check("CAPATH", mtasts_curl_setopt_string(handle, CURLOPT_CAPATH, nil))
            }
            check("USERAGENT", mtasts_curl_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent))
            check("NOSIGNAL", mtasts_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            check("CONNECTTIMEOUT_MS", mtasts_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds))
            check("TIMEOUT_MS", mtasts_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, request.timeoutMilliseconds))
            check("READDATA", mtasts_curl_setopt_pointer(handle, CURLOPT_READDATA, context))
            check("READFUNCTION", mtasts_curl_setopt_read_callback(handle) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                return Unmanaged<UploadState>.fromOpaque(context).takeUnretainedValue()
                    .send(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
            })
            check("WRITEDATA", mtasts_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
            check("WRITEFUNCTION", mtasts_curl_setopt_write_callback(handle) { data, size, count, context in
                guard let data, let context else { return 0 }
                return Unmanaged<UploadState>.fromOpaque(context).takeUnretainedValue()
                    .receive(UnsafeRawBufferPointer(start: data, count: size * count))
            })
            if let mailFrom = request.mailFrom {
                check("MAIL_FROM", mtasts_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(mailFrom)>"))
                check("MAIL_RCPT", mtasts_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList))
                check("UPLOAD", mtasts_curl_setopt_long(handle, CURLOPT_UPLOAD, 1))
                check("INFILESIZE_LARGE", mtasts_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.count)))
            } else {
                check("POST", mtasts_curl_setopt_long(handle, CURLOPT_POST, 1))
                check("POSTFIELDSIZE_LARGE", mtasts_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
                check("HTTPHEADER", mtasts_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
            }
            if let (name, code) = refused {
                return CurlUploadExchange(failure: .setup, curlCode: Int(code.rawValue),
                                          curlMessage: "CURLOPT_\(name) was refused: \(String(cString: curl_easy_strerror(code)))")
            }
            let code = curl_easy_perform(handle)
            var result = CurlUploadExchange(failure: code == CURLE_OK ? nil : .other, curlCode: Int(code.rawValue))
            let buffered = String(cString: errorBuffer)
            result.curlMessage = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
            var status = 0
            _ = mtasts_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            result.statusCode = status
            result.responseBody = state.response
            return result
        }
    }
}

/// The bytes an upload sends and the start of the answer; used by one thread.
private final class UploadState {
    static let responseLimit = 4_096
    let handle: UnsafeMutableRawPointer
    let body: [UInt8]
    var offset = 0
    var response: [UInt8] = []

    init(handle: UnsafeMutableRawPointer, body: [UInt8]) {
        self.handle = handle
        self.body = body
    }

    /// Copies the next part of the body into curl's buffer; 0 at the end.
    func send(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, body.count - offset)
        guard count > 0 else { return 0 }
        body.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }

    /// Keeps the first few KiB of an answer body (for error messages) and reads the rest away.
    func receive(_ chunk: UnsafeRawBufferPointer) -> Int {
        let room = max(0, Self.responseLimit - response.count)
        response.append(contentsOf: chunk.prefix(room))
        return chunk.count
    }
}
