/*
 * TradeHost plugin ABI, version 1.
 *
 * This header IS the contract between the TradeHost host process and a plugin shared library.
 * A plugin written in any language with a C ABI (C, Swift through PluginKit, Rust, Zig, ...)
 * implements it; nothing else is shared between the two sides.
 *
 * Rules (they never change within ABI major 1):
 *  - A plugin library exports one symbol, `tradehost_plugin_entry` (the manifest may name another
 *    with `entry:`), a function returning a pointer to a static `th_plugin_descriptor`.
 *  - Every struct either side hands to the other starts with `uint32_t struct_size`, set by the
 *    side that fills the struct to `sizeof` of the struct as it was compiled. A reader only reads a
 *    field whose end lies at or below `struct_size`; a newer, longer struct is read as far as the
 *    reader knows it (extra fields are ignored); a struct shorter than a field the reader requires is
 *    refused. New fields and functions are only ever appended; a changed behaviour gets a new `_v2`
 *    function, never a changed signature.
 *  - Only plain old data crosses the boundary: fixed-width integers, doubles, pointers, C strings
 *    (UTF-8, NUL terminated) and the structs below. No C++ or Swift object, no exception, no longjmp.
 *  - Errors are integer `th_status` codes; functions that can fail take a `th_error *` into which
 *    they may write a message. The side that allocates a buffer frees it: all buffers in this ABI
 *    are allocated by the host (state export, query results, error messages).
 *  - Out-parameters: the caller sets `struct_size` of a struct it passes to be filled to the size
 *    of its own struct; the callee writes no more than that. For an array of structs (query
 *    results) the caller sets `struct_size` in every element; that size is also the stride.
 *  - Pointers received in a callback are valid for the duration of that callback only, unless the
 *    function says otherwise.
 *
 * Thread labels on every function (after CLAP):
 *  [loader-thread]  the host thread that loads plugins and creates / destroys instances. It never
 *                   runs concurrently with another call on the same instance.
 *  [kernel-thread]  the single event-loop thread of the host. The call is on the path from a market
 *                   event to an order decision: it must not block, must not sleep, must not do I/O,
 *                   and should not allocate.
 *  [any-thread]     may be called from any thread, also concurrently; must be thread-safe.
 *  [adapter-thread] a thread owned by an exchange adapter (its network thread, say).
 * A call labelled [kernel-thread] may also be made on the loader thread while the instance is not
 * attached to a running kernel (warm-up, tests); the host never makes two calls on one instance at
 * once.
 *
 * Several kernels at once (what a plugin author must guarantee): a host may run several kernels,
 * each on its own thread, at the same time (`tradehost evolve` runs one per evaluation on every
 * core), and each may hold instances of the same plugin from the same loaded library.
 *  - An instance is used by one thread at a time: the host never calls into one instance from two
 *    threads at once, but successive calls on it may come from different threads, with the host
 *    ordering them (a lock or a thread join between them), so instance state needs no locking.
 *    The exception is a function labelled [any-thread]: an exchange adapter's `cancel_order` is
 *    called by the kill switch from a control thread while the kernel thread is stuck inside
 *    another call on the same instance (a `submit_order` or `on_market_event` that does not
 *    return), so an adapter guards the state those calls share.
 *  - A library's globals are shared by all its instances, on several threads at once: anything
 *    global (static tables, caches, counters, lazily initialised data, the descriptor the entry
 *    function returns) must be immutable after the entry function returns or be thread-safe
 *    (atomics, a lock, or a once-initialisation). `create` may run on several threads at once
 *    for one library. PluginKit's own globals (the exported type, its descriptor) are.
 *  - The entry function may be called more than once, from any thread; it must return the same
 *    descriptor each time.
 */
#ifndef TRADEHOST_PLUGIN_H
#define TRADEHOST_PLUGIN_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions and the entry symbol. Spelled as literals (Swift does not import computed macros).
 * ------------------------------------------------------------------------------------------- */

/** ABI major version: a plugin loads only into a host of the same major. */
#define TH_ABI_MAJOR 1
/** ABI minor version of this header: minors only append fields and functions.
 *  1.1: `th_order_intent` gained `win_probability` and `payoff_ratio` (host sizing).
 *  1.2: `th_order_intent` gained `parent_order_id` and `oco_order_id` (linked orders: OCO,
 *       brackets); `th_exchange_vtable` gained `on_market_event` (the host feeds a venue plugin
 *       the market events of its instruments); the feature bits TH_EXCHANGE_OCO and
 *       TH_EXCHANGE_DEAD_MANS_SWITCH.
 *  1.3: `th_venue_order` gained `parent_order_id` and `oco_order_id` (a venue plugin that declares
 *       TH_EXCHANGE_OCO receives linked orders).
 *  1.4: `th_bar` gained `aggregation` and `step`: a bar the host resampled for a slot's `bars:`
 *       subscription says which series it belongs to.
 *  1.5: `th_host_api` gained `amend_order` (a strategy changes a working order's quantity and
 *       prices); the order event type TH_EVENT_AMEND_REJECTED. */
