import ArgumentParser
import Control
import Deployment
import Foundation
import HTTPAPI
import Kernel
import Risk

/// `tradehost run`'s HTTP API options (docs/http-api.md).
struct HTTPOptions: ParsableArguments {
  @Option(
    name: .long,
    help:
      "Serve the HTTP API, /metrics and the dashboard on HOST:PORT (default 127.0.0.1:8710; port 0: any free port; the start line says which), or none. Every request but GET /health needs the bearer token ($TRADEHOST_API_TOKEN, else the api-token file in --state-dir)."
  )
  var http: String?

  @Option(name: .long, help: "HTTP API requests allowed per second (a burst of twice as many).")
  var httpRate = 20

  /// Checked before anything starts: `--http` reads as an address, `--http-rate` is in range.
  func validate() throws {
    do throws(HTTPAddressError) {
      _ = try HTTPAddress.parse(http ?? HTTPAddress.defaultText)
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    guard (1...10_000).contains(httpRate) else {
      printError("--http-rate must be between 1 and 10000, not \(httpRate)")
      throw ExitCode(2)
    }
  }
}

extension RunCommand {
  /// The control commands of a run: the socket's (`HostControlHandlers`) and the reads behind
  /// the HTTP API's GET endpoints (`HostReadHandlers`). The socket and the HTTP API serve this
  /// one table.
  static func controlHandlers(
    base: ControlHandlers, session: PaperSession, setup: PaperSetup, guarded: StallGuard
  ) -> ControlHandlers {
    var handlers = base
    let kernel = session.kernel
    HostReadHandlers.register(
      into: &handlers,
      sources: HostReadHandlers.Sources(
        board: session.board, riskStates: setup.store, audit: setup.audit, risk: guarded,
        plugins: HostReadHandlers.plugins(kernel.registry), slots: kernel.slots.map(\.name),
        instruments: kernel.configuration.instruments.map(\.qualifiedSymbol)))
    return handlers
  }

  /// Starts the HTTP API on `--http` (nil for `none`) and prints where it listens and the
  /// dashboard's address with its token, on the terminal only (never in the log file).
  func startHTTP(
    handlers: ControlHandlers, session: PaperSession, setup: PaperSetup, guarded: StallGuard
  ) throws -> HTTPAPIServer? {
    // `validate()` checked the address.
    guard let address = try? HTTPAddress.parse(httpOptions.http ?? HTTPAddress.defaultText) else {
      return nil
    }
    let token: APIToken
    do throws(APITokenError) {
      token = try APIToken.resolve(
        environment: ProcessInfo.processInfo.environment, folder: stateDirectory)
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    let wall = WallClock()
    let gateway = APIGateway(
      handlers: handlers, token: token,
      rateLimit: RequestRateLimit(
        perSecond: httpOptions.httpRate, burst: 2 * httpOptions.httpRate, now: { wall.now() }),
      pages: ["/metrics": Self.metricsPage(session: session, setup: setup, guarded: guarded)])
    let server = HTTPAPIServer(gateway: gateway, address: address)
    let bound: HTTPAddress
    do throws(HTTPServerError) {
      bound = try server.start()
    } catch {
      guard httpOptions.http == nil else {
        printError("HTTP API: \(error) (choose another with --http HOST:PORT, or --http none)")
        throw ExitCode(1)
      }
      // The default address is busy (another host on this machine): run without the API.
      printError(
        "HTTP API: \(error); this host runs without it (choose an address with --http HOST:PORT)",
        level: .warning)
      return nil
    }
    let exposure =
      address.isLoopback ? "" : "; it listens beyond loopback: anyone who can reach it and has the token can steer this host"
    printError("HTTP API on http://\(bound) (token from \(token.source))\(exposure)", level: .notice)
    Console.standardError.message(
      "dashboard: http://\(bound)/#token=\(token.text)  (API: Authorization: Bearer \(token.text))")
    return server
  }

  /// `/metrics`: the exposition of the run's copies, built when scraped.
  static func metricsPage(session: PaperSession, setup: PaperSetup, guarded: StallGuard)
    -> @Sendable () -> APIResponse
  {
    let board = session.board
    let desk = setup.deployer.desk
    let audit = setup.audit
    let store = setup.store
    return {
      var snapshot = board.read()
      snapshot.stuckCall = guarded.stuckCall
      let text = MetricsExposition.text(
        snapshot, slots: desk.report(), audit: audit.records, risk: store.latest,
        usage: ProcessUsage.current())
      return APIResponse(
        status: 200, contentType: PrometheusText.contentType, body: Array(text.utf8))
    }
  }
}
