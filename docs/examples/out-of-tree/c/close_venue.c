/*
 * close-venue: a paper venue in plain C. The host feeds it the market events of its instruments
 * (ABI 1.2 `on_market_event`, before any strategy sees them); it fills a market order in full at
 * the last price it was fed (a bar's close, a trade's price, a quote's ask for buys and bid for
 * sells), at once when it has one, else at the next event of that instrument. Fees:
 * `fee_bps` basis points of the notional, rounded to cents. Everything it says goes through
 * `venue_emit`, from inside the host's calls (it has no thread of its own).
 *
 * Built by ../Makefile (target c) and by the host's OutOfTreeTests, loaded through
 * ../manifests/close-venue.yaml. Market orders only, GTC or IOC.
 */
#include "tradehost_plugin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INSTRUMENTS 64
#define MAX_WAITING 256

typedef struct venue {
  const th_host_api *host;
  void *host_ctx;
  double fee_rate;
  double last_buy[MAX_INSTRUMENTS];  /* 0: no price yet */
  double last_sell[MAX_INSTRUMENTS];
  th_venue_order waiting[MAX_WAITING]; /* accepted, waiting for a first price */
  uint32_t waiting_count;
  uint64_t seen[MAX_WAITING * 16];     /* client order ids submitted, for idempotency */
  uint32_t seen_count;
} venue;

static void set_error(th_error *err, th_status code, const char *message) {
  if (err == NULL || err->struct_size < sizeof(th_error)) return;
  err->code = code;
  strncpy(err->message, message, TH_ERROR_MESSAGE_CAPACITY - 1);
  err->message[TH_ERROR_MESSAGE_CAPACITY - 1] = '\0';
}

static void emit(venue *v, const th_venue_order *order, th_order_event_type type, double price,
                 int64_t ts, const char *reason) {
  th_order_event event;
  memset(&event, 0, sizeof event);
  event.struct_size = sizeof event;
  event.type = type;
  event.client_order_id = order->client_order_id;
  event.instrument_id = order->instrument_id;
  event.side = order->side;
  event.ts_event = ts;
  event.reason = reason;
  event.leaves_quantity = order->quantity;
  if (type == TH_EVENT_FILLED) {
    event.fill_quantity = order->quantity;
    event.fill_price = price;
    event.fee = round(order->quantity * price * v->fee_rate * 100.0) / 100.0;
    event.leaves_quantity = 0;
  }
  th_venue_event wrapper;
  memset(&wrapper, 0, sizeof wrapper);
  wrapper.struct_size = sizeof wrapper;
  wrapper.type = TH_VENUE_ORDER;
  wrapper.ts_event = ts;
  wrapper.order = &event;
  v->host->venue_emit(v->host_ctx, &wrapper);
}

static double price_for(const venue *v, const th_venue_order *order) {
  return order->side == TH_SIDE_BUY ? v->last_buy[order->instrument_id]
                                    : v->last_sell[order->instrument_id];
}

static th_status create(const th_host_api *host, void *host_ctx, const th_param *params,
                        uint32_t count, void **out, th_error *err) {
  venue *v = calloc(1, sizeof *v);
  if (v == NULL) {
    set_error(err, TH_ERR_INTERNAL, "out of memory");
    return TH_ERR_INTERNAL;
  }
  v->host = host;
  v->host_ctx = host_ctx;
  for (uint32_t i = 0; i < count; i++) {
    if (strcmp(params[i].name, "fee_bps") == 0) v->fee_rate = params[i].float_value / 10000.0;
  }
  *out = v;
  return TH_OK;
}

static void destroy(void *instance) { free(instance); }

static th_status connect(void *instance, const th_kv *config, uint32_t count, th_error *err) {
  (void)instance;
  (void)config;
  if (count > 0) {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "close-venue takes no connect settings");
    return TH_ERR_INVALID_ARGUMENT;
  }
  return TH_OK;
}

static void disconnect(void *instance) { (void)instance; }

static th_status subscribe(void *instance, const char *symbol, uint32_t instrument_id,
                           uint32_t data_types, th_error *err) {
  (void)instance;
  (void)symbol;
  (void)data_types;
  if (instrument_id >= MAX_INSTRUMENTS) {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "close-venue trades at most 64 instruments");
    return TH_ERR_INVALID_ARGUMENT;
  }
  return TH_OK;
}

static th_status submit(void *instance, const th_venue_order *order, th_error *err) {
  venue *v = instance;
  for (uint32_t i = 0; i < v->seen_count; i++) {
    if (v->seen[i] == order->client_order_id) {
      set_error(err, TH_ERR_DUPLICATE, "client order id submitted before");
      return TH_ERR_DUPLICATE;
    }
  }
  if (order->instrument_id >= MAX_INSTRUMENTS) {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "instrument id out of range");
    return TH_ERR_INVALID_ARGUMENT;
  }
  /* Remember the id (a ring: the oldest ids are forgotten after 4,096 orders). */
  v->seen[v->seen_count % (MAX_WAITING * 16)] = order->client_order_id;
  if (v->seen_count < MAX_WAITING * 16) v->seen_count++;
  int64_t now = v->host->now_ns(v->host_ctx);
  if (order->type != TH_ORDER_MARKET) {
    emit(v, order, TH_EVENT_REJECTED, 0, now, "close-venue takes market orders only");
    return TH_OK;
  }
  double price = price_for(v, order);
  if (price > 0) {
    emit(v, order, TH_EVENT_ACCEPTED, 0, now, NULL);
    emit(v, order, TH_EVENT_FILLED, price, now, NULL);
    return TH_OK;
  }
  if (order->time_in_force == TH_TIF_IOC || v->waiting_count == MAX_WAITING) {
    emit(v, order, TH_EVENT_REJECTED, 0, now, "no price yet");
    return TH_OK;
  }
  v->waiting[v->waiting_count] = *order;
  v->waiting[v->waiting_count].symbol = NULL;
  v->waiting_count++;
  emit(v, order, TH_EVENT_ACCEPTED, 0, now, NULL);
  return TH_OK;
}