#define TH_ABI_MINOR 5
/** Name of the exported entry function unless the manifest names another (`entry:`). */
#define TH_ENTRY_SYMBOL "tradehost_plugin_entry"
/** Capacity of the message buffer in `th_error`, including the terminating NUL. */
#define TH_ERROR_MESSAGE_CAPACITY 256

/* ---------------------------------------------------------------------------------------------
 * Status codes. 0 is success; every other value is an error. Plugins may return any of these.
 * ------------------------------------------------------------------------------------------- */
typedef int32_t th_status;
enum {
  TH_OK = 0,                    /* success */
  TH_ERR_INVALID_ARGUMENT = 1,  /* an argument is malformed or out of range */
  TH_ERR_INVALID_STATE = 2,     /* the call is not allowed in the instance's current state */
  TH_ERR_UNSUPPORTED = 3,       /* the plugin or host does not implement this */
  TH_ERR_BUFFER_TOO_SMALL = 4,  /* the host buffer is too small; the needed size was written */
  TH_ERR_STATE_VERSION = 5,     /* an imported state has a version this plugin cannot read */
  TH_ERR_NOT_FOUND = 6,         /* a named thing (instrument, plugin, order) does not exist */
  TH_ERR_IO = 7,                /* an I/O or network failure (exchange adapters) */
  TH_ERR_REJECTED = 8,          /* the request was understood and refused (by a venue, a limit) */
  TH_ERR_DUPLICATE = 9,         /* an idempotency key was seen before (the first result stands) */
  TH_ERR_INTERNAL = 10          /* a bug in the callee; the message says more */
};

/** Log levels for `th_host_api.log`. */
enum {
  TH_LOG_TRACE = 0,
  TH_LOG_DEBUG = 1,
  TH_LOG_INFO = 2,
  TH_LOG_WARNING = 3,
  TH_LOG_ERROR = 4
};

/** The four kinds of plugin. A library is one plugin of one kind. */
typedef uint32_t th_plugin_kind;
enum {
  TH_KIND_STRATEGY = 1,
  TH_KIND_INDICATOR = 2,
  TH_KIND_MODEL = 3,
  TH_KIND_EXCHANGE = 4
};

/** The language a plugin was built with. Swift-built plugins must match the host's toolchain. */
typedef uint32_t th_language;
enum {
  TH_LANGUAGE_C = 1,      /* C or any language whose output has no runtime ABI coupling */
  TH_LANGUAGE_SWIFT = 2,  /* Swift: `toolchain` must equal the host's */
  TH_LANGUAGE_OTHER = 3   /* another language with a C ABI (Rust, Zig, ...) */
};

/* ---------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------- */

/**
 * A host-allocated error record. A callee that returns an error status may write a NUL-terminated
 * UTF-8 message (truncated to fit) into `message`; it must not write past
 * `TH_ERROR_MESSAGE_CAPACITY` bytes. The host clears `message[0]` before each call that can fail.
 */
typedef struct th_error {
  uint32_t struct_size;
  int32_t code; /* the callee may repeat its status here; the return value is authoritative */
  char message[TH_ERROR_MESSAGE_CAPACITY];
} th_error;

/* ---------------------------------------------------------------------------------------------
 * Parameters: resolved by the host from the manifest's defaults and the user's overrides, checked
 * for type and bounds before `create` is called. Every declared parameter is passed, in the order
 * the manifest declares them.
 * ------------------------------------------------------------------------------------------- */
typedef uint32_t th_param_type;
enum {
  TH_PARAM_INT = 1,   /* int_value */
  TH_PARAM_FLOAT = 2, /* float_value */
  TH_PARAM_BOOL = 3,  /* int_value: 0 or 1 */
  TH_PARAM_ENUM = 4   /* enum_value: one of the manifest's choices; int_value: its index */
};

typedef struct th_param {
  uint32_t struct_size;
  th_param_type type;
  const char *name;       /* the manifest's parameter name */
  int64_t int_value;      /* INT, BOOL, and the choice index of ENUM */
  double float_value;     /* FLOAT (also set to the numeric value for INT) */
  const char *enum_value; /* ENUM: the chosen string; NULL otherwise */
} th_param;

/** A string key/value pair (exchange adapter connection settings). */
typedef struct th_kv {
  uint32_t struct_size;
  uint32_t reserved;
  const char *key;
  const char *value;
} th_kv;

/* ---------------------------------------------------------------------------------------------
 * Market data. Timestamps are int64 nanoseconds since the Unix epoch, UTC. Prices and sizes cross
 * the ABI as doubles; the host keeps exact fixed-point values in its ledger and checks every double
 * a plugin hands back (NaN, infinities, off-tick prices, off-lot sizes are refused).
 * `instrument_id` is the host's numeric id of an instrument (see `th_host_api.instrument_lookup`).
 * ------------------------------------------------------------------------------------------- */

