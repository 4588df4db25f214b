/*
 * reload-probe: a strategy in plain C for hot-reload tests. It keeps a small, exactly checkable
 * state, can trade on a fixed cadence, and can be told to fail in each way a reload must survive.
 * `ProbePlugin.build` (Host/HostTestKit/ProbePlugin.swift) compiles it and writes its manifest.
 *
 * Build-time settings (-D):
 *   PROBE_VERSION="x.y.z"   the plugin version in the descriptor (required)
 *   PROBE_STATE_VERSION=N   the state format it exports, 0 (none), 1 or 2 (required)
 *   PROBE_READS_V1=1        a state-version-2 build also reads (migrates) version-1 states
 *   PROBE_FAILS_AFTER=N     a faulty build: behaves as if `fail_after` were N whatever the
 *                           parameter says (a version whose code fails, not its parameters)
 *
 * State, little-endian:
 *   version 1: u64 count, u64 chain
 *   version 2: u64 count, u64 chain, u64 migrations
 * `count` is the number of bars the state has seen (imported history included); `chain` starts at
 * PROBE_CHAIN_START and folds in each counted bar as FNV-1a over the 8 bytes of `ts_event` then
 * the 8 bytes of the close's IEEE-754 bit pattern, both little-endian; `migrations` counts the
 * version-1 states migrated into this state's history.
 *
 * Parameters (declared by the manifest `ProbePlugin.build` writes):
 *   trade_every (int, 0)   > 0: when `count` reaches a multiple of it, submit a market order of
 *                          quantity 1 in the bar's instrument: a buy on the 1st, 3rd, ... such bar,
 *                          a sell on the 2nd, 4th, ... (decided by `count`, so an instance that
 *                          imported a state keeps the cadence of the one that exported it)
 *   fail_after (int, -1)   >= 0: every bar after the first `fail_after` this instance received
 *                          since create fails with TH_ERR_INTERNAL (imported bars do not count)
 *   fail_first (int, 0)    the first `fail_first` bars this instance receives fail with
 *                          TH_ERR_INTERNAL (a warm-up that fails)
 *   fail_import (bool)     import_state fails with TH_ERR_INTERNAL for a state it could read
 * A bar that fails changes no state and submits nothing. A bar whose intent the host refuses is
 * still counted; on_bar then returns the host's status.
 */
#include "tradehost_plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PROBE_VERSION
#error "define PROBE_VERSION, e.g. -DPROBE_VERSION=\"1.0.0\""
#endif
#ifndef PROBE_STATE_VERSION
#error "define PROBE_STATE_VERSION (0, 1 or 2)"
#endif
#if PROBE_STATE_VERSION < 0 || PROBE_STATE_VERSION > 2
#error "PROBE_STATE_VERSION must be 0, 1 or 2"
#endif
#ifndef PROBE_READS_V1
#define PROBE_READS_V1 0
#endif
#if PROBE_READS_V1 && PROBE_STATE_VERSION != 2
#error "PROBE_READS_V1 is for state-version-2 builds"
#endif

/* The FNV-1a 64-bit offset basis and prime. */
#define PROBE_CHAIN_START 0xcbf29ce484222325ull
#define PROBE_CHAIN_PRIME 0x100000001b3ull

/* The size of a state of each version. */
#define PROBE_STATE_V1_SIZE 16u
#define PROBE_STATE_V2_SIZE 24u

typedef struct probe {
  const th_host_api *host; /* valid until destroy */
  void *host_ctx;
  int64_t trade_every;
  int64_t fail_after;
  int64_t fail_first;
  int fail_import;
  uint64_t received; /* on_bar calls since create, failed ones included */
  uint64_t count;
  uint64_t chain;
  uint64_t migrations;
} probe;

/* Writes a message into the host's error record (which the host allocated). */
static th_status fail(th_error *err, th_status code, const char *message) {
  if (err != NULL && err->struct_size >= sizeof(th_error)) {
    err->code = code;
    strncpy(err->message, message, TH_ERROR_MESSAGE_CAPACITY - 1);
    err->message[TH_ERROR_MESSAGE_CAPACITY - 1] = '\0';
  }
  return code;
}

