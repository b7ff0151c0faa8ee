/* npy.c: the .npy array format (see npy.h). */
#include "npy.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char magic[] = "\x93NUMPY";
#define MAGIC_LEN 6

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* The text after 'key': in the header dictionary, or NULL. */
static const char *dict_value(const char *header, const char *key)
{
	char quoted[32];
	const char *at;

	snprintf(quoted, sizeof quoted, "'%s'", key);
	at = strstr(header, quoted);
	if (!at)
		return NULL;
	at += strlen(quoted);
	while (*at == ' ')
		at++;
	if (*at != ':')
		return NULL;
	at++;
	while (*at == ' ')
		at++;
	return at;
}

struct dtype {
	char kind;      /* i signed, u unsigned, f floating point, b boolean */
	int size;
	bool big_endian;
};

static int parse_descr(const char *v, struct dtype *t)
{
	char order, kind;
	int size, n;

	if (!v || sscanf(v, "'%c%c%d'%n", &order, &kind, &size, &n) != 3 || n == 0)
		return -1;
	if (order != '<' && order != '>' && order != '|' && order != '=')
		return -1;
	t->kind = kind;
	t->size = size;
	t->big_endian = order == '>';
	if (kind == 'i' || kind == 'u')
		return size == 1 || size == 2 || size == 4 || size == 8 ? 0 : -1;
	if (kind == 'f')
		return size == 4 || size == 8 ? 0 : -1;
	if (kind == 'b')
		return size == 1 ? 0 : -1;
	return -1;
}

static int parse_shape(const char *v, struct npy_array *a)
{
	a->ndim = 0;
	a->count = 1;
	if (!v || *v++ != '(')
		return -1;
	for (;;) {
		char *end;
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ')')
			return 0;
		long n = strtol(v, &end, 10);
		if (end == v || n < 0 || a->ndim == NPY_MAX_DIMS)
			return -1;
		a->shape[a->ndim++] = n;
		a->count *= (size_t)n;
		v = end;
		while (*v == 'L')
			v++; /* Python 2 long literals */
	}
}

static uint64_t load_bits(const unsigned char *p, int size, bool big_endian)
{
	uint64_t v = 0;

	for (int i = 0; i < size; i++)
		v |= (uint64_t)p[big_endian ? size - 1 - i : i] << (8 * i);
	return v;
}

static int convert(const unsigned char *p, const struct dtype *t, int64_t *out)
{
	uint64_t bits = load_bits(p, t->size, t->big_endian);

	switch (t->kind) {
	case 'b':
	case 'u':
		if (t->size == 8 && bits > INT64_MAX)
			return -1;
		*out = (int64_t)bits;
		return 0;
	case 'i':
		if (t->size < 8 && (bits >> (8 * t->size - 1)) & 1)
			bits |= ~(uint64_t)0 << (8 * t->size); /* sign extension */
		*out = (int64_t)bits;
		return 0;
	default: {
		double d;
		if (t->size == 4) {
			uint32_t b32 = (uint32_t)bits;
			float f;
			memcpy(&f, &b32, sizeof f);
			d = f;
		} else {
			memcpy(&d, &bits, sizeof d);
		}
		/* Weights exported as floats are fine as long as they are integers. */
		if (!isfinite(d) || d != floor(d) || fabs(d) > 9.0e15)
			return -1;
		*out = (int64_t)d;
		return 0;
	}
	}
}

