import Control
import Foundation
import Testing

@Suite("JSONValue: deterministic text, strict parsing, Codable")
struct JSONValueTests {
  @Test func objectKeysAreWrittenSortedWhateverTheInsertionOrder() {
    var forward: [String: JSONValue] = [:]
    var backward: [String: JSONValue] = [:]
    let keys = (0..<50).map { "key\($0)" }
    for key in keys { forward[key] = .integer(1) }
    for key in keys.reversed() { backward[key] = .integer(1) }
    let expected = "{" + keys.sorted().map { #""\#($0)":1"# }.joined(separator: ",") + "}"
    #expect(JSONValue.object(forward).jsonText == expected)
    #expect(JSONValue.object(backward).jsonText == expected)
  }

  @Test func nestedValuesAreCompactAndSorted() {
    let value: JSONValue = [
      "zeta": [1, 2.5, "three", nil, true],
      "alpha": ["b": false, "a": ["y": 1, "x": 0]],
      "mid": -0.001,
    ]
    #expect(
      value.jsonText
        == #"{"alpha":{"a":{"x":0,"y":1},"b":false},"mid":-0.001,"zeta":[1,2.5,"three",null,true]}"#
    )
  }

  @Test func stringsAreEscapedOnlyWhereJSONRequires() {
    let value = JSONValue.string("quote \" backslash \\ slash / tab \t nl \n bell \u{07} é 😀")
    #expect(
      value.jsonText
        == #""quote \" backslash \\ slash / tab \t nl \n bell \u0007 é 😀""#)
  }

  @Test func numbersKeepIntegersApart() throws {
    #expect(try JSONValue(jsonText: "2") == .integer(2))
    #expect(try JSONValue(jsonText: "-0") == .integer(0))
    #expect(try JSONValue(jsonText: "2.0") == .number(2))
    #expect(try JSONValue(jsonText: "1e3") == .number(1000))
    #expect(try JSONValue(jsonText: "9223372036854775807") == .integer(.max))
    #expect(try JSONValue(jsonText: "9223372036854775808") == .number(9_223_372_036_854_775_808))
    #expect(JSONValue.number(.nan).jsonText == "null")
    #expect(JSONValue.number(-.infinity).jsonText == "null")
    #expect(JSONValue.number(3).jsonText == "3.0")
    #expect(JSONValue.integer(-42).jsonText == "-42")
  }

  @Test func parseAndWriteRoundTrip() throws {
    let text = #"{"a":[true,false,null,{"b":"c\u0001"}],"n":1.5,"s":"\ud83d\ude00 é"}"#
    let value = try JSONValue(jsonText: text)
    #expect(value["s"] == "😀 é")
    #expect(value["a"] == [true, false, nil, ["b": "c\u{01}"]])
    #expect(try JSONValue(jsonText: value.jsonText) == value)
  }

  @Test(
    "Syntax errors name the problem and the column",
    arguments: [
      ("", "expected a JSON value, found the end of the text (column 1)"),
      ("[1,]", "expected a JSON value, found ']' (column 4)"),
      ("{\"a\" 1}", "expected ':' after an object key, found '1' (column 6)"),
      ("01", "expected the end of the text after the value, found '1' (column 2)"),
      ("1.", "expected a digit after the decimal point, found the end of the text (column 3)"),
      ("-", "expected a digit, found the end of the text (column 2)"),
      ("1e400", "the number 1e400 is out of range (column 1)"),
      ("\"abc", "unterminated string, found the end of the text (column 5)"),
      ("\"a\tb\"", "control character in a string (escape it), found byte 0x09 (column 3)"),
      ("\"\\x\"", "invalid escape sequence, found 'x' (column 3)"),
      ("\"\\ud800\"", "unpaired UTF-16 surrogate (column 2)"),
      ("\"\\u12\"", "expected four hexadecimal digits after \\u, found '\"' (column 6)"),
      ("tru", "expected a JSON value, found 't' (column 1)"),
      ("[1] x", "expected the end of the text after the value, found 'x' (column 5)"),
      ("{\"k\":1,\"k\":2}", "duplicate key \"k\" (column 8)"),
    ])
  func syntaxErrors(text: String, expected: String) {
    #expect(throws: JSONSyntaxError.self) { try JSONValue(jsonText: text) }
    do {
      _ = try JSONValue(jsonText: text)
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test func nestingIsBounded() throws {
    let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(throws: Never.self) { try JSONValue(jsonText: deepest) }
    let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    let expected = JSONSyntaxError(
      column: 65, problem: "arrays and objects are nested more than 64 deep, found '['")
    #expect(throws: expected) { try JSONValue(jsonText: tooDeep) }
  }

  @Test func codableWithSortedKeysMatchesJSONText() throws {
    let value: JSONValue = ["b": [1, "x", nil], "a": ["d": true, "c": 2.5], "e": .integer(7)]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let encoded = String(decoding: try encoder.encode(value), as: UTF8.self)
    #expect(encoded == value.jsonText)
    #expect(try JSONDecoder().decode(JSONValue.self, from: Data(encoded.utf8)) == value)
  }

  @Test func requestAndResponseAreCodable() throws {
    let decoder = JSONDecoder()
    let request = try decoder.decode(ControlRequest.self, from: Data(#"{"command":"status"}"#.utf8))
    #expect(request == ControlRequest(command: "status", arguments: [:]))
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let failure = String(decoding: try encoder.encode(ControlResponse.failure("no")), as: UTF8.self)
    #expect(failure == #"{"error":"no","ok":false}"#)
    let success = ControlResponse.success(["n": 1])
    let data = try encoder.encode(success)
    #expect(String(decoding: data, as: UTF8.self) == #"{"ok":true,"result":{"n":1}}"#)
    #expect(try decoder.decode(ControlResponse.self, from: data) == success)
  }
}