static th_status cancel(void *instance, uint64_t client_order_id, th_error *err) {
  venue *v = instance;
  for (uint32_t i = 0; i < v->waiting_count; i++) {
    if (v->waiting[i].client_order_id != client_order_id) continue;
    th_venue_order order = v->waiting[i];
    v->waiting[i] = v->waiting[--v->waiting_count];
    emit(v, &order, TH_EVENT_CANCELLED, 0, v->host->now_ns(v->host_ctx), "cancelled on request");
    return TH_OK;
  }
  set_error(err, TH_ERR_NOT_FOUND, "no such open order");
  return TH_ERR_NOT_FOUND;
}

static th_status no_rows(uint32_t *count) {
  if (count != NULL) *count = 0;
  return TH_OK;
}
static th_status balances(void *i, th_balance *o, uint32_t c, uint32_t *n, th_error *e) {
  (void)i; (void)o; (void)c; (void)e;
  return no_rows(n);
}
static th_status positions(void *i, th_venue_position *o, uint32_t c, uint32_t *n, th_error *e) {
  (void)i; (void)o; (void)c; (void)e;
  return no_rows(n);
}
static th_status open_orders(void *i, th_venue_order *o, uint32_t c, uint32_t *n, th_error *e) {
  (void)i; (void)o; (void)c; (void)e;
  return no_rows(n);
}

static th_status on_market_event(void *instance, const th_venue_event *event, th_error *err) {
  venue *v = instance;
  uint32_t id;
  int64_t ts = event->ts_event;
  if (event->type == TH_VENUE_BAR && event->bar != NULL) {
    id = event->bar->instrument_id;
    if (id >= MAX_INSTRUMENTS) goto out_of_range;
    v->last_buy[id] = v->last_sell[id] = event->bar->close;
  } else if (event->type == TH_VENUE_TRADE && event->trade != NULL) {
    id = event->trade->instrument_id;
    if (id >= MAX_INSTRUMENTS) goto out_of_range;
    v->last_buy[id] = v->last_sell[id] = event->trade->price;
  } else if (event->type == TH_VENUE_QUOTE && event->quote != NULL) {
    id = event->quote->instrument_id;
    if (id >= MAX_INSTRUMENTS) goto out_of_range;
    v->last_buy[id] = event->quote->ask;
    v->last_sell[id] = event->quote->bid;
  } else {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "not a bar, trade or quote");
    return TH_ERR_INVALID_ARGUMENT;
  }
  uint32_t i = 0;
  while (i < v->waiting_count) {
    if (v->waiting[i].instrument_id != id) {
      i++;
      continue;
    }
    th_venue_order order = v->waiting[i];
    v->waiting[i] = v->waiting[--v->waiting_count];
    emit(v, &order, TH_EVENT_FILLED, price_for(v, &order), ts, NULL);
  }
  return TH_OK;
out_of_range:
  set_error(err, TH_ERR_INVALID_ARGUMENT, "instrument id out of range");
  return TH_ERR_INVALID_ARGUMENT;
}

static const th_exchange_capabilities capabilities = {
    .struct_size = sizeof(th_exchange_capabilities),
    .order_types = 1u << TH_ORDER_MARKET,
    .time_in_force = (1u << TH_TIF_GTC) | (1u << TH_TIF_IOC),
    .features = 0,
    .data_types = TH_DATA_BARS | TH_DATA_QUOTES | TH_DATA_TRADES,
};

static const th_exchange_vtable vtable = {
    .struct_size = sizeof(th_exchange_vtable),
    .capabilities = &capabilities,
    .create = create,
    .destroy = destroy,
    .connect = connect,
    .disconnect = disconnect,
    .subscribe = subscribe,
    .submit_order = submit,
    .cancel_order = cancel,
    .query_balances = balances,
    .query_positions = positions,
    .query_open_orders = open_orders,
    .on_market_event = on_market_event,
};

static const th_plugin_descriptor descriptor = {
    .struct_size = sizeof(th_plugin_descriptor),
    .abi_major = TH_ABI_MAJOR,
    .abi_minor = TH_ABI_MINOR,
    .min_host_abi_minor = 2, /* needs on_market_event */
    .kind = TH_KIND_EXCHANGE,
    .language = TH_LANGUAGE_C,
    .plugin_id = "close-venue",
    .plugin_version = "1.0.0",
    .toolchain = NULL,
    .vtable = &vtable,
};

__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
  return &descriptor;
}
