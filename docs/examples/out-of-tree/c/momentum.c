/*
 * momentum: a TradeHost strategy plugin in plain C (ABI 1.0).
 *
 * Stop-and-reverse on momentum: once `lookback` + 1 closes have been seen, a close above the one
 * `lookback` bars earlier targets a long position of `trade_size`, a close below it a short of
 * `trade_size`, an equal close keeps the position. One market order closes the gap between the
 * target and the position the host reports (`th_host_api.position`).
 *
 * Its state (the recent closes) is exported with state version 1.
 *
 * Build (see the Makefile beside this folder):
 *   cc -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror \
 *      -I <tradehost>/PluginAPI/CTradeHostPlugin/include \
 *      -Wl,--version-script=plugin.exports -Wl,-z,nodelete -o libmomentum.so c/momentum.c -lm
 */
#include "tradehost_plugin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MOMENTUM_STATE_VERSION 1
#define MOMENTUM_MAX_LOOKBACK 1000

typedef struct momentum {
  const th_host_api *host; /* valid until destroy */
  void *host_ctx;
  uint32_t lookback;
  double trade_size;
  /* The last lookback + 1 closes, a ring: `next` is the slot the next close goes to. */
  double *closes;
  uint32_t count; /* closes held, up to lookback + 1 */
  uint32_t next;
} momentum;

/* Writes a message into the host's error record (which the host allocated). */
static th_status fail(th_error *err, th_status code, const char *message) {
  if (err != NULL && err->struct_size >= sizeof(th_error)) {
    err->code = code;
    strncpy(err->message, message, TH_ERROR_MESSAGE_CAPACITY - 1);
    err->message[TH_ERROR_MESSAGE_CAPACITY - 1] = '\0';
  }
  return code;
}

/* [loader-thread] */
static th_status momentum_create(const th_host_api *host, void *host_ctx, const th_param *params,
                                 uint32_t count, void **out_instance, th_error *err) {
  /* The host table is read only as far as its struct_size reaches: ABI 1.0's functions. */
  if (host == NULL || host->struct_size < TH_HOST_API_SIZE_1_0 || host->submit_intent == NULL ||
      host->position == NULL)
    return fail(err, TH_ERR_UNSUPPORTED, "the host table lacks submit_intent or position");
  int64_t lookback = 10;
  double trade_size = 1.0;
  for (uint32_t i = 0; i < count; i++) {
    const th_param *param = &params[i];
    if (param->name == NULL) continue;
    if (strcmp(param->name, "lookback") == 0 && param->type == TH_PARAM_INT)
      lookback = param->int_value;
    else if (strcmp(param->name, "trade_size") == 0 && param->type == TH_PARAM_FLOAT)
      trade_size = param->float_value;
  }
  if (lookback < 1 || lookback > MOMENTUM_MAX_LOOKBACK)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "lookback must be from 1 to 1000");
  if (!(trade_size > 0) || !isfinite(trade_size))
    return fail(err, TH_ERR_INVALID_ARGUMENT, "trade_size must be a positive number");

  momentum *self = calloc(1, sizeof *self);
  double *closes = calloc((size_t)lookback + 1, sizeof(double));
  if (self == NULL || closes == NULL) {
    free(self);
    free(closes);
    return fail(err, TH_ERR_INTERNAL, "out of memory");
  }
  self->host = host;
  self->host_ctx = host_ctx;
  self->lookback = (uint32_t)lookback;
  self->trade_size = trade_size;
  self->closes = closes;
  *out_instance = self;
  return TH_OK;
}

/* [loader-thread] */
static void momentum_destroy(void *instance) {
  momentum *self = instance;
  if (self == NULL) return;
  free(self->closes);
  free(self);
}

