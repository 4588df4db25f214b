import Testing
import TradingModel

@Suite("Quantity")
struct QuantityTests {
  @Test("adds, subtracts and negates at one precision")
  func arithmetic() {
    let a = Quantity(raw: 1_250, precision: 3)
    let b = Quantity(raw: 300, precision: 3)
    #expect(a + b == Quantity(raw: 1_550, precision: 3))
    #expect(b - a == Quantity(raw: -950, precision: 3))
    #expect((-a).raw == -1_250)
    #expect((b - a).magnitude == Quantity(raw: 950, precision: 3))
    #expect((a - a).isZero)
    #expect((a + b).description == "1.550")
  }

  @Test("compares across precisions")
  func comparison() {
    #expect(Quantity(raw: 1_500, precision: 3) == Quantity(raw: 15, precision: 1))
    #expect(Set([Quantity(raw: 1_500, precision: 3), Quantity(raw: 15, precision: 1)]).count == 1)
    #expect(Quantity(raw: 1_501, precision: 3) != Quantity(raw: 15, precision: 1))
    #expect(Quantity(raw: 1_501, precision: 3) > Quantity(raw: 15, precision: 1))
    #expect(Quantity(raw: -2, precision: 0) < Quantity(raw: -1_999, precision: 3))
    #expect(Quantity("0.5", precision: 3) == Quantity(raw: 500, precision: 3))
    #expect(Quantity("0.0005", precision: 3) == nil)
  }
}
