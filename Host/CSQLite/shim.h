#ifndef TRADEHOST_CSQLITE_SHIM_H
#define TRADEHOST_CSQLITE_SHIM_H
/* The system libsqlite3 (Debian's libsqlite3-dev): the embedded journal store. */
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies the bound bytes. */
static inline sqlite3_destructor_type tradehost_sqlite_transient(void) {
  return SQLITE_TRANSIENT;
}
#endif
