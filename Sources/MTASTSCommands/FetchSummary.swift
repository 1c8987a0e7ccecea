import Discovery
import JSONText
import MTASTSPolicy
import PolicyStore

/// What `mtasts fetch` says about one discovery, as text or JSON, and its exit status.
struct FetchSummary {
    let result: DiscoveryResult
    let reporting: ReportingLookup?
    let now: Int64
    /// The cache path, when the outcome was stored.
    let storedAt: String?
    /// The cached policy that stays in force although this attempt did not confirm it.
    let keptPolicy: CachedPolicy?

    var outcomeName: String {
        switch result.outcome {
        case .fetched, .unchanged: return "policy"
        case .noPolicy: return "no-policy"
        case .failure: return "failure"
        }
    }

    var exitStatus: Int32 {
        switch result.outcome {
        case .fetched, .unchanged: return ExitStatus.success
        case .noPolicy: return ExitStatus.noPolicy
        case .failure: return ExitStatus.failure
        }
    }

    var resultType: String? {
        if case .failure(let failure) = result.outcome { return failure.resultType.rawValue }
        return nil
    }

    var detail: String {
        switch result.outcome {
        case .fetched: return "policy fetched from \(result.policyURL)"
        case .unchanged(let cached):
            return "TXT id \(cached.id) unchanged and the cached policy is valid until \(Rendering.timestamp(cached.expire)); no HTTPS fetch needed (RFC 8461 §5.1)"
        case .noPolicy(let reason): return reason
        case .failure(let failure): return failure.detail
        }
    }

    var policyJSON: JSONValue {
        switch result.outcome {
        case .fetched(let policy, _, let warnings): return Rendering.policyJSON(policy, warnings: warnings)
        case .unchanged(let cached): return Rendering.cachedPolicyJSON(cached)
        case .noPolicy, .failure: return .null
        }
    }

    var reportURIs: [String]? {
        if case .found(let record)? = reporting { return record.reportURIs }
        return nil
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("domain", .string(result.domain.value)),
            ("outcome", .string(outcomeName)),
            ("result_type", .optional(resultType)),
            ("detail", .string(detail)),
            ("id", .optional(result.txtID)),
            ("policy", policyJSON),
        ]
        switch result.outcome {
        case .fetched: members.append(("source", "https"))
        case .unchanged: members.append(("source", "cache"))
        case .noPolicy, .failure: break
        }
        members.append(("report", reportURIs.map { .object([("rua", .array($0.map(JSONValue.string)))]) } ?? .null))
        members.append(("stored", .bool(storedAt != nil)))
        if let keptPolicy {
            members.append(("cached_policy_kept", true))
            members.append(("cached_policy", Rendering.cachedPolicyJSON(keptPolicy)))
        }
        return .object(members)
    }

    var text: String {
        var lines: [String] = []
        switch result.outcome {
        case .fetched(let policy, let id, let warnings):
            lines.append("\(result.domain): policy (id \(id), fetched from \(result.policyURL))")
            lines.append("  mode: \(policy.mode.rawValue)")
            lines.append("  mx: \(policy.mx.isEmpty ? "(none)" : policy.mx.map(\.description).joined(separator: ", "))")
            lines.append("  max_age: \(policy.maxAge) (\(Rendering.duration(Int64(policy.maxAge))))")
            lines += warnings.map { "  warning: \($0)" }
        case .unchanged(let cached):
            lines.append("\(result.domain): policy (id \(cached.id) unchanged; cached copy still valid, no HTTPS fetch)")
            lines += Rendering.policyLines(cached, now: now)
        case .noPolicy(let reason):
            lines.append("\(result.domain): no policy: \(reason)")
        case .failure(let failure):
            lines.append("\(result.domain): failure (\(failure.resultType.rawValue)): \(failure.detail)")
        }
        if let keptPolicy {
            lines.append("  the cached policy stays in force until it expires (RFC 8461 §5.1):")
            lines += Rendering.policyLines(keptPolicy, now: now).map { "  " + $0 }
        }
        switch reporting {
        case .found(let record)?: lines.append("  TLSRPT: \(record.reportURIs.joined(separator: ", "))")
        case .none(let reason)?: lines.append("  TLSRPT: none (\(reason))")
        case .failed(let reason)?: lines.append("  TLSRPT: lookup failed (\(reason))")
        case nil: break
        }
        if let storedAt { lines.append("  stored in \(storedAt)") }
        return lines.joined(separator: "\n")
    }
}
