/* sha256.h: SHA-256 (FIPS 180-4) of a file, to record what a run read. */
#ifndef DEXSIM_SHA256_H
#define DEXSIM_SHA256_H

#include <stddef.h>

/* The digest of len bytes as 64 hex digits and a NUL in hex[65]. */
void sha256_hex(const void *data, size_t len, char hex[65]);
/* The same of a regular file's contents; -1 when it cannot be read (or is
 * not a regular file: a pipe was read once, by the run). */
int sha256_file(const char *path, char hex[65]);

#endif