/** Which series a bar belongs to (`th_bar.aggregation`, ABI 1.4). */
typedef uint32_t th_bar_aggregation;
enum {
  TH_BAR_FEED = 0,   /* a bar of the data feed, as read (also every bar from a host before 1.4) */
  TH_BAR_TIME = 1,   /* resampled by the host: `step` seconds, aligned to the Unix epoch (UTC) */
  TH_BAR_TICK = 2,   /* resampled by the host: every `step` market events */
  TH_BAR_VOLUME = 3, /* resampled by the host: closes once its volume reaches `step` */
  TH_BAR_DOLLAR = 4  /* resampled by the host: closes once its price x volume reaches `step` */
};

/** An OHLCV bar. `ts_event` is the bar's close time. */
typedef struct th_bar {
  uint32_t struct_size;
  uint32_t instrument_id;
  int64_t ts_event;
  double open;
  double high;
  double low;
  double close;
  double volume;
  /* ABI 1.4. A bar the host resampled for one of the slot's `bars:` subscriptions has its series
   * here (a strategy subscribed to several timeframes tells them apart by these); a bar of the
   * feed has TH_BAR_FEED and 0. Read them only when `struct_size` covers them (PluginKit does). */
  th_bar_aggregation aggregation;
  uint32_t reserved; /* 0 */
  double step;
} th_bar;
/** The size of an ABI 1.0 `th_bar` (before `aggregation` and `step`). */
#define TH_BAR_SIZE_1_0 56

/** A top-of-book quote. */
typedef struct th_quote {
  uint32_t struct_size;
  uint32_t instrument_id;
  int64_t ts_event;
  double bid;
  double ask;
  double bid_size;
  double ask_size;
} th_quote;

/** Which side of the book a trade or an order is on. */
typedef uint32_t th_side;
enum {
  TH_SIDE_NONE = 0, /* unknown aggressor (trades only) */
  TH_SIDE_BUY = 1,
  TH_SIDE_SELL = 2
};

/** A trade print. */
typedef struct th_trade {
  uint32_t struct_size;
  uint32_t instrument_id;
  int64_t ts_event;
  double price;
  double size;
  th_side aggressor;
  uint32_t reserved;
} th_trade;

/** What the host knows about an instrument (filled by the host, read by plugins). */
typedef struct th_instrument_info {
  uint32_t struct_size;
  uint32_t instrument_id;
  char symbol[32];   /* e.g. "SPY", "BTC-PERP" */
  char venue[16];    /* e.g. "ARCA", "SIM" */
  char currency[8];  /* quote currency, e.g. "USD" */
  uint32_t price_precision; /* decimal places of a price */
  uint32_t size_precision;  /* decimal places of a quantity */
  double tick_size;
  double lot_size;
  double min_quantity;
  double min_notional;
  double multiplier;
} th_instrument_info;

/* ---------------------------------------------------------------------------------------------
 * Orders
 * ------------------------------------------------------------------------------------------- */
typedef uint32_t th_order_type;
enum {
  TH_ORDER_MARKET = 1,
  TH_ORDER_LIMIT = 2,
  TH_ORDER_STOP = 3,      /* stop-market: triggers at stop_price */
  TH_ORDER_STOP_LIMIT = 4 /* triggers at stop_price, then rests at limit_price */
};

typedef uint32_t th_time_in_force;
enum {
  TH_TIF_GTC = 1, /* good till cancelled */
  TH_TIF_IOC = 2, /* immediate or cancel */
  TH_TIF_FOK = 3, /* fill or kill */
  TH_TIF_DAY = 4  /* cancelled at the end of the instrument's trading day */
};

/** Bit flags of an order. */
enum {
  TH_ORDER_FLAG_REDUCE_ONLY = 1u << 0, /* may only reduce an open position */
  TH_ORDER_FLAG_POST_ONLY = 1u << 1    /* must add liquidity (limit orders) */
};

/**
 * What a strategy asks for. The host assigns the client order id, passes the intent through the
 * risk gate (which may shrink or refuse it, never enlarge it) and reports the outcome as order
 * events. `limit_price` is read for LIMIT and STOP_LIMIT, `stop_price` for STOP and STOP_LIMIT.
 */
typedef struct th_order_intent {
  uint32_t struct_size;
  uint32_t instrument_id;
  th_side side;
  th_order_type type;
  th_time_in_force time_in_force;
  uint32_t flags;
  double quantity; /* > 0, in the instrument's units */
  double limit_price;
  double stop_price;
  uint64_t client_tag; /* the strategy's own tag, echoed on every event of the order */
  /* ABI 1.1. The strategy's (or its model's) estimate for the host's Kelly sizing; 0 when it has
   * none (the slot's configured estimate applies). A 1.0 plugin's shorter intent reads as 0. */
  double win_probability; /* the chance this trade wins, in (0, 1) */
  double payoff_ratio;    /* average win / average loss, > 0 */
  /* ABI 1.2. Links to earlier orders of the same slot, by the client order ids the host gave
   * them; 0 when none (a shorter intent reads as 0). The venue must declare TH_EXCHANGE_OCO, and a
   * venue plugin must be built against ABI 1.3 or later (its `th_venue_order` carries the links);
   * the host denies a linked order otherwise, code 49. A link to an order the slot does not have
   * open is rejected by the venue. */
  uint64_t parent_order_id; /* one triggers other: this order is accepted but does not work until
                             * that order has filled completely; it is cancelled when that order
                             * closes unfilled, and works for the filled part when it closes
                             * partly filled. The take-profit and stop-loss legs of a bracket. */
  uint64_t oco_order_id;    /* one cancels other: the first fill of either order cancels what is
                             * left of the other (the two exits of a bracket). */
} th_order_intent;

