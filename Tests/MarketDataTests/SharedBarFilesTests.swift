import MarketData
import Testing
import TradingModel

/// What one bar file in shared data must read as with the detected layout and default options
/// (timestamps mark the open; mid for bid/ask bars). Timestamps are the file's first and last
/// stamps converted to epoch seconds by hand; prices are raw units at the detected precision.
struct BarFileCase: Sendable, CustomTestStringConvertible {
  let file: String
  let kind: SeriesKind
  let count: Int
  let firstOpen: Int64
  let lastOpen: Int64
  let duration: Int64
  let pricePrecision: UInt8
  let volumePrecision: UInt8
  /// open, high, low, close, volume of the first row.
  let first: [Int64]
  let lastClose: Int64

  var testDescription: String { file }

  static let all: [BarFileCase] = [
    // 2006-01-02 09:01:00 (zone unknown, read as UTC) .. 2006-02-27 22:00:00
    BarFileCase(
      file: "backtrader_2006-01-02-volume-min-001.txt", kind: .bars, count: 30_889,
      firstOpen: 1_136_192_460, lastOpen: 1_141_077_600, duration: 60, pricePrecision: 0,
      volumePrecision: 0, first: [3602, 3603, 3597, 3599, 5699], lastClose: 3838),
    // 1999-01-22 .. 2014-12-31 (midnight UTC)
    BarFileCase(
      file: "backtrader_nvda-1999-2014.txt", kind: .bars, count: 4012, firstOpen: 916_963_200,
      lastOpen: 1_419_984_000, duration: 86_400, pricePrecision: 6, volumePrecision: 0,
      first: [1_750_000, 1_953_125, 1_552_083, 1_640_625, 67_867_200], lastClose: 20_049_999),
    // 1995-01-03 .. 2014-12-31
    BarFileCase(
      file: "backtrader_orcl-1995-2014.txt", kind: .bars, count: 5036, firstOpen: 789_091_200,
      lastOpen: 1_419_984_000, duration: 86_400, pricePrecision: 6, volumePrecision: 0,
      first: [2_179_012, 2_191_358, 2_117_284, 2_117_284, 36_301_200], lastClose: 44_970_001),
    // 1996-04-12 .. 2015-12-31
    BarFileCase(
      file: "backtrader_yhoo-1996-2015.txt", kind: .bars, count: 4965, firstOpen: 829_267_200,
      lastOpen: 1_451_520_000, duration: 86_400, pricePrecision: 6, volumePrecision: 0,
      first: [1_052_083, 1_791_667, 1_020_833, 1_375_000, 408_720_000], lastClose: 33_259_998),
    // 2024-01-01 23:01:00 .. 2024-01-31 23:59:00
    BarFileCase(
      file: "cme_6eh4_1m_202401.csv", kind: .bars, count: 29_996, firstOpen: 1_704_150_060,
      lastOpen: 1_706_745_540, duration: 60, pricePrecision: 5, volumePrecision: 0,
      first: [110_760, 110_785, 110_760, 110_780, 205], lastClose: 108_230),
    // 2021-12-31 23:01:00.000000 .. 2022-02-01 05:31:00.000000; a close of 43613.875 makes the
    // precision 3; volume 2300413.7295 at 10 decimals (see the rounding test).
    BarFileCase(
      file: "ftx_btc-perp_1m_20211231_20220201.csv", kind: .bars, count: 45_031,
      firstOpen: 1_640_991_660, lastOpen: 1_643_693_460, duration: 60, pricePrecision: 3,
      volumePrecision: 10,
      first: [46_319_000, 46_385_000, 46_319_000, 46_377_000, 23_004_137_295_000_000],
      lastClose: 38_544_000),
    // 2012-02-01 00:00:00+00:00 .. 2012-03-01 00:00:00+00:00
    BarFileCase(
      file: "fxcm_gbpusd_1m_ask_201202.csv", kind: .bars, count: 30_117,
      firstOpen: 1_328_054_400, lastOpen: 1_330_560_000, duration: 60, pricePrecision: 5,
      volumePrecision: 0, first: [157_608, 157_610, 157_585, 157_585, 0], lastClose: 159_216),
    BarFileCase(
      file: "fxcm_gbpusd_1m_bid_201202.csv", kind: .bars, count: 30_117,
      firstOpen: 1_328_054_400, lastOpen: 1_330_560_000, duration: 60, pricePrecision: 5,
      volumePrecision: 0, first: [157_597, 157_606, 157_576, 157_576, 0], lastClose: 159_208),
    // 2013-02-01 00:00:00+00:00 .. 2013-03-01 00:00:00+00:00
    BarFileCase(
      file: "fxcm_usdjpy_1m_ask_201302.csv", kind: .bars, count: 28_761,
      firstOpen: 1_359_676_800, lastOpen: 1_362_096_000, duration: 60, pricePrecision: 3,
      volumePrecision: 0, first: [91_717, 91_717, 91_655, 91_655, 0], lastClose: 92_540),
    BarFileCase(
      file: "fxcm_usdjpy_1m_bid_201302.csv", kind: .bars, count: 28_761,
      firstOpen: 1_359_676_800, lastOpen: 1_362_096_000, duration: 60, pricePrecision: 3,
      volumePrecision: 0, first: [91_715, 91_715, 91_653, 91_653, 0], lastClose: 92_539),
    // 2007-01-01T21:00:00Z .. 2018-12-31T21:00:00Z; mid of bid 1.31927/ask 1.32027 etc.
    BarFileCase(
      file: "oanda_eurusd_1h_bidask_20070101_20181231.csv", kind: .bidAskBars, count: 74_439,
      firstOpen: 1_167_685_200, lastOpen: 1_546_290_000, duration: 3600, pricePrecision: 5,
      volumePrecision: 0, first: [131_977, 132_005, 131_920, 131_985, 0], lastClose: 114_657),
    // 1998-01-02 .. 2021-03-31; 393.0299 makes the precision 4
    BarFileCase(
      file: "spy_1d_trade_bars_19980102_20210331.csv", kind: .bars, count: 5849,
      firstOpen: 883_699_200, lastOpen: 1_617_148_800, duration: 86_400, pricePrecision: 4,
      volumePrecision: 0, first: [973_100, 975_300, 965_300, 973_600, 2_150_000],
      lastClose: 3_963_300),
    // 1998-01-02T14:00:00Z .. 2021-03-31T19:00:00Z
    BarFileCase(
      file: "spy_1h_trade_bars_19980102_20210331.csv", kind: .bars, count: 40_832,
      firstOpen: 883_749_600, lastOpen: 1_617_217_200, duration: 3600, pricePrecision: 4,
      volumePrecision: 0, first: [973_100, 975_300, 970_300, 970_300, 384_500],
      lastClose: 3_963_300),
    // 2013-10-07T08:00:00Z .. 2013-10-11T23:59:32Z
    BarFileCase(
      file: "spy_1s_trade_bars_20131007_20131011.csv", kind: .bars, count: 100_184,
      firstOpen: 1_381_132_800, lastOpen: 1_381_535_972, duration: 1, pricePrecision: 2,
      volumePrecision: 0, first: [16_741, 16_741, 16_741, 16_741, 2049], lastClose: 17_041),
  ]
}