static uint64_t fold(uint64_t hash, uint64_t word) {
  for (int i = 0; i < 8; i++) {
    hash ^= (word >> (8 * i)) & 0xffu;
    hash *= PROBE_CHAIN_PRIME;
  }
  return hash;
}

/* [loader-thread] */
static th_status probe_create(const th_host_api *host, void *host_ctx, const th_param *params,
                              uint32_t count, void **out_instance, th_error *err) {
  if (host == NULL || host->struct_size < TH_HOST_API_SIZE_1_0 || host->submit_intent == NULL)
    return fail(err, TH_ERR_UNSUPPORTED, "the host table lacks submit_intent");
  if (out_instance == NULL) return fail(err, TH_ERR_INVALID_ARGUMENT, "out_instance is NULL");
  probe settings = {.host = host, .host_ctx = host_ctx, .fail_after = -1};
  for (uint32_t i = 0; i < count; i++) {
    const th_param *param = &params[i];
    if (param->name == NULL) continue;
    if (strcmp(param->name, "trade_every") == 0 && param->type == TH_PARAM_INT)
      settings.trade_every = param->int_value;
    else if (strcmp(param->name, "fail_after") == 0 && param->type == TH_PARAM_INT)
      settings.fail_after = param->int_value;
    else if (strcmp(param->name, "fail_first") == 0 && param->type == TH_PARAM_INT)
      settings.fail_first = param->int_value;
    else if (strcmp(param->name, "fail_import") == 0 && param->type == TH_PARAM_BOOL)
      settings.fail_import = param->int_value != 0;
  }
#ifdef PROBE_FAILS_AFTER
  settings.fail_after = PROBE_FAILS_AFTER;
#endif
  if (settings.trade_every < 0 || settings.fail_first < 0 || settings.fail_after < -1)
    return fail(err, TH_ERR_INVALID_ARGUMENT,
                "trade_every and fail_first must be >= 0, fail_after >= -1");
  probe *self = malloc(sizeof *self);
  if (self == NULL) return fail(err, TH_ERR_INTERNAL, "out of memory");
  *self = settings;
  self->chain = PROBE_CHAIN_START;
  *out_instance = self;
  return TH_OK;
}

/* [loader-thread] */
static void probe_destroy(void *instance) { free(instance); }

/* [kernel-thread] No allocation, no blocking. */
static th_status probe_on_bar(void *instance, const th_bar *bar, th_error *err) {
  probe *self = instance;
  if (bar == NULL) return fail(err, TH_ERR_INVALID_ARGUMENT, "bar is NULL");
  self->received++;
  if (self->received <= (uint64_t)self->fail_first) {
    char message[TH_ERROR_MESSAGE_CAPACITY];
    snprintf(message, sizeof message, "fail_first: bar %llu of the first %lld fails",
             (unsigned long long)self->received, (long long)self->fail_first);
    return fail(err, TH_ERR_INTERNAL, message);
  }
  if (self->fail_after >= 0 && self->received > (uint64_t)self->fail_after) {
    char message[TH_ERROR_MESSAGE_CAPACITY];
    snprintf(message, sizeof message, "fail_after: bar %llu since create is past %lld",
             (unsigned long long)self->received, (long long)self->fail_after);
    return fail(err, TH_ERR_INTERNAL, message);
  }
  uint64_t close_bits;
  memcpy(&close_bits, &bar->close, sizeof close_bits);
  self->chain = fold(fold(self->chain, (uint64_t)bar->ts_event), close_bits);
  self->count++;
  if (self->trade_every <= 0 || self->count % (uint64_t)self->trade_every != 0) return TH_OK;

  th_order_intent intent;
  memset(&intent, 0, sizeof intent);
  intent.struct_size = sizeof intent;
  intent.instrument_id = bar->instrument_id;
  intent.side = (self->count / (uint64_t)self->trade_every) % 2 == 1 ? TH_SIDE_BUY : TH_SIDE_SELL;
  intent.type = TH_ORDER_MARKET;
  intent.time_in_force = TH_TIF_GTC;
  intent.quantity = 1;
  intent.client_tag = self->count;
  uint64_t client_order_id = 0;
  th_status status = self->host->submit_intent(self->host_ctx, &intent, &client_order_id);
  if (status != TH_OK) return fail(err, status, "the host refused the order intent");
  return TH_OK;
}

