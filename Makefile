# TradeHost build entry points. `make help` lists them.
SWIFT ?= swift
CC ?= cc
PLUGIN_DIR := .build/plugins
FIXTURE_DIR := .build/fixtures
ABI_INCLUDE := PluginAPI/CTradeHostPlugin/include
EXPORTS := PluginAPI/plugin.exports
C_PLUGIN_FLAGS := -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror \
	-I $(ABI_INCLUDE) -Wl,--version-script=$(EXPORTS) -Wl,-z,nodelete -lm

# Swift plugin products (Package.swift) and C plugins (Plugins/**/<name>.c -> lib<name>.so).
SWIFT_PLUGINS := EMACrossStrategy EMAPegStrategy EMAIndicator RSIIndicator ATRIndicator TAIndicators LogisticModel FuzzOrdersStrategy
C_PLUGINS := sma

.PHONY: help deps build plugins fixtures test bench run clean

# plugins.lock beside built libraries: each one's SHA-256 in sha256sum's format, which the
# loader checks on every load (docs/manifest.md). Written whole, then renamed into place.
define write_lock
cd $(1) && sha256sum lib*.so > plugins.lock.tmp && mv -f plugins.lock.tmp plugins.lock
endef

help:
	@echo "make run       build the host and plugins, then paper-trade ema-cross on a synthetic market"
	@echo "make deps      install the Debian packages the build needs (libssl-dev, libsqlite3-dev, libpq-dev, ...)"
	@echo "make build     debug build of the host (tradehost)"
	@echo "make plugins   release build of every shipped plugin into $(PLUGIN_DIR)/ (+ plugins.lock)"
	@echo "make test      plugins + test fixtures + the whole test suite"
	@echo "make bench     release-mode benchmarks: plugin layer and kernel (figures, not tests)"
	@echo "make clean     remove build products"

deps:
	@bash .ci/deps

build: deps
	$(SWIFT) build --product tradehost

# Paper trading on the embedded seeded market; Ctrl-C (or `tradehost stop`) ends it cleanly.
RUN_ARGS ?=
run: plugins
	$(SWIFT) build -c release --product tradehost
	.build/release/tradehost plugins validate
	.build/release/tradehost run $(RUN_ARGS)

plugins: deps
	@mkdir -p $(PLUGIN_DIR)
	@for product in $(SWIFT_PLUGINS); do \
	  $(SWIFT) build -c release --product $$product || exit 1; \
	  cp -f .build/release/lib$$product.so $(PLUGIN_DIR)/; \
	done
	@for plugin in $(C_PLUGINS); do \
	  src=$$(find Plugins -name "$$plugin.c" | head -n 1); \
	  $(CC) $(C_PLUGIN_FLAGS) -o $(PLUGIN_DIR)/lib$$plugin.so $$src || exit 1; \
	done
	@$(call write_lock,$(PLUGIN_DIR))
	@echo "plugins in $(PLUGIN_DIR)/:"; ls $(PLUGIN_DIR)

# Bad-input fixture libraries for the loader tests: one C source, one variant per broken rule.
FIXTURE_SRC := Tests/Fixtures/plugins/src/fixture_strategy.c
# A venue plugin in C whose `fault` parameter breaks one rule of the venue seam at a time.
FIXTURE_VENUE_SRC := Tests/Fixtures/plugins/src/fixture_venue.c
# A plain C indicator library (no plugin entry) that manifests declare through `ffi:`.
FIXTURE_FFI_SRC := Tests/Fixtures/plugins/src/fixture_ffi.c
FIXTURE_VARIANTS := good: abi2:-DFIXTURE_ABI_MAJOR=2 newer_minor:-DFIXTURE_NEWER_MINOR \
	needs_newer_minor:-DFIXTURE_MIN_HOST_MINOR=9 short_vtable:-DFIXTURE_SHORT_VTABLE \
	short_descriptor:-DFIXTURE_SHORT_DESCRIPTOR null_on_bar:-DFIXTURE_NULL_ON_BAR \
	null_entry:-DFIXTURE_NULL_ENTRY no_entry:-DFIXTURE_NO_ENTRY bad_kind:-DFIXTURE_BAD_KIND \
	spin:-DFIXTURE_SPIN_ON_BAR resubmit:-DFIXTURE_RESUBMIT_ON_DENIAL

fixtures:
	@mkdir -p $(FIXTURE_DIR)
	@for variant in $(FIXTURE_VARIANTS); do \
	  name=$${variant%%:*}; flag=$${variant#*:}; \
	  $(CC) -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -I $(ABI_INCLUDE) \
	    -Wl,-z,nodelete $$flag -o $(FIXTURE_DIR)/libfixture_$$name.so $(FIXTURE_SRC) || exit 1; \
	done
	@$(CC) -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -I $(ABI_INCLUDE) \
	  -Wl,-z,nodelete -o $(FIXTURE_DIR)/libfixture_venue.so $(FIXTURE_VENUE_SRC)
	@$(CC) -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -I $(ABI_INCLUDE) \
	  -Wl,-z,nodelete -DFIXTURE_VENUE_ABI_1_2 -o $(FIXTURE_DIR)/libfixture_venue_1_2.so \
	  $(FIXTURE_VENUE_SRC)
	@$(CC) -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -I $(ABI_INCLUDE) \
	  -Wl,-z,nodelete -DFIXTURE_VENUE_STREAMS -o $(FIXTURE_DIR)/libfixture_stream_venue.so \
	  $(FIXTURE_VENUE_SRC)
	@$(CC) -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror -o $(FIXTURE_DIR)/libfixture_ffi.so \
	  $(FIXTURE_FFI_SRC) -lm
	@$(CC) -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror -I $(ABI_INCLUDE) \
	  -Wl,-z,nodelete -o $(FIXTURE_DIR)/libfixture_recorder.so Tests/Fixtures/plugins/src/fixture_recorder.c
	@$(call write_lock,$(FIXTURE_DIR))

test: deps plugins fixtures
	$(SWIFT) test

bench: plugins fixtures
	$(SWIFT) build -c release --product tradehost-bench
	.build/release/tradehost-bench

clean:
	rm -rf .build
