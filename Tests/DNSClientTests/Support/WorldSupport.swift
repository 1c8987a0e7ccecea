import DNSClient
import Testing
import TestWorld

/// A resolver that asks only `worlds`, in order.
func resolver(_ worlds: World..., timeout: Duration = .seconds(5), attempts: Int = 2) throws(DNSError) -> Resolver {
    let servers = try worlds.map { world throws(DNSError) in try Nameserver(parsing: world.nameserver) }
    return Resolver(configuration: ResolverConfiguration(nameservers: servers, timeout: timeout, attempts: attempts))
}

/// Runs `body`, expecting a `DNSError`; returns it with the elapsed time.
func expectDNSError<T>(_ body: () throws(DNSError) -> T,
                       sourceLocation: SourceLocation = #_sourceLocation) -> (DNSError, Duration)? {
    let start = ContinuousClock.now
    do {
        let value = try body()
        Issue.record("expected a DNSError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return (error, ContinuousClock.now - start)
    }
}
