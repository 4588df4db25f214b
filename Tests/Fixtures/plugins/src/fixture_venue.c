/*
 * A venue plugin in plain C for the seam's fault suite (PluginVenueTests). It takes market, limit
 * and stop orders, GTC/IOC, and fills them against the market events the host feeds it (ABI 1.2
 * `on_market_event`): a market order fills in full at the next event's price (a bar's close, a
 * trade's price, a quote's bid or ask), a limit order when that price reaches its limit, a stop
 * when it reaches the stop. Everything it says goes through `venue_emit`, from inside the host's
 * calls. It declares TH_EXCHANGE_OCO and links orders (ABI 1.3 `th_venue_order` links): a child
 * works once its parent has filled and is cancelled with it; the first fill or cancel of one of
 * two OCO partners cancels the other. A link to an order it does not know is rejected.
 * `query_open_orders` reports its open orders.
 *
 * Built with -DFIXTURE_VENUE_STREAMS it is a live adapter's stand-in (id fixture-stream-venue):
 * no `on_market_event`; the first `poll` at each new host time streams one bar per subscribed
 * instrument through `venue_emit` (closes 100.00, 100.01, ... at that time; with `off_tick` off
 * the tick) and fills open orders against it.
 *
 * Built with -DFIXTURE_VENUE_ABI_1_2 it is the same venue as a plugin built against ABI 1.2
 * would be (id fixture-venue-1-2): its descriptor says 1.2, it copies only the 72 bytes of a 1.2
 * `th_venue_order` and writes query results at that stride, and it still declares
 * TH_EXCHANGE_OCO, which the host must not trust with links it cannot read.
 *
 * The `fault` parameter makes it break one rule of the seam:
 *   good            behaves.
 *   submit_error    submit_order returns TH_ERR_IO with a message.
 *   malformed       acknowledges each order with a th_order_event whose struct_size is 8.
 *   duplicate       acknowledges each order twice.
 *   unknown_order   fills client order id + 1000 instead of the order.
 *   overfill        fills twice the order's quantity.
 *   off_tick        fills at the price plus 0.001 (off a cent tick).
 *   market_error    on_market_event returns TH_ERR_INTERNAL.
 *   spin_submit     submit_order never returns (a hung adapter: the watchdog tests).
 *   spin_market_event on_market_event never returns once an order is open (so the stall leaves
 *                   one working: the control side's cancel has something to cancel).
 *   amend_reject    answers every amend with TH_EVENT_AMEND_REJECTED.
 *   amend_error     amend_order returns TH_ERR_IO.
 *   amend_mismatch  confirms an amend with a leaves quantity one more than asked.
 *
 * It declares TH_EXCHANGE_AMEND: `amend_order` changes an open order's quantity and prices (NaN
 * keeps one) and confirms with TH_EVENT_AMENDED, from inside the call.
 */
#include "tradehost_plugin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FAULT_GOOD, FAULT_SUBMIT_ERROR, FAULT_MALFORMED, FAULT_DUPLICATE, FAULT_UNKNOWN_ORDER,
       FAULT_OVERFILL, FAULT_OFF_TICK, FAULT_MARKET_ERROR, FAULT_SPIN_SUBMIT,
       FAULT_SPIN_MARKET_EVENT, FAULT_AMEND_REJECT, FAULT_AMEND_ERROR, FAULT_AMEND_MISMATCH };

/* Spins forever: a plugin call that never returns. */
static void spin(void) {
  volatile uint64_t spins = 0;
  for (;;) spins++;
}

#define MAX_OPEN 64
#define MAX_FILLED 64

#ifdef FIXTURE_VENUE_ABI_1_2
#define FIXTURE_ORDER_SIZE TH_VENUE_ORDER_SIZE_1_2
#define FIXTURE_ABI_MINOR 2
#define FIXTURE_ID "fixture-venue-1-2"
#elif defined(FIXTURE_VENUE_STREAMS)
#define FIXTURE_ORDER_SIZE sizeof(th_venue_order)
#define FIXTURE_ABI_MINOR TH_ABI_MINOR
#define FIXTURE_ID "fixture-stream-venue"
#else
#define FIXTURE_ORDER_SIZE sizeof(th_venue_order)
#define FIXTURE_ABI_MINOR TH_ABI_MINOR
#define FIXTURE_ID "fixture-venue"
#endif

