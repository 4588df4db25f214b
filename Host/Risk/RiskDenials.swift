import Kernel

/// The risk wrapper's refusals: stable codes from 100 up (the kernel's own are below 100),
/// each with a static sentence. `docs/risk.md` lists them.
extension DenialReason {
  public static let accountHalted = DenialReason(code: 100, text: "the account is halted")
  public static let accountPaused = DenialReason(code: 101, text: "the account is paused")
  public static let accountReducing = DenialReason(
    code: 102, text: "the account is reducing: only orders that reduce a position pass")
  public static let slotHalted = DenialReason(code: 103, text: "the slot is halted")
  public static let slotPaused = DenialReason(code: 104, text: "the slot is paused")
  public static let slotReducing = DenialReason(
    code: 105, text: "the slot is reducing: only orders that reduce a position pass")
  public static let instrumentHalted = DenialReason(code: 106, text: "the instrument is halted")
  public static let instrumentPaused = DenialReason(code: 107, text: "the instrument is paused")
  public static let instrumentReducing = DenialReason(
    code: 108, text: "the instrument is reducing: only orders that reduce a position pass")

  public static let maxOrderNotional = DenialReason(
    code: 110, text: "order notional exceeds the maximum")
  public static let maxPosition = DenialReason(
    code: 111, text: "the position would exceed the instrument's maximum")
  public static let maxSlotPosition = DenialReason(
    code: 112, text: "the position would exceed the slot's maximum per instrument")
  public static let accountGrossExposure = DenialReason(
    code: 113, text: "the account's gross exposure would exceed its maximum")
  public static let accountNetExposure = DenialReason(
    code: 114, text: "the account's net exposure would exceed its maximum")
  public static let slotGrossExposure = DenialReason(
    code: 115, text: "the slot's gross exposure would exceed its maximum")
  public static let slotNetExposure = DenialReason(
    code: 116, text: "the slot's net exposure would exceed its maximum")
  public static let accountLeverage = DenialReason(
    code: 117, text: "the account's leverage would exceed its cap")
  public static let slotLeverage = DenialReason(
    code: 118, text: "the slot's leverage would exceed its cap")
  public static let symbolConcentration = DenialReason(
    code: 119, text: "the instrument's share of equity would exceed its concentration cap")
  public static let venueConcentration = DenialReason(
    code: 120, text: "the venue's share of equity would exceed its concentration cap")
  public static let strategyConcentration = DenialReason(
    code: 121, text: "the slot's share of equity would exceed its concentration cap")

  public static let slotThrottled = DenialReason(
    code: 130, text: "the slot's order rate limit is reached")
  public static let venueThrottled = DenialReason(
    code: 131, text: "the venue's order rate limit is reached")
  public static let maxOrdersPerDay = DenialReason(
    code: 132, text: "the slot reached its orders per day: only orders that reduce pass")
  public static let cooldown = DenialReason(
    code: 133, text: "cooldown after the last trade: no new entries yet")
  public static let slotDailyNotional = DenialReason(
    code: 134, text: "the slot's traded notional for the day would exceed its maximum")
  public static let accountDailyNotional = DenialReason(
    code: 135, text: "the account's traded notional for the day would exceed its maximum")
  public static let accountOrdersPerDay = DenialReason(
    code: 136, text: "the account reached its orders per day: only orders that reduce pass")

  public static let outsideCollar = DenialReason(
    code: 140, text: "the limit or stop price is outside the price collar")
  public static let noFreshPrice = DenialReason(
    code: 141, text: "no fresh price for the instrument")

  public static let runaway = DenialReason(
    code: 150, text: "runaway order flow: the slot is halted")
  public static let pluginBreakerOpen = DenialReason(
    code: 151, text: "the strategy's error breaker is open")
  public static let venueBreakerOpen = DenialReason(
    code: 152, text: "the venue's health breaker is open: only orders that reduce pass")
  public static let staleData = DenialReason(
    code: 153, text: "market data is stale: only orders that reduce pass")

  public static let marketClosed = DenialReason(code: 160, text: "the market is closed")
  public static let blackout = DenialReason(
    code: 161, text: "no new entries during an event blackout")
  public static let volatilitySpike = DenialReason(
    code: 162, text: "no new entries during a volatility spike")

  public static let sizingInputMissing = DenialReason(
    code: 170, text: "the sizing rule lacks an input (ATR, win probability or volatility)")
  public static let sizedToZero = DenialReason(
    code: 171, text: "the sizing rule allows no quantity")
}
