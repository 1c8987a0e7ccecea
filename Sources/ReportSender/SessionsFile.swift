import Foundation
import MTASTSPolicy
import TLSSessions

/// Sessions read from a JSON file: counts someone else made (an import, a test), never invented.
///
///     {"days": [{"day": "2026-11-24", "domains": [
///        {"domain": "example.com", "successful": 10, "mx_hosts": ["mx1.example.com"], "dane": false,
///         "failures": [{"result-type": "certificate-expired", "receiving-mx-hostname": "mx1.example.com",
///                       "receiving-ip": "192.0.2.1", "sending-mta-ip": "198.51.100.1", "count": 2}]}]}]}
public struct SessionsFile: SessionSource {
    public let days: [UTCDay: DailySessions]

    public init(path: String) throws(SessionsFileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SessionsFileError(path: path, problem: "cannot be read")
        }
        let file: FileBody
        do {
            file = try JSONDecoder().decode(FileBody.self, from: data)
        } catch {
            throw SessionsFileError(path: path, problem: "is not a sessions file (\(error))")
        }
        var days: [UTCDay: DailySessions] = [:]
        for dayBody in file.days {
            guard let day = UTCDay(dayBody.day) else {
                throw SessionsFileError(path: path, problem: "has day \"\(dayBody.day)\", not YYYY-MM-DD")
            }
            var sessions = days[day] ?? DailySessions(day: day)
            for body in dayBody.domains {
                guard let domain = try? DomainName(validating: body.domain) else {
                    throw SessionsFileError(path: path, problem: "has domain \"\(body.domain)\", not a domain name")
                }
                var tally = SessionTally(domain: domain, successfulSessions: body.successful ?? 0,
                                         mxHosts: Set(body.mxHosts ?? []), usedDANE: body.dane ?? false)
                for failure in body.failures ?? [] {
                    guard let type = ResultType(rawValue: failure.resultType) else {
                        throw SessionsFileError(path: path, problem: "has result type \"\(failure.resultType)\", not an RFC 8460 one")
                    }
                    let key = FailureKey(resultType: type, sendingMTAIP: failure.sendingMTAIP,
                                         receivingMXHostname: failure.receivingMXHostname,
                                         receivingMXHelo: failure.receivingMXHelo, receivingIP: failure.receivingIP,
                                         failureReasonCode: failure.failureReasonCode)
                    tally.failedSessions[key, default: 0] += failure.count ?? 1
                }
                sessions.tallies[domain] = tally
            }
            days[day] = sessions
        }
        self.days = days
    }

    public func sessions(for day: UTCDay) throws -> DailySessions {
        days[day] ?? DailySessions(day: day)
    }

    struct FileBody: Decodable { var days: [DayBody] }
    struct DayBody: Decodable { var day: String; var domains: [DomainBody] }
    struct DomainBody: Decodable {
        var domain: String
        var successful: Int?
        var mxHosts: [String]?
        var dane: Bool?
        var failures: [FailureBody]?
        enum CodingKeys: String, CodingKey {
            case domain, successful, dane, failures
            case mxHosts = "mx_hosts"
        }
    }
    struct FailureBody: Decodable {
        var resultType: String
        var sendingMTAIP: String?
        var receivingMXHostname: String?
        var receivingMXHelo: String?
        var receivingIP: String?
        var failureReasonCode: String?
        var count: Int?
        enum CodingKeys: String, CodingKey {
            case resultType = "result-type", sendingMTAIP = "sending-mta-ip"
            case receivingMXHostname = "receiving-mx-hostname", receivingMXHelo = "receiving-mx-helo"
            case receivingIP = "receiving-ip", failureReasonCode = "failure-reason-code", count
        }
    }
}

/// A sessions file that cannot be used, named with what is wrong.
public struct SessionsFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "sessions file \(path) \(problem)" }
}
