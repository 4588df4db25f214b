#ifndef TRADEHOST_COPENSSL_SHIM_H
#define TRADEHOST_COPENSSL_SHIM_H
/* OpenSSL's libcrypto, as the host uses it: SHA-256 digests of plugin libraries. */
#include <openssl/evp.h>
#include <openssl/sha.h>
#endif
