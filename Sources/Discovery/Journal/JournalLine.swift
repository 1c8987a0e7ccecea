import JSONText
import MTASTSPolicy

/// One journal line: a flat JSON object (RFC 8259) with exactly the record's four members.
enum JournalLine {
    static let maximumDetailBytes = 500

    static func encode(_ record: DiscoveryFailureRecord) -> String {
        var detail = record.detail
        if detail.utf8.count > maximumDetailBytes {
            detail = String(decoding: detail.utf8.prefix(maximumDetailBytes), as: UTF8.self)
        }
        return "{\"time\":\(record.time),\"domain\":\(JSONValue.quoted(record.domain.description)),"
            + "\"result_type\":\(JSONValue.quoted(record.resultType)),\"detail\":\(JSONValue.quoted(detail))}"
    }

    /// The record of a line written by ``encode(_:)``; nil for anything else.
    static func decode(_ line: String) -> DiscoveryFailureRecord? {
        var scanner = Scanner(Array(line.unicodeScalars))
        guard scanner.take("{") else { return nil }
        var members: [String: String] = [:]
        var time: Int64?
        repeat {
            guard let key = scanner.string(), scanner.take(":") else { return nil }
            if key == "time" {
                guard let number = scanner.integer() else { return nil }
                time = number
            } else {
                guard let value = scanner.string() else { return nil }
                members[key] = value
            }
        } while scanner.take(",")
        guard scanner.take("}"), scanner.atEnd, let time, let domainText = members["domain"],
              let domain = try? DomainName(validating: domainText),
              let type = members["result_type"], let detail = members["detail"] else { return nil }
        return DiscoveryFailureRecord(time: time, domain: domain, resultType: type, detail: detail)
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { skipSpaceIndex() == scalars.count }

        private func skipSpaceIndex() -> Int {
            var probe = index
            while probe < scalars.count, scalars[probe] == " " { probe += 1 }
            return probe
        }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            index = skipSpaceIndex()
            guard index < scalars.count, scalars[index] == character else { return false }
            index += 1
            return true
        }

        mutating func integer() -> Int64? {
            index = skipSpaceIndex()
            var text = ""
            if index < scalars.count, scalars[index] == "-" { text.append("-"); index += 1 }
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
            return Int64(text)
        }

        mutating func string() -> String? {
            guard take("\"") else { return nil }
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if scalar == "\"" { return String(out) }
                guard scalar == "\\" else { out.append(scalar); continue }
                guard index < scalars.count else { return nil }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "\"", "\\", "/": out.append(escaped)
                case "u":
                    guard index + 4 <= scalars.count,
                          let value = UInt32(String(String.UnicodeScalarView(scalars[index..<index + 4])), radix: 16),
                          let decoded = Unicode.Scalar(value) else { return nil }
                    out.append(decoded)
                    index += 4
                default: return nil
                }
            }
            return nil
        }
    }
}
