import DNSClient
import Discovery
import HTTPSFetch
import MTASTSPolicy

/// Runs each discovery step itself (the same rules as ``PolicyDiscoverer``) and records what
/// it saw, for `mtasts explain`.
struct Explainer {
    let discoverer: PolicyDiscoverer

    var resolver: Resolver { discoverer.resolver }

    func explain(_ domain: DomainName) -> Explanation {
        var out = Explanation(domain: domain.value)
        let policy = mtaSTS(domain, into: &out)
        mxHosts(domain, policy: policy, into: &out)
        reporting(domain, into: &out)
        dane(domain, into: &out)
        return out
    }

    /// RFC 8461 §3.1–§3.3: TXT record, policy host, HTTPS, policy document. Nil when no policy.
    private func mtaSTS(_ domain: DomainName, into out: inout Explanation) -> Policy? {
        let txtName = domain.prefixed(with: "_mta-sts")
        let answer: DNSAnswer<TXTRecord>
        do throws(DNSError) {
            answer = try resolver.txt(txtName)
        } catch {
            out.add("TXT \(txtName)", .fail, ["DNS error: \(error) (a temporary failure is not \"no policy\")"])
            return conclude(.failure, "the _mta-sts TXT lookup failed; a cached policy stays in force", &out)
        }
        var details = answer.records.isEmpty ? ["no TXT records\(answer.nameDoesNotExist ? " (the name does not exist)" : "")"] : []
        for record in answer.records {
            let text = record.text
            if case .noRecord = STSRecord.select(from: [text]) {
                details.append("discarded: \"\(text)\" (does not start with v=STSv1;)")
            } else {
                details.append("kept: \"\(text)\"")
            }
        }
        details.append("DNSSEC: \(answer.authenticated ? "validated (AD)" : "not validated")")
        let record: STSRecord
        switch STSRecord.select(from: answer.records.map(\.text)) {
        case .record(let found):
            record = found
            details.append("id: \(found.id)")
            out.add("TXT \(txtName)", .pass, details)
        case .noRecord:
            out.add("TXT \(txtName)", .fail, details + ["no v=STSv1 record: the domain publishes no policy (RFC 8461 §3.1)"])
            return conclude(.noPolicy, "no _mta-sts TXT record; mail goes with opportunistic TLS", &out)
        case .multipleRecords(let count):
            out.add("TXT \(txtName)", .fail, details + ["\(count) v=STSv1 records: exactly one is required (RFC 8461 §3.1)"])
            return conclude(.noPolicy, "several v=STSv1 records: no available policy", &out)
        case .invalid(let reason):
            out.add("TXT \(txtName)", .fail, details + ["invalid: \(reason)"])
            return conclude(.noPolicy, "the v=STSv1 record is invalid: no available policy", &out)
        }

        let host = domain.prefixed(with: "mta-sts")
        var addresses: [String] = []
        var errors: [String] = []
        do throws(DNSError) { addresses += try resolver.a(host).records } catch { errors.append("A: \(error)") }
        do throws(DNSError) { addresses += try resolver.aaaa(host).records } catch { errors.append("AAAA: \(error)") }
        guard !addresses.isEmpty else {
            out.add("policy host \(host)", .fail, errors.isEmpty ? ["no A or AAAA record"] : errors)
            return conclude(.failure, "the policy host has no address (sts-policy-fetch-error)", &out)
        }
        out.add("policy host \(host)", .pass, addresses + errors)

        let url = "https://\(host)/.well-known/mta-sts.txt"
        let document: PolicyDocument
        do throws(PolicyFetchError) {
            document = try discoverer.fetcher.fetch(policyHost: host, addresses: addresses)
        } catch {
            out.add("HTTPS \(url)", .fail, ["\(error.category.rawValue): \(error)"])
            return conclude(.failure, "the policy could not be fetched (\(error.category.rawValue)); a cached policy stays in force",
                            &out)
        }
        out.add("HTTPS \(url)", .pass, [
            "status: 200", "content type: \(document.contentType)",
            "certificate subject: \(document.certificateSubject ?? "(unknown)")",
            "certificate issuer: \(document.certificateIssuer ?? "(unknown)")",
        ])
        do throws(PolicyParseError) {
            let parsed = try PolicyParser.parse(bytes: document.body)
            out.add("policy", .pass, parsed.policy.lines + parsed.warnings.map { "warning: \($0)" })
            out.verdict = .ok
            out.summary = "policy \(record.id), mode \(parsed.policy.mode.rawValue)"
            return parsed.policy
        } catch {
            out.add("policy", .fail, ["invalid (sts-policy-invalid): \(error)"])
            return conclude(.invalidPolicy, "the policy document is invalid", &out)
        }
    }

