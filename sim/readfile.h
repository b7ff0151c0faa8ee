/* readfile.h: an input file read whole into memory, once.
 *
 * Pictures, ready inputs and YAML descriptions are read whole and decoded
 * from memory: a pipe or standard input can be read only once, and has no
 * size to trust.  The size is bounded, so an endless stream ends in a clear
 * error rather than in the kernel's out-of-memory killer.
 */
#ifndef DEXSIM_READFILE_H
#define DEXSIM_READFILE_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* Reads fp to its end, at most limit bytes; name ("x.yaml") begins the
 * messages.  Returns the bytes (free them) and their number in *len, or NULL
 * with d set.  The caller closes fp. */
unsigned char *readfile_stream(FILE *fp, const char *name, size_t limit, size_t *len,
			       struct diag *d);

/* Opens path ("-": standard input) and reads it as readfile_stream does;
 * option and path ("--image x.png") begin the messages. */
unsigned char *readfile_whole(const char *option, const char *path, size_t limit, size_t *len,
			      struct diag *d);

#endif
