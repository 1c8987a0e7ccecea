import Foundation

/// When each scheduled job last ran: the file `<state.directory>/schedule`, one `job seconds`
/// line per job (Unix seconds), replaced atomically (written beside, then renamed). A line may
/// go on with the run's result, `job seconds ok|failed <result line>`; files without results
/// (written before results were kept) read as before.
public struct ScheduleState: Sendable, Equatable {
    public var lastRun: [ScheduledJob: Int64]
    /// The result of each job's last run, when recorded.
    public var results: [ScheduledJob: JobResult]

    public init(lastRun: [ScheduledJob: Int64] = [:], results: [ScheduledJob: JobResult] = [:]) {
        self.lastRun = lastRun
        self.results = results
    }

    /// How a job's last run ended: whether it succeeded and its one-line summary.
    public struct JobResult: Sendable, Equatable {
        public var succeeded: Bool
        public var line: String

        /// Line breaks in `line` become spaces (the state file has one line per job).
        public init(succeeded: Bool, line: String) {
            self.succeeded = succeeded
            self.line = String(line.map { $0.isNewline ? " " : $0 })
        }
    }

    /// The file's name inside the state directory.
    public static let fileName = "schedule"

    public static func path(in directory: String) -> String { directory + "/" + fileName }

    /// Reads the state; a missing file is an empty state (nothing ran yet).
    public static func load(directory: String) throws(PrewarmError) -> ScheduleState {
        let path = path(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return ScheduleState() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PrewarmError(.state, "cannot read \(path); check its permissions")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses the file's text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(PrewarmError) -> ScheduleState {
        var state = ScheduleState()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            let hasResult = fields.count >= 3 && (fields[2] == "ok" || fields[2] == "failed")
            guard fields.count == 2 || hasResult, let job = ScheduledJob(rawValue: String(fields[0])),
                  let seconds = Int64(fields[1]), seconds >= 0 else {
                throw PrewarmError(.state, "\(path) line \(index + 1) is not \"<job> <unix seconds>\"; delete the file to reset the schedule")
            }
            state.lastRun[job] = seconds
            if hasResult {
                state.results[job] = JobResult(succeeded: fields[2] == "ok", line: fields.count > 3 ? String(fields[3]) : "")
            }
        }
        return state
    }

    /// The file's text.
    public var text: String {
        ScheduledJob.allCases.compactMap { job in
            lastRun[job].map { seconds in
                guard let result = results[job] else { return "\(job.rawValue) \(seconds)\n" }
                return "\(job.rawValue) \(seconds) \(result.succeeded ? "ok" : "failed") \(result.line)\n"
            }
        }.joined()
    }

    /// Writes the state atomically: a temporary file in the directory, then a rename.
    public func save(directory: String) throws(PrewarmError) {
        let path = Self.path(in: directory)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PrewarmError(.state, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
