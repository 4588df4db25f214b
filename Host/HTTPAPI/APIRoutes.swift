/// The HTTP API's endpoints (docs/http-api.md, docs/openapi.yaml). Every route runs a control
/// command the host registers for its Unix socket too.
public enum APIRoutes {
  /// Every endpoint, reads first.
  public static let all: [APIRoute] = [
    APIRoute(
      .get, "/health", command: "health", isPublic: true,
      summary: "Whether the host answers (no token needed)"),
    APIRoute(.get, "/status", command: "status", summary: "State, counters, equity and slots"),
    APIRoute(.get, "/plugins", command: "plugins", summary: "Loaded plugins and their versions"),
    APIRoute(.get, "/slots", command: "slots", summary: "Slot versions, scorecards, promotions"),
    APIRoute(.get, "/positions", command: "positions", summary: "Open positions by slot"),
    APIRoute(
      .get, "/orders", command: "orders", arguments: ["limit"],
      summary: "Recent orders and their latest state"),
    APIRoute(.get, "/fills", command: "fills", arguments: ["limit"], summary: "Recent fills"),
    APIRoute(
      .get, "/risk", command: "risk",
      summary: "Trading states with the limit that tripped, since when, and what clears it"),
    APIRoute(
      .get, "/audit", command: "audit", arguments: ["limit"], summary: "Recent risk audit records"),
    APIRoute(.get, "/denials", command: "denials", summary: "Refused orders by reason and slot"),
    APIRoute(
      .post, "/pause", command: "pause", arguments: ["slot", "instrument"],
      summary: "Pause new orders (account, a slot or an instrument)"),
    APIRoute(
      .post, "/resume", command: "resume", arguments: ["slot", "instrument"],
      summary: "Resume a paused or reducing scope"),
    APIRoute(
      .post, "/reduce", command: "reduce", arguments: ["slot", "instrument"],
      summary: "Allow only orders that reduce positions"),
    APIRoute(
      .post, "/kill", command: "kill", arguments: ["slot", "instrument"],
      summary: "Cancel orders, close positions and halt"),
    APIRoute(
      .post, "/unfreeze", command: "unfreeze", arguments: ["slot", "instrument"],
      summary: "Clear a halted state"),
    APIRoute(
      .post, "/reload/{id}", command: "reload", pathArgument: "plugin", arguments: ["slot"],
      summary: "Load a strategy plugin's new version and swap it in"),
    APIRoute(
      .post, "/promote/{slot}", command: "promote", pathArgument: "slot",
      summary: "Promote a canary slot's version to production"),
    APIRoute(
      .post, "/rollback/{slot}", command: "rollback", pathArgument: "slot",
      summary: "Roll a slot back to its previous version"),
    APIRoute(
      .post, "/role/{slot}", command: "role", pathArgument: "slot", arguments: ["role"],
      summary: "Change a slot's role (production, canary, shadow, ab)"),
  ]
}