/** The size of an ABI 1.0 `th_order_intent`: the host accepts any intent at least this long
 *  and reads only the fields its `struct_size` covers. */
#define TH_ORDER_INTENT_SIZE_1_0 56
/** The size of an ABI 1.1 `th_order_intent` (with the sizing estimates, before the links). */
#define TH_ORDER_INTENT_SIZE_1_1 72

typedef uint32_t th_order_event_type;
enum {
  TH_EVENT_ACCEPTED = 1,  /* the venue accepted the order */
  TH_EVENT_REJECTED = 2,  /* the venue refused it; `reason` says why */
  TH_EVENT_DENIED = 3,    /* the host's risk gate refused it; `reason_code` and `reason` say why */
  TH_EVENT_FILLED = 4,    /* a (partial) fill: `fill_quantity` at `fill_price`; `leaves_quantity` */
  TH_EVENT_CANCELLED = 5, /* cancelled (by request, IOC/FOK remainder, end of day) */
  TH_EVENT_AMENDED = 6,   /* quantity or price changed at the venue; `leaves_quantity` is the
                           * new unfilled size */
  TH_EVENT_EXPIRED = 7,   /* time in force ran out */
  /* ABI 1.5 */
  TH_EVENT_AMEND_REJECTED = 8 /* an amend was refused (by the host's risk gate: `reason_code` as for
                               * DENIED; or by the venue: `reason`); the order works unchanged */
};

/** An event in an order's life, delivered to the strategy that submitted it. */
typedef struct th_order_event {
  uint32_t struct_size;
  th_order_event_type type;
  uint64_t client_order_id; /* assigned by the host on submit; unique per host run */
  uint64_t client_tag;      /* the strategy's tag from the intent */
  uint32_t instrument_id;
  th_side side;
  int64_t ts_event;
  double fill_quantity;  /* FILLED: this fill's size */
  double fill_price;     /* FILLED: this fill's price */
  double fee;            /* FILLED: fee in the instrument's currency (negative = rebate) */
  double leaves_quantity; /* quantity still open after this event */
  int32_t reason_code;   /* REJECTED / DENIED: a stable code (0 when none) */
  uint32_t reserved;
  const char *reason;    /* REJECTED / DENIED / CANCELLED: text, or NULL */
  const char *venue_order_id; /* the venue's id, or NULL */
} th_order_event;

/** A position as the host's ledger holds it for the calling instance (strategies). */
typedef struct th_position {
  uint32_t struct_size;
  uint32_t instrument_id;
  double quantity;      /* signed: > 0 long, < 0 short, 0 flat */
  double average_price; /* of the open quantity; 0 when flat */
  double realized_pnl;
  double unrealized_pnl;
} th_position;

/* ---------------------------------------------------------------------------------------------
 * Handles to indicator and model instances that the host created for a plugin
 * (`th_host_api.indicator_create` / `model_create`). The caller calls the vtable directly: there is
 * no host hop on the hot path. The host owns the instance and destroys it with the plugin instance
 * that asked for it, or earlier through `*_release`.
 * ------------------------------------------------------------------------------------------- */
struct th_indicator_vtable;
struct th_model_vtable;

typedef struct th_indicator_handle {
  uint32_t struct_size;
  uint32_t handle_id; /* the host's id, for `indicator_release` */
  const struct th_indicator_vtable *vtable;
  void *instance;
} th_indicator_handle;

typedef struct th_model_handle {
  uint32_t struct_size;
  uint32_t handle_id; /* the host's id, for `model_release` */
  const struct th_model_vtable *vtable;
  void *instance;
} th_model_handle;

/* ---------------------------------------------------------------------------------------------
 * Exchange adapter events (adapter -> host)
 * ------------------------------------------------------------------------------------------- */
typedef uint32_t th_venue_event_type;
enum {
  TH_VENUE_BAR = 1,          /* `bar` is set */
  TH_VENUE_QUOTE = 2,        /* `quote` is set */
  TH_VENUE_TRADE = 3,        /* `trade` is set */
  TH_VENUE_ORDER = 4,        /* `order` is set (accepted, rejected, filled, cancelled, ...) */
  TH_VENUE_CONNECTED = 5,    /* the session is up */
  TH_VENUE_DISCONNECTED = 6  /* the session is down; `message` says why */
};

typedef struct th_venue_event {
  uint32_t struct_size;
  th_venue_event_type type;
  int64_t ts_event;
  const th_bar *bar;
  const th_quote *quote;
  const th_trade *trade;
  const th_order_event *order;
  const char *message;
} th_venue_event;