typedef struct venue_state {
  const th_host_api *host;
  void *host_ctx;
  int fault;
  th_venue_order open[MAX_OPEN];
  uint32_t open_count;
  uint64_t filled[MAX_FILLED]; /* the last orders that filled completely (parents) */
  uint32_t filled_next;
  uint32_t subscribed[8]; /* instrument ids (the streaming build's bars) */
  uint32_t subscribed_count;
  uint32_t streamed;      /* bars streamed so far */
  int64_t streamed_at;    /* the host time of the last bars (one round per moment) */
} venue_state;

static void set_error(th_error *err, th_status code, const char *message) {
  if (err == NULL || err->struct_size < sizeof(th_error)) return;
  err->code = code;
  strncpy(err->message, message, TH_ERROR_MESSAGE_CAPACITY - 1);
  err->message[TH_ERROR_MESSAGE_CAPACITY - 1] = '\0';
}

static th_status emit_order(venue_state *state, const th_order_event *order) {
  th_venue_event event;
  memset(&event, 0, sizeof event);
  event.struct_size = sizeof event;
  event.type = TH_VENUE_ORDER;
  event.ts_event = order->ts_event;
  event.order = order;
  return state->host->venue_emit(state->host_ctx, &event);
}

static th_order_event order_event(const venue_state *state, const th_venue_order *order,
                                  th_order_event_type type) {
  th_order_event event;
  memset(&event, 0, sizeof event);
  event.struct_size = sizeof event;
  event.type = type;
  event.client_order_id = order->client_order_id;
  event.instrument_id = order->instrument_id;
  event.side = order->side;
  event.ts_event = state->host->now_ns(state->host_ctx);
  event.leaves_quantity = order->quantity;
  return event;
}

static th_status v_create(const th_host_api *host, void *host_ctx, const th_param *params,
                          uint32_t count, void **out, th_error *err) {
  venue_state *state = calloc(1, sizeof *state);
  if (state == NULL) {
    set_error(err, TH_ERR_INTERNAL, "out of memory");
    return TH_ERR_INTERNAL;
  }
  state->host = host;
  state->host_ctx = host_ctx;
  for (uint32_t i = 0; i < count; i++) {
    if (strcmp(params[i].name, "fault") == 0) state->fault = (int)params[i].int_value;
  }
  *out = state;
  return TH_OK;
}

static void v_destroy(void *instance) { free(instance); }

static th_status v_connect(void *instance, const th_kv *config, uint32_t count, th_error *err) {
  (void)instance;
  (void)config;
  (void)err;
  (void)count;
  return TH_OK;
}

static void v_disconnect(void *instance) { (void)instance; }

static th_status v_subscribe(void *instance, const char *symbol, uint32_t instrument_id,
                             uint32_t data_types, th_error *err) {
  venue_state *state = instance;
  (void)symbol;
  (void)data_types;
  if (state->subscribed_count == 8) {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "at most 8 instruments");
    return TH_ERR_INVALID_ARGUMENT;
  }
  state->subscribed[state->subscribed_count++] = instrument_id;
  return TH_OK;
}

static int open_index(const venue_state *state, uint64_t client_order_id) {
  for (uint32_t i = 0; i < state->open_count; i++)
    if (state->open[i].client_order_id == client_order_id) return (int)i;
  return -1;
}

static int has_filled(const venue_state *state, uint64_t client_order_id) {
  for (uint32_t i = 0; i < MAX_FILLED; i++)
    if (state->filled[i] == client_order_id) return 1;
  return 0;
}

/* Why the venue refuses the order's links, or NULL. (A 1.2 build never sees a link.) */
static const char *link_refusal(const venue_state *state, const th_venue_order *order) {
#ifdef FIXTURE_VENUE_ABI_1_2
  (void)state;
  (void)order;
  return NULL;
#else
  if (order->oco_order_id != 0 && open_index(state, order->oco_order_id) < 0)
    return "the OCO partner is not an open order";
  if (order->parent_order_id != 0 && open_index(state, order->parent_order_id) < 0 &&
      !has_filled(state, order->parent_order_id))
    return "the parent is neither open nor filled";
  return NULL;
#endif
}

