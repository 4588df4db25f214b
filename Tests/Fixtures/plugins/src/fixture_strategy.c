/*
 * A small strategy in plain C used by the loader's bad-input suite. Compiled several times with
 * -D switches (see the Makefile's `fixtures` target), each variant breaking one rule of the ABI:
 *
 *   (none)                     a valid strategy: buys `qty` on each bar whose close rises;
 *                              returns TH_ERR_INVALID_ARGUMENT from on_bar for a negative close.
 *   FIXTURE_ABI_MAJOR=N        declares ABI major N.
 *   FIXTURE_MIN_HOST_MINOR=N   needs a host of ABI minor N.
 *   FIXTURE_NEWER_MINOR        built "against ABI 1.9": longer descriptor and vtable with extra
 *                              trailing fields the host must ignore.
 *   FIXTURE_SHORT_VTABLE       vtable struct_size too short to hold on_bar.
 *   FIXTURE_SHORT_DESCRIPTOR   descriptor struct_size 16.
 *   FIXTURE_NULL_ON_BAR        on_bar is NULL.
 *   FIXTURE_NULL_ENTRY         the entry function returns NULL.
 *   FIXTURE_NO_ENTRY           exports no entry symbol.
 *   FIXTURE_BAD_KIND           descriptor kind 99.
 *   FIXTURE_SPIN_ON_BAR        a hung plugin: on_bar never returns once `spin_after` bars
 *                              (an int parameter, default 0) were seen (the watchdog tests).
 *   FIXTURE_RESUBMIT_ON_DENIAL a runaway plugin: answers every denial with the same order again
 *                              (the order-event flood tests).
 */
#include "tradehost_plugin.h"

#include <stdlib.h>
#include <string.h>

#ifndef FIXTURE_ABI_MAJOR
#define FIXTURE_ABI_MAJOR TH_ABI_MAJOR
#endif
#ifndef FIXTURE_MIN_HOST_MINOR
#define FIXTURE_MIN_HOST_MINOR 0
#endif

typedef struct fixture_state {
  const th_host_api *host;
  void *host_ctx;
  double qty;
  double last_close;
  uint64_t bars;
  int abuse_host;
  int64_t spin_after;
} fixture_state;

static th_status abuse_host(fixture_state *state, const th_bar *bar, th_error *err);

/* A market buy of `qty` in the bar's instrument. */
static th_order_intent market_buy(const th_bar *bar, double qty) {
  th_order_intent intent;
  memset(&intent, 0, sizeof intent);
  intent.struct_size = sizeof intent;
  intent.instrument_id = bar->instrument_id;
  intent.side = TH_SIDE_BUY;
  intent.type = TH_ORDER_MARKET;
  intent.time_in_force = TH_TIF_GTC;
  intent.quantity = qty;
  return intent;
}

static void set_error(th_error *err, th_status code, const char *message) {
  if (err == NULL || err->struct_size < sizeof(th_error)) return;
  err->code = code;
  strncpy(err->message, message, TH_ERROR_MESSAGE_CAPACITY - 1);
  err->message[TH_ERROR_MESSAGE_CAPACITY - 1] = '\0';
}

static th_status fx_create(const th_host_api *host, void *host_ctx, const th_param *params,
                           uint32_t count, void **out, th_error *err) {
  fixture_state *state = calloc(1, sizeof *state);
  if (state == NULL) {
    set_error(err, TH_ERR_INTERNAL, "out of memory");
    return TH_ERR_INTERNAL;
  }
  state->host = host;
  state->host_ctx = host_ctx;
  state->qty = 1.0;
  for (uint32_t i = 0; i < count; i++) {
    if (strcmp(params[i].name, "qty") == 0) state->qty = params[i].float_value;
    if (strcmp(params[i].name, "abuse_host") == 0) state->abuse_host = (int)params[i].int_value;
    if (strcmp(params[i].name, "spin_after") == 0) state->spin_after = params[i].int_value;
    if (strcmp(params[i].name, "fail_create") == 0 && params[i].int_value != 0) {
      free(state);
      set_error(err, TH_ERR_INVALID_ARGUMENT, "fail_create is set");
      return TH_ERR_INVALID_ARGUMENT;
    }
  }
  *out = state;
  return TH_OK;
}

