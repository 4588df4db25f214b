import Foundation
import HostTestKit
import Testing

@testable import HTTPAPI

@Suite struct APITokenTests {
  @Test func theFirstRunCreatesAnOwnerOnlyTokenFileAndLaterRunsReadIt() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let first = try APIToken.resolve(environment: [:], folder: folder.path)
    #expect(first.text.count == 64)
    #expect(first.source == folder.file("api-token"))
    let mode = try FileManager.default.attributesOfItem(atPath: folder.file("api-token"))[
      .posixPermissions] as? Int
    #expect(mode == 0o600)
    let second = try APIToken.resolve(environment: [:], folder: folder.path)
    #expect(second.text == first.text)
    #expect(second.accepts(authorization: "Bearer \(first.text)"))
  }

  @Test func theEnvironmentWins() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let token = try APIToken.resolve(
      environment: ["TRADEHOST_API_TOKEN": "from-the-environment-1234"], folder: folder.path)
    #expect(token.text == "from-the-environment-1234")
    #expect(token.source == "$TRADEHOST_API_TOKEN")
    #expect(!FileManager.default.fileExists(atPath: folder.file("api-token")))
  }

  @Test func aShortTokenIsRefusedWithoutShowingIt() throws {
    #expect(throws: APITokenError.tooShort(source: "$TRADEHOST_API_TOKEN", length: 6)) {
      try APIToken.resolve(environment: ["TRADEHOST_API_TOKEN": "secret"], folder: "/nonexistent")
    }
  }

  @Test func aTokenFileOthersMayReadIsRefused() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = folder.file("api-token")
    _ = FileManager.default.createFile(
      atPath: path, contents: Data("0123456789abcdef0123\n".utf8),
      attributes: [.posixPermissions: 0o644])
    do throws(APITokenError) {
      _ = try APIToken.resolve(environment: [:], folder: folder.path)
      Issue.record("a world-readable token file was accepted")
    } catch {
      #expect(error.description.contains("chmod 600"))
      #expect(!error.description.contains("0123456789abcdef0123"))
    }
  }
}
