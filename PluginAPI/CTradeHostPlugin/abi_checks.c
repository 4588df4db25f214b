/*
 * Compile-time checks of the ABI 1.0 layout (x86-64 / AArch64 LP64). A failure here means a change
 * broke the binary contract with existing plugins: append fields instead.
 */
#include "tradehost_plugin.h"

#define TH_CHECK_SIZE(type, size) _Static_assert(sizeof(type) == (size), #type " size changed")
#define TH_CHECK_OFFSET(type, field, offset) \
  _Static_assert(offsetof(type, field) == (offset), #type "." #field " moved")

_Static_assert(sizeof(void *) == 8, "TradeHost ABI 1 is defined for 64-bit targets");
_Static_assert(sizeof(double) == 8, "doubles must be IEEE-754 binary64");

TH_CHECK_SIZE(th_error, 264);
TH_CHECK_OFFSET(th_error, message, 8);
TH_CHECK_SIZE(th_param, 40);
TH_CHECK_OFFSET(th_param, name, 8);
TH_CHECK_OFFSET(th_param, int_value, 16);
TH_CHECK_OFFSET(th_param, float_value, 24);
TH_CHECK_OFFSET(th_param, enum_value, 32);
TH_CHECK_SIZE(th_kv, 24);
TH_CHECK_SIZE(th_bar, 72);
TH_CHECK_OFFSET(th_bar, aggregation, TH_BAR_SIZE_1_0);
TH_CHECK_OFFSET(th_bar, step, 64);
TH_CHECK_OFFSET(th_bar, ts_event, 8);
TH_CHECK_OFFSET(th_bar, close, 40);
TH_CHECK_SIZE(th_quote, 48);
TH_CHECK_SIZE(th_trade, 40);
TH_CHECK_SIZE(th_instrument_info, 112);
TH_CHECK_OFFSET(th_instrument_info, price_precision, 64);
TH_CHECK_SIZE(th_order_intent, 88);
TH_CHECK_OFFSET(th_order_intent, parent_order_id, TH_ORDER_INTENT_SIZE_1_1);
TH_CHECK_OFFSET(th_order_intent, oco_order_id, 80);
TH_CHECK_OFFSET(th_order_intent, win_probability, TH_ORDER_INTENT_SIZE_1_0);
TH_CHECK_OFFSET(th_order_intent, payoff_ratio, 64);
TH_CHECK_OFFSET(th_order_intent, quantity, 24);
TH_CHECK_OFFSET(th_order_intent, client_tag, 48);
TH_CHECK_SIZE(th_order_event, 96);
TH_CHECK_OFFSET(th_order_event, fill_quantity, 40);
TH_CHECK_OFFSET(th_order_event, reason, 80);
TH_CHECK_SIZE(th_position, 40);
TH_CHECK_SIZE(th_indicator_handle, 24);
TH_CHECK_SIZE(th_model_handle, 24);
TH_CHECK_SIZE(th_venue_event, 56);
TH_CHECK_SIZE(th_venue_order, 88);
TH_CHECK_OFFSET(th_venue_order, parent_order_id, TH_VENUE_ORDER_SIZE_1_2);
TH_CHECK_OFFSET(th_venue_order, oco_order_id, 80);
TH_CHECK_SIZE(th_balance, 32);
TH_CHECK_SIZE(th_venue_position, 24);
TH_CHECK_SIZE(th_exchange_capabilities, 32);

TH_CHECK_SIZE(th_host_api, TH_HOST_API_SIZE_1_5);
TH_CHECK_OFFSET(th_host_api, amend_order, TH_HOST_API_SIZE_1_0);
TH_CHECK_OFFSET(th_host_api, log, 8);
TH_CHECK_OFFSET(th_host_api, submit_intent, 64);
TH_CHECK_OFFSET(th_host_api, venue_emit, 88);

TH_CHECK_SIZE(th_plugin_descriptor, TH_DESCRIPTOR_SIZE_1_0);
TH_CHECK_OFFSET(th_plugin_descriptor, kind, 12);
TH_CHECK_OFFSET(th_plugin_descriptor, plugin_id, 24);
TH_CHECK_OFFSET(th_plugin_descriptor, vtable, 48);

TH_CHECK_SIZE(th_strategy_vtable, TH_STRATEGY_VTABLE_SIZE_1_0);
TH_CHECK_OFFSET(th_strategy_vtable, create, 8);
TH_CHECK_OFFSET(th_strategy_vtable, on_bar, 24);
TH_CHECK_OFFSET(th_strategy_vtable, import_state, 64);
TH_CHECK_SIZE(th_indicator_vtable, TH_INDICATOR_VTABLE_SIZE_1_0);
TH_CHECK_OFFSET(th_indicator_vtable, create, 24);
TH_CHECK_OFFSET(th_indicator_vtable, value, 56);
TH_CHECK_SIZE(th_model_vtable, TH_MODEL_VTABLE_SIZE_1_0);
TH_CHECK_OFFSET(th_model_vtable, predict, 40);
TH_CHECK_SIZE(th_exchange_vtable, TH_EXCHANGE_VTABLE_SIZE_1_2);
TH_CHECK_OFFSET(th_exchange_vtable, capabilities, 8);
TH_CHECK_OFFSET(th_exchange_vtable, submit_order, 64);
TH_CHECK_OFFSET(th_exchange_vtable, poll, 112);
TH_CHECK_OFFSET(th_exchange_vtable, on_market_event, TH_EXCHANGE_VTABLE_SIZE_1_0);

/* The host fills indicator and model handles through one code path: they must share a layout. */
_Static_assert(offsetof(th_model_handle, handle_id) == offsetof(th_indicator_handle, handle_id),
               "handle layouts diverged");
_Static_assert(offsetof(th_model_handle, vtable) == offsetof(th_indicator_handle, vtable),
               "handle layouts diverged");
_Static_assert(offsetof(th_model_handle, instance) == offsetof(th_indicator_handle, instance),
               "handle layouts diverged");