/** An order as the host sends it to a venue. `client_order_id` is the idempotency key. */
typedef struct th_venue_order {
  uint32_t struct_size;
  uint32_t instrument_id;
  uint64_t client_order_id;
  th_side side;
  th_order_type type;
  th_time_in_force time_in_force;
  uint32_t flags;
  double quantity;
  double limit_price;
  double stop_price;
  double filled_quantity; /* query results: how much has filled */
  const char *symbol;     /* the venue's symbol for instrument_id */
  /* ABI 1.3. The order's links, as in `th_order_intent` (client order ids of earlier orders of
   * the same slot at this venue; 0 when none). The host sends a linked order only to a venue that
   * declares TH_EXCHANGE_OCO and was built against ABI 1.3 or later (others have it denied, code
   * 49). Read them only when `struct_size` reaches them: an older host sends a shorter order. In
   * query results (`query_open_orders`) the host's `struct_size` of each element is the stride. */
  uint64_t parent_order_id; /* works only once this order has filled (its fill, partial when it
                             * closed partly filled); cancelled when it closes unfilled */
  uint64_t oco_order_id;    /* the first fill, cancel or expiry of either cancels the other */
} th_venue_order;

/** The size of an ABI 1.0-1.2 `th_venue_order` (before the links). */
#define TH_VENUE_ORDER_SIZE_1_2 72

/** A cash balance at a venue (query results). */
typedef struct th_balance {
  uint32_t struct_size;
  uint32_t reserved;
  char currency[8];
  double total;
  double available;
} th_balance;

/** A position at a venue (query results). */
typedef struct th_venue_position {
  uint32_t struct_size;
  uint32_t instrument_id;
  double quantity; /* signed */
  double average_price;
} th_venue_position;

/** Order-type capability bits (`th_exchange_capabilities.order_types`): 1 << th_order_type. */
/** Data subscription bits for `subscribe`. */
enum {
  TH_DATA_BARS = 1u << 0,
  TH_DATA_QUOTES = 1u << 1,
  TH_DATA_TRADES = 1u << 2
};

/** Feature bits (`th_exchange_capabilities.features`). */
enum {
  TH_EXCHANGE_REDUCE_ONLY = 1u << 0, /* honours TH_ORDER_FLAG_REDUCE_ONLY */
  TH_EXCHANGE_POST_ONLY = 1u << 1,   /* honours TH_ORDER_FLAG_POST_ONLY */
  TH_EXCHANGE_AMEND = 1u << 2,       /* implements amend_order */
  TH_EXCHANGE_POSITIONS = 1u << 3,   /* query_positions is meaningful (derivatives venues) */
  /* ABI 1.2 */
  TH_EXCHANGE_OCO = 1u << 4,             /* links orders one-cancels-other */
  TH_EXCHANGE_DEAD_MANS_SWITCH = 1u << 5 /* cancels every open order itself when the host goes
                                          * silent (a dead man's switch) */
};

/** What an exchange adapter declares it can do. The host never sends what is not declared. */
typedef struct th_exchange_capabilities {
  uint32_t struct_size;
  uint32_t order_types;    /* bit (1 << TH_ORDER_*) per supported order type */
  uint32_t time_in_force;  /* bit (1 << TH_TIF_*) per supported time in force */
  uint32_t features;       /* TH_EXCHANGE_* bits */
  uint32_t data_types;     /* TH_DATA_* bits the venue can stream */
  uint32_t max_orders_per_second;    /* 0 = no limit declared */
  uint32_t max_requests_per_minute;  /* 0 = no limit declared */
  uint32_t reserved;
} th_exchange_capabilities;

/* ---------------------------------------------------------------------------------------------
 * The host table: handed to every instance at `create`, valid until its `destroy` returns.
 * `host_ctx` is an opaque per-instance pointer the plugin passes back with every call.
 * ------------------------------------------------------------------------------------------- */
