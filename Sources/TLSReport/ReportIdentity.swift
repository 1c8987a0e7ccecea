import MTASTSPolicy
import TLSSessions

/// Who sends reports: the fields every report and file name carries (RFC 8460 §4.4, §5.1).
public struct ReportIdentity: Sendable, Equatable {
    /// `organization-name`.
    public var organization: String
    /// `contact-info`: an e-mail address.
    public var contact: String
    /// The submitter domain of file names and `TLS-Report-Submitter` (RFC 8460 §5.1, §5.3).
    public var submitter: String

    public init(organization: String, contact: String, submitter: String? = nil) {
        self.organization = organization
        self.contact = contact
        self.submitter = submitter ?? Self.domain(of: contact)
    }

    /// `report-id` (RFC 8460 §4.4): unique per (submitter, policy domain, day) and stable, so a
    /// report sent twice (a crash between send and journal write, or `--force`) is recognisable
    /// as the same report. Contains no `!` (the file name separator) and no spaces.
    public func reportID(domain: DomainName, day: UTCDay) -> String {
        "\(day)_\(domain)@\(submitter)".replacingAll("!", with: "_").replacingAll("/", with: "_")
    }

    /// The §5.1 file name: `<submitter>!<policy-domain>!<begin>!<end>!<id>.json.gz`, begin
    /// and end in Unix seconds (the day's first and last second).
    public func fileName(domain: DomainName, day: UTCDay) -> String {
        let id = reportID(domain: domain, day: day)
        return "\(submitter.replacingAll("!", with: "_").replacingAll("/", with: "_"))!\(domain)!\(day.start)!\(day.end)!\(id).json.gz"
    }

    static func domain(of address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[address.index(after: at)...])
    }
}

extension String {
    func replacingAll(_ character: Character, with replacement: String) -> String {
        var result = ""
        for each in self { if each == character { result += replacement } else { result.append(each) } }
        return result
    }
}