/* [kernel-thread] No allocation, no blocking: read the position, maybe submit one intent. */
static th_status momentum_on_bar(void *instance, const th_bar *bar, th_error *err) {
  momentum *self = instance;
  uint32_t slots = self->lookback + 1;
  self->closes[self->next] = bar->close;
  self->next = (self->next + 1) % slots;
  if (self->count < slots) self->count++;
  if (self->count < slots) return TH_OK;

  /* After the write, `next` holds the oldest close: the one `lookback` bars ago. */
  double then = self->closes[self->next];
  if (bar->close == then) return TH_OK;
  double target = bar->close > then ? self->trade_size : -self->trade_size;

  th_position position;
  memset(&position, 0, sizeof position);
  position.struct_size = sizeof position;
  th_status status = self->host->position(self->host_ctx, bar->instrument_id, &position);
  if (status != TH_OK) return fail(err, status, "the host did not report the position");
  double difference = target - position.quantity;
  if (difference == 0) return TH_OK;

  th_order_intent intent;
  memset(&intent, 0, sizeof intent);
  intent.struct_size = sizeof intent;
  intent.instrument_id = bar->instrument_id;
  intent.side = difference > 0 ? TH_SIDE_BUY : TH_SIDE_SELL;
  intent.type = TH_ORDER_MARKET;
  intent.time_in_force = TH_TIF_GTC;
  intent.quantity = fabs(difference);
  intent.client_tag = target > 0 ? 1 : 2;
  uint64_t client_order_id = 0;
  status = self->host->submit_intent(self->host_ctx, &intent, &client_order_id);
  if (status != TH_OK) return fail(err, status, "the host refused the order intent");
  return TH_OK;
}

/* [kernel-thread] Fills and refusals need no action: the next bar reads the position again. */
static th_status momentum_on_order_event(void *instance, const th_order_event *event,
                                         th_error *err) {
  (void)instance;
  (void)event;
  (void)err;
  return TH_OK;
}

/* State version 1: uint32 lookback, count, next; then lookback + 1 doubles (host byte order). */
static uint64_t state_size(const momentum *self) {
  return 3 * sizeof(uint32_t) + ((uint64_t)self->lookback + 1) * sizeof(double);
}

/* [kernel-thread] The host owns `buf`: report the size needed when it is missing or too small. */
static th_status momentum_export_state(void *instance, uint8_t *buf, uint64_t capacity,
                                       uint64_t *len, th_error *err) {
  momentum *self = instance;
  if (len == NULL) return fail(err, TH_ERR_INVALID_ARGUMENT, "len is NULL");
  *len = state_size(self);
  if (buf == NULL || capacity < *len) return TH_ERR_BUFFER_TOO_SMALL;
  uint32_t header[3] = {self->lookback, self->count, self->next};
  memcpy(buf, header, sizeof header);
  memcpy(buf + sizeof header, self->closes, ((size_t)self->lookback + 1) * sizeof(double));
  return TH_OK;
}

/* [kernel-thread] */
static th_status momentum_import_state(void *instance, uint32_t state_version,
                                       const uint8_t *data, uint64_t len, th_error *err) {
  momentum *self = instance;
  if (state_version != MOMENTUM_STATE_VERSION)
    return fail(err, TH_ERR_STATE_VERSION, "momentum reads state version 1 only");
  uint32_t header[3];
  if (data == NULL || len < sizeof header)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "state is truncated");
  memcpy(header, data, sizeof header);
  if (header[0] != self->lookback)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "state was exported with another lookback");
  if (len != state_size(self) || header[1] > self->lookback + 1 || header[2] > self->lookback)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "state is malformed");
  self->count = header[1];
  self->next = header[2];
  memcpy(self->closes, data + sizeof header, ((size_t)self->lookback + 1) * sizeof(double));
  return TH_OK;
}

static const th_strategy_vtable momentum_vtable = {
    .struct_size = sizeof(th_strategy_vtable),
    .state_version = MOMENTUM_STATE_VERSION,
    .create = momentum_create,
    .destroy = momentum_destroy,
    .on_bar = momentum_on_bar,
    .on_quote = NULL, /* optional: quotes are not used */
    .on_trade = NULL, /* optional: trades are not used */
    .on_order_event = momentum_on_order_event,
    .export_state = momentum_export_state,
    .import_state = momentum_import_state,
};

static const th_plugin_descriptor momentum_descriptor = {
    .struct_size = sizeof(th_plugin_descriptor),
    .abi_major = TH_ABI_MAJOR,
    .abi_minor = TH_ABI_MINOR,
    .min_host_abi_minor = 0, /* uses nothing newer than ABI 1.0 */
    .kind = TH_KIND_STRATEGY,
    .language = TH_LANGUAGE_C,
    .plugin_id = "momentum",
    .plugin_version = "1.0.0",
    .toolchain = NULL, /* C has no toolchain coupling */
    .vtable = &momentum_vtable,
};

/* The one exported symbol (the version script hides everything else). */
__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
  return &momentum_descriptor;
}
