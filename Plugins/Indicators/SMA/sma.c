/*
 * sma: simple moving average of the last `period` values (the close, when fed bars), written in
 * plain C against tradehost_plugin.h alone. It doubles as the reference for plugin authors who do
 * not use Swift: no runtime, no toolchain coupling, one exported symbol.
 *
 * Values match TA-Lib's SMA: the first output comes after `period` inputs. The sum of the window
 * is kept incrementally and recomputed from the ring buffer each time the ring wraps, so rounding
 * errors do not accumulate and a NaN input stops mattering once it has left the window.
 *
 * State (version 1), little-endian: u64 period, u64 count, u64 head, then `period` doubles (the
 * ring buffer in storage order). The running sum is not stored; import recomputes it.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tradehost_plugin.h"

#define SMA_STATE_VERSION 1u
#define SMA_MAX_PERIOD 1000000

typedef struct sma_instance {
  uint64_t period;
  uint64_t count; /* inputs seen, saturating */
  uint64_t head;  /* ring index the next input is written to */
  double sum;     /* sum of the values in the window */
  double *ring;   /* `period` values */
} sma_instance;

/* Bytes of the fields a reader needs, up to and including `field`. */
#define END_OF(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))

/* ------------------------------------------------------------------------------------------- */

/* Writes a message into the host's error record, if it is long enough to hold one. */
static th_status fail(th_error *err, th_status code, const char *message) {
  if (err != NULL && err->struct_size >= END_OF(th_error, message)) {
    size_t length = strlen(message);
    if (length >= TH_ERROR_MESSAGE_CAPACITY) length = TH_ERROR_MESSAGE_CAPACITY - 1;
    memcpy(err->message, message, length);
    err->message[length] = '\0';
    err->code = code;
  }
  return code;
}

static void put_u64(uint8_t *out, uint64_t value) {
  for (int byte = 0; byte < 8; byte++) out[byte] = (uint8_t)(value >> (8 * byte));
}

static uint64_t get_u64(const uint8_t *in) {
  uint64_t value = 0;
  for (int byte = 0; byte < 8; byte++) value |= (uint64_t)in[byte] << (8 * byte);
  return value;
}

static void put_double(uint8_t *out, double value) {
  uint64_t bits;
  memcpy(&bits, &value, sizeof bits);
  put_u64(out, bits);
}

static double get_double(const uint8_t *in) {
  uint64_t bits = get_u64(in);
  double value;
  memcpy(&value, &bits, sizeof value);
  return value;
}

/* Sum of the values currently in the window, oldest first (the order TA-Lib adds them in). */
static double window_sum(const sma_instance *sma) {
  uint64_t filled = sma->count < sma->period ? sma->count : sma->period;
  uint64_t start = (sma->head + sma->period - filled) % sma->period;
  double sum = 0.0;
  for (uint64_t i = 0; i < filled; i++) sum += sma->ring[(start + i) % sma->period];
  return sum;
}

/* ------------------------------------------------------------------------------------------- */

static th_status sma_create(const th_host_api *host, void *host_ctx, const th_param *params,
                            uint32_t param_count, void **out_instance, th_error *err) {
  (void)host_ctx;
  if (out_instance == NULL) return fail(err, TH_ERR_INVALID_ARGUMENT, "out_instance is NULL");
  *out_instance = NULL;
  if (host == NULL || host->struct_size < END_OF(th_host_api, abi_minor) ||
      host->abi_major != TH_ABI_MAJOR)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "the host table is missing or of another ABI");
  if (params == NULL && param_count > 0)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "params is NULL with a non-zero count");

  int64_t period = -1;
  for (uint32_t i = 0; i < param_count; i++) {
    const th_param *param = &params[i];
    if (param->struct_size < END_OF(th_param, int_value))
      return fail(err, TH_ERR_INVALID_ARGUMENT, "a th_param is shorter than this plugin reads");
    if (param->name != NULL && strcmp(param->name, "period") == 0) {
      if (param->type != TH_PARAM_INT)
        return fail(err, TH_ERR_INVALID_ARGUMENT, "parameter period must be an int");
      period = param->int_value;
    }
  }
  if (period < 0) return fail(err, TH_ERR_INVALID_ARGUMENT, "parameter period was not passed");
  if (period < 1 || period > SMA_MAX_PERIOD)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "period must be between 1 and 1000000");

  sma_instance *sma = calloc(1, sizeof *sma);
  if (sma == NULL) return fail(err, TH_ERR_INTERNAL, "out of memory");
  sma->ring = calloc((size_t)period, sizeof *sma->ring);
  if (sma->ring == NULL) {
    free(sma);
    return fail(err, TH_ERR_INTERNAL, "out of memory for the ring buffer");
  }
  sma->period = (uint64_t)period;
  *out_instance = sma;
  return TH_OK;
}

static void sma_destroy(void *instance) {
  sma_instance *sma = instance;
  if (sma == NULL) return;
  free(sma->ring);
  free(sma);
}

