/* readfile.h: an input file read whole into memory, once.
 *
 * Pictures and ready inputs are read whole and decoded from memory: a pipe
 * or standard input can be read only once, and has no size to trust.  The
 * size is bounded, so an endless stream ends in a clear error rather than in
 * the kernel's out-of-memory killer.
 */
#ifndef DEXSIM_READFILE_H
#define DEXSIM_READFILE_H

#include <stddef.h>

#include "diag.h"

/* Reads path ("-": standard input) to its end, at most limit bytes; option
 * ("--image") names it in messages.  Returns the bytes (free them) and their
 * number in *len, or NULL with d set. */
unsigned char *readfile_whole(const char *option, const char *path, size_t limit, size_t *len,
			      struct diag *d);

#endif
