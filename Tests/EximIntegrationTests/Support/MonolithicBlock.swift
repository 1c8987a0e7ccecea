import Foundation

/// `exim/exim.conf.mtasts` split at its section markers: what goes at the end of a monolithic
/// `exim.conf`'s main section, first in `begin routers`, in `begin transports` and in `begin acl`.
struct MonolithicBlock {
    static let mainMarker = "# ==== mtasts: main section ===="
    static let routersMarker = "# ==== mtasts: routers ===="
    static let transportsMarker = "# ==== mtasts: transports ===="
    static let aclMarker = "# ==== mtasts: ACL (after \"begin acl\"; only needed with MTASTS_LOG_TLS_EVENTS) ===="

    let main: String
    let routers: String
    let transports: String
    let acl: String

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        func part(after start: String, before end: String?) throws -> String {
            guard let from = text.range(of: start + "\n") else {
                throw MonolithicBlockError(path: path, marker: start)
            }
            var to = text.endIndex
            if let end {
                guard let found = text.range(of: end + "\n", range: from.upperBound..<text.endIndex) else {
                    throw MonolithicBlockError(path: path, marker: end)
                }
                to = found.lowerBound
            }
            return String(text[from.upperBound..<to])
        }
        main = try part(after: Self.mainMarker, before: Self.routersMarker)
        routers = try part(after: Self.routersMarker, before: Self.transportsMarker)
        transports = try part(after: Self.transportsMarker, before: Self.aclMarker)
        acl = try part(after: Self.aclMarker, before: nil)
    }
}

struct MonolithicBlockError: Error, CustomStringConvertible {
    let path: String
    let marker: String
    var description: String { "\(path) lacks the line \"\(marker)\"." }
}
