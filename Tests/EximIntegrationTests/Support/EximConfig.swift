import Foundation

/// Writes the test configuration: the tests' own settings (spool, log, user, macros that
/// point at the test's cache, helper, module, CA and an `ignore_target_hosts` without
/// 127.0.0.0/8) around the shipped snippet files, which are included as they are, never
/// copied, so the tests exercise exactly what is installed.
enum EximConfig {
    /// Which shipped form of the snippets the configuration includes.
    enum Layout: Sendable {
        /// `exim/conf.d/{main,router,transport}/…` through `.include`, as Debian's split
        /// configuration would concatenate them.
        case debianSplit
        /// The sections of `exim/exim.conf.mtasts`, the block for a monolithic `exim.conf`.
        case monolithic
    }

    static var mainSnippet: String { EximPrerequisites.snippets + "/conf.d/main/00_mtasts-macros" }
    static var routerSnippet: String { EximPrerequisites.snippets + "/conf.d/router/190_mtasts" }
    static var transportSnippet: String { EximPrerequisites.snippets + "/conf.d/transport/30_mtasts_remote_smtp" }
    static var aclSnippet: String { EximPrerequisites.snippets + "/conf.d/acl/40_mtasts-tls-events" }
    static var monolithicBlock: String { EximPrerequisites.snippets + "/exim.conf.mtasts" }

    static func text(_ settings: EximSettings, sandbox: String, cachePath: String,
                     layout: Layout = .debianSplit) throws -> String {
        var lines = [
            "# Written by EximIntegrationTests; the mtasts snippets are included unchanged.",
            "keep_environment =",
            "MTASTS_HELPER_PATH = \(settings.helperPath)",
            "MTASTS_MODULE_PATH = \(settings.modulePath)",
            "MTASTS_CACHE_PATH = \(cachePath)",
            "MTASTS_LOOKUP_SETTINGS = " + (["--cache", cachePath] + settings.lookupOptions).joined(separator: " "),
            // Debian's default list ignores 127.0.0.0/8, where the test world lives.
            "MTASTS_IGNORE_TARGET_HOSTS = <; 0.0.0.0 ; 255.255.255.255",
        ]
        if let caFile = settings.caFile { lines.append("MTASTS_CA_FILE = \(caFile)") }
        if settings.form == .dlfunc { lines.append("MTASTS_USE_DLFUNC = yes") }
        if settings.failOpen { lines.append("MTASTS_FAIL_OPEN = yes") }
        if let senders = settings.exemptSenders { lines.append("MTASTS_EXEMPT_SENDERS = \(senders)") }
        lines += [
            "primary_hostname = sender.test",
            "qualify_domain = sender.test",
            "domainlist local_domains = sender.test",
            "spool_directory = \(sandbox)/spool",
            "log_file_path = \(sandbox)/log/%slog",
            "log_selector = +tls_peerdn +tls_certificate_verified +tls_sni",
            // Delivery runs as Exim's user, which owns the sandbox: `-C` as root cannot keep
            // root across Exim's re-execs ("exim user lost privilege for using -C option").
            "exim_user = \(EximPrerequisites.eximUser)",
            "exim_group = \(EximPrerequisites.eximUser)",
        ]
        let sections = try snippetSections(layout)
        lines += [sections.main, "begin routers", sections.routers, ordinaryRouter,
                  "begin transports", sections.transports, ordinaryTransport,
                  "begin retry", "*  *  F,1h,10m", ""]
        return lines.joined(separator: "\n")
    }

    /// Debian's primary router, where mail the mtasts routers leave alone goes.
    static let ordinaryRouter = """
        dnslookup:
          driver = dnslookup
          domains = ! +local_domains
          transport = remote_smtp
          same_domain_copy_routing = yes
          ignore_target_hosts = MTASTS_IGNORE_TARGET_HOSTS
          no_more
        """

    /// Debian's remote_smtp (plus SNI, so the world's sink can tell the hosts apart).
    static let ordinaryTransport = """
        remote_smtp:
          driver = smtp
          tls_sni = $host
        """

    private static func snippetSections(_ layout: Layout) throws -> (main: String, routers: String, transports: String) {
        switch layout {
        case .debianSplit:
            return (".include \(mainSnippet)", ".include \(routerSnippet)", ".include \(transportSnippet)")
        case .monolithic:
            let block = try MonolithicBlock(path: monolithicBlock)
            return (block.main, block.routers, block.transports)
        }
    }
}
