import Testing

@testable import HTTPAPI

@Suite struct HTTPAddressTests {
  @Test func readsHostAndPortOrNone() throws {
    #expect(try HTTPAddress.parse("127.0.0.1:8710") == HTTPAddress(host: "127.0.0.1", port: 8710))
    #expect(try HTTPAddress.parse("[::1]:0") == HTTPAddress(host: "::1", port: 0))
    #expect(try HTTPAddress.parse("none") == nil)
    #expect(try HTTPAddress.parse("[::1]:9")?.description == "[::1]:9")
    #expect(try HTTPAddress.parse("0.0.0.0:80")?.isLoopback == false)
  }

  @Test func refusesWhatIsNotHostAndPort() {
    for text in ["8710", "127.0.0.1", ":80", "host:65536", "host:-1", "[::1]80", "a b:1", ""] {
      #expect(throws: HTTPAddressError(text)) { try HTTPAddress.parse(text) }
    }
  }
}