static void sma_update_value(void *instance, int64_t ts_event, double value) {
  (void)ts_event;
  sma_instance *sma = instance;
  double leaving = sma->count >= sma->period ? sma->ring[sma->head] : 0.0;
  sma->ring[sma->head] = value;
  sma->head = (sma->head + 1) % sma->period;
  if (sma->count < UINT64_MAX) sma->count++;
  if (sma->head == 0) {
    sma->sum = window_sum(sma); /* once per `period` inputs: no drift, amortised O(1) */
  } else {
    sma->sum += value;
    sma->sum -= leaving;
  }
}

static void sma_update_bar(void *instance, const th_bar *bar) {
  if (bar == NULL || bar->struct_size < END_OF(th_bar, close)) return;
  sma_update_value(instance, bar->ts_event, bar->close);
}

static uint32_t sma_is_ready(const void *instance) {
  const sma_instance *sma = instance;
  return sma->count >= sma->period ? 1u : 0u;
}

static double sma_value(const void *instance, uint32_t index) {
  const sma_instance *sma = instance;
  if (index != 0 || !sma_is_ready(instance)) return NAN;
  return sma->sum / (double)sma->period;
}

static uint32_t sma_warmup_count(const void *instance) {
  const sma_instance *sma = instance;
  return (uint32_t)sma->period;
}

static void sma_reset(void *instance) {
  sma_instance *sma = instance;
  sma->count = 0;
  sma->head = 0;
  sma->sum = 0.0;
  memset(sma->ring, 0, (size_t)sma->period * sizeof *sma->ring);
}

static th_status sma_export_state(void *instance, uint8_t *buf, uint64_t capacity, uint64_t *len,
                                  th_error *err) {
  const sma_instance *sma = instance;
  if (len == NULL) return fail(err, TH_ERR_INVALID_ARGUMENT, "len is NULL");
  uint64_t needed = 24 + 8 * sma->period;
  *len = needed;
  if (buf == NULL || capacity < needed) return TH_ERR_BUFFER_TOO_SMALL;
  put_u64(buf, sma->period);
  put_u64(buf + 8, sma->count);
  put_u64(buf + 16, sma->head);
  for (uint64_t i = 0; i < sma->period; i++) put_double(buf + 24 + 8 * i, sma->ring[i]);
  return TH_OK;
}

static th_status sma_import_state(void *instance, uint32_t state_version, const uint8_t *data,
                                  uint64_t len, th_error *err) {
  sma_instance *sma = instance;
  if (state_version != SMA_STATE_VERSION)
    return fail(err, TH_ERR_STATE_VERSION, "sma reads state version 1 only");
  if (data == NULL || len < 24) return fail(err, TH_ERR_INVALID_ARGUMENT, "state is truncated");
  uint64_t period = get_u64(data);
  if (period != sma->period)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "state is for another period");
  if (len != 24 + 8 * period)
    return fail(err, TH_ERR_INVALID_ARGUMENT, "state length does not match its period");
  uint64_t count = get_u64(data + 8);
  uint64_t head = get_u64(data + 16);
  if (head >= period || (count < period && head != count))
    return fail(err, TH_ERR_INVALID_ARGUMENT, "state has a bad ring index");
  sma->count = count;
  sma->head = head;
  for (uint64_t i = 0; i < period; i++) sma->ring[i] = get_double(data + 24 + 8 * i);
  sma->sum = window_sum(sma);
  return TH_OK;
}

/* ------------------------------------------------------------------------------------------- */

static const char *const sma_output_names[] = {"value"};

static const th_indicator_vtable sma_vtable = {
    .struct_size = sizeof(th_indicator_vtable),
    .state_version = SMA_STATE_VERSION,
    .input = TH_INDICATOR_INPUT_VALUE,
    .output_count = 1,
    .output_names = sma_output_names,
    .create = sma_create,
    .destroy = sma_destroy,
    .update_bar = sma_update_bar,
    .update_value = sma_update_value,
    .value = sma_value,
    .is_ready = sma_is_ready,
    .warmup_count = sma_warmup_count,
    .reset = sma_reset,
    .export_state = sma_export_state,
    .import_state = sma_import_state,
};

static const th_plugin_descriptor sma_descriptor = {
    .struct_size = sizeof(th_plugin_descriptor),
    .abi_major = TH_ABI_MAJOR,
    .abi_minor = TH_ABI_MINOR,
    .min_host_abi_minor = 0,
    .kind = TH_KIND_INDICATOR,
    .language = TH_LANGUAGE_C,
    .plugin_id = "sma",
    .plugin_version = "1.0.0",
    .toolchain = NULL,
    .vtable = &sma_vtable,
};

_Static_assert(sizeof(th_indicator_vtable) >= TH_INDICATOR_VTABLE_SIZE_1_0,
               "the indicator vtable lost a 1.0 slot");
_Static_assert(sizeof(th_plugin_descriptor) >= TH_DESCRIPTOR_SIZE_1_0,
               "the descriptor lost a 1.0 field");

__attribute__((visibility("default"))) const th_plugin_descriptor *tradehost_plugin_entry(void) {
  return &sma_descriptor;
}
