/// `10^n` for `n` in `0...18` as a constant switch (the compiler turns it into a read-only
/// table), so the row loop needs no call into another module and no lazy-global check.
/// Pure; `n` outside `0...18` yields 0, which every caller rules out first.
@inline(__always)
func powerOfTen(_ n: Int) -> Int64 {
  switch n {
  case 0: 1
  case 1: 10
  case 2: 100
  case 3: 1_000
  case 4: 10_000
  case 5: 100_000
  case 6: 1_000_000
  case 7: 10_000_000
  case 8: 100_000_000
  case 9: 1_000_000_000
  case 10: 10_000_000_000
  case 11: 100_000_000_000
  case 12: 1_000_000_000_000
  case 13: 10_000_000_000_000
  case 14: 100_000_000_000_000
  case 15: 1_000_000_000_000_000
  case 16: 10_000_000_000_000_000
  case 17: 100_000_000_000_000_000
  case 18: 1_000_000_000_000_000_000
  default: 0
  }
}
