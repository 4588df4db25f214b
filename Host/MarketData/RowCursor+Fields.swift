import TradingModel

/// Typed field readers of the current row: numbers, timestamps, bar checks.
///
/// The hot readers are `mutating` although they change nothing: a mutating method receives the
/// cursor by reference, where a non-mutating one may receive a copy of the whole struct on
/// every call (measured: 160 bytes copied per field, about 10% of the parse time).
extension RowCursor {
  /// The largest price a market-data file may hold, in whole units of its currency: far above
  /// any traded price (a Berkshire A share, a bitcoin), far below where exposure sums could
  /// overflow the ledger. A larger one is refused with its file, line and column.
  static let largestPrice: Int64 = 1_000_000_000

  /// Field `column` as an exact decimal.
  @inline(__always)
  mutating func decimal(_ column: Int) throws(DataError) -> ScannedDecimal {
    switch DecimalScan.scan(field(column)) {
    case .value(let value): return value
    case .malformed:
      throw failure(.malformedNumber, column: column, "\(quoted(column)) is not a decimal number")
    case .overflow:
      throw failure(
        .outOfRange, column: column,
        "\(quoted(column)) has more digits than a 64-bit fixed-point value holds")
    }
  }

  /// Field `column` as a price, at the group's precision or (while detecting) its own.
  @inline(__always)
  mutating func price(_ column: Int, _ group: inout PrecisionGroup) throws(DataError) -> Price {
    let value = try decimal(column)
    // `integerPart` is the value's whole part: 1e9 itself passes, anything above does not.
    if value.integerPart > Self.largestPrice
      || (value.integerPart == Self.largestPrice && value.mantissa % powerOfTen(Int(value.decimals)) != 0)
    {
      throw failure(
        .outOfRange, column: column,
        "\(quoted(column)) is above the largest price a data file may hold (\(Self.largestPrice) per unit): no market trades there, so the file is wrong at this line"
      )
    }
    switch group.take(value, line: line, column: column) {
    case .success(let result): return Price(raw: result.raw, precision: result.precision)
    case .failure(let problem):
      throw failure(problem.code, column: column, "\(quoted(column)) \(problem.message)")
    }
  }

  /// Field `column` as a non-negative size or volume.
  @inline(__always)
  mutating func size(_ column: Int, _ group: inout PrecisionGroup) throws(DataError) -> Quantity {
    let value = try decimal(column)
    guard value.mantissa >= 0 else {
      throw failure(.negativeSize, column: column, "\(quoted(column)) is negative")
    }
    switch group.take(value, line: line, column: column) {
    case .success(let result): return Quantity(raw: result.raw, precision: result.precision)
    case .failure(let problem):
      throw failure(problem.code, column: column, "\(quoted(column)) \(problem.message)")
    }
  }

  /// The group's precision after the last row; an error names the row of the offending value.
  func resolve(_ group: PrecisionGroup) throws(DataError) -> UInt8 {
    switch group.resolve() {
    case .success(let precision): return precision
    case .failure(let problem):
      throw DataError(
        path: path, line: problem.line, column: problem.column + 1,
        columnName: plan.names[problem.column], code: problem.code,
        message: "the value \(problem.message)")
    }
  }

  /// The row's timestamp, ns since the epoch, UTC.
  @inline(__always)
  mutating func timestamp() throws(DataError) -> Int64 {
    switch plan.time {
    case .single(let column):
      switch TimestampParser.parse(field(column), format: format, utcOffsetSeconds: utcOffset) {
      case .success(let value): return value
      case .failure(let error): throw timestampFailure(error, column: column)
      }
    case .split(let dateColumn, let timeColumn):
      let days: Int64
      switch TimestampParser.dateColumn(field(dateColumn)) {
      case .success(let value): days = value
      case .failure(let error): throw timestampFailure(error, column: dateColumn)
      }
      switch TimestampParser.timeColumn(field(timeColumn)) {
      case .failure(let error): throw timestampFailure(error, column: timeColumn)
      case .success(let clock):
        switch TimestampParser.instant(
          days: days, seconds: clock.seconds, nanos: clock.nanos, offset: utcOffset)
        {
        case .success(let value): return value
        case .failure(let error): throw timestampFailure(error, column: dateColumn)
        }
      }
    }
  }

  private func timestampFailure(_ error: TimestampError, column: Int) -> DataError {
    let code: DataError.Code
    switch error {
    case .malformed: code = .malformedTimestamp
    case .invalid, .outOfRange: code = .invalidTimestamp
    }
    return failure(code, column: column, "\(quoted(column)) \(error)")
  }

  /// The column that holds the row's timestamp (the date column of a split one).
  var timestampColumn: Int {
    switch plan.time {
    case .single(let column): column
    case .split(let date, _): date
    }
  }

  /// Throws unless `time` follows `previous` (strictly for bars, where one instrument cannot
  /// have two bars at one time; ticks may share a timestamp).
  @inline(__always)
  func checkOrder(_ time: Int64, after previous: Int64, previousLine: Int, strictly: Bool)
    throws(DataError)
  {
    if time > previous || (!strictly && time == previous) { return }
    let column = timestampColumn
    let relation = time == previous ? "repeats the time of" : "is earlier than"
    throw failure(
      .timestampOrder, column: column,
      "\(quoted(column)) (\(TimestampText.iso8601(time))) \(relation) line \(previousLine) "
        + "(\(TimestampText.iso8601(previous)))"
        + (strictly ? "; bars of one instrument need increasing times" : ""))
  }

  /// Throws unless `low <= open, close <= high`, naming the first column at fault.
  @inline(__always)
  mutating func checkConsistent(_ bar: Bar, columns: (open: Int, high: Int, low: Int, close: Int))
    throws(DataError)
  {
    if Self.isConsistent(bar) { return }
    // Show the four prices at one precision (while detecting, each has its own).
    let precision = max(
      max(bar.open.precision, bar.high.precision), max(bar.low.precision, bar.close.precision))
    func text(_ price: Price) -> String { (price.rescaled(to: precision) ?? price).description }
    if bar.high < bar.low {
      throw failure(
        .inconsistentBar, column: columns.high,
        "high \(text(bar.high)) is below low \(text(bar.low))")
    }
    let range = "outside low...high (\(text(bar.low))...\(text(bar.high)))"
    if bar.open < bar.low || bar.high < bar.open {
      throw failure(.inconsistentBar, column: columns.open, "open \(text(bar.open)) is \(range)")
    }
    throw failure(.inconsistentBar, column: columns.close, "close \(text(bar.close)) is \(range)")
  }

  /// `bar.isConsistent`, fast while precisions still differ between fields (they do while
  /// precisions are being detected): the four prices are compared at their largest precision.
  @inline(__always)
  static func isConsistent(_ bar: Bar) -> Bool {
    let precision = max(
      max(bar.open.precision, bar.high.precision), max(bar.low.precision, bar.close.precision))
    func raw(_ price: Price) -> Int64? {
      let (value, overflow) = price.raw.multipliedReportingOverflow(
        by: powerOfTen(Int(precision - price.precision)))
      return overflow ? nil : value
    }
    guard let open = raw(bar.open), let high = raw(bar.high), let low = raw(bar.low),
      let close = raw(bar.close)
    else { return bar.isConsistent }
    return low <= high && low <= open && open <= high && low <= close && close <= high
  }
}
