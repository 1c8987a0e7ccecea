import TestWorld

/// A day of main-log lines in the shapes scripts/bench/make-day-log.py writes (the benchmark's
/// day) and more: successes, further recipients, reused connections with `CV=no`, 4xx and
/// TLS deferrals, `**` failures, cleartext deliveries, DANE, host lines, event lines, OpenSSL
/// verify lines, the pull-function noise, arrivals from an ignored sender; header forms with
/// and without zone, milliseconds, `[pid]`, and Exim 4.97 ids. Deterministic for a seed.
struct SyntheticDayLog {
    typealias Numbers = SeededGenerator

    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    static let cipher = "TLS1.3:ECDHE_SECP256R1__ECDSA_SECP256R1_SHA256__AES_256_GCM:256"
    static let ignoredSender = "tlsrpt-noreply@sender.example"

    /// The lines of `messages` messages on 2026-11-25 (UTC, or local when `withZone` is false).
    static func lines(messages: Int, seed: UInt64, withZone: Bool = true) -> [String] {
        var numbers = Numbers(seed: seed)
        var lines: [String] = []
        for n in 0..<messages {
            let t = n * 86_399 / max(messages, 1)
            var stamp = "2026-11-25 " + two(t / 3_600) + ":" + two(t / 60 % 60) + ":" + two(t % 60)
            if numbers.below(4) == 0 { stamp += "." + String(100 + numbers.below(900)) }
            if withZone { stamp += " +0000" }
            if numbers.below(5) == 0 { stamp += " [\(1_000 + numbers.below(90_000))]" }
            let id = messageID(&numbers, long: numbers.below(6) == 0)
            let domain = (n % 3 == 0 ? "p" : "d") + String(n % 50) + (numbers.below(20) == 0 ? ".Example" : ".example")
            let ip = "192.0.\(n % 200).\(n % 250 + 1)"
            let host = "mx\(n % 3).\(domain.lowercased())"
            let prefix = stamp + " " + id + " "
            let sender = numbers.below(25) == 0 ? "<" + ignoredSender.uppercased() + ">" : "alice\(n % 97)@sender.example"
            lines.append(prefix + "<= \(sender) H=client.sender.example [198.51.100.\(n % 250)]:52431 P=esmtps X=\(cipher) CV=no S=\(1_000 + n) id=m\(n)@sender.example")
            switch numbers.below(100) {
            case 0..<55:
                if numbers.below(2) == 0 {
                    lines.append(prefix + "H=\(host) [\(ip)] TLS error on connection (recv): Error in the pull function.")
                }
                let verified = ["yes", "yes", "yes", "dane", "YES"][numbers.below(5)]
                lines.append(prefix + "=> bob\(n % 13)@\(domain) R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25 X=\(cipher) CV=\(verified) DN=\"CN=\(host)\" C=\"250 2.0.0 OK id=\(n)\"")
                if numbers.below(4) == 0 {
                    lines.append(prefix + "-> carol@\(domain) R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25 X=\(cipher) CV=yes C=\"250 OK\"")
                }
            case 55..<63:
                lines.append(prefix + "=> dave@\(domain) R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25* X=\(cipher) CV=no C=\"250 OK\"")
            case 63..<68:
                lines.append(prefix + "=> erin@\(domain) R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25 X=\(cipher) CV=no C=\"250 OK\"")
            case 68..<72:
                lines.append(prefix + "=> frank@\(domain) R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25 C=\"250 OK\"")
            case 72..<78:
                lines.append(prefix + "== gina@\(domain) R=dnslookup T=remote_smtp defer (-44) H=\(host) [\(ip)]:25: SMTP error from remote mail server after RCPT TO:<gina@\(domain)>: 451 4.7.1 greylisted")
            case 78..<84:
                lines.append(prefix + "== hank@\(domain) R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-37) H=\(host) [\(ip)]:25: TLS session: (certificate verification failed): certificate invalid")
            case 84..<87:
                lines.append(prefix + "H=\(host) [\(ip)]:25: a TLS session is required, but the server did not offer TLS support")
                lines.append(prefix + "== ivan@\(domain) R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-38) H=\(host) [\(ip)]:25: a TLS session is required, but the server did not offer TLS support")
            case 87..<90:
                lines.append(prefix + "** jane@\(domain) R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25: SMTP error from remote mail server after RCPT TO:<jane@\(domain)>: 550 5.1.1 no such user")
            case 90..<93:
                lines.append(prefix + "MTASTS-TLS event=host-defer domain=\(domain.lowercased()) host=\(host) ip=\(ip) sending=192.0.2.25 errno=-37 reason=\"certificate has expired\"")
                lines.append(prefix + "== kim@\(domain) R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-37) H=\(host) [\(ip)]:25: TLS session: (certificate verification failed): certificate invalid")
            case 93..<96:
                lines.append(prefix + "[\(ip)] SSL verify error: depth=0 error=self signed certificate cert=/CN=\(host)")
                lines.append(prefix + "== lou@\(domain) R=dnslookup_mtasts_enforce T=remote_smtp_mtasts_enforce defer (-37) H=\(host) [\(ip)]:25: TLS session: (SSL_connect): error:0A000086:SSL routines::certificate verify failed")
            default:
                lines.append(prefix + "=> mia@\(domain) <alias@local.example> R=dnslookup T=remote_smtp H=\(host) [\(ip)]:25 X=\(cipher) CV=yes")
            }
            lines.append(prefix + "Completed")
        }
        return lines
    }

    static func messageID(_ numbers: inout Numbers, long: Bool) -> String {
        let lengths = long ? [6, 11, 4] : [6, 6, 2]
        return lengths.map { count in String((0..<count).map { _ in alphabet[numbers.below(62)] }) }.joined(separator: "-")
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
