/* tensorfile.c: a network input from a .npy file (see tensorfile.h). */
#include "tensorfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "npy.h"
#include "readfile.h"

/* Larger than any first layer's data memory holds, even as int64. */
#define TENSOR_FILE_MAX (256L << 20)

int tensorfile_load(struct tensor *t, const char *path, int max_channels, struct diag *d)
{
	struct npy_array a;
	char err[256];
	size_t len;
	unsigned char *buf = readfile_whole("--input-tensor", path, TENSOR_FILE_MAX, &len, d);
	int rc;

	memset(t, 0, sizeof *t);
	if (!buf)
		return -1;
	rc = npy_parse(buf, len, SIZE_MAX, &a, err, sizeof err);
	free(buf);
	if (rc)
		return diag_fail(d, "--input-tensor %s: %s", path, err);
	rc = -1;
	if (a.ndim != 2 && a.ndim != 3)
		diag_fail(d, "--input-tensor %s: %d dimensions; expected [C, H, W] or [C, L]", path,
			  a.ndim);
	else if (a.shape[0] < 1 || a.shape[0] > max_channels)
		diag_fail(d, "--input-tensor %s: %ld channels; the hardware takes 1 to %d", path,
			  a.shape[0], max_channels);
	else if (a.shape[1] < 1 || a.shape[1] > 65535 || (a.ndim == 3 && (a.shape[2] < 1 ||
									a.shape[2] > 65535)))
		diag_fail(d, "--input-tensor %s: rows and columns must be 1 to 65535", path);
	else if (tensor_alloc(t, (int)a.shape[0], (int)a.shape[1],
			      a.ndim == 3 ? (int)a.shape[2] : 1, 8))
		diag_fail(d, "--input-tensor %s: out of memory", path);
	else
		rc = 0;
	for (size_t i = 0; rc == 0 && i < a.count; i++) {
		if (a.values[i] < -128 || a.values[i] > 127) {
			rc = diag_fail(d, "--input-tensor %s: value %lld at index %zu is outside the "
				       "int8 range [-128, 127]",
				       path, (long long)a.values[i], i);
			tensor_free(t);
			break;
		}
		((int8_t *)t->data)[i] = (int8_t)a.values[i];
	}
	npy_free(&a);
	return rc;
}
