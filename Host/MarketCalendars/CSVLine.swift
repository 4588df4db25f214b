/// Splitting one line of a CSV file into fields (RFC 4180 quoting within the line: a field that
/// starts with `"` ends at the next lone `"`, and `""` inside it is one `"`). Load time only.
enum CSVLine {
  /// One field: its text (unquoted, surrounding spaces removed) and the 1-based column, in
  /// Unicode scalars, at which it starts.
  struct Field {
    let text: String
    let column: Int
  }

  /// Why a line cannot be split.
  struct SplitError: Error {
    let column: Int
    let message: String
  }

  /// The fields of `line` (without its line break).
  static func split(_ line: Substring) -> Result<[Field], SplitError> {
    let scalars = Array(line.unicodeScalars)
    var fields: [Field] = []
    var index = 0
    while true {
      while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
      let column = index + 1
      var text = String.UnicodeScalarView()
      if index < scalars.count, scalars[index] == "\"" {
        index += 1
        var closed = false
        while index < scalars.count {
          if scalars[index] == "\"" {
            if index + 1 < scalars.count, scalars[index + 1] == "\"" {
              text.append("\"")
              index += 2
              continue
            }
            closed = true
            index += 1
            break
          }
          text.append(scalars[index])
          index += 1
        }
        guard closed else {
          return .failure(SplitError(column: column, message: "the quoted field is not closed"))
        }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        if index < scalars.count, scalars[index] != "," {
          return .failure(
            SplitError(
              column: index + 1, message: "a quoted field must end with its closing quote"))
        }
      } else {
        while index < scalars.count, scalars[index] != "," {
          guard scalars[index] != "\"" else {
            return .failure(
              SplitError(
                column: index + 1,
                message: "a quote inside an unquoted field; quote the whole field and double "
                  + "the quote (\"\")"))
          }
          text.append(scalars[index])
          index += 1
        }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
      }
      fields.append(Field(text: String(text), column: column))
      guard index < scalars.count else { return .success(fields) }
      index += 1  // the comma
    }
  }
}
