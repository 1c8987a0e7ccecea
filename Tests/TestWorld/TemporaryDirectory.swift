import Foundation

/// A fresh directory under the system temporary directory, removed with everything in it on deinit.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() throws(TemporaryDirectoryError) {
        let template = NSTemporaryDirectory() + "/mtasts-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw TemporaryDirectoryError(template: template, code: errno)
        }
        path = String(cString: made)
    }

    /// `path/relative`.
    public func file(_ relative: String) -> String {
        path + "/" + relative
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// mkdtemp(3) failed.
public struct TemporaryDirectoryError: Error, CustomStringConvertible, Sendable {
    public let template: String
    public let code: Int32

    public var description: String {
        "Could not create a temporary directory from \(template): \(String(cString: strerror(code)))."
    }
}
