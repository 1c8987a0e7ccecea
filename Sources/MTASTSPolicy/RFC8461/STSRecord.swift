/// The `_mta-sts.<domain>` TXT record (RFC 8461 §3.1).
public struct STSRecord: Hashable, Sendable {
    /// The policy id: 1–32 letters and digits, compared as an opaque string (RFC 8461 §3.1).
    public let id: String
    /// Extension fields in record order; RFC 8461 §3.1 says receivers ignore them.
    public let extensions: [Extension]

    public struct Extension: Hashable, Sendable {
        public let name: String
        public let value: String
    }

    /// What the TXT RRset at `_mta-sts.<domain>` says, after RFC 8461 §3.1's selection rules.
    public enum Selection: Hashable, Sendable {
        /// Exactly one valid `v=STSv1` record.
        case record(STSRecord)
        /// No record starts with `v=STSv1`: the domain has no policy.
        case noRecord
        /// More than one `v=STSv1` record: the domain has no available policy (§3.1).
        case multipleRecords(Int)
        /// The one `v=STSv1` record is syntactically invalid: the domain has no available policy (§3.1).
        case invalid(String)
    }

    /// Applies §3.1 to the TXT records found, each already joined from its character-strings
    /// ("a record split into several strings is one record": join with nothing between).
    /// Records that do not start with `v=STSv1` followed by the `;` separator are discarded;
    /// exactly one must remain, and it must parse.
    public static func select(from records: [String]) -> Selection {
        let candidates = records.filter(isSTSRecord)
        guard candidates.count <= 1 else { return .multipleRecords(candidates.count) }
        guard let text = candidates.first else { return .noRecord }
        do throws(STSRecordError) {
            return .record(try parse(text))
        } catch {
            return .invalid(error.description)
        }
    }

    /// Whether a TXT record is an MTA-STS record: `v=STSv1` then `*WSP ";"` (§3.1 `sts-version`,
    /// `sts-sep`). `v=STSv12;` is not.
    static func isSTSRecord(_ text: String) -> Bool {
        guard text.hasPrefix("v=STSv1") else { return false }
        return TagList.startsWithSeparator(text.utf8.dropFirst(7))
    }

    /// Parses `sts-text-record = sts-version 1*(sts-sep sts-field) [sts-sep]` (§3.1).
    public static func parse(_ text: String) throws(STSRecordError) -> STSRecord {
        let fields = try TagList.parse(text, version: "v=STSv1", errorType: STSRecordError.self)
        var id: String?
        var extensions: [Extension] = []
        for field in fields {
            if field.name == "id" {
                guard id == nil else { throw STSRecordError("the record has more than one id") }
                guard (1...32).contains(field.value.utf8.count),
                      field.value.utf8.allSatisfy(PolicyParser.isAlphaNumeric) else {
                    throw STSRecordError("id \"\(DomainNameError.printable(field.value))\" is not 1 to 32 letters and digits")
                }
                id = field.value
            } else {
                extensions.append(Extension(name: field.name, value: field.value))
            }
        }
        guard let id else { throw STSRecordError("the record has no id") }
        return STSRecord(id: id, extensions: extensions)
    }
}

/// Why an `_mta-sts` TXT record is invalid (RFC 8461 §3.1).
public struct STSRecordError: Error, Sendable, Equatable, CustomStringConvertible, TagListError {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { "invalid _mta-sts TXT record: \(reason)" }
}
