import Foundation
import JSONText
import MTASTSPolicy
import PolicyStore

/// Shared text and JSON renderings of policies and cache entries.
enum Rendering {
    /// `{"valid":true,"version":"STSv1","mode":...,"max_age":...,"mx":[...]}`
    static func policyJSON(_ policy: Policy, warnings: [String] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("valid", true),
            ("version", .string(policy.version)),
            ("mode", .string(policy.mode.rawValue)),
            ("max_age", .int(Int64(policy.maxAge))),
            ("mx", .array(policy.mx.map { .string($0.description) })),
        ]
        if !warnings.isEmpty { members.append(("warnings", .array(warnings.map(JSONValue.string)))) }
        return .object(members)
    }

    static func invalidPolicyJSON(_ error: String) -> JSONValue {
        .object([("valid", false), ("error", .string(error))])
    }

    static func cachedPolicyJSON(_ policy: CachedPolicy) -> JSONValue {
        .object([
            ("valid", true),
            ("version", "STSv1"),
            ("mode", .string(policy.mode.rawValue)),
            ("max_age", policy.maxAge.map { .int(Int64($0)) } ?? .null),
            ("mx", .array(policy.mx.map(JSONValue.string))),
        ])
    }

    /// RFC 3339 UTC text of a Unix time, e.g. `2026-11-25T08:49:41Z`.
    static func timestamp(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// A duration in seconds, the way the config writes them: `7d`, `6h`, `10m`, `30s`, or `1d 6h`.
    static func duration(_ seconds: Int64) -> String {
        if seconds <= 0 { return "0s" }
        var rest = seconds
        var parts: [String] = []
        for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        return parts.joined(separator: " ")
    }

    /// Human-readable lines for a cached policy.
    static func policyLines(_ policy: CachedPolicy, now: Int64) -> [String] {
        var lines = [
            "  mode: \(policy.mode.rawValue)",
            "  mx: \(policy.mx.isEmpty ? "(none)" : policy.mx.joined(separator: ", "))",
            "  id: \(policy.id)",
        ]
        if let maxAge = policy.maxAge { lines.append("  max_age: \(maxAge) (\(duration(Int64(maxAge))))") }
        if let fetched = policy.fetchedAt { lines.append("  fetched: \(timestamp(fetched))") }
        let left = policy.expire - now
        lines.append("  expires: \(timestamp(policy.expire)) (\(left > 0 ? "in \(duration(left))" : "expired"))")
        return lines
    }
}
