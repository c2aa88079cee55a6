import Testing
import TideKafka

@Suite("KafkaLibrary")
struct KafkaLibraryTests {
    @Test("version is a dotted N.N.N version")
    func versionFormat() throws {
        let version = KafkaLibrary.version
        let match = try #require(
            version.wholeMatch(of: #/(\d+)\.(\d+)\.(\d+)/#), "unexpected librdkafka version \"\(version)\"")
        let major = try #require(Int(match.1))
        #expect(major >= 1)
        #expect(Int(match.2) != nil)
        #expect(Int(match.3) != nil)
    }

    @Test("version is stable across calls")
    func versionStable() {
        #expect(KafkaLibrary.version == KafkaLibrary.version)
        #expect(!KafkaLibrary.version.isEmpty)
    }
}