@Suite("Shared bar files read with the detected layout")
struct SharedBarFilesTests {
  @Test(arguments: BarFileCase.all)
  func readsExactly(_ expected: BarFileCase) throws {
    let path = SharedData.path("bars/" + expected.file)
    #expect(try CSVLayout.detect(path: path).kind == expected.kind)
    let series = try CSVReader(options: CSVReadOptions(instrument: 7)).readBars(path: path)
    #expect(series.bars.count == expected.count)
    #expect(series.duration == seconds(expected.duration))
    #expect(series.pricePrecision == expected.pricePrecision)
    #expect(series.volumePrecision == expected.volumePrecision)
    let first = try #require(series.bars.first)
    let last = try #require(series.bars.last)
    // Bar.timestamp is the close: the file's open stamp plus the duration.
    #expect(first.timestamp == seconds(expected.firstOpen + expected.duration))
    #expect(last.timestamp == seconds(expected.lastOpen + expected.duration))
    #expect(
      [first.open.raw, first.high.raw, first.low.raw, first.close.raw, first.volume.raw]
        == expected.first)
    #expect(first.open.precision == expected.pricePrecision)
    #expect(first.volume.precision == expected.volumePrecision)
    #expect(last.close.raw == expected.lastClose)
    #expect(first.instrument == 7)
    #expect(series.bars.allSatisfy { $0.isConsistent && $0.instrument == 7 })
    #expect(zip(series.bars, series.bars.dropFirst()).allSatisfy { $0.timestamp < $1.timestamp })
    #expect(series.bars.allSatisfy { $0.open.precision == expected.pricePrecision })
  }

  @Test func spyOneSecondVolumesSumExactly() throws {
    let series = try CSVReader().readBars(
      path: SharedData.path("bars/spy_1s_trade_bars_20131007_20131011.csv"))
    // Sum of the volume column, computed outside this code base.
    #expect(series.bars.reduce(0) { $0 + $1.volume.raw } == 717_308_821)
    #expect(series.roundedVolumes == 0)
  }

  @Test func ftxVolumesThatCannotFitAreRoundedAndCounted() throws {
    let series = try CSVReader().readBars(
      path: SharedData.path("bars/ftx_btc-perp_1m_20211231_20220201.csv"))
    // Volumes reach 134918704.7632 and six carry 11 decimals of float noise
    // (218102.59507500002): 11 decimals would overflow Int64, so the precision is 10 and
    // exactly those six are rounded.
    #expect(series.volumePrecision == 10)
    #expect(series.roundedVolumes == 6)
    #expect(series.bars.map(\.volume.raw).max() == 1_349_187_047_632_000_000)
  }
}