static uint64_t parent_of(const th_venue_order *order) {
#ifdef FIXTURE_VENUE_ABI_1_2
  (void)order;
  return 0;
#else
  return order->parent_order_id;
#endif
}

static uint64_t partner_of(const th_venue_order *order) {
#ifdef FIXTURE_VENUE_ABI_1_2
  (void)order;
  return 0;
#else
  return order->oco_order_id;
#endif
}

static void remove_open(venue_state *state, uint32_t index) {
  state->open[index] = state->open[state->open_count - 1];
  state->open_count--;
}

/* Cancels the open order at `index` with `reason`, then what hangs on it: its OCO partner and the
 * orders whose parent it is. */
static void cancel_at(venue_state *state, uint32_t index, const char *reason);

/* After `id` closed (`filled` or not): cancel its OCO partners, and its children when unfilled. */
static void close_links(venue_state *state, uint64_t id, uint64_t partner, int filled) {
  int i;
  if (partner != 0 && (i = open_index(state, partner)) >= 0)
    cancel_at(state, (uint32_t)i, "OCO partner closed");
  for (uint32_t j = 0; j < state->open_count;) {
    const th_venue_order *other = &state->open[j];
    if (partner_of(other) == id) {
      cancel_at(state, j, "OCO partner closed");
      j = 0;
    } else if (!filled && parent_of(other) == id) {
      cancel_at(state, j, "parent closed unfilled");
      j = 0;
    } else {
      j++;
    }
  }
}

static void cancel_at(venue_state *state, uint32_t index, const char *reason) {
  th_order_event cancelled = order_event(state, &state->open[index], TH_EVENT_CANCELLED);
  cancelled.leaves_quantity = 0;
  cancelled.reason = reason;
  uint64_t id = state->open[index].client_order_id;
  uint64_t partner = partner_of(&state->open[index]);
  remove_open(state, index);
  emit_order(state, &cancelled);
  close_links(state, id, partner, 0);
}

static th_status v_submit(void *instance, const th_venue_order *order, th_error *err) {
  venue_state *state = instance;
  if (state->fault == FAULT_SPIN_SUBMIT) spin();
  if (state->fault == FAULT_SUBMIT_ERROR) {
    set_error(err, TH_ERR_IO, "the venue's connection is down");
    return TH_ERR_IO;
  }
  for (uint32_t i = 0; i < state->open_count; i++) {
    if (state->open[i].client_order_id == order->client_order_id) {
      set_error(err, TH_ERR_DUPLICATE, "client order id seen before");
      return TH_ERR_DUPLICATE;
    }
  }
  if (state->open_count == MAX_OPEN) {
    set_error(err, TH_ERR_REJECTED, "too many open orders");
    return TH_ERR_REJECTED;
  }
  th_venue_order copy;
  memset(&copy, 0, sizeof copy);
  size_t size = order->struct_size < FIXTURE_ORDER_SIZE ? order->struct_size : FIXTURE_ORDER_SIZE;
  memcpy(&copy, order, size);
  copy.symbol = NULL;
  const char *refusal = link_refusal(state, &copy);
  if (refusal != NULL) {
    th_order_event rejected = order_event(state, &copy, TH_EVENT_REJECTED);
    rejected.leaves_quantity = 0;
    rejected.reason = refusal;
    emit_order(state, &rejected);
    return TH_OK;
  }
  state->open[state->open_count] = copy;
  state->open_count++;
  th_order_event accepted = order_event(state, order, TH_EVENT_ACCEPTED);
  if (state->fault == FAULT_MALFORMED) accepted.struct_size = 8;
  emit_order(state, &accepted);
  if (state->fault == FAULT_DUPLICATE) emit_order(state, &accepted);
  return TH_OK;
}

static th_status v_cancel(void *instance, uint64_t client_order_id, th_error *err) {
  venue_state *state = instance;
  int index = open_index(state, client_order_id);
  if (index >= 0) {
    cancel_at(state, (uint32_t)index, "cancelled on request");
    return TH_OK;
  }
  set_error(err, TH_ERR_NOT_FOUND, "no such open order");
  return TH_ERR_NOT_FOUND;
}

