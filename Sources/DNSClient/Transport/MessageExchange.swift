/// One query/response exchange with one server: UDP first, TCP when the answer is truncated.
/// The whole exchange, TCP fallback included, ends by one deadline (the per-attempt timeout).
enum MessageExchange {
    /// Sends `query` to `server` and returns the matching, fully parsed response.
    static func run(_ query: QueryBuilder, server: Nameserver, timeout: Duration) throws(DNSError) -> DNSMessage {
        let deadline = ContinuousClock.now + timeout
        let (response, size) = try overUDP(query, server: server, timeout: timeout, deadline: deadline)
        // RFC 1035 §4.2.1 / RFC 7766 §5: a truncated UDP answer is retried over TCP. So is one
        // larger than the payload size we offered (RFC 6891 §6.2.5), which a path that
        // fragments or drops big datagrams would have lost: only TCP delivers it reliably.
        guard response.header.isTruncated || size > query.advertisedUDPSize else { return response }
        return try overTCP(query, server: server, timeout: timeout, deadline: deadline)
    }

    /// UDP over a connected socket (RFC 1035 §4.2.1). Datagrams whose ID, QR bit or question
    /// do not match the query are ignored and the wait goes on until the deadline
    /// (RFC 5452 §9.1), so a stray or spoofed datagram can at worst cause a timeout.
    static func overUDP(_ query: QueryBuilder, server: Nameserver, timeout: Duration,
                        deadline: ContinuousClock.Instant) throws(DNSError) -> (DNSMessage, size: Int) {
        var ignored = 0
        do {
            let socket = try SystemSocket(connectingTo: server, stream: false, deadline: deadline)
            try socket.send(query.bytes, deadline: deadline)
            while true {
                let datagram = try socket.receive(maximum: DNSMessage.maximumSize, deadline: deadline)
                guard matches(datagram, query) else {
                    ignored += 1
                    continue
                }
                return (try parse(datagram, server: server), datagram.count)
            }
        } catch {
            throw convert(error, server: server, timeout: timeout, ignored: ignored, overTCP: false)
        }
    }

    /// DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8): a 2-byte length, then the message.
    /// A response that does not match the query on its own connection is malformed.
    static func overTCP(_ query: QueryBuilder, server: Nameserver, timeout: Duration,
                        deadline: ContinuousClock.Instant) throws(DNSError) -> DNSMessage {
        let response: [UInt8]
        do {
            let socket = try SystemSocket(connectingTo: server, stream: true, deadline: deadline)
            let bytes = query.bytes
            try socket.send([UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes, deadline: deadline)
            let prefix = try readExactly(2, from: socket, deadline: deadline, server: server)
            let length = Int(prefix[0]) << 8 | Int(prefix[1])
            response = try readExactly(length, from: socket, deadline: deadline, server: server)
        } catch {
            throw convert(error, server: server, timeout: timeout, ignored: 0, overTCP: true)
        }
        guard matches(response, query) else {
            throw DNSError(.malformed("the TCP answer does not match the query's ID and question"), server: server)
        }
        return try parse(response, server: server)
    }

    private static func readExactly(_ count: Int, from socket: borrowing SystemSocket, deadline: ContinuousClock.Instant,
                                    server: Nameserver) throws(ExchangeFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let chunk: [UInt8]
            do {
                chunk = try socket.receive(maximum: count - bytes.count, deadline: deadline)
            } catch {
                throw .system(error)
            }
            guard !chunk.isEmpty else {
                throw .dns(DNSError(.malformed("the server closed the TCP connection after \(bytes.count) of \(count) expected bytes"),
                                    server: server))
            }
            bytes += chunk
        }
        return bytes
    }

    /// Whether `bytes` is a response to `query`: same ID, QR set, exactly its one question.
    static func matches(_ bytes: [UInt8], _ query: QueryBuilder) -> Bool {
        var reader = WireReader(bytes)
        guard let header = try? DNSMessage.parseHeader(&reader), header.id == query.id, header.isResponse,
              let questionCount = try? reader.uint16("QDCOUNT"), questionCount == 1 else { return false }
        reader.skip(to: DNSMessage.headerLength)
        guard let question = try? DNSMessage.parseQuestion(&reader, number: 1) else { return false }
        return question == query.question
    }

    private static func parse(_ bytes: [UInt8], server: Nameserver) throws(DNSError) -> DNSMessage {
        do {
            return try DNSMessage(parsing: bytes)
        } catch {
            throw error.attributed(server: server)
        }
    }

    private static func convert(_ error: any Error, server: Nameserver, timeout: Duration, ignored: Int,
                                overTCP: Bool) -> DNSError {
        let failure: SystemFailure
        switch error {
        case let error as DNSError: return error.attributed(server: server)
        case ExchangeFailure.dns(let error): return error
        case ExchangeFailure.system(let error): failure = error
        case let error as SystemFailure: failure = error
        default: return DNSError(.network("\(error)"), server: server)
        }
        switch failure {
        case .timedOut:
            let (seconds, attoseconds) = timeout.components
            let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
            return DNSError(.timeout(milliseconds: milliseconds, ignoredDatagrams: ignored, overTCP: overTCP), server: server)
        case .failed:
            return DNSError(.network((overTCP ? "TCP " : "UDP ") + failure.detail), server: server)
        }
    }
}

/// Failures inside the TCP read loop, before they become a `DNSError`.
private enum ExchangeFailure: Error {
    case system(SystemFailure)
    case dns(DNSError)
}