static void fx_destroy(void *instance) { free(instance); }

__attribute__((unused)) static th_status fx_on_bar(void *instance, const th_bar *bar, th_error *err) {
  fixture_state *state = instance;
  if (bar->close < 0) {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "negative close price");
    return TH_ERR_INVALID_ARGUMENT;
  }
  if (state->abuse_host) return abuse_host(state, bar, err);
#ifdef FIXTURE_SPIN_ON_BAR
  if ((int64_t)state->bars >= state->spin_after) {
    volatile uint64_t spins = 0;
    for (;;) spins++;
  }
#endif
  state->bars++;
  if (state->bars > 1 && bar->close > state->last_close) {
    th_order_intent intent = market_buy(bar, state->qty);
    uint64_t id = 0;
    th_status status = state->host->submit_intent(state->host_ctx, &intent, &id);
    if (status != TH_OK) {
      set_error(err, status, "submit_intent failed");
      return status;
    }
  }
  state->last_close = bar->close;
  return TH_OK;
}

/* Calls the host table the way a buggy plugin might: NULL host_ctx, NULL and short structs.
 * The host must answer each with an error status and carry on. */
static th_status abuse_host(fixture_state *state, const th_bar *bar, th_error *err) {
  const th_host_api *host = state->host;
  th_order_intent intent = market_buy(bar, 1);
  uint64_t id = 0;
  th_position position;
  memset(&position, 0, sizeof position);
  position.struct_size = sizeof position;
  th_instrument_info info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  host->log(NULL, TH_LOG_ERROR, "logged with a NULL host_ctx");
  host->log(state->host_ctx, TH_LOG_ERROR, NULL);
  if (host->now_ns(NULL) != 0) goto fail;
  if (host->submit_intent(NULL, &intent, &id) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->submit_intent(state->host_ctx, NULL, &id) != TH_ERR_INVALID_ARGUMENT) goto fail;
  intent.struct_size = 8;
  if (host->submit_intent(state->host_ctx, &intent, &id) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->cancel_order(NULL, 1) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->position(NULL, 1, &position) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->position(state->host_ctx, 1, NULL) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->instrument_lookup(state->host_ctx, NULL, &info) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->instrument_lookup(NULL, "SPY", &info) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->venue_emit(NULL, NULL) != TH_ERR_INVALID_ARGUMENT) goto fail;
  if (host->indicator_create(NULL, "ema", NULL, 0, NULL, err) != TH_ERR_INVALID_ARGUMENT) goto fail;
  host->indicator_release(NULL, 1);
  host->model_release(state->host_ctx, 12345);
  /* An ABI 1.0 plugin's intent is shorter: the host takes it and reads no byte past its
   * struct_size (the 1.1 fields behind it must read as 0, whatever is there). */
  intent.struct_size = TH_ORDER_INTENT_SIZE_1_0;
  intent.win_probability = 0.9;
  intent.payoff_ratio = 3;
  if (host->submit_intent(state->host_ctx, &intent, &id) != TH_OK) goto fail;
  host->log(state->host_ctx, TH_LOG_INFO, "every malformed call was refused");
  return TH_OK;
fail:
  set_error(err, TH_ERR_INTERNAL, "the host accepted a malformed call");
  return TH_ERR_INTERNAL;
}

static th_status fx_on_order_event(void *instance, const th_order_event *event, th_error *err) {
  (void)err;
#ifdef FIXTURE_RESUBMIT_ON_DENIAL
  fixture_state *state = instance;
  if (event->type == TH_EVENT_DENIED) {
    th_order_intent intent;
    memset(&intent, 0, sizeof intent);
    intent.struct_size = sizeof intent;
    intent.instrument_id = event->instrument_id;
    intent.side = TH_SIDE_BUY;
    intent.type = TH_ORDER_MARKET;
    intent.time_in_force = TH_TIF_GTC;
    intent.quantity = state->qty;
    uint64_t id = 0;
    state->host->submit_intent(state->host_ctx, &intent, &id);
  }
#else
  (void)instance;
  (void)event;
#endif
  return TH_OK;
}

