import HostTestKit
import MarketData
import Testing
import TradingModel

/// Bad files written to a temporary directory: each gives one clear `DataError` naming the file,
/// line and column, never a crash.
@Suite("Bad input files")
struct BadInputTests {
  let header = "ts_utc,open,high,low,close,volume\n"

  @Test func malformedNumberNamesLineAndColumn() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try directory.write(
      "spy.csv",
      header + "2013-10-07T08:00:00Z,167.41,167.41,167.41,167.41,2049\n"
        + "2013-10-07T08:00:01Z,167.41,16x.2,167.41,167.41,100\n")
    let error = dataError { _ = try CSVReader().read(path: path) }
    #expect(error?.code == .malformedNumber)
    #expect(error?.line == 3 && error?.column == 3 && error?.columnName == "high")
    #expect(error?.description == "\(path):3:3 (high): \"16x.2\" is not a decimal number")
  }

  @Test func wrongFieldCount() throws {
    let error = try readFailure(
      header + "2013-10-07T08:00:00Z,1,1,1,1,1\n2013-10-07T08:00:01Z,1,1,1,1\n"
        + "2013-10-07T08:00:02Z,1,1,1,1,1\n")
    #expect(error?.code == .fieldCount)
    #expect(error?.line == 3 && error?.column == nil)
    #expect(
      error?.message == "the row has 5 fields, the layout has 6 (ts_utc,open,high,low,close,volume)"
    )
  }

  @Test func extraFieldIsAnError() throws {
    let error = try readFailure(header + "2013-10-07T08:00:00Z,1,1,1,1,1,9\n")
    #expect(error?.code == .fieldCount && error?.line == 2)
  }

  @Test func truncatedLastLine() throws {
    let error = try readFailure(
      header + "2013-10-07T08:00:00Z,1,1,1,1,1\n2013-10-07T08:00:01Z,167.4")
    #expect(error?.code == .truncatedLine)
    #expect(error?.line == 3)
    #expect(
      error?.message
        == "the last line is cut short: no newline at the end of the file and 2 of 6 fields")
  }

  @Test func completeLastLineWithoutNewlineIsFine() throws {
    let series = try readText(
      header + "2013-10-07T08:00:00Z,1,1,1,1,1\n2013-10-07T08:00:01Z,2,2,2,2,2"
    ).get()
    #expect(series.count == 2)
  }

  @Test func barTimesMustIncrease() throws {
    let back = try readFailure(
      header + "2013-10-07T08:00:05Z,1,1,1,1,1\n2013-10-07T08:00:06Z,1,1,1,1,1\n"
        + "2013-10-07T08:00:04Z,1,1,1,1,1\n")
    #expect(back?.code == .timestampOrder)
    #expect(back?.line == 4 && back?.column == 1 && back?.columnName == "ts_utc")
    #expect(
      back?.message
        == "\"2013-10-07T08:00:04Z\" (2013-10-07T08:00:04Z) is earlier than line 3 "
        + "(2013-10-07T08:00:06Z); bars of one instrument need increasing times")
    let repeated = try readFailure(
      header + "2013-10-07T08:00:05Z,1,1,1,1,1\n2013-10-07T08:00:05Z,1,1,1,1,1\n")
    #expect(repeated?.code == .timestampOrder && repeated?.line == 3)
  }

  @Test func tickTimesMayRepeatButNotGoBack() throws {
    let quotes = "timestamp,bid,ask\n2013-01-01 22:00:00.295,1,2\n2013-01-01 22:00:00.295,1,2\n"
    #expect(try readText(quotes).get().count == 2)
    let error = try readFailure(quotes + "2013-01-01 22:00:00.294,1,2\n")
    #expect(error?.code == .timestampOrder && error?.line == 4)
  }

  @Test func inconsistentBars() throws {
    let highBelowLow = try readFailure(header + "2013-10-07T08:00:00Z,1.5,1.0,1.2,1.5,1\n")
    #expect(highBelowLow?.code == .inconsistentBar)
    #expect(highBelowLow?.column == 3 && highBelowLow?.columnName == "high")
    #expect(highBelowLow?.message == "high 1.0 is below low 1.2")
    let openAbove = try readFailure(header + "2013-10-07T08:00:00Z,2.5,2,1,1.5,1\n")
    #expect(
      openAbove?.column == 2 && openAbove?.message == "open 2.5 is outside low...high (1.0...2.0)")
    let closeBelow = try readFailure(header + "2013-10-07T08:00:00Z,1.5,2,1,0.99,1\n")
    #expect(closeBelow?.column == 5 && closeBelow?.columnName == "close")
  }

  @Test func emptyFiles() throws {
    for text in ["", "\n\n", "\r\n", "\u{FEFF}"] {
      let error = try readFailure(text)
      #expect(error?.code == .empty)
      #expect(error?.line == nil)
      #expect(error?.message == "the file holds no rows")
    }
  }

  @Test func headerOnly() throws {
    for text in [
      "ts_utc,open,high,low,close,volume\n", "ts_utc,open,high,low,close\n\n\n",
      "timestamp,bid,ask",
    ] {
      let error = try readFailure(text)
      #expect(error?.code == .headerOnly)
      #expect(error?.line == 1)
    }
    // An explicit layout does not detect, and still says so.
    let explicit = CSVReader(layout: .explicit(CSVLayout.standard(.bars, hasHeader: true)))
    #expect(
      try readFailure("ts_utc,open,high,low,close,volume\n", reader: explicit)?.code == .headerOnly)
  }

  @Test func tooManyDecimalsForAGivenPrecision() throws {
    let reader = CSVReader(options: CSVReadOptions(pricePrecision: 2, barDuration: seconds(1)))
    let text = header + "2013-10-07T08:00:00Z,167.41,167.410,167.41,167.41,1\n"
    #expect(try readText(text, reader: reader).get().count == 1)  // trailing zeros are fine
    let error = try readFailure(
      text + "2013-10-07T08:00:01Z,167.41,167.415,167.41,167.41,1\n", reader: reader)
    #expect(error?.code == .tooPrecise)
    #expect(error?.line == 3 && error?.column == 3)
    #expect(error?.message == "\"167.415\" has 3 decimals, more than the given precision 2")
  }

  @Test func detectedPricesBeyondTwelveDecimals() throws {
    let error = try readFailure(header + "2013-10-07T08:00:00Z,1.0000000000001,2,1,1,1\n")
    #expect(error?.code == .tooPrecise && error?.column == 2)
  }

  @Test func invalidDateInARow() throws {
    let error = try readFailure(header + "2013-02-30T08:00:00Z,1,1,1,1,1\n")
    #expect(error?.code == .invalidTimestamp)
    #expect(error?.line == 2 && error?.column == 1)
    #expect(
      error?.message
        == "\"2013-02-30T08:00:00Z\" is not a valid timestamp: "
        + "day 30 does not exist in 2013-02 (28 days)"
    )
  }

  @Test func backtraderTimeColumnIsChecked() throws {
    let text =
      "Date,Open,High,Low,Close,Volume,OpenInterest\n"
      + "2006-01-02,09:01:00,1,1,1,1,5,0\n2006-01-02,25:02:00,1,1,1,1,5,0\n"
    let error = try readFailure(text)
    #expect(error?.code == .invalidTimestamp)
    #expect(error?.line == 3 && error?.column == 2 && error?.columnName == "Time")
  }

  @Test func negativeVolume() throws {
    let error = try readFailure(header + "2013-10-07T08:00:00Z,1,1,1,1,-5\n")
    #expect(error?.code == .negativeSize && error?.column == 6)
  }

  @Test func unknownSideAndFlag() throws {
    let side = try readFailure("timestamp,price,size,side\n2024-01-01T00:00:00Z,1,1,sideways\n")
    #expect(side?.code == .invalidValue && side?.column == 4)
    let flag = try readFailure("ts_utc,price,size,suspicious\n2024-01-01T00:00:00Z,1,1,maybe\n")
    #expect(flag?.code == .invalidValue && flag?.column == 4)
  }

  @Test func missingFile() {
    let error = dataError { _ = try CSVReader().read(path: "/nonexistent/dir/file.csv") }
    #expect(error?.code == .unreadable)
    #expect(error?.description.hasPrefix("/nonexistent/dir/file.csv: cannot open the file") == true)
  }

  @Test func directoryIsNotAFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let error = dataError { _ = try CSVReader().read(path: directory.path) }
    #expect(error?.code == .unreadable)
  }

  @Test func garbageBytesInAField() throws {
    let error = try readFailure(header + "2013-10-07T08:00:00Z,1\u{0}\u{7}2,1,1,1,1\n")
    #expect(error?.code == .malformedNumber)
    #expect(error?.message == "\"1\\x00\\x072\" is not a decimal number")
  }

  @Test func binaryGarbageFile() throws {
    var generator = SeededGenerator(seed: 0xBAD_F11E)
    for _ in 0..<50 {
      let bytes = (0..<Int.random(in: 1...400, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      let error = dataError { _ = try CSVReader().read(bytes: bytes, path: "garbage.bin") }
      #expect(error != nil)
    }
  }

  @Test func crlfAndByteOrderMark() throws {
    let text =
      "\u{FEFF}ts_utc,open,high,low,close,volume\r\n2013-10-07T08:00:00Z,1.5,2,1,1.25,10\r\n"
      + "\r\n2013-10-07T08:00:01Z,1.5,2,1,1.25,10\r\n"
    let bars = try #require(try readText(text).get().bars)
    #expect(bars.bars.count == 2)
    #expect(bars.bars[0].close == Price(raw: 125, precision: 2))
    #expect(bars.bars[1].volume.raw == 10)
  }

  /// Random damage to a valid file (bytes flipped, inserted, removed, the end cut) must give
  /// either a series or a `DataError`: never a trap.
  @Test func mutatedFilesNeverTrap() throws {
    let valid = Array(
      (header + "2013-10-07T08:00:00Z,167.41,167.42,167.40,167.41,2049\n"
        + "2013-10-07T08:00:01Z,167.41,167.45,167.39,167.44,100\n"
        + "2013-10-07T08:00:03Z,167.44,167.44,167.44,167.44,7\n").utf8)
    var generator = SeededGenerator(seed: 0xF022)
    let alphabet = Array("0123456789.,-:TZ \n\r\u{0}\u{FF}e+".utf8)
    var failures = 0
    for _ in 0..<2000 {
      var bytes = valid
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let index = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: bytes[index] = alphabet.randomElement(using: &generator)!
        case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
        case 2: if bytes.count > 1 { bytes.remove(at: index) }
        default: bytes.removeSubrange(index...)
        }
        if bytes.isEmpty { bytes = [UInt8(ascii: "x")] }
      }
      do {
        _ = try CSVReader().read(bytes: bytes, path: "mutated.csv")
      } catch {
        failures += 1
        #expect(!error.message.isEmpty)
      }
    }
    #expect(failures > 0)
  }
}

/// A price no market trades at (the 1e12 to 2e16 in a CSV gave an equity of -1.8e16 with
/// exit 0) is refused by the reader with one error naming file, line, column and value.
@Suite("Insane prices")
struct InsanePriceTests {
  let header = "ts_utc,open,high,low,close,volume\n"

  @Test("a price above a billion per unit is refused; a billion itself is read")
  func aboveABillion() throws {
    for value in ["1000000000000", "50000000000000000", "1000000000.01"] {
      let error = try readFailure(
        header + "2013-10-07T08:00:00Z,1,1,1,1,1\n2013-10-07T08:00:01Z,1,\(value),1,1,1\n")
      #expect(error?.code == .outOfRange)
      #expect(error?.line == 3 && error?.column == 3 && error?.columnName == "high")
      #expect(error?.message.contains("\"\(value)\" is above the largest price") == true, "\(String(describing: error))")
    }
    let edge = try readText(
      header + "2013-10-07T08:00:00Z,1000000000,1000000000,1,1,1\n"
        + "2013-10-07T08:00:01Z,1,999999999.99,1,999999999.99,1\n"
    ).get()
    #expect(edge.count == 2)
  }
}
