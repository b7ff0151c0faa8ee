/* readfile.c: an input file read whole into memory (see readfile.h). */
#include "readfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

unsigned char *readfile_stream(FILE *fp, const char *name, size_t limit, size_t *len,
			       struct diag *d)
{
	unsigned char *data = NULL;
	size_t size = 0, cap = 0;

	/* Room for one byte past the limit tells a file of exactly limit bytes
	 * from a longer one. */
	for (;;) {
		if (size == cap) {
			size_t more = cap ? 2 * cap : 65536;
			unsigned char *grown;

			if (more > limit + 1)
				more = limit + 1;
			grown = realloc(data, more);
			if (!grown) {
				diag_fail(d, "%s: out of memory", name);
				goto fail;
			}
			data = grown;
			cap = more;
		}
		size_t got = fread(data + size, 1, cap - size, fp);
		size += got;
		if (size > limit) {
			diag_fail(d, "%s: larger than %zu MiB", name, limit >> 20);
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		diag_fail(d, "%s: read error: %s", name, strerror(errno));
		goto fail;
	}
	*len = size;
	return data;
fail:
	free(data);
	return NULL;
}

unsigned char *readfile_whole(const char *option, const char *path, size_t limit, size_t *len,
			      struct diag *d)
{
	bool from_stdin = strcmp(path, "-") == 0;
	FILE *fp = from_stdin ? stdin : fopen(path, "rb");
	char name[sizeof d->msg];
	unsigned char *data;

	snprintf(name, sizeof name, "%s %s", option, path);
	if (!fp) {
		diag_fail(d, "%s: %s", name, strerror(errno));
		return NULL;
	}
	data = readfile_stream(fp, name, limit, len, d);
	if (!from_stdin)
		fclose(fp);
	return data;
}