/* [kernel-thread] Fills and refusals need no action. */
static th_status probe_on_order_event(void *instance, const th_order_event *event,
                                      th_error *err) {
  (void)instance;
  (void)event;
  (void)err;
  return TH_OK;
}

#if PROBE_STATE_VERSION > 0
static void put_u64(uint8_t *out, uint64_t value) {
  for (int i = 0; i < 8; i++) out[i] = (uint8_t)(value >> (8 * i));
}

static uint64_t get_u64(const uint8_t *in) {
  uint64_t value = 0;
  for (int i = 0; i < 8; i++) value |= (uint64_t)in[i] << (8 * i);
  return value;
}

/* [kernel-thread] The host owns `buf`: report the size needed when it is missing or too small. */
static th_status probe_export_state(void *instance, uint8_t *buf, uint64_t capacity,
                                    uint64_t *len, th_error *err) {
  const probe *self = instance;
  if (len == NULL) return fail(err, TH_ERR_INVALID_ARGUMENT, "len is NULL");
  uint64_t size = PROBE_STATE_VERSION == 1 ? PROBE_STATE_V1_SIZE : PROBE_STATE_V2_SIZE;
  *len = size;
  if (buf == NULL || capacity < size) return TH_ERR_BUFFER_TOO_SMALL;
  put_u64(buf, self->count);
  put_u64(buf + 8, self->chain);
  if (PROBE_STATE_VERSION == 2) put_u64(buf + 16, self->migrations);
  return TH_OK;
}

/* [kernel-thread] Reads its own version, and version 1 when built with PROBE_READS_V1. A refused
 * state leaves the instance as it was. */
static th_status probe_import_state(void *instance, uint32_t state_version, const uint8_t *data,
                                    uint64_t len, th_error *err) {
  probe *self = instance;
  int migrating = PROBE_READS_V1 && state_version == 1;
  if (state_version != PROBE_STATE_VERSION && !migrating) {
    char message[TH_ERROR_MESSAGE_CAPACITY];
    snprintf(message, sizeof message, "reload-probe %s cannot read state version %u", PROBE_VERSION,
             (unsigned)state_version);
    return fail(err, TH_ERR_STATE_VERSION, message);
  }
  if (self->fail_import) return fail(err, TH_ERR_INTERNAL, "fail_import: import refused");
  uint64_t size = state_version == 1 ? PROBE_STATE_V1_SIZE : PROBE_STATE_V2_SIZE;
  if (data == NULL || len != size) {
    char message[TH_ERROR_MESSAGE_CAPACITY];
    snprintf(message, sizeof message, "a version %u state has %llu bytes, not %llu",
             (unsigned)state_version, (unsigned long long)len, (unsigned long long)size);
    return fail(err, TH_ERR_INVALID_ARGUMENT, message);
  }
  self->count = get_u64(data);
  self->chain = get_u64(data + 8);
  self->migrations = migrating ? 1 : (state_version == 2 ? get_u64(data + 16) : 0);
  return TH_OK;
}
#endif

static const th_strategy_vtable probe_vtable = {
    .struct_size = sizeof(th_strategy_vtable),
    .state_version = PROBE_STATE_VERSION,
    .create = probe_create,
    .destroy = probe_destroy,
    .on_bar = probe_on_bar,
    .on_quote = NULL,
    .on_trade = NULL,
    .on_order_event = probe_on_order_event,
#if PROBE_STATE_VERSION > 0
    .export_state = probe_export_state,
    .import_state = probe_import_state,
#else
    .export_state = NULL, /* state version 0: nothing to hand over */
    .import_state = NULL,
#endif
};

static const th_plugin_descriptor probe_descriptor = {
    .struct_size = sizeof(th_plugin_descriptor),
    .abi_major = TH_ABI_MAJOR,
    .abi_minor = TH_ABI_MINOR,
    .min_host_abi_minor = 0,
    .kind = TH_KIND_STRATEGY,
    .language = TH_LANGUAGE_C,
    .plugin_id = "reload-probe",
    .plugin_version = PROBE_VERSION,
    .toolchain = NULL,
    .vtable = &probe_vtable,
};

/* The one exported symbol (the version script hides everything else). */
__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
  return &probe_descriptor;
}