int npy_parse(const unsigned char *buf, size_t len, size_t max_count, struct npy_array *a,
	      char *err, size_t errlen)
{
	size_t header_len, offset;
	struct dtype t = { 0 };
	char *header;

	memset(a, 0, sizeof *a);
	if (len < MAGIC_LEN + 4 || memcmp(buf, magic, MAGIC_LEN) != 0)
		return fail(err, errlen, "not a .npy array (no \\x93NUMPY magic)");
	if (buf[6] == 1) {
		header_len = buf[8] | (size_t)buf[9] << 8;
		offset = 10;
	} else if ((buf[6] == 2 || buf[6] == 3) && len >= 12) {
		header_len = buf[8] | (size_t)buf[9] << 8 | (size_t)buf[10] << 16 |
			     (size_t)buf[11] << 24;
		offset = 12;
	} else {
		return fail(err, errlen, ".npy format version %d is not supported", buf[6]);
	}
	if (header_len > len - offset)
		return fail(err, errlen, "truncated .npy header");
	header = malloc(header_len + 1);
	if (!header)
		return fail(err, errlen, "out of memory");
	memcpy(header, buf + offset, header_len);
	header[header_len] = '\0';
	offset += header_len;

	const char *order = dict_value(header, "fortran_order");
	int rc = 0;
	if (parse_descr(dict_value(header, "descr"), &t))
		rc = fail(err, errlen, "dtype is not an integer or floating-point number");
	else if (!order || strncmp(order, "False", 5) != 0)
		rc = fail(err, errlen, "Fortran-ordered arrays are not supported (save with "
			  "numpy.ascontiguousarray)");
	else if (parse_shape(dict_value(header, "shape"), a))
		rc = fail(err, errlen, "cannot read the shape");
	free(header);
	if (rc)
		return rc;
	if (a->count > (len - offset) / (size_t)t.size)
		return fail(err, errlen, "truncated data: %zu values need %zu bytes, %zu present",
			    a->count, a->count * t.size, len - offset);
	if (a->count > max_count)
		return 0;
	a->values = malloc((a->count ? a->count : 1) * sizeof *a->values);
	if (!a->values)
		return fail(err, errlen, "out of memory");
	for (size_t i = 0; i < a->count; i++)
		if (convert(buf + offset + i * (size_t)t.size, &t, &a->values[i])) {
			npy_free(a);
			return fail(err, errlen, "the value at index %zu is not a whole number", i);
		}
	return 0;
}

void npy_free(struct npy_array *a)
{
	free(a->values);
	a->values = NULL;
}

int npy_write(FILE *fp, int elem_bytes, int ndim, const long *shape, const void *data)
{
	char header[256];
	int n = snprintf(header, sizeof header, "{'descr': '%ci%d', 'fortran_order': False, 'shape': (",
			 elem_bytes == 1 ? '|' : '<', elem_bytes);
	size_t count = 1;

	for (int i = 0; i < ndim; i++) {
		n += snprintf(header + n, sizeof header - (size_t)n, "%ld,%s", shape[i],
			      i + 1 < ndim ? " " : "");
		count *= (size_t)shape[i];
	}
	n += snprintf(header + n, sizeof header - (size_t)n, "), }");
	/* The header is padded with spaces so the data starts on a 64-byte boundary. */
	int total = (MAGIC_LEN + 4 + n + 1 + 63) / 64 * 64;
	int pad = total - (MAGIC_LEN + 4 + n + 1);
	int hlen = n + pad + 1;
	unsigned char pre[MAGIC_LEN + 4];

	memcpy(pre, magic, MAGIC_LEN);
	pre[6] = 1;
	pre[7] = 0;
	pre[8] = (unsigned char)(hlen & 0xff);
	pre[9] = (unsigned char)(hlen >> 8);
	if (fwrite(pre, 1, sizeof pre, fp) != sizeof pre ||
	    fprintf(fp, "%s%*s\n", header, pad, "") < 0)
		return -1;
	/* Values are written little-endian whatever the machine. */
	for (size_t i = 0; i < count; i++) {
		unsigned char le[8];
		int64_t v;
		switch (elem_bytes) {
		case 1:
			v = ((const int8_t *)data)[i];
			break;
		case 2:
			v = ((const int16_t *)data)[i];
			break;
		case 4:
			v = ((const int32_t *)data)[i];
			break;
		default:
			v = ((const int64_t *)data)[i];
		}
		for (int b = 0; b < elem_bytes; b++)
			le[b] = (unsigned char)((uint64_t)v >> (8 * b));
		if (fwrite(le, 1, (size_t)elem_bytes, fp) != (size_t)elem_bytes)
			return -1;
	}
	return 0;
}