static th_status fx_export(void *instance, uint8_t *buf, uint64_t capacity, uint64_t *len,
                           th_error *err) {
  (void)err;
  fixture_state *state = instance;
  *len = sizeof(double) + sizeof(uint64_t);
  if (buf == NULL || capacity < *len) return TH_ERR_BUFFER_TOO_SMALL;
  memcpy(buf, &state->last_close, sizeof(double));
  memcpy(buf + sizeof(double), &state->bars, sizeof(uint64_t));
  return TH_OK;
}

static th_status fx_import(void *instance, uint32_t version, const uint8_t *data, uint64_t len,
                           th_error *err) {
  fixture_state *state = instance;
  if (version != 1) {
    set_error(err, TH_ERR_STATE_VERSION, "only state version 1 is readable");
    return TH_ERR_STATE_VERSION;
  }
  if (len != sizeof(double) + sizeof(uint64_t)) {
    set_error(err, TH_ERR_INVALID_ARGUMENT, "state has the wrong length");
    return TH_ERR_INVALID_ARGUMENT;
  }
  memcpy(&state->last_close, data, sizeof(double));
  memcpy(&state->bars, data + sizeof(double), sizeof(uint64_t));
  return TH_OK;
}

/* A vtable as a plugin built against a later minor would have it: 1.0's fields, then more. */
typedef struct fixture_vtable {
  th_strategy_vtable v1_0;
#ifdef FIXTURE_NEWER_MINOR
  void (*future_function)(void *instance);
  uint64_t future_field;
#endif
} fixture_vtable;

typedef struct fixture_descriptor {
  th_plugin_descriptor v1_0;
#ifdef FIXTURE_NEWER_MINOR
  const char *future_description;
  uint64_t future_flags;
#endif
} fixture_descriptor;

#ifdef FIXTURE_NEWER_MINOR
static void fx_future(void *instance) { (void)instance; }
#endif

static const fixture_vtable vtable = {
    .v1_0 = {
#ifdef FIXTURE_SHORT_VTABLE
        .struct_size = 20,
#else
        .struct_size = sizeof(fixture_vtable),
#endif
        .state_version = 1,
        .create = fx_create,
        .destroy = fx_destroy,
#ifndef FIXTURE_NULL_ON_BAR
        .on_bar = fx_on_bar,
#endif
        .on_order_event = fx_on_order_event,
        .export_state = fx_export,
        .import_state = fx_import,
    },
#ifdef FIXTURE_NEWER_MINOR
    .future_function = fx_future,
    .future_field = 42,
#endif
};

static const fixture_descriptor descriptor = {
    .v1_0 = {
#ifdef FIXTURE_SHORT_DESCRIPTOR
        .struct_size = 16,
#else
        .struct_size = sizeof(fixture_descriptor),
#endif
        .abi_major = FIXTURE_ABI_MAJOR,
#ifdef FIXTURE_NEWER_MINOR
        .abi_minor = 9,
#else
        .abi_minor = TH_ABI_MINOR,
#endif
        .min_host_abi_minor = FIXTURE_MIN_HOST_MINOR,
#ifdef FIXTURE_BAD_KIND
        .kind = 99,
#else
        .kind = TH_KIND_STRATEGY,
#endif
        .language = TH_LANGUAGE_C,
        .plugin_id = "fixture-strategy",
        .plugin_version = "1.0.0",
        .toolchain = NULL,
        .vtable = &vtable,
    },
#ifdef FIXTURE_NEWER_MINOR
    .future_description = "a field from ABI 1.9",
    .future_flags = 7,
#endif
};

#ifdef FIXTURE_NO_ENTRY
__attribute__((visibility("default"))) const th_plugin_descriptor *some_other_symbol(void) {
  return &descriptor.v1_0;
}
#else
__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
#ifdef FIXTURE_NULL_ENTRY
  (void)&descriptor;
  return NULL;
#else
  return &descriptor.v1_0;
#endif
}
#endif
