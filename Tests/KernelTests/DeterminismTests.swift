import Backtest
import Kernel
import Testing

@Suite("Determinism")
struct DeterminismTests {
  @Test("the same inputs give a byte-identical JSON report (timing fixed), twice over")
  func byteIdenticalReports() throws {
    var texts: [String] = []
    for _ in 0..<2 {
      let (report, prepared) = try BacktestFixture.run(BacktestFixture.parityPlan())
      // The only fields that depend on the machine are the loop's timing: fix them.
      var fixed = BacktestRunner.report(prepared, elapsedSeconds: 1)
      fixed.elapsedSeconds = 1
      #expect(fixed.fillDigest == report.fillDigest)
      texts.append(fixed.json)
    }
    #expect(texts[0] == texts[1])
    #expect(texts[0].contains("\"final_equity\":999907.25"))
    #expect(texts[0].contains("\"fills_digest\":\"ff545269436d732b\""))
  }
}
