import Foundation
import Testing

@testable import Store

/// PostgreSQL connections that fail: an unreachable server and wrong credentials each give one
/// error naming the server, without the password.
@Suite struct PostgresStoreTests {
  @Test func anUnreachableServerIsNamed() throws {
    do {
      _ = try StoreLocation.postgres(url: "postgres://tradehost:secret@127.0.0.1:1/journal").open(
        create: true)
      Issue.record("connected to port 1")
    } catch {
      #expect(error.kind == .unreachable)
      #expect(error.description.hasPrefix("PostgreSQL store tradehost@127.0.0.1:1/journal: cannot connect"))
      #expect(!error.description.contains("secret"))
    }
  }

  @Test(
    .enabled(
      if: StoreKind.postgresURL != nil,
      "PostgreSQL cases skipped: TRADEHOST_TEST_POSTGRES is not set (`.ci/postgres start` runs a server)"
    ))
  func wrongCredentialsAreNamed() throws {
    let url = try #require(StoreKind.postgresURL)
    // postgres://user:password@host...: swap the password.
    let parts = url.split(separator: "@", maxSplits: 1)
    let userPart = parts[0].split(separator: ":", maxSplits: 2)
    let wrong = "\(userPart[0]):\(userPart[1]):wrong-password@\(parts[1])"
    do {
      _ = try StoreLocation.postgres(url: wrong).open(create: true)
      Issue.record("the server took a wrong password")
    } catch {
      #expect(error.kind == .credentials, "\(error)")
      #expect(!error.description.contains("wrong-password"))
    }
  }

  @Test func postgresIsThereWhenRequired() {
    if StoreKind.postgresRequired && StoreKind.postgresURL == nil {
      Issue.record(
        "TRADEHOST_REQUIRE_POSTGRES=1 but TRADEHOST_TEST_POSTGRES is not set: the PostgreSQL cases would be skipped"
      )
    }
  }
}
