/// Running sums of per-event returns (count and the first four raw power sums), enough for the
/// mean, standard deviation, skewness and kurtosis the Sharpe ratio and its deflation need.
/// Windows pool by adding their sums, in a fixed order, so pooled figures are deterministic.
public struct ReturnMoments: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var sum = 0.0
  public private(set) var sumOfSquares = 0.0
  public private(set) var sumOfCubes = 0.0
  public private(set) var sumOfFourthPowers = 0.0

  public init() {}

  /// Moments from kept sums (a resumed run's records).
  public init(
    count: Int, sum: Double, sumOfSquares: Double, sumOfCubes: Double, sumOfFourthPowers: Double
  ) {
    self.count = count
    self.sum = sum
    self.sumOfSquares = sumOfSquares
    self.sumOfCubes = sumOfCubes
    self.sumOfFourthPowers = sumOfFourthPowers
  }

  public mutating func add(_ value: Double) {
    let square = value * value
    count += 1
    sum += value
    sumOfSquares += square
    sumOfCubes += square * value
    sumOfFourthPowers += square * square
  }

  public mutating func add(_ other: ReturnMoments) {
    count += other.count
    sum += other.sum
    sumOfSquares += other.sumOfSquares
    sumOfCubes += other.sumOfCubes
    sumOfFourthPowers += other.sumOfFourthPowers
  }

  public var mean: Double { count == 0 ? 0 : sum / Double(count) }

  /// The population variance (divided by n).
  var populationVariance: Double {
    guard count > 0 else { return 0 }
    let m = mean
    return Swift.max(0, sumOfSquares / Double(count) - m * m)
  }

  /// The sample standard deviation (divided by n - 1); 0 with fewer than two returns.
  public var standardDeviation: Double {
    guard count > 1 else { return 0 }
    return (populationVariance * Double(count) / Double(count - 1)).squareRoot()
  }

  /// Mean over sample standard deviation, per event; 0 when the returns do not vary (a
  /// strategy that never trades has no risk and no reward).
  public var sharpe: Double {
    let deviation = standardDeviation
    return deviation > 0 ? mean / deviation : 0
  }

  /// The third standardized moment; 0 when the returns do not vary.
  public var skewness: Double {
    let variance = populationVariance
    guard variance > 0 else { return 0 }
    let n = Double(count)
    let m = mean
    let third = sumOfCubes / n - 3 * m * sumOfSquares / n + 2 * m * m * m
    return third / (variance * variance.squareRoot())
  }

  /// The fourth standardized moment (3 for a normal distribution); 3 when the returns do not
  /// vary.
  public var kurtosis: Double {
    let variance = populationVariance
    guard variance > 0 else { return 3 }
    let n = Double(count)
    let m = mean
    let fourth =
      sumOfFourthPowers / n - 4 * m * sumOfCubes / n + 6 * m * m * sumOfSquares / n
      - 3 * m * m * m * m
    return fourth / (variance * variance)
  }
}
