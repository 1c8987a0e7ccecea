import Foundation
import HTTPSFetch

/// Submission through the local MTA's `sendmail` (`report.sendmail`), run as
/// `<sendmail> -oi -t -f <from>` with posix_spawn (Foundation's Process), never a shell; so
/// Exim queues and DKIM-signs the mail.
///
/// The message is first written to a spool file that becomes sendmail's standard input, not
/// a pipe: if this process dies mid-way, sendmail never sees a truncated message as complete
/// (with `-oi`, end of input ends the message). Once sendmail is started with the whole
/// message, the handover is done: `handedOver` is called.
public struct SendmailSubmission: MailSubmission {
    public let program: String
    /// Where the spool files are written (the state directory).
    public let spoolDirectory: String

    public init(program: String, spoolDirectory: String) {
        self.program = program
        self.spoolDirectory = spoolDirectory
    }

    public var bccAsHeader: Bool { true }

    public func submit(_ email: ReportEmail, handedOver: () -> Void) -> UploadOutcome {
        let spool = spoolDirectory + "/tlsrpt-outgoing-\(getpid())-\(StableHash.hex(email.messageID)).eml"
        let errors = spool + ".err"
        defer {
            unlink(spool)
            unlink(errors)
        }
        guard FileManager.default.createFile(atPath: spool, contents: Data(email.bytes)),
              FileManager.default.createFile(atPath: errors, contents: nil),
              let input = FileHandle(forReadingAtPath: spool),
              let errorOutput = FileHandle(forWritingAtPath: errors) else {
            return UploadOutcome(accepted: false, statusCode: 0, message: "cannot write the spool file \(spool)")
        }
        defer {
            try? input.close()
            try? errorOutput.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-oi", "-t", "-f", email.from]
        process.standardInput = input
        process.standardOutput = errorOutput
        process.standardError = errorOutput
        do {
            try process.run()
        } catch {
            return UploadOutcome(accepted: false, statusCode: 0, message: "cannot run \(program): \(error.localizedDescription)")
        }
        handedOver()
        process.waitUntilExit()
        let status = process.terminationStatus
        if process.terminationReason == .exit, status == 0 {
            return UploadOutcome(accepted: true, statusCode: 0, message: "handed to \(program)")
        }
        let text = (FileManager.default.contents(atPath: errors).map { String(decoding: $0.prefix(500), as: UTF8.self) } ?? "")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        let how = process.terminationReason == .exit ? "exited with status \(status)" : "was killed by signal \(status)"
        return UploadOutcome(accepted: false, statusCode: 0, message: "\(program) \(how)\(text.isEmpty ? "" : ": \(text)")")
    }
}