static th_status v_amend(void *instance, uint64_t client_order_id, double quantity,
                         double limit_price, double stop_price, th_error *err) {
  venue_state *state = instance;
  int index = open_index(state, client_order_id);
  if (index < 0) {
    set_error(err, TH_ERR_NOT_FOUND, "no such open order");
    return TH_ERR_NOT_FOUND;
  }
  if (state->fault == FAULT_AMEND_ERROR) {
    set_error(err, TH_ERR_IO, "the venue's connection is down");
    return TH_ERR_IO;
  }
  th_venue_order *order = &state->open[index];
  if (state->fault == FAULT_AMEND_REJECT) {
    th_order_event refused = order_event(state, order, TH_EVENT_AMEND_REJECTED);
    refused.reason = "amends are closed today";
    emit_order(state, &refused);
    return TH_OK;
  }
  if (!isnan(quantity)) order->quantity = quantity;
  if (!isnan(limit_price)) order->limit_price = limit_price;
  if (!isnan(stop_price)) order->stop_price = stop_price;
  th_order_event amended = order_event(state, order, TH_EVENT_AMENDED);
  if (state->fault == FAULT_AMEND_MISMATCH) amended.leaves_quantity += 1;
  emit_order(state, &amended);
  return TH_OK;
}

static th_status v_query_empty(void *instance, void *out, uint32_t capacity, uint32_t *count,
                               th_error *err) {
  (void)instance;
  (void)out;
  (void)capacity;
  (void)err;
  if (count != NULL) *count = 0;
  return TH_OK;
}

static th_status v_balances(void *instance, th_balance *out, uint32_t capacity, uint32_t *count,
                            th_error *err) {
  return v_query_empty(instance, out, capacity, count, err);
}

static th_status v_positions(void *instance, th_venue_position *out, uint32_t capacity,
                             uint32_t *count, th_error *err) {
  return v_query_empty(instance, out, capacity, count, err);
}

/* Writes the open orders at this build's size of `th_venue_order` (a 1.2 plugin's stride). */
static th_status v_open_orders(void *instance, th_venue_order *out, uint32_t capacity,
                               uint32_t *count, th_error *err) {
  venue_state *state = instance;
  (void)err;
  *count = state->open_count;
  if (state->open_count > capacity) return TH_ERR_BUFFER_TOO_SMALL;
  unsigned char *row = (unsigned char *)out;
  for (uint32_t i = 0; i < state->open_count; i++, row += FIXTURE_ORDER_SIZE) {
    th_venue_order copy = state->open[i];
    copy.struct_size = FIXTURE_ORDER_SIZE;
    memcpy(row, &copy, FIXTURE_ORDER_SIZE);
  }
  return TH_OK;
}

/* The price an order of `side` meets in the event, or 0 when the event is not of its instrument. */
static double event_price(const th_venue_event *event, const th_venue_order *order) {
  if (event->type == TH_VENUE_BAR && event->bar->instrument_id == order->instrument_id)
    return event->bar->close;
  if (event->type == TH_VENUE_TRADE && event->trade->instrument_id == order->instrument_id)
    return event->trade->price;
  if (event->type == TH_VENUE_QUOTE && event->quote->instrument_id == order->instrument_id)
    return order->side == TH_SIDE_BUY ? event->quote->ask : event->quote->bid;
  return 0;
}

static th_status v_market_event(void *instance, const th_venue_event *event, th_error *err) {
  venue_state *state = instance;
  if (state->fault == FAULT_SPIN_MARKET_EVENT && state->open_count > 0) spin();
  if (state->fault == FAULT_MARKET_ERROR) {
    set_error(err, TH_ERR_INTERNAL, "the matching thread died");
    return TH_ERR_INTERNAL;
  }
  uint32_t i = 0;
  while (i < state->open_count) {
    const th_venue_order *order = &state->open[i];
    double price = event_price(event, order);
    int buy = order->side == TH_SIDE_BUY;
    int fills = price > 0 && (parent_of(order) == 0 || has_filled(state, parent_of(order))) &&
                (order->type == TH_ORDER_MARKET ||
                 (order->type == TH_ORDER_LIMIT &&
                  (buy ? price <= order->limit_price : price >= order->limit_price)) ||
                 (order->type == TH_ORDER_STOP &&
                  (buy ? price >= order->stop_price : price <= order->stop_price)));
    if (!fills) {
      i++;
      continue;
    }
    th_order_event filled = order_event(state, order, TH_EVENT_FILLED);
    filled.ts_event = event->ts_event;
    filled.fill_quantity = order->quantity;
    filled.fill_price = price;
    filled.leaves_quantity = 0;
    if (state->fault == FAULT_UNKNOWN_ORDER) filled.client_order_id += 1000;
    if (state->fault == FAULT_OVERFILL) filled.fill_quantity = 2 * order->quantity;
    if (state->fault == FAULT_OFF_TICK) filled.fill_price = price + 0.001;
    uint64_t id = order->client_order_id;
    uint64_t partner = partner_of(order);
    remove_open(state, i);
    state->filled[state->filled_next] = id;
    state->filled_next = (state->filled_next + 1) % MAX_FILLED;
    emit_order(state, &filled);
    close_links(state, id, partner, 1);
    i = 0; /* the links may have removed orders, and a child may work on this event */
  }
  return TH_OK;
}

