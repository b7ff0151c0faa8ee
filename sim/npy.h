/* npy.h: NumPy's .npy array format, read from memory and written to files.
 *
 * The format is a magic string, a version, a Python dictionary literal that
 * gives dtype, order and shape, then the values
 * (numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
 * Reading accepts every integer dtype and floating-point arrays whose values
 * are whole numbers, in either byte order, and returns the values as int64.
 */
#ifndef DEXSIM_NPY_H
#define DEXSIM_NPY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define NPY_MAX_DIMS 8

struct npy_array {
	int ndim;
	long shape[NPY_MAX_DIMS];
	size_t count;
	int64_t *values;
};

/* Parses buf; on error returns -1 with a reason in err.  An array of more
 * than max_count values gets its shape only (values NULL): the caller, which
 * knows the shape it needs, says what is wrong, and 8 bytes per value of an
 * array that cannot be used are never taken. */
int npy_parse(const unsigned char *buf, size_t len, size_t max_count, struct npy_array *a,
	      char *err, size_t errlen);
void npy_free(struct npy_array *a);

/* Writes a little-endian array of 1-, 2-, 4- or 8-byte signed integers. */
int npy_write(FILE *fp, int elem_bytes, int ndim, const long *shape, const void *data);

#endif
