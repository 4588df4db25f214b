import CTradeHostPlugin
import Testing

/// The Swift view of the C ABI must match the C compiler's (abi_checks.c pins the C side):
/// a mismatch here would make Swift plugins and the host read each other's structs wrongly.
@Suite("ABI layout as Swift sees it")
struct ABILayoutTests {
  @Test("struct sizes and alignments")
  func sizes() {
    #expect(MemoryLayout<th_error>.size == 264)
    #expect(MemoryLayout<th_param>.size == 40)
    #expect(MemoryLayout<th_kv>.size == 24)
    #expect(MemoryLayout<th_bar>.size == 72)
    #expect(TH_BAR_SIZE_1_0 == 56)
    #expect(MemoryLayout<th_quote>.size == 48)
    #expect(MemoryLayout<th_trade>.size == 40)
    #expect(MemoryLayout<th_instrument_info>.size == 112)
    #expect(MemoryLayout<th_order_intent>.size == 88)
    #expect(MemoryLayout<th_order_event>.size == 96)
    #expect(MemoryLayout<th_position>.size == 40)
    #expect(MemoryLayout<th_indicator_handle>.size == 24)
    #expect(MemoryLayout<th_model_handle>.size == 24)
    #expect(MemoryLayout<th_venue_event>.size == 56)
    #expect(MemoryLayout<th_venue_order>.size == 88)
    // ABI 1.3 appends the links right after a 1.2 order's end.
    #expect(
      MemoryLayout<th_venue_order>.offset(of: \.parent_order_id) == Int(TH_VENUE_ORDER_SIZE_1_2))
    #expect(MemoryLayout<th_venue_order>.offset(of: \.oco_order_id) == 80)
    #expect(MemoryLayout<th_balance>.size == 32)
    #expect(MemoryLayout<th_venue_position>.size == 24)
    #expect(MemoryLayout<th_exchange_capabilities>.size == 32)
    #expect(MemoryLayout<th_host_api>.size == Int(TH_HOST_API_SIZE_1_5))
    // ABI 1.5 appends amend_order right after a 1.0 table's end.
    #expect(MemoryLayout<th_host_api>.offset(of: \.amend_order) == Int(TH_HOST_API_SIZE_1_0))
    #expect(MemoryLayout<th_plugin_descriptor>.size == Int(TH_DESCRIPTOR_SIZE_1_0))
    #expect(MemoryLayout<th_strategy_vtable>.size == Int(TH_STRATEGY_VTABLE_SIZE_1_0))
    #expect(MemoryLayout<th_indicator_vtable>.size == Int(TH_INDICATOR_VTABLE_SIZE_1_0))
    #expect(MemoryLayout<th_model_vtable>.size == Int(TH_MODEL_VTABLE_SIZE_1_0))
    #expect(MemoryLayout<th_exchange_vtable>.size == Int(TH_EXCHANGE_VTABLE_SIZE_1_2))
    for alignment in [
      MemoryLayout<th_bar>.alignment, MemoryLayout<th_order_intent>.alignment,
      MemoryLayout<th_plugin_descriptor>.alignment, MemoryLayout<th_host_api>.alignment,
    ] {
      #expect(alignment == 8)
    }
    #expect(MemoryLayout<th_error>.alignment == 4)
  }

  @Test("struct_size is the first field of every exchanged struct")
  func structSizeFirst() {
    #expect(MemoryLayout<th_bar>.offset(of: \.struct_size) == 0)
    #expect(MemoryLayout<th_order_intent>.offset(of: \.struct_size) == 0)
    #expect(MemoryLayout<th_order_event>.offset(of: \.struct_size) == 0)
    #expect(MemoryLayout<th_host_api>.offset(of: \.struct_size) == 0)
    #expect(MemoryLayout<th_plugin_descriptor>.offset(of: \.struct_size) == 0)
    #expect(MemoryLayout<th_strategy_vtable>.offset(of: \.struct_size) == 0)
    #expect(MemoryLayout<th_exchange_vtable>.offset(of: \.struct_size) == 0)
  }

  @Test("field offsets match the C compiler's")
  func offsets() {
    #expect(MemoryLayout<th_bar>.offset(of: \.ts_event) == 8)
    #expect(MemoryLayout<th_bar>.offset(of: \.close) == 40)
    #expect(MemoryLayout<th_bar>.offset(of: \.aggregation) == 56)
    #expect(MemoryLayout<th_bar>.offset(of: \.step) == 64)
    #expect(MemoryLayout<th_order_intent>.offset(of: \.quantity) == 24)
    #expect(MemoryLayout<th_order_intent>.offset(of: \.client_tag) == 48)
    #expect(MemoryLayout<th_order_intent>.offset(of: \.win_probability) == 56)
    #expect(MemoryLayout<th_order_intent>.offset(of: \.payoff_ratio) == 64)
    #expect(
      MemoryLayout<th_order_intent>.offset(of: \.parent_order_id)
        == Int(TH_ORDER_INTENT_SIZE_1_1))
    #expect(MemoryLayout<th_order_intent>.offset(of: \.oco_order_id) == 80)
    #expect(MemoryLayout<th_order_event>.offset(of: \.fill_quantity) == 40)
    #expect(MemoryLayout<th_order_event>.offset(of: \.reason) == 80)
    #expect(MemoryLayout<th_instrument_info>.offset(of: \.price_precision) == 64)
    #expect(MemoryLayout<th_host_api>.offset(of: \.log) == 8)
    #expect(MemoryLayout<th_host_api>.offset(of: \.submit_intent) == 64)
    #expect(MemoryLayout<th_host_api>.offset(of: \.venue_emit) == 88)
    #expect(MemoryLayout<th_plugin_descriptor>.offset(of: \.kind) == 12)
    #expect(MemoryLayout<th_plugin_descriptor>.offset(of: \.plugin_id) == 24)
    #expect(MemoryLayout<th_plugin_descriptor>.offset(of: \.vtable) == 48)
    #expect(MemoryLayout<th_strategy_vtable>.offset(of: \.on_bar) == 24)
    #expect(MemoryLayout<th_strategy_vtable>.offset(of: \.import_state) == 64)
    #expect(MemoryLayout<th_indicator_vtable>.offset(of: \.create) == 24)
    #expect(MemoryLayout<th_indicator_vtable>.offset(of: \.value) == 56)
    #expect(MemoryLayout<th_model_vtable>.offset(of: \.predict) == 40)
    #expect(MemoryLayout<th_exchange_vtable>.offset(of: \.submit_order) == 64)
    #expect(MemoryLayout<th_exchange_vtable>.offset(of: \.poll) == 112)
    // ABI 1.2 appends on_market_event right after a 1.0 table's end.
    #expect(
      MemoryLayout<th_exchange_vtable>.offset(of: \.on_market_event)
        == Int(TH_EXCHANGE_VTABLE_SIZE_1_0))
  }

  @Test("versions and constants")
  func constants() {
    #expect(TH_ABI_MAJOR == 1)
    #expect(TH_ABI_MINOR == 5)
    #expect(TH_ENTRY_SYMBOL == "tradehost_plugin_entry")
    #expect(TH_ERROR_MESSAGE_CAPACITY == 256)
    #expect(TH_OK == 0)
  }
}
