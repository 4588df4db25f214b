import KillSwitch
import Testing

@Suite("TriggerAction: what a trigger file's content asks for")
struct TriggerActionTests {
  @Test(
    arguments: [
      ("kill", TriggerAction.kill), ("", .kill), ("\n", .kill), ("  \t\n", .kill),
      ("reduce", .reduce), ("pause\n", .pause), ("resume", .resume), ("  RESUME \r\n", .resume),
      ("Kill", .kill), ("\u{FEFF}pause", nil),
    ] as [(String, TriggerAction?)])
  func parses(content: String, action: TriggerAction?) {
    #expect(TriggerAction(content: content) == action)
  }

  @Test(arguments: ["kil", "kill now", "stop", "halt", "reduce pause", "1", "pause\u{0}"])
  func rejectsWhatNamesNoAction(content: String) {
    #expect(TriggerAction(content: content) == nil)
  }

  @Test func everyActionParsesFromItsOwnName() {
    for action in TriggerAction.allCases {
      #expect(TriggerAction(content: action.description) == action)
    }
  }
}
