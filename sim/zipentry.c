/* zipentry.c: a zip entry read whole and checked (see zipentry.h). */
#include "zipentry.h"

#include <stdlib.h>

#include "ziplib.h"

/* Deflate's best case: 258 bytes from one 2-bit code; about 1032 : 1. */
#define MAX_DEFLATE_RATIO 1032

unsigned char *zipentry_read(zip_t *z, zip_uint64_t index, uint64_t archive_bytes, uint64_t max,
			     size_t *len, const char **why)
{
	unsigned char *buf;
	zip_file_t *f;
	zip_stat_t st;
	char byte;
	const struct ziplib *zl = ziplib(NULL); /* loaded: the archive is open */

	if (zl->stat_index(z, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    !(st.valid & ZIP_STAT_COMP_SIZE) || st.comp_size > archive_bytes ||
	    st.size / MAX_DEFLATE_RATIO > st.comp_size) {
		*why = "corrupt zip entry";
		return NULL;
	}
	if (st.size > max) {
		*why = "larger than allowed";
		return NULL;
	}
	buf = malloc(st.size ? st.size : 1);
	f = buf ? zl->fopen_index(z, index, 0) : NULL;
	/* One read past the end makes libzip check the CRC. */
	if (!f || zl->fread(f, buf, st.size) != (zip_int64_t)st.size ||
	    zl->fread(f, &byte, 1) != 0) {
		*why = buf ? "truncated or corrupt zip entry" : "out of memory";
		if (f)
			zl->fclose(f);
		free(buf);
		return NULL;
	}
	zl->fclose(f);
	*len = st.size;
	return buf;
}
