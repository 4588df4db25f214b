import Foundation
import HostTestKit
import PluginHost
import Testing

@Suite("ELF inspection")
struct ELFImageTests {
  @Test("a C library is not Swift; a Swift library is")
  func languages() throws {
    try Fixtures.requireBuilt()
    let c = try ELFImage.inspect([UInt8](try Fixtures.goodLibraryBytes())).get()
    #expect(!c.isSwift)
    #expect(c.neededLibraries.contains { $0.hasPrefix("libc.so") })
    let swiftPath = RepositoryPaths.plugins + "/libEMACrossStrategy.so"
    let swiftBytes = try Data(contentsOf: URL(fileURLWithPath: swiftPath))
    #expect(try ELFImage.inspect([UInt8](swiftBytes)).get().isSwift)
  }

  @Test("every prefix of a real library is refused without a crash")
  func everyPrefix() throws {
    let bytes = [UInt8](try Fixtures.goodLibraryBytes())
    var refused = 0
    for length in stride(from: 0, to: bytes.count, by: 97) {
      if case .failure = ELFImage.inspect(Array(bytes.prefix(length))) { refused += 1 }
    }
    let tried = (bytes.count + 96) / 97
    #expect(refused == tried)
  }

  @Test("random bytes and corrupted headers never crash the inspector")
  func fuzz() throws {
    var generator = SeededGenerator(seed: 42)
    let real = [UInt8](try Fixtures.goodLibraryBytes())
    for round in 0..<2_000 {
      var bytes: [UInt8]
      if round % 2 == 0 {
        bytes = (0..<Int(generator.next() % 512)).map { _ in
          UInt8(truncatingIfNeeded: generator.next())
        }
        if bytes.count >= 4 { bytes.replaceSubrange(0..<4, with: [0x7F, 0x45, 0x4C, 0x46]) }
      } else {
        bytes = real
        for _ in 0..<8 {
          let index = Int(generator.next() % UInt64(min(bytes.count, 4096)))
          bytes[index] = UInt8(truncatingIfNeeded: generator.next())
        }
      }
      _ = ELFImage.inspect(bytes)
    }
  }

  @Test("32-bit, big-endian and non-shared-object ELF files are named as such")
  func otherELF() throws {
    var header = [UInt8](try Fixtures.goodLibraryBytes().prefix(4096))
    header[4] = 1
    guard case .failure(.wrongArchitecture) = ELFImage.inspect(header) else {
      Issue.record("32-bit accepted")
      return
    }
    header[4] = 2
    header[5] = 2
    guard case .failure(.wrongArchitecture) = ELFImage.inspect(header) else {
      Issue.record("big-endian accepted")
      return
    }
    header[5] = 1
    header[16] = 2  // ET_EXEC
    guard case .failure(.notELF(let reason)) = ELFImage.inspect(header) else {
      Issue.record("executable accepted")
      return
    }
    #expect(reason.contains("not a shared object"))
  }
}