    private func conclude(_ verdict: Explanation.Verdict, _ summary: String, _ out: inout Explanation) -> Policy? {
        out.verdict = verdict
        out.summary = summary
        return nil
    }

    /// RFC 8461 §4.1: each MX host must match one of the policy's `mx` patterns.
    private func mxHosts(_ domain: DomainName, policy: Policy?, into out: inout Explanation) {
        let answer: DNSAnswer<MXRecord>
        do throws(DNSError) {
            answer = try resolver.mx(domain.value)
        } catch {
            out.add("MX \(domain)", .fail, ["DNS error: \(error)"])
            return
        }
        guard !answer.records.isEmpty else {
            out.add("MX \(domain)", .info, ["no MX records (mail goes to the domain's address, RFC 5321 §5.1)"])
            return
        }
        var uncovered: [String] = []
        var details: [String] = []
        for record in answer.records.sorted(by: { ($0.preference, $0.exchange) < ($1.preference, $1.exchange) }) {
            var line = "\(record.preference) \(record.exchange)"
            if let policy {
                let host = try? DomainName(validating: record.exchange)
                if let host, let pattern = policy.mx.first(where: { $0.matches(host) }) {
                    line += ": matches \(pattern)"
                } else {
                    line += ": matches no mx pattern"
                    uncovered.append(record.exchange)
                }
            }
            details.append(line)
        }
        guard let policy else {
            out.add("MX \(domain)", .info, details)
            return
        }
        out.add("MX \(domain)", uncovered.isEmpty ? .pass : .fail, details)
        if !uncovered.isEmpty && out.verdict == .ok {
            out.verdict = .mxNotCovered
            let consequence = policy.mode == .enforce ? "deliveries to it are refused (RFC 8461 §5)"
                : policy.mode == .testing ? "only reported in testing mode" : "mode none: no effect"
            out.summary += "; \(uncovered.joined(separator: ", ")) not covered by the policy: \(consequence)"
        } else if uncovered.isEmpty && out.verdict == .ok {
            out.summary += "; every MX host is covered"
        }
    }

    /// RFC 8460 §3: where TLS reports go.
    private func reporting(_ domain: DomainName, into out: inout Explanation) {
        let name = domain.prefixed(with: "_smtp._tls")
        switch discoverer.lookUpReporting(domain) {
        case .found(let record): out.add("TXT \(name)", .pass, record.reportURIs.map { "rua: \($0)" })
        case .none(let reason): out.add("TXT \(name)", .info, [reason])
        case .failed(let error): out.add("TXT \(name)", .fail, ["DNS error: \(error)"])
        }
    }

    /// RFC 8461 §2: DANE, when DNSSEC-validated, takes precedence.
    private func dane(_ domain: DomainName, into out: inout Explanation) {
        switch discoverer.lookUpDANE(domain) {
        case .validated(let hosts):
            out.add("DANE", .pass, ["validated TLSA records for \(hosts.joined(separator: ", ")): DANE takes precedence over MTA-STS"])
        case .notApplicable(let reason): out.add("DANE", .info, ["not applicable: \(reason)"])
        case .failed(let error): out.add("DANE", .fail, ["DNS error: \(error)"])
        }
    }
}