typedef struct th_host_api {
  uint32_t struct_size;
  uint16_t abi_major; /* TH_ABI_MAJOR of the host */
  uint16_t abi_minor; /* TH_ABI_MINOR of the host: functions of later minors are absent */

  /** [any-thread] Write a log line. Never blocks (the host queues or drops under pressure). */
  void (*log)(void *host_ctx, int32_t level, const char *message);

  /** [any-thread] Current time of the host's clock (historical in backtests), ns since epoch. */
  int64_t (*now_ns)(void *host_ctx);

  /** [any-thread] Look an instrument up by symbol ("SPY") or "SYMBOL.VENUE". TH_ERR_NOT_FOUND if
   * unknown. Does not block. */
  th_status (*instrument_lookup)(void *host_ctx, const char *symbol, th_instrument_info *out);

  /** [loader-thread] (in `create` or `import_state`) Create an instance of the indicator plugin
   * whose manifest id is `manifest_id`, with parameters given as strings (checked against that
   * manifest: unknown names, wrong types and out-of-bounds values fail with a message in `err`).
   * On success `*out` is filled; the caller then calls `out->vtable` directly. */
  th_status (*indicator_create)(void *host_ctx, const char *manifest_id, const th_kv *params,
                                uint32_t param_count, th_indicator_handle *out, th_error *err);
  /** [loader-thread] Destroy an indicator made by `indicator_create` before the owner dies. */
  void (*indicator_release)(void *host_ctx, uint32_t handle_id);

  /** [loader-thread] As `indicator_create`, for a model plugin. */
  th_status (*model_create)(void *host_ctx, const char *manifest_id, const th_kv *params,
                            uint32_t param_count, th_model_handle *out, th_error *err);
  /** [loader-thread] Destroy a model made by `model_create` before the owner dies. */
  void (*model_release)(void *host_ctx, uint32_t handle_id);

  /** [kernel-thread] (strategies, inside a market or order callback) Submit an order intent.
   * TH_OK means the intent was taken; its fate arrives as order events, which may be delivered
   * before this function returns (a synchronous risk denial, a simulated fill) or later.
   * `*out_client_order_id` receives the host's id of the order. Never blocks. */
  th_status (*submit_intent)(void *host_ctx, const th_order_intent *intent,
                             uint64_t *out_client_order_id);

  /** [kernel-thread] (strategies) Ask to cancel an open order. Outcome arrives as an order event. */
  th_status (*cancel_order)(void *host_ctx, uint64_t client_order_id);

  /** [kernel-thread] (strategies) Read the calling instance's position in an instrument. */
  th_status (*position)(void *host_ctx, uint32_t instrument_id, th_position *out);

  /** [any-thread] (exchange adapters) Deliver an event to the host. Copies everything it needs
   * before returning; never blocks the adapter for long (it enqueues). Returns TH_ERR_INVALID_STATE
   * after the adapter was disconnected by the host. */
  th_status (*venue_emit)(void *host_ctx, const th_venue_event *event);

  /* ABI 1.5 (present when `struct_size` reaches it and `abi_minor` >= 5) */

  /** [kernel-thread] (strategies) Ask to change a working order of the calling instance: its new
   * total `quantity` (including what has filled) and its prices; NaN leaves a value unchanged.
   * The order keeps its type, side, time in force and links. The request passes the risk gate
   * as a new order for its unfilled part would (it may shrink the quantity, never enlarge it),
   * then goes to the venue. TH_ERR_NOT_FOUND when the instance has no such open order; otherwise
   * TH_OK, and the outcome arrives as TH_EVENT_AMENDED or TH_EVENT_AMEND_REJECTED (with the
   * host's `reason_code`, or the venue's `reason`). At a venue, a new price or a larger quantity
   * usually loses the order's place in the queue (docs/venues.md). Never blocks. */
  th_status (*amend_order)(void *host_ctx, uint64_t client_order_id, double quantity,
                           double limit_price, double stop_price);
} th_host_api;

/* ---------------------------------------------------------------------------------------------
 * Vtables: one per kind. Function pointers marked (optional) may be NULL; every other one is
 * required and the loader refuses a vtable that lacks it or whose struct_size does not reach it.
 * Every `create` receives the host table, the instance's host_ctx and the resolved parameters, and
 * stores its new instance in `*out_instance`. `destroy` is the last call on an instance.
 *
 * State export: `export_state(instance, buf, capacity, &len, err)` writes the instance's state into
 * the host's buffer. When `buf` is NULL or `capacity` is too small it writes the needed size to
 * `*len` and returns TH_ERR_BUFFER_TOO_SMALL; the host grows its buffer and calls again. The state
 * format is the plugin's own; `state_version` in the vtable names it. `import_state` receives a
 * state and its version; a plugin that cannot read that version returns TH_ERR_STATE_VERSION.
 * ------------------------------------------------------------------------------------------- */

/** A strategy: turns market events and its own order events into order intents. */
typedef struct th_strategy_vtable {
  uint32_t struct_size;
  uint32_t state_version; /* format of export_state; 0 = the strategy keeps no state */

  /** [loader-thread] Create an instance. May allocate, may create indicators and models. */
  th_status (*create)(const th_host_api *host, void *host_ctx, const th_param *params,
                      uint32_t param_count, void **out_instance, th_error *err);
  /** [loader-thread] Free the instance. No call on it follows. */
  void (*destroy)(void *instance);
  /** [kernel-thread] A bar closed. May call `submit_intent`. Must not block. */
  th_status (*on_bar)(void *instance, const th_bar *bar, th_error *err);
  /** [kernel-thread] (optional) A quote changed. */
  th_status (*on_quote)(void *instance, const th_quote *quote, th_error *err);
  /** [kernel-thread] (optional) A trade printed. */
  th_status (*on_trade)(void *instance, const th_trade *trade, th_error *err);
  /** [kernel-thread] (optional) An order of this instance changed state (accepted, rejected,
   * denied with a reason, filled, cancelled, ...). May call `submit_intent`. */
  th_status (*on_order_event)(void *instance, const th_order_event *event, th_error *err);
  /** [kernel-thread] (required when state_version > 0) Write the state (see above). Called
   * between two events. */
  th_status (*export_state)(void *instance, uint8_t *buf, uint64_t capacity, uint64_t *len,
                            th_error *err);
  /** [kernel-thread] (required when state_version > 0) Replace the state with an exported one.
   * Called between two events. */
  th_status (*import_state)(void *instance, uint32_t state_version, const uint8_t *data,
                            uint64_t len, th_error *err);
} th_strategy_vtable;

