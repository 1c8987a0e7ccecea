import ArgumentParser
import Discovery
import JSONText
import MTASTSPolicy
import PolicyStore

/// `mtasts show DOMAIN [--json]`: what the cache holds for a domain, read-only.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what the cache holds for a domain (read-only).",
        discussion: "Exit 0: the domain is cached; 3: it is not; 2: usage, configuration or cache error.")

    @Argument(help: ArgumentHelp("The recipient domain.", valueName: "domain"))
    var domain: String

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let name = try domainArgument(domain)
        let configuration = try options.loadConfiguration()
        let cache = try Services(configuration: configuration).store(.readOnly)
        let entry: CacheEntry?
        do {
            entry = try cache.entry(for: name)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
        let now = SystemWallClock().now()
        guard let entry else {
            if options.json {
                writeStandardOutput(JSONValue.object([("domain", .string(name.value)), ("cached", false)]).rendered)
            } else {
                writeStandardOutput("\(name): not in the cache at \(configuration.cache.path)")
            }
            throw ExitCode(ExitStatus.noPolicy)
        }
        writeStandardOutput(options.json ? Self.json(entry, now: now).rendered : Self.text(entry, now: now))
    }

    static func json(_ entry: CacheEntry, now: Int64) -> JSONValue {
        var members: [(String, JSONValue)] = [("domain", .string(entry.domain.value)), ("cached", true)]
        if let policy = entry.policy {
            members.append(("policy", .object([
                ("mode", .string(policy.mode.rawValue)),
                ("mx", .array(policy.mx.map(JSONValue.string))),
                ("id", .string(policy.id)),
                ("max_age", policy.maxAge.map { .int(Int64($0)) } ?? .null),
                ("fetched", policy.fetchedAt.map { .int($0) } ?? .null),
                ("expire", .int(policy.expire)),
                ("expire_at", .string(Rendering.timestamp(policy.expire))),
                ("valid_now", .bool(policy.isValid(at: now))),
                ("text", .optional(policy.text)),
            ])))
        } else {
            members.append(("policy", .null))
        }
        if let reporting = entry.reporting {
            members.append(("report", .object([
                ("address", .optional(reporting.reportAddress)),
                ("rua", .array(reporting.rua.map(JSONValue.string))),
            ])))
        } else {
            members.append(("report", .null))
        }
        if let check = entry.lastCheck {
            members.append(("last_check", .object([
                ("checked", .int(check.checkedAt)),
                ("checked_at", .string(Rendering.timestamp(check.checkedAt))),
                ("outcome", .string(check.outcome.rawValue)),
                ("error", .optional(check.error)),
                ("error_type", .optional(check.errorType)),
                ("consecutive_failures", .int(Int64(check.consecutiveFailures))),
            ])))
        } else {
            members.append(("last_check", .null))
        }
        if let dane = entry.dane {
            members.append(("dane", .object([
                ("validated_tlsa", .bool(dane.hasValidatedTLSA)),
                ("checked", .int(dane.checkedAt)),
                ("checked_at", .string(Rendering.timestamp(dane.checkedAt))),
            ])))
        } else {
            members.append(("dane", .null))
        }
        members.append(("missed", entry.tracking?.missedAt.map { .int($0) } ?? .null))
        members.append(("problems", .array(entry.problems.map(JSONValue.string))))
        return .object(members)
    }

    static func text(_ entry: CacheEntry, now: Int64) -> String {
        var lines: [String] = []
        if let policy = entry.policy {
            lines.append("\(entry.domain): \(policy.isValid(at: now) ? "cached policy" : "expired cached policy")")
            lines += Rendering.policyLines(policy, now: now)
        } else {
            lines.append("\(entry.domain): no cached policy")
        }
        if let reporting = entry.reporting {
            lines.append("  TLSRPT: \(reporting.rua.joined(separator: ", "))")
        }
        if let check = entry.lastCheck {
            var line = "  last check: \(Rendering.timestamp(check.checkedAt)): \(check.outcome.rawValue)"
            if let type = check.errorType { line += " (\(type))" }
            if let error = check.error { line += ": \(error)" }
            if check.consecutiveFailures > 1 { line += " [\(check.consecutiveFailures) failures in a row]" }
            lines.append(line)
        }
        if let dane = entry.dane {
            lines.append("  DANE: \(dane.hasValidatedTLSA ? "validated TLSA for every MX host (DANE takes precedence)" : "no") (checked \(Rendering.timestamp(dane.checkedAt)))")
        }
        if let missedAt = entry.tracking?.missedAt {
            lines.append("  last lookup miss: \(Rendering.timestamp(missedAt))")
        }
        lines += entry.problems.map { "  problem: \($0)" }
        return lines.joined(separator: "\n")
    }
}
