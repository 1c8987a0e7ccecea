import Foundation
import Testing

/// The monolithic block is the conf.d files, section by section (exim/make-monolithic), so
/// the two shipped forms cannot drift apart.
struct SnippetFileTests {
    @Test("exim.conf.mtasts holds the conf.d files unchanged")
    func monolithicMatchesDebianSplit() throws {
        let block = try MonolithicBlock(path: EximConfig.monolithicBlock)
        #expect(block.main == (try String(contentsOfFile: EximConfig.mainSnippet, encoding: .utf8)))
        #expect(block.routers == (try String(contentsOfFile: EximConfig.routerSnippet, encoding: .utf8)))
        #expect(block.transports == (try String(contentsOfFile: EximConfig.transportSnippet, encoding: .utf8)))
        #expect(block.acl == (try String(contentsOfFile: EximConfig.aclSnippet, encoding: .utf8)))
    }

    @Test("the router file sorts before Debian's primary router")
    func routerFileOrder() {
        let name = URL(fileURLWithPath: EximConfig.routerSnippet).lastPathComponent
        #expect(name < "200_exim4-config_primary")
        #expect(name > "150_exim4-config_hubbed_hosts")
    }
}
