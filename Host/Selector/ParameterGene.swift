import PluginManifest
import TradingModel

/// How the selector searches one parameter of a strategy: the values it may take, derived from
/// the manifest's spec (type, min, max, step, choices), optionally narrowed by the user.
///
/// Contract: every value `sample` or `mutate` returns decodes (`value(of:)`) to a value the
/// manifest's spec accepts (`ParameterSpec.problem(with:) == nil`), and its text
/// (`ParameterValue.description`) parses back to the same value. A parameter the selector cannot
/// search (no `min` or no `max`) is held at its default, or at the value the user fixed.
public struct ParameterGene: Sendable, Equatable {
  /// The values a gene can take.
  public enum Domain: Sendable, Equatable {
    /// Not searched: always this value.
    case fixed(ParameterValue)
    /// An `int` parameter: `base + k * step` for `k` in `0..<count`.
    case integerGrid(base: Int64, step: Int64, count: Int64)
    /// A `float` parameter with a step: `anchor + (first + k) * step` for `k` in `0..<count`,
    /// kept inside `lower...upper` (the manifest's grid starts at `anchor`, its `min` or 0).
    case realGrid(
      anchor: Double, step: Double, first: Int64, count: Int64, lower: Double, upper: Double)
    /// A `float` parameter without a step: any finite value in `lower...upper`.
    case real(lower: Double, upper: Double)
    /// A `bool` parameter.
    case flag
    /// An `enum` parameter: one of these choices.
    case choice([String])
  }

  /// One gene's value: a grid index, a real number, a flag or a choice index.
  public enum Allele: Sendable, Hashable {
    case index(Int64)
    case real(Double)
    case flag(Bool)
  }

  /// The parameter's name.
  public let name: String
  public let domain: Domain
  /// The manifest's spec, when the gene came from one: a float grid point is checked against
  /// it (see `value(of:)`).
  public let spec: ParameterSpec?

  public init(name: String, domain: Domain, spec: ParameterSpec? = nil) {
    self.name = name
    self.domain = domain
    self.spec = spec
  }

  /// Whether the selector varies this parameter.
  public var isSearched: Bool {
    if case .fixed = domain { return false }
    return true
  }

  /// A uniformly drawn allele.
  public func sample(_ random: inout SplitMix64) -> Allele {
    switch domain {
    case .fixed: .index(0)
    case .integerGrid(_, _, let count), .realGrid(_, _, _, let count, _, _):
      .index(Self.uniform(count, &random))
    case .real(let lower, let upper):
      .real(Self.clamp(lower + random.unit() * (upper - lower), lower, upper))
    case .flag: .flag(random.next() & 1 == 1)
    case .choice(let choices): .index(Self.uniform(Int64(choices.count), &random))
    }
  }

  /// A nearby allele: a grid index moved by a normal step of a tenth of the grid (at least one
  /// place), a real moved by a normal step of a tenth of its range and kept inside it, a flag
  /// flipped, another choice drawn.
  public func mutate(_ allele: Allele, _ random: inout SplitMix64) -> Allele {
    switch (domain, allele) {
    case (.integerGrid(_, _, let count), .index(let index)),
      (.realGrid(_, _, _, let count, _, _), .index(let index)):
      guard count > 1 else { return .index(0) }
      let spread = Swift.max(1, Double(count) / 10)
      var move = Int64((random.normal() * spread).rounded())
      if move == 0 { move = random.next() & 1 == 1 ? 1 : -1 }
      let moved = Double(index) + Double(move)
      return .index(Int64(Self.clamp(moved, 0, Double(count - 1))))
    case (.real(let lower, let upper), .real(let value)):
      return .real(Self.clamp(value + random.normal() * (upper - lower) / 10, lower, upper))
    case (.flag, .flag(let value)):
      return .flag(!value)
    case (.choice(let choices), .index(let index)):
      guard choices.count > 1 else { return .index(0) }
      let other = Self.uniform(Int64(choices.count - 1), &random)
      return .index(other >= index ? other + 1 : other)
    default:
      return sample(&random)
    }
  }

  /// The parameter value an allele stands for.
  public func value(of allele: Allele) -> ParameterValue {
    switch (domain, allele) {
    case (.fixed(let value), _):
      return value
    case (.integerGrid(let base, let step, _), .index(let index)):
      return .int(base + index * step)
    case (.realGrid(let anchor, let step, let first, _, let lower, let upper), .index(let index)):
      // Rounding may put a point a hair past a bound; the bound itself is then the grid point
      // within the manifest's step tolerance.
      let point = Self.clamp(anchor + Double(first + index) * step, lower, upper)
      return .float(acceptedNear(point, lower: lower, upper: upper) ?? point)
    case (.real, .real(let value)):
      return .float(value)
    case (.flag, .flag(let value)):
      return .bool(value)
    case (.choice(let choices), .index(let index)):
      return .choice(choices[Int(index)])
    default:
      preconditionFailure("allele \(allele) does not belong to gene \(name)")
    }
  }

  /// The allele that stands for `value`, if this gene can take it (a resumed run's genomes).
  public func allele(for value: ParameterValue) -> Allele? {
    switch (domain, value) {
    case (.fixed(let fixed), _):
      return fixed == value ? .index(0) : nil
    case (.integerGrid(let base, let step, let count), .int(let number)):
      let offset = number &- base
      guard offset >= 0, offset % step == 0, offset / step < count else { return nil }
      return .index(offset / step)
    case (.realGrid(let anchor, let step, let first, let count, _, _), .float(let number)):
      let steps = ((number - anchor) / step).rounded()
      guard steps.isFinite, abs(steps) < 9e15 else { return nil }
      let index = Int64(steps) - first
      guard index >= 0, index < count, self.value(of: .index(index)) == value else { return nil }
      return .index(index)
    case (.real(let lower, let upper), .float(let number)):
      return number >= lower && number <= upper ? .real(number) : nil
    case (.flag, .bool(let flag)):
      return .flag(flag)
    case (.choice(let choices), .choice(let text)):
      return choices.firstIndex(of: text).map { .index(Int64($0)) }
    default:
      return nil
    }
  }

  /// `point`, or the nearest double within 16 units in the last place that the manifest's step
  /// check accepts (the check divides by the step, so for a fine step far from zero the
  /// computed grid point itself can miss its tolerance); nil when none does.
  func acceptedNear(_ point: Double, lower: Double, upper: Double) -> Double? {
    guard let spec else { return point }
    var up = point
    var down = point
    for _ in 0...16 {
      if up <= upper, spec.problem(with: .float(up)) == nil { return up }
      if down >= lower, spec.problem(with: .float(down)) == nil { return down }
      up = up.nextUp
      down = down.nextDown
    }
    return nil
  }

  /// A uniform integer in `0..<count` (rejection sampling, so no value is favoured).
  static func uniform(_ count: Int64, _ random: inout SplitMix64) -> Int64 {
    guard count > 1 else { return 0 }
    let bound = UInt64(count)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let draw = random.next()
      if draw < limit { return Int64(draw % bound) }
    }
  }

  static func clamp(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
    Swift.min(Swift.max(value, lower), upper)
  }
}
