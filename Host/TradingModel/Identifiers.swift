/// A strategy's own identifier for an order, unique within a run; fills and order events carry it.
public typealias ClientOrderID = UInt64

/// The kernel's dense index of a strategy slot (`0..<slotCount`), stable for a run. A slot owns a
/// sub-ledger of the account (`SlotLedger`).
public typealias SlotID = Int
