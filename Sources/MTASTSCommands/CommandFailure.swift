import ArgumentParser

/// Exit statuses shared by the commands. 2 is a usage or configuration problem.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let invalid: Int32 = 1
    public static let usage: Int32 = 2
    public static let noPolicy: Int32 = 3
    public static let failure: Int32 = 4
}

/// An error that ends a command with a message on standard error and a chosen exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let status: Int32

    init(_ message: String, status: Int32 = ExitStatus.usage) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}
