import Foundation

/// Writes the exposition text for node_exporter's textfile collector: a temporary file in the
/// same directory, then a rename, so the collector never reads a half-written file.
public enum MetricsFile {
    public static func write(_ text: String, to path: String) throws(MetricsError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o644]) else {
            throw MetricsError(path: path, reason: "cannot create \(temporary); does \(directory) exist and is it writable?")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw MetricsError(path: path, reason: "cannot rename \(temporary) to it: \(reason)")
        }
    }
}
