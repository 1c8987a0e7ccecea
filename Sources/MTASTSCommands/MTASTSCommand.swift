import ArgumentParser

/// The root `mtasts` command.
struct MTASTSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtasts",
        abstract: "MTA-STS (RFC 8461) and TLSRPT (RFC 8460) for the Exim mail server.",
        discussion: """
            Exit statuses: 0 success (a policy), 1 invalid policy document, 2 usage or \
            configuration error, 3 no policy, 4 discovery failure.
            """,
        version: "0.1.0",
        subcommands: [
            FetchCommand.self, ShowCommand.self, PolicyCommand.self, MigrateCommand.self,
            LearnCommand.self, PrewarmCommand.self, DomainsCommand.self, TickCommand.self, RunCommand.self,
            ReportCommand.self, EximMacrosCommand.self, StatusCommand.self, ExplainCommand.self,
        ]
    )
}
