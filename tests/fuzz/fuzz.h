/* fuzz.h: what the fuzz targets share (libFuzzer; see tests/fuzz/README.md). */
#ifndef DEXSIM_FUZZ_H
#define DEXSIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The input as a file, for readers that take a path: one per process,
 * rewritten for each input.  Returns its path. */
static inline const char *fuzz_file(const uint8_t *data, size_t len, const char *suffix)
{
	static char path[64];
	FILE *fp;

	snprintf(path, sizeof path, "/tmp/dexsim-fuzz-%d%s", (int)getpid(), suffix);
	fp = fopen(path, "wb");
	if (!fp)
		abort();
	if (len && fwrite(data, 1, len, fp) != len)
		abort();
	fclose(fp);
	return path;
}

/* The input as a NUL-terminated string (free it). */
static inline char *fuzz_text(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (!s)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

#endif