#ifdef FIXTURE_VENUE_STREAMS
/* Streams a bar per subscribed instrument at the host's now and fills against it. */
static th_status v_poll(void *instance, int64_t now_ns, th_error *err) {
  venue_state *state = instance;
  if (state->streamed > 0 && now_ns <= state->streamed_at) return TH_OK;
  state->streamed_at = now_ns;
  for (uint32_t k = 0; k < state->subscribed_count; k++) {
    th_bar bar;
    memset(&bar, 0, sizeof bar);
    bar.struct_size = sizeof bar;
    bar.instrument_id = state->subscribed[k];
    bar.ts_event = now_ns;
    double close = (10000.0 + (double)(state->streamed % 100)) / 100.0;
    if (state->fault == FAULT_OFF_TICK) close += 0.001;
    state->streamed++;
    bar.open = bar.high = bar.low = bar.close = close;
    bar.volume = 100;
    th_venue_event event;
    memset(&event, 0, sizeof event);
    event.struct_size = sizeof event;
    event.type = TH_VENUE_BAR;
    event.ts_event = now_ns;
    event.bar = &bar;
    th_status status = state->host->venue_emit(state->host_ctx, &event);
    if (status != TH_OK) {
      set_error(err, status, "the host refused a streamed bar");
      return status;
    }
    status = v_market_event(instance, &event, err);
    if (status != TH_OK) return status;
  }
  return TH_OK;
}
#endif

static const th_exchange_capabilities capabilities = {
    .struct_size = sizeof(th_exchange_capabilities),
    .order_types = (1u << TH_ORDER_MARKET) | (1u << TH_ORDER_LIMIT) | (1u << TH_ORDER_STOP),
    .time_in_force = (1u << TH_TIF_GTC) | (1u << TH_TIF_IOC),
    .features = TH_EXCHANGE_OCO | TH_EXCHANGE_AMEND,
    .data_types = TH_DATA_BARS | TH_DATA_QUOTES | TH_DATA_TRADES,
};

static const th_exchange_vtable vtable = {
    .struct_size = sizeof(th_exchange_vtable),
    .state_version = 0,
    .capabilities = &capabilities,
    .create = v_create,
    .destroy = v_destroy,
    .connect = v_connect,
    .disconnect = v_disconnect,
    .subscribe = v_subscribe,
    .unsubscribe = NULL,
    .submit_order = v_submit,
    .cancel_order = v_cancel,
    .amend_order = v_amend,
    .query_balances = v_balances,
    .query_positions = v_positions,
    .query_open_orders = v_open_orders,
#ifdef FIXTURE_VENUE_STREAMS
    .poll = v_poll,
    .on_market_event = NULL,
#else
    .poll = NULL,
    .on_market_event = v_market_event,
#endif
};

static const th_plugin_descriptor descriptor = {
    .struct_size = sizeof(th_plugin_descriptor),
    .abi_major = TH_ABI_MAJOR,
    .abi_minor = FIXTURE_ABI_MINOR,
    .min_host_abi_minor = 2,
    .kind = TH_KIND_EXCHANGE,
    .language = TH_LANGUAGE_C,
    .plugin_id = FIXTURE_ID,
    .plugin_version = "1.0.0",
    .toolchain = NULL,
    .vtable = &vtable,
};

__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
  return &descriptor;
}
