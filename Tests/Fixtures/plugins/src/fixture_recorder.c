/*
 * A strategy in plain C that records every market callback it receives, in order, and exports
 * the record as its state (state version 1), so a test can check what a slot saw and when:
 * the resampling tests (multi-timeframe bars, no look-ahead).
 *
 * State: a sequence of 72-byte records, little-endian:
 *   int32  kind         1 on_bar, 2 on_quote, 3 on_trade
 *   uint32 aggregation  th_bar.aggregation (0 for quotes, trades and feed bars)
 *   double step         th_bar.step
 *   int64  ts_event
 *   int64  now          the host's clock (`now_ns`) during the call
 *   double open, high, low, close, volume   (a quote: bid, ask, bid, ask, 0; a trade: price
 *                                            four times, then size)
 * It never trades.
 */
#include "tradehost_plugin.h"

#include <stdlib.h>
#include <string.h>

typedef struct record {
  int32_t kind;
  uint32_t aggregation;
  double step;
  int64_t ts_event;
  int64_t now;
  double values[5];
} record;

_Static_assert(sizeof(record) == 72, "record layout");

typedef struct recorder {
  const th_host_api *host;
  void *host_ctx;
  record *records;
  uint64_t count, capacity;
} recorder;

static th_status rec_create(const th_host_api *host, void *host_ctx, const th_param *params,
                            uint32_t count, void **out, th_error *err) {
  (void)params;
  (void)count;
  (void)err;
  recorder *state = calloc(1, sizeof *state);
  if (state == NULL) return TH_ERR_INTERNAL;
  state->host = host;
  state->host_ctx = host_ctx;
  *out = state;
  return TH_OK;
}

static void rec_destroy(void *instance) {
  recorder *state = instance;
  free(state->records);
  free(state);
}

static th_status append(recorder *state, record entry, th_error *err) {
  if (state->count == state->capacity) {
    uint64_t capacity = state->capacity ? state->capacity * 2 : 1024;
    record *grown = realloc(state->records, capacity * sizeof(record));
    if (grown == NULL) {
      if (err) err->code = TH_ERR_INTERNAL;
      return TH_ERR_INTERNAL;
    }
    state->records = grown;
    state->capacity = capacity;
  }
  entry.now = state->host->now_ns(state->host_ctx);
  state->records[state->count++] = entry;
  return TH_OK;
}

static th_status rec_on_bar(void *instance, const th_bar *bar, th_error *err) {
  record entry = {.kind = 1, .ts_event = bar->ts_event,
                  .values = {bar->open, bar->high, bar->low, bar->close, bar->volume}};
  if (bar->struct_size >= sizeof(th_bar)) {
    entry.aggregation = bar->aggregation;
    entry.step = bar->step;
  }
  return append(instance, entry, err);
}

static th_status rec_on_quote(void *instance, const th_quote *quote, th_error *err) {
  record entry = {.kind = 2, .ts_event = quote->ts_event,
                  .values = {quote->bid, quote->ask, quote->bid, quote->ask, 0}};
  return append(instance, entry, err);
}

static th_status rec_on_trade(void *instance, const th_trade *trade, th_error *err) {
  record entry = {.kind = 3, .ts_event = trade->ts_event,
                  .values = {trade->price, trade->price, trade->price, trade->price, trade->size}};
  return append(instance, entry, err);
}

static th_status rec_on_order_event(void *instance, const th_order_event *event, th_error *err) {
  (void)instance;
  (void)event;
  (void)err;
  return TH_OK;
}

static th_status rec_export(void *instance, uint8_t *buf, uint64_t capacity, uint64_t *len,
                            th_error *err) {
  (void)err;
  recorder *state = instance;
  *len = state->count * sizeof(record);
  if (buf == NULL || capacity < *len) return TH_ERR_BUFFER_TOO_SMALL;
  if (*len) memcpy(buf, state->records, *len);
  return TH_OK;
}

static th_status rec_import(void *instance, uint32_t version, const uint8_t *data, uint64_t len,
                            th_error *err) {
  (void)instance;
  (void)version;
  (void)data;
  (void)len;
  if (err) err->code = TH_ERR_UNSUPPORTED;
  return TH_ERR_UNSUPPORTED;
}

static const th_strategy_vtable vtable = {
    .struct_size = sizeof(th_strategy_vtable),
    .state_version = 1,
    .create = rec_create,
    .destroy = rec_destroy,
    .on_bar = rec_on_bar,
    .on_quote = rec_on_quote,
    .on_trade = rec_on_trade,
    .on_order_event = rec_on_order_event,
    .export_state = rec_export,
    .import_state = rec_import,
};

static const th_plugin_descriptor descriptor = {
    .struct_size = sizeof(th_plugin_descriptor),
    .abi_major = TH_ABI_MAJOR,
    .abi_minor = TH_ABI_MINOR,
    .min_host_abi_minor = 0,
    .kind = TH_KIND_STRATEGY,
    .language = TH_LANGUAGE_C,
    .plugin_id = "bar-recorder",
    .plugin_version = "1.0.0",
    .toolchain = NULL,
    .vtable = &vtable,
};

__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
  return &descriptor;
}
