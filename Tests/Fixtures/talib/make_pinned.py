#!/usr/bin/env python3
"""Pins TA-Lib's values for the TA indicator plugins' parity tests (Tests/PluginsTests).

Runs TA-Lib (PyPI `ta-lib`, which bundles the C library) over shared bar files and writes
pinned.csv: for every file, indicator configuration and output, TA-Lib's lookback and its value
at selected bars (the first after the lookback, the next few, bars spread over the file, the
last). The tests feed the whole file to the plugin and compare at those bars, so CI needs no
TA-Lib. Regenerate after changing a configuration:

    python3 -m venv /tmp/ta-venv && /tmp/ta-venv/bin/pip install ta-lib numpy pandas
    /tmp/ta-venv/bin/python Tests/Fixtures/talib/make_pinned.py

Bar files are read from ../shared/data/bars beside the repository (first column a time key, then
open, high, low, close, volume).
"""
import csv
import os
import sys

import numpy as np
import pandas as pd
import talib

HERE = os.path.dirname(os.path.abspath(__file__))
BARS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "bars"))
FILES = [
    "spy_1d_trade_bars_19980102_20210331.csv",
    "spy_1h_trade_bars_19980102_20210331.csv",
]

# (plugin id, plugin parameters, outputs, TA-Lib call on open/high/low/close/volume)
CONFIGS = [
    ("wma", {"period": 30}, ["value"], lambda o, h, l, c, v: [talib.WMA(c, 30)]),
    ("wma", {"period": 7}, ["value"], lambda o, h, l, c, v: [talib.WMA(c, 7)]),
    ("dema", {"period": 30}, ["value"], lambda o, h, l, c, v: [talib.DEMA(c, 30)]),
    ("dema", {"period": 5}, ["value"], lambda o, h, l, c, v: [talib.DEMA(c, 5)]),
    ("tema", {"period": 30}, ["value"], lambda o, h, l, c, v: [talib.TEMA(c, 30)]),
    ("tema", {"period": 4}, ["value"], lambda o, h, l, c, v: [talib.TEMA(c, 4)]),
    ("mom", {"period": 10}, ["value"], lambda o, h, l, c, v: [talib.MOM(c, 10)]),
    ("roc", {"period": 10}, ["value"], lambda o, h, l, c, v: [talib.ROC(c, 10)]),
    ("stddev", {"period": 5, "deviations": 1}, ["value"],
     lambda o, h, l, c, v: [talib.STDDEV(c, 5, 1.0)]),
    ("stddev", {"period": 20, "deviations": 2.5}, ["value"],
     lambda o, h, l, c, v: [talib.STDDEV(c, 20, 2.5)]),
    ("bbands", {"period": 20, "deviations_up": 2, "deviations_down": 2},
     ["upper", "middle", "lower"], lambda o, h, l, c, v: list(talib.BBANDS(c, 20, 2.0, 2.0, 0))),
    ("bbands", {"period": 10, "deviations_up": 1.5, "deviations_down": 1},
     ["upper", "middle", "lower"], lambda o, h, l, c, v: list(talib.BBANDS(c, 10, 1.5, 1.0, 0))),
    ("macd", {"fast_period": 12, "slow_period": 26, "signal_period": 9}, ["macd", "signal", "hist"],
     lambda o, h, l, c, v: list(talib.MACD(c, 12, 26, 9))),
    ("macd", {"fast_period": 5, "slow_period": 35, "signal_period": 5}, ["macd", "signal", "hist"],
     lambda o, h, l, c, v: list(talib.MACD(c, 5, 35, 5))),
    ("trange", {}, ["value"], lambda o, h, l, c, v: [talib.TRANGE(h, l, c)]),
    ("natr", {"period": 14}, ["value"], lambda o, h, l, c, v: [talib.NATR(h, l, c, 14)]),
    ("willr", {"period": 14}, ["value"], lambda o, h, l, c, v: [talib.WILLR(h, l, c, 14)]),
    ("willr", {"period": 50}, ["value"], lambda o, h, l, c, v: [talib.WILLR(h, l, c, 50)]),
    ("obv", {}, ["value"], lambda o, h, l, c, v: [talib.OBV(c, v)]),
    ("stoch", {"fastk_period": 14, "slowk_period": 3, "slowd_period": 3}, ["slowk", "slowd"],
     lambda o, h, l, c, v: list(talib.STOCH(h, l, c, 14, 3, 0, 3, 0))),
    ("stoch", {"fastk_period": 5, "slowk_period": 4, "slowd_period": 2}, ["slowk", "slowd"],
     lambda o, h, l, c, v: list(talib.STOCH(h, l, c, 5, 4, 0, 2, 0))),
    ("stochf", {"fastk_period": 14, "fastd_period": 3}, ["fastk", "fastd"],
     lambda o, h, l, c, v: list(talib.STOCHF(h, l, c, 14, 3, 0))),
    ("aroon", {"period": 14}, ["aroondown", "aroonup"],
     lambda o, h, l, c, v: list(talib.AROON(h, l, 14))),
    ("aroon", {"period": 25}, ["aroondown", "aroonup"],
     lambda o, h, l, c, v: list(talib.AROON(h, l, 25))),
    ("ad", {}, ["value"], lambda o, h, l, c, v: [talib.AD(h, l, c, v)]),
    ("adosc", {"fast_period": 3, "slow_period": 10}, ["value"],
     lambda o, h, l, c, v: [talib.ADOSC(h, l, c, v, 3, 10)]),
    ("adx", {"period": 14}, ["adx", "plus_di", "minus_di"],
     lambda o, h, l, c, v: [talib.ADX(h, l, c, 14), talib.PLUS_DI(h, l, c, 14),
                            talib.MINUS_DI(h, l, c, 14)]),
    ("adx", {"period": 5}, ["adx", "plus_di", "minus_di"],
     lambda o, h, l, c, v: [talib.ADX(h, l, c, 5), talib.PLUS_DI(h, l, c, 5),
                            talib.MINUS_DI(h, l, c, 5)]),
    ("mfi", {"period": 14}, ["value"], lambda o, h, l, c, v: [talib.MFI(h, l, c, v, 14)]),
    ("trix", {"period": 30}, ["value"], lambda o, h, l, c, v: [talib.TRIX(c, 30)]),
    ("trix", {"period": 5}, ["value"], lambda o, h, l, c, v: [talib.TRIX(c, 5)]),
    ("ultosc", {"period1": 7, "period2": 14, "period3": 28}, ["value"],
     lambda o, h, l, c, v: [talib.ULTOSC(h, l, c, 7, 14, 28)]),
    ("donchian", {"period": 20}, ["upper", "lower"],
     lambda o, h, l, c, v: [talib.MAX(h, 20), talib.MIN(l, 20)]),
    ("linearreg_slope", {"period": 14}, ["value"],
     lambda o, h, l, c, v: [talib.LINEARREG_SLOPE(c, 14)]),
    ("linearreg_slope", {"period": 50}, ["value"],
     lambda o, h, l, c, v: [talib.LINEARREG_SLOPE(c, 50)]),
    ("t3", {"period": 5, "v_factor": 0.7}, ["value"], lambda o, h, l, c, v: [talib.T3(c, 5, 0.7)]),
    ("t3", {"period": 10, "v_factor": 0.5}, ["value"], lambda o, h, l, c, v: [talib.T3(c, 10, 0.5)]),
    ("kama", {"period": 30}, ["value"], lambda o, h, l, c, v: [talib.KAMA(c, 30)]),
    ("kama", {"period": 10}, ["value"], lambda o, h, l, c, v: [talib.KAMA(c, 10)]),
    ("stochrsi", {"period": 14, "fastk_period": 5, "fastd_period": 3}, ["fastk", "fastd"],
     lambda o, h, l, c, v: list(talib.STOCHRSI(c, 14, 5, 3, 0))),
    ("cci", {"period": 14}, ["value"], lambda o, h, l, c, v: [talib.CCI(h, l, c, 14)]),
    ("cci", {"period": 20}, ["value"], lambda o, h, l, c, v: [talib.CCI(h, l, c, 20)]),
    ("sar", {"acceleration": 0.02, "maximum": 0.2}, ["value"],
     lambda o, h, l, c, v: [talib.SAR(h, l, 0.02, 0.2)]),
    ("sar", {"acceleration": 0.01, "maximum": 0.1}, ["value"],
     lambda o, h, l, c, v: [talib.SAR(h, l, 0.01, 0.1)]),
    # No TA-Lib twin: the bands from TA-Lib's EMA and ATR, the midpoints from its MAX and MIN.
    ("keltner", {"period": 20, "atr_period": 10, "multiplier": 2}, ["upper", "middle", "lower"],
     lambda o, h, l, c, v: [talib.EMA(c, 20) + 2.0 * talib.ATR(h, l, c, 10), talib.EMA(c, 20),
                            talib.EMA(c, 20) - 2.0 * talib.ATR(h, l, c, 10)]),
    ("ichimoku", {"tenkan_period": 9, "kijun_period": 26, "senkou_b_period": 52},
     ["tenkan", "kijun", "senkou_a", "senkou_b"],
     lambda o, h, l, c, v: ichimoku(h, l)),
]