/** Indicator input kinds (`th_indicator_vtable.input`). */
enum {
  TH_INDICATOR_INPUT_BAR = 1,  /* fed with update_bar */
  TH_INDICATOR_INPUT_VALUE = 2 /* fed with update_value (update_bar feeds the close) */
};

/** An indicator: a function of a bar or value series with one or more outputs. */
typedef struct th_indicator_vtable {
  uint32_t struct_size;
  uint32_t state_version;
  uint32_t input;        /* TH_INDICATOR_INPUT_* */
  uint32_t output_count; /* number of outputs, >= 1 */
  const char *const *output_names; /* output_count names ("value", "upper", ...) */

  /** [loader-thread] */
  th_status (*create)(const th_host_api *host, void *host_ctx, const th_param *params,
                      uint32_t param_count, void **out_instance, th_error *err);
  /** [loader-thread] */
  void (*destroy)(void *instance);
  /** [kernel-thread] Feed a bar. Must not block or allocate. */
  void (*update_bar)(void *instance, const th_bar *bar);
  /** [kernel-thread] Feed a value (close, a spread, another indicator's output). */
  void (*update_value)(void *instance, int64_t ts_event, double value);
  /** [kernel-thread] Read output `index` (< output_count). NaN while not ready. */
  double (*value)(const void *instance, uint32_t index);
  /** [kernel-thread] 1 when the outputs are valid (warm-up is over), else 0. */
  uint32_t (*is_ready)(const void *instance);
  /** [kernel-thread] Number of inputs needed before the indicator is ready (its warm-up). */
  uint32_t (*warmup_count)(const void *instance);
  /** [kernel-thread] Forget every input, as if just created. */
  void (*reset)(void *instance);
  /** [kernel-thread] (optional) */
  th_status (*export_state)(void *instance, uint8_t *buf, uint64_t capacity, uint64_t *len,
                            th_error *err);
  /** [kernel-thread] (optional) */
  th_status (*import_state)(void *instance, uint32_t state_version, const uint8_t *data,
                            uint64_t len, th_error *err);
} th_indicator_vtable;

/** What a model's prediction means (`th_model_vtable.output`). */
enum {
  TH_MODEL_OUTPUT_SCORE = 1,      /* an unbounded score (regression, ranking) */
  TH_MODEL_OUTPUT_PROBABILITY = 2 /* a probability in [0, 1] of the positive class */
};

/** A model: predicts from a feature vector and may learn online; its weights are its state. */
typedef struct th_model_vtable {
  uint32_t struct_size;
  uint32_t state_version;
  uint32_t output; /* TH_MODEL_OUTPUT_* */
  uint32_t reserved;

  /** [loader-thread] */
  th_status (*create)(const th_host_api *host, void *host_ctx, const th_param *params,
                      uint32_t param_count, void **out_instance, th_error *err);
  /** [loader-thread] */
  void (*destroy)(void *instance);
  /** [kernel-thread] Number of features the instance expects. */
  uint32_t (*feature_count)(const void *instance);
  /** [kernel-thread] Predict from `count` features into `*out`. Must not block or allocate. */
  th_status (*predict)(void *instance, const double *features, uint32_t count, double *out,
                       th_error *err);
  /** [kernel-thread] (optional) Learn online from one labelled example (label 0 or 1 for
   * probability models), with a sample weight. */
  th_status (*learn)(void *instance, const double *features, uint32_t count, double label,
                     double weight, th_error *err);
  /** [kernel-thread] Export the weights (see state export above). */
  th_status (*export_state)(void *instance, uint8_t *buf, uint64_t capacity, uint64_t *len,
                            th_error *err);
  /** [kernel-thread] Import weights. */
  th_status (*import_state)(void *instance, uint32_t state_version, const uint8_t *data,
                            uint64_t len, th_error *err);
} th_model_vtable;

/**
 * An exchange adapter: a venue connection. Only venue-specific code lives here; the host's risk
 * gate and order manager sit in front of it. Adapters deliver everything they learn (market data,
 * order events, disconnects) through `th_host_api.venue_emit`, from any thread.
 */
