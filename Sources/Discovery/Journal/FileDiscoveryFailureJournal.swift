import MTASTSPolicy

/// The journal as daily files under the state directory, one JSON object per line:
/// `<directory>/discovery-failures-YYYY-MM-DD.jsonl` (the UTC day of the attempt),
///
///     {"time":1795564800,"domain":"example.com","result_type":"sts-policy-fetch-error","detail":"..."}
///
/// Bounded: a day's file stops growing at `maximumBytesPerDay` (further failures of that day
/// are dropped), details are cut to 500 bytes, and files older than `retentionDays` are removed
/// when a new day's file is started.
public struct FileDiscoveryFailureJournal: DiscoveryFailureRecorder {
    public let directory: String
    public let maximumBytesPerDay: Int
    public let retentionDays: Int

    public init(directory: String, maximumBytesPerDay: Int = 8 << 20, retentionDays: Int = 14) {
        self.directory = directory
        self.maximumBytesPerDay = maximumBytesPerDay
        self.retentionDays = retentionDays
    }

    /// The file of the UTC day `YYYY-MM-DD`.
    public func path(forDay day: String) -> String { directory + "/discovery-failures-" + day + ".jsonl" }

    public func append(_ record: DiscoveryFailureRecord) throws(JournalError) {
        try JournalFileIO.makeDirectory(directory)
        let day = Self.dayText(of: record.time)
        let file = path(forDay: day)
        let isNew = (try? JournalFileIO.read(file, maximumSize: 0)) == nil
        _ = try JournalFileIO.append(Array(JournalLine.encode(record).utf8) + [0x0A], to: file, maximumSize: maximumBytesPerDay)
        if isNew { removeOldFiles(before: Self.dayText(of: record.time - Int64(retentionDays) * 86_400)) }
    }

    /// Whether the journal has a file for the UTC day `YYYY-MM-DD` (the prewarmer kept a journal then).
    public func hasFile(forDay day: String) -> Bool {
        (try? JournalFileIO.read(path(forDay: day), maximumSize: 0)) != nil
    }

    /// The failures recorded for the UTC day `YYYY-MM-DD` (lines that do not parse are skipped),
    /// oldest first. No file: none.
    public func records(forDay day: String) throws(JournalError) -> [DiscoveryFailureRecord] {
        guard let bytes = try JournalFileIO.read(path(forDay: day), maximumSize: maximumBytesPerDay + 1_024) else { return [] }
        return bytes.split(separator: 0x0A).compactMap { JournalLine.decode(String(decoding: $0, as: UTF8.self)) }
    }

    private func removeOldFiles(before day: String) {
        let prefix = "discovery-failures-"
        for name in JournalFileIO.entries(of: directory) where name.hasPrefix(prefix) && name.hasSuffix(".jsonl") {
            let fileDay = String(name.dropFirst(prefix.count).dropLast(".jsonl".count))
            if fileDay.count == 10, fileDay < day { JournalFileIO.remove(directory + "/" + name) }
        }
    }

    /// `YYYY-MM-DD` of the UTC day containing Unix time `seconds`.
    static func dayText(of seconds: Int64) -> String { UTCDay(containing: seconds).description }
}
