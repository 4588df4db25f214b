/* A small C indicator library that knows nothing of TradeHost: no plugin entry, no ABI header.
 * Manifests in Tests/Fixtures/ffi/ declare its functions (`ffi:`) and the host calls them through
 * libffi. It has both forms the host understands:
 *
 * - TA-Lib's array form: fx_sma, fx_donchian (two double outputs) and fx_upcount (an int
 *   output), each with a `_lookback` function;
 * - the streaming form: fx_ema_* (NautilusTrader's EMA: the first input seeds it, ready after
 *   `period` inputs, as the host's `ema` with `seed: first`) and fx_minmax_* (two outputs read by
 *   index, an update that returns non-zero for a NaN input).
 *
 * Faults on purpose: fx_sma returns 3 when its window holds a negative input; fx_ema_new returns
 * NULL for a period above 100000; fx_init must have run before fx_upcount answers (returns 4);
 * fx_refuse_init always returns 7. */
#include <math.h>
#include <stdlib.h>

static int initialized;

int fx_init(void) {
  initialized = 1;
  return 0;
}

/* An initialization that always fails, for the loader's test. */
int fx_refuse_init(void) { return 7; }

int fx_sma_lookback(int period) { return period < 1 ? -1 : period - 1; }

int fx_sma(int startIdx, int endIdx, const double *inReal, int period, int *outBegIdx,
           int *outNBElement, double *outReal) {
  *outBegIdx = 0;
  *outNBElement = 0;
  if (period < 1 || startIdx < 0 || endIdx < startIdx) return 2;
  for (int i = 0; i <= endIdx; i++)
    if (inReal[i] < 0) return 3;
  int first = startIdx < period - 1 ? period - 1 : startIdx;
  if (first > endIdx) return 0;
  int count = 0;
  for (int i = first; i <= endIdx; i++) {
    double sum = 0;
    for (int j = i - period + 1; j <= i; j++) sum += inReal[j];
    outReal[count++] = sum / period;
  }
  *outBegIdx = first;
  *outNBElement = count;
  return 0;
}

int fx_donchian_lookback(int period) { return period < 1 ? -1 : period - 1; }

int fx_donchian(int startIdx, int endIdx, const double *inHigh, const double *inLow, int period,
                int *outBegIdx, int *outNBElement, double *outUpper, double *outLower) {
  *outBegIdx = 0;
  *outNBElement = 0;
  if (period < 1 || startIdx < 0 || endIdx < startIdx) return 2;
  int first = startIdx < period - 1 ? period - 1 : startIdx;
  if (first > endIdx) return 0;
  int count = 0;
  for (int i = first; i <= endIdx; i++) {
    double high = inHigh[i], low = inLow[i];
    for (int j = i - period + 1; j < i; j++) {
      if (inHigh[j] > high) high = inHigh[j];
      if (inLow[j] < low) low = inLow[j];
    }
    outUpper[count] = high;
    outLower[count] = low;
    count++;
  }
  *outBegIdx = first;
  *outNBElement = count;
  return 0;
}

int fx_upcount_lookback(int period) { return period < 1 ? -1 : period; }

/* The number of closes above the previous one among the last `period`. */
int fx_upcount(int startIdx, int endIdx, const double *inClose, int period, int *outBegIdx,
               int *outNBElement, int *outCount) {
  *outBegIdx = 0;
  *outNBElement = 0;
  if (!initialized) return 4;
  if (period < 1 || startIdx < 0 || endIdx < startIdx) return 2;
  int first = startIdx < period ? period : startIdx;
  if (first > endIdx) return 0;
  int count = 0;
  for (int i = first; i <= endIdx; i++) {
    int ups = 0;
    for (int j = i - period + 1; j <= i; j++) ups += inClose[j] > inClose[j - 1];
    outCount[count++] = ups;
  }
  *outBegIdx = first;
  *outNBElement = count;
  return 0;
}

typedef struct {
  double alpha;
  double average;
  long count;
} fx_ema_state;

int fx_ema_lookback(int period) { return period < 1 ? -1 : period - 1; }

void *fx_ema_new(int period) {
  if (period < 1 || period > 100000) return NULL;
  fx_ema_state *state = calloc(1, sizeof *state);
  if (state) state->alpha = 2.0 / (period + 1.0);
  return state;
}

void fx_ema_update(void *opaque, double value) {
  fx_ema_state *state = opaque;
  if (state->count == 0) state->average = value;
  state->average = state->alpha * value + (1.0 - state->alpha) * state->average;
  state->count++;
}

double fx_ema_value(const void *opaque) { return ((const fx_ema_state *)opaque)->average; }

void fx_ema_free(void *opaque) { free(opaque); }

typedef struct {
  double low, high;
} fx_minmax_state;

void *fx_minmax_new(void) {
  fx_minmax_state *state = malloc(sizeof *state);
  if (state) state->low = state->high = NAN;
  return state;
}

int fx_minmax_update(void *opaque, double low, double high) {
  fx_minmax_state *state = opaque;
  if (isnan(low) || isnan(high)) return 1;
  if (isnan(state->low) || low < state->low) state->low = low;
  if (isnan(state->high) || high > state->high) state->high = high;
  return 0;
}

double fx_minmax_value(const void *opaque, int output) {
  const fx_minmax_state *state = opaque;
  return output == 0 ? state->low : state->high;
}

void fx_minmax_free(void *opaque) { free(opaque); }
