import PluginManifest
import Testing

@Suite("SemanticVersion and ABIVersion")
struct VersionTests {
  @Test(arguments: [
    "0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
    "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0+001",
  ])
  func validVersionsRoundTrip(_ text: String) throws {
    let version = try #require(SemanticVersion(text))
    #expect(version.description == text)
  }

  @Test(arguments: [
    "", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "v1.2.3", "1.2.3-", "1.2.3+",
    "1.2.3-01", "1.2.3-a..b", "1.2.3-a_b", "1.2.3+a..b", "-1.2.3", "1.2.3 ",
    "99999999999999999999.0.0",
  ])
  func invalidVersions(_ text: String) {
    #expect(SemanticVersion(text) == nil)
  }

  @Test func parts() throws {
    let version = try #require(SemanticVersion("4.5.6-rc.2+linux"))
    #expect((version.major, version.minor, version.patch) == (4, 5, 6))
    #expect(version.prerelease == "rc.2")
    #expect(version.build == "linux")
  }

  @Test func precedenceFollowsSemver() throws {
    let ordered = [
      "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
      "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0",
    ]
    let versions = try ordered.map { try #require(SemanticVersion($0)) }
    for (lower, higher) in zip(versions, versions.dropFirst()) {
      #expect(lower < higher, "\(lower) < \(higher)")
      #expect(!(higher < lower), "\(higher) < \(lower)")
    }
    #expect(versions.shuffled().sorted() == versions)
  }

  @Test func buildMetadataOnlyBreaksTies() throws {
    let plain = try #require(SemanticVersion("1.0.0"))
    let built = try #require(SemanticVersion("1.0.0+a"))
    let newer = try #require(SemanticVersion("1.0.1+0"))
    #expect(plain != built)
    #expect(plain < built && built < newer)
  }

  @Test func abiVersions() {
    #expect(ABIVersion("1.0") == ABIVersion(major: 1, minor: 0))
    #expect(ABIVersion("65535.12")?.description == "65535.12")
    for text in ["1", "1.0.0", "01.0", "1.01", "65536.0", "1.", ".1", "a.b", "-1.0", "1.0 "] {
      #expect(ABIVersion(text) == nil, "\(text)")
    }
    #expect(ABIVersion(major: 1, minor: 2) < ABIVersion(major: 1, minor: 10))
  }
}
