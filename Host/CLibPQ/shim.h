#ifndef TRADEHOST_CLIBPQ_SHIM_H
#define TRADEHOST_CLIBPQ_SHIM_H
/* PostgreSQL's client library (Debian's libpq-dev; headers in /usr/include/postgresql). */
#include <libpq-fe.h>
#endif