def midpoint(h, l, n):
    # The first n-1 values are NaN in both; align the lookback to the longest period below.
    return (talib.MAX(h, n) + talib.MIN(l, n)) / 2.0


def ichimoku(h, l):
    tenkan, kijun, span_b = midpoint(h, l, 9), midpoint(h, l, 26), midpoint(h, l, 52)
    outputs = [tenkan, kijun, (tenkan + kijun) / 2.0, span_b]
    for values in outputs:
        values[:51] = np.nan  # ready after the longest period (52 bars)
    return outputs


def selected_bars(first, count):
    """The first valid bar and the 4 after it, 20 bars spread over the rest, the last 2."""
    bars = set(range(first, min(first + 5, count)))
    bars.update(int(x) for x in np.linspace(first, count - 1, 22))
    bars.update({count - 2, count - 1})
    return sorted(b for b in bars if first <= b < count)


def main():
    rows = []
    for name in FILES:
        frame = pd.read_csv(os.path.join(BARS, name))
        series = [frame[k].to_numpy(dtype=np.float64) for k in ("open", "high", "low", "close", "volume")]
        count = len(frame)
        for plugin, params, outputs, call in CONFIGS:
            results = call(*series)
            assert len(results) == len(outputs)
            valid = ~np.isnan(results[0])
            first = int(np.argmax(valid))
            for values in results:
                # No NaN after the lookback: the tests expect every later bar to be valid.
                assert not np.isnan(values[first:]).any(), (plugin, params)
            text = ";".join(f"{key}={value}" for key, value in params.items())
            for output, values in zip(outputs, results):
                for bar in selected_bars(first, count):
                    rows.append([name, plugin, text, first, output, bar, repr(float(values[bar]))])
    out = os.path.join(HERE, "pinned.csv")
    with open(out, "w", newline="") as handle:
        handle.write(f"# TA-Lib {talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__}"
                     f" (python ta-lib {talib.__version__}), written by make_pinned.py\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "indicator", "parameters", "lookback", "output", "bar", "value"])
        writer.writerows(rows)
    print(f"{len(rows)} values in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
