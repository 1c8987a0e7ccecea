import Foundation

/// A fresh directory under the system temporary directory, removed with everything in it on deinit.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init() throws {
        let template = NSTemporaryDirectory() + "/mtasts-test-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: template])
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