typedef struct th_exchange_vtable {
  uint32_t struct_size;
  uint32_t state_version;
  const th_exchange_capabilities *capabilities; /* static; read once at load */

  /** [loader-thread] */
  th_status (*create)(const th_host_api *host, void *host_ctx, const th_param *params,
                      uint32_t param_count, void **out_instance, th_error *err);
  /** [loader-thread] Called after `disconnect`. */
  void (*destroy)(void *instance);
  /** [loader-thread] Open the session with string settings (endpoint, keys, ...). May block. */
  th_status (*connect)(void *instance, const th_kv *config, uint32_t count, th_error *err);
  /** [loader-thread] Close the session. May block. No event may be emitted after it returns. */
  void (*disconnect)(void *instance);
  /** [any-thread] Start streaming `data_types` (TH_DATA_*) for `symbol`, tagged `instrument_id`. */
  th_status (*subscribe)(void *instance, const char *symbol, uint32_t instrument_id,
                         uint32_t data_types, th_error *err);
  /** [any-thread] (optional) Stop streaming an instrument. */
  th_status (*unsubscribe)(void *instance, uint32_t instrument_id, th_error *err);
  /** [any-thread] Send an order. Idempotent by `client_order_id`: a second submit with an id the
   * adapter has seen returns TH_ERR_DUPLICATE and sends nothing. The outcome arrives as events. */
  th_status (*submit_order)(void *instance, const th_venue_order *order, th_error *err);
  /** [any-thread] Ask to cancel. TH_ERR_NOT_FOUND for an unknown or closed order. */
  th_status (*cancel_order)(void *instance, uint64_t client_order_id, th_error *err);
  /** [any-thread] (optional, TH_EXCHANGE_AMEND) Change quantity and/or price (NaN = unchanged). */
  th_status (*amend_order)(void *instance, uint64_t client_order_id, double quantity,
                           double limit_price, double stop_price, th_error *err);
  /** [loader-thread] Fill `out[0..capacity)`; `*count` = how many exist. Too small:
   * TH_ERR_BUFFER_TOO_SMALL with `*count` set. May block (a REST call). */
  th_status (*query_balances)(void *instance, th_balance *out, uint32_t capacity,
                              uint32_t *count, th_error *err);
  /** [loader-thread] As query_balances, for positions. */
  th_status (*query_positions)(void *instance, th_venue_position *out, uint32_t capacity,
                               uint32_t *count, th_error *err);
  /** [loader-thread] As query_balances, for open orders. */
  th_status (*query_open_orders)(void *instance, th_venue_order *out, uint32_t capacity,
                                 uint32_t *count, th_error *err);
  /** [kernel-thread] (optional) Advance to `now_ns` and emit what is due. Adapters that are
   * driven by the host's clock (simulated venues, replays) implement it; network adapters that
   * emit from their own threads leave it NULL. */
  th_status (*poll)(void *instance, int64_t now_ns, th_error *err);
  /** [kernel-thread] (optional, ABI 1.2) A market event (`type` TH_VENUE_BAR, TH_VENUE_QUOTE or
   * TH_VENUE_TRADE, its pointer set) of an instrument this venue trades, from the host's own data
   * (a backtest's files, the paper market), before any strategy sees it. A paper or simulated
   * venue matches its open orders against it and emits the order events through `venue_emit`
   * (from inside this call or later); a live adapter leaves it NULL. The pointers live for the
   * call only. Must not block. An error return is a venue fault (the venue-health breaker). */
  th_status (*on_market_event)(void *instance, const th_venue_event *event, th_error *err);
} th_exchange_vtable;

/* ---------------------------------------------------------------------------------------------
 * The descriptor returned by the entry function.
 * ------------------------------------------------------------------------------------------- */
typedef struct th_plugin_descriptor {
  uint32_t struct_size;
  uint16_t abi_major;          /* TH_ABI_MAJOR the plugin was built against: must equal the host's */
  uint16_t abi_minor;          /* TH_ABI_MINOR the plugin was built against (may exceed the host's) */
  uint16_t min_host_abi_minor; /* the oldest host minor whose functions the plugin needs */
  uint16_t reserved;
  th_plugin_kind kind;
  th_language language;
  const char *plugin_id;      /* the plugin's own id (the manifest may alias it) */
  const char *plugin_version; /* semver */
  const char *toolchain;      /* Swift: "swift-6.3.1"; NULL for C */
  const void *vtable;         /* th_strategy_vtable, th_indicator_vtable, ... by kind */
} th_plugin_descriptor;

/**
 * [loader-thread] The entry function: returns a pointer to a descriptor that stays valid while the
 * library is loaded (the host never unloads a plugin library). Called once per load, before
 * anything else; must not call back into the host. Must not fail: a plugin that cannot work
 * returns NULL.
 */
typedef const th_plugin_descriptor *(*th_plugin_entry_fn)(void);

/* ---------------------------------------------------------------------------------------------
 * Sizes of the ABI 1.0 structs. A 1.0 descriptor or vtable must be at least this long (optional
 * functions may be NULL but their slots must exist); later minors only make them longer.
 * ------------------------------------------------------------------------------------------- */
#define TH_DESCRIPTOR_SIZE_1_0 56
#define TH_STRATEGY_VTABLE_SIZE_1_0 72
#define TH_INDICATOR_VTABLE_SIZE_1_0 104
#define TH_MODEL_VTABLE_SIZE_1_0 72
#define TH_EXCHANGE_VTABLE_SIZE_1_0 120
/** The size of an ABI 1.2 `th_exchange_vtable` (with `on_market_event`). */
#define TH_EXCHANGE_VTABLE_SIZE_1_2 128
#define TH_HOST_API_SIZE_1_0 96
/** The size of an ABI 1.5 `th_host_api` (with `amend_order`). */
#define TH_HOST_API_SIZE_1_5 104

#ifdef __cplusplus
}
#endif

#endif /* TRADEHOST_PLUGIN_H */
