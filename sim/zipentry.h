/* zipentry.h: one entry of a zip archive (a .npz, a PyTorch checkpoint), read
 * whole and checked.
 *
 * The size an entry claims is checked before anything is allocated: at most
 * `max`, its compressed size within the archive, and no more than deflate's
 * largest ratio over that; and its CRC is checked, which libzip does only
 * when a read reaches the end of the entry.
 */
#ifndef DEXSIM_ZIPENTRY_H
#define DEXSIM_ZIPENTRY_H

#include <stddef.h>
#include <stdint.h>
#include <zip.h>

/* The entry's bytes (free them), or NULL with *why saying what is wrong;
 * archive_bytes: the size of the archive file. */
unsigned char *zipentry_read(zip_t *z, zip_uint64_t index, uint64_t archive_bytes, uint64_t max,
			     size_t *len, const char **why);

#endif
