import Foundation
import TLSReport

/// A report as an e-mail (RFC 8460 §5.3): `multipart/report; report-type="tlsrpt"` with a short
/// text part and the gzip report as an `application/tlsrpt+gzip` attachment. Lines end in CRLF.
public struct ReportEmail: Sendable, Equatable {
    public var from: String
    public var to: String
    /// Written as a `Bcc` header only when the submitter reads recipients from the headers
    /// (`sendmail -t` removes it); SMTP submission puts it in the envelope instead.
    public var bcc: String?
    public var messageID: String
    public var bytes: [UInt8]

    /// Composes the mail for `report` to one `mailto:` address. `date` is the send time in
    /// Unix seconds. The Message-ID is stable per (report, recipient), so a resend is
    /// recognisable as a duplicate, like the report-id.
    public init(report: DailyReport, gzip: [UInt8], from: String, to: String, bcc: String?,
                bccHeader: Bool, date: Int64) {
        self.from = from
        self.to = to
        self.bcc = bcc
        let identity = report.identity
        messageID = "<tlsrpt.\(report.day).\(report.domain).\(StableHash.hex(to))@\(identity.submitter)>"
        let boundary = "tlsrpt-\(StableHash.hex(report.reportID))"
        var headers = [
            "From: \(from)",
            "To: \(to)",
        ]
        if bccHeader, let bcc { headers.append("Bcc: \(bcc)") }
        headers += [
            // RFC 8460 §5.3: the subject names domain, submitter and report-id.
            "Subject: Report Domain: \(report.domain) Submitter: \(identity.submitter) Report-ID: <\(report.reportID)>",
            "Date: \(RFC5322Date.format(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "TLS-Report-Domain: \(report.domain)",
            "TLS-Report-Submitter: \(identity.submitter)",
            // RFC 8689 §5 / RFC 8460 §5.3: deliver the report even when TLS to the domain fails.
            "TLS-Required: No",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/report; report-type=\"tlsrpt\";",
            "\tboundary=\"\(boundary)\"",
        ]
        let policyTypes = Set(report.policies.map(\.type.rawValue)).sorted().joined(separator: ", ")
        let successes = report.policies.reduce(0) { $0 + $1.successfulSessions }
        let failures = report.policies.reduce(0) { $0 + $1.failedSessions }
        let text = [
            "This is an aggregate TLS report (RFC 8460) from \(identity.organization).",
            "",
            "Report domain: \(report.domain)",
            "Submitter: \(identity.submitter)",
            "Report-ID: \(report.reportID)",
            "Period: \(report.day.startDateTime) to \(report.day.endDateTime)",
            "Policy type: \(policyTypes)",
            "Sessions: \(successes) successful, \(failures) failed",
            "",
            "The report is attached as \(report.fileName).",
        ]
        var lines = headers + ["", "This is a multipart message in MIME format.", "", "--\(boundary)",
                               "Content-Type: text/plain; charset=utf-8",
                               "Content-Transfer-Encoding: 8bit", ""] + text
        lines += ["", "--\(boundary)",
                  "Content-Type: application/tlsrpt+gzip;",
                  "\tname=\"\(report.fileName)\"",
                  "Content-Disposition: attachment;",
                  "\tfilename=\"\(report.fileName)\"",
                  "Content-Transfer-Encoding: base64", ""]
        let encoded = Data(gzip).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        lines += ["", "--\(boundary)--", ""]
        bytes = Array(lines.joined(separator: "\r\n").utf8)
    }
}
