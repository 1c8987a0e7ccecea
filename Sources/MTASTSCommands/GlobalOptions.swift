import ArgumentParser
import Logging
import DNSClient
import Discovery
import Foundation
import HTTPSFetch
import MTASTSConfig
import MTASTSPolicy
import PolicyStore

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The YAML configuration file.",
        discussion: "Default: $MTASTS_CONFIG, else /etc/mtasts/mtasts.yaml (defaults apply when that file is absent).",
        valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Flag(name: .long, help: "Log every domain's outcome and other details (level=debug) on standard error.")
    var verbose = false

    @Flag(name: .long, help: "Log only errors on standard error.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("--verbose and --quiet cannot be used together") }
    }

    /// Loads the configuration; any problem is a usage/configuration error (exit 2). Also sets
    /// the log level from --verbose / --quiet.
    func loadConfiguration() throws -> Configuration {
        Log.level = verbose ? .debug : quiet ? .error : .info
        let location = Configuration.resolvePath(explicit: config, environment: ProcessInfo.processInfo.environment)
        do {
            return try Configuration.load(from: location)
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }
}

/// The services a command builds from the configuration.
struct Services {
    let configuration: Configuration

    func resolver() throws -> Resolver {
        let settings = configuration.resolver
        do {
            if let texts = settings.nameservers {
                var nameservers: [Nameserver] = []
                for text in texts { nameservers.append(try Nameserver(parsing: text)) }
                return Resolver(configuration: ResolverConfiguration(
                    nameservers: nameservers, timeout: settings.timeout, attempts: settings.attempts))
            }
            return Resolver(configuration: try ResolverConfiguration.system(
                timeout: settings.timeout, attempts: settings.attempts))
        } catch {
            throw CommandFailure("resolver: \(error)", status: ExitStatus.usage)
        }
    }

    func fetcher() -> PolicyFetcher {
        let settings = configuration.https
        return PolicyFetcher(configuration: PolicyFetchConfiguration(
            caFile: settings.caFile, connectTimeout: settings.connectTimeout, timeout: settings.timeout,
            userAgent: "mtasts/\(MTASTSCommand.configuration.version)"))
    }

    func discoverer() throws -> PolicyDiscoverer {
        PolicyDiscoverer(resolver: try resolver(), fetcher: fetcher())
    }

    /// Opens the cache; a cache problem is an environment error (exit 2) with the store's own sentence.
    /// With `rebuild`, a file that is not an LMDB cache is moved aside (see ``CacheRebuild``) and
    /// a fresh cache created; without it such a file is refused and left untouched.
    func store(_ access: LMDBPolicyStore.AccessMode, rebuild: Bool = false) throws -> LMDBPolicyStore {
        let path = configuration.cache.path
        do {
            return try LMDBPolicyStore(path: path, access: access)
        } catch where error.kind == .notACache && access == .readWrite {
            guard rebuild else {
                throw CommandFailure("\(path) is not an LMDB cache; it was left untouched: pass --rebuild to move it aside and start a fresh cache",
                                     status: ExitStatus.usage)
            }
            let aside = try CacheRebuild.moveAside(path, now: Date())
            writeStandardError("mtasts: \(path) was not an LMDB cache; moved it aside to \(aside) and started a fresh cache\n")
            do {
                return try LMDBPolicyStore(path: path, access: access)
            } catch {
                throw CommandFailure("\(error)", status: ExitStatus.usage)
            }
        } catch {
            throw CommandFailure("\(error)", status: ExitStatus.usage)
        }
    }
}

/// Validates a domain argument (letters, digits, hyphens, dots, A-labels; a trailing dot is fine).
func domainArgument(_ text: String) throws -> DomainName {
    do {
        return try DomainName(validating: text)
    } catch {
        throw CommandFailure("\(error)", status: ExitStatus.usage)
    }
}
