/* inputmode.c: the input methods and their builders (see inputmode.h). */
#include "inputmode.h"

#include <math.h>
#include <string.h>

int input_mode_get(const char *name, int dex_channels, const struct hw_config *hw,
		   struct input_mode *m, struct diag *d)
{
	if (strcmp(name, "downsample") == 0)
		*m = (struct input_mode){ "downsample", INPUT_DOWNSAMPLE, 3 };
	else if (strcmp(name, "coordconv") == 0)
		*m = (struct input_mode){ "coordconv", INPUT_COORDCONV, 5 };
	else if (strcmp(name, "coordconv-r") == 0)
		*m = (struct input_mode){ "coordconv-r", INPUT_COORDCONV_R, 6 };
	else if (strcmp(name, "dex") == 0)
		*m = (struct input_mode){ "dex", INPUT_DEX, dex_channels ? dex_channels
									 : hw->processors };
	else
		return diag_fail(d,
				 "--input %s: unknown input mode (downsample, coordconv, "
				 "coordconv-r, dex)",
				 name);
	if (dex_channels && m->kind != INPUT_DEX)
		return diag_fail(d, "--channels applies to --input dex only");
	if (m->kind == INPUT_DEX && (m->channels < 3 || m->channels > hw->processors))
		return diag_fail(d, "--channels %d: DEX fills 3 to %d channels (the %s's processors "
				 "in one pass)", m->channels, hw->processors, hw->device);
	return 0;
}

static int8_t pixel_value(uint8_t p)
{
	long v = lround(p * 256.0 / 255.0 - 128.0);
	return (int8_t)(v > 127 ? 127 : v);
}

static int8_t coordinate_value(double v)
{
	long q = lround(v * 128.0);
	return (int8_t)(q < -128 ? -128 : q > 127 ? 127 : q);
}

/* -1 at the first row or column, 1 at the last. */
static double coordinate(int i, int n)
{
	return n > 1 ? 2.0 * i / (n - 1) - 1.0 : 0.0;
}

/* DEX pixel (i, j) covers an n-pixel block of the S x S picture and takes k
 * evenly spread samples of it, three values each, as many as fit. */
static int dex_samples(int S, int rows, int cols, int i, int j, int channels, int *n)
{
	int r0 = i * S / rows, r1 = (i + 1) * S / rows;
	int c0 = j * S / cols, c1 = (j + 1) * S / cols;
	int k = (channels + 2) / 3;

	*n = (r1 - r0) * (c1 - c0);
	return k < *n ? k : *n;
}

/* The channels of DEX pixel (i, j); value_of: pixel_value() of each byte. */
static void dex_pixel(const struct image *sq, int rows, int cols, int i, int j, int channels,
		      const int8_t *value_of, int8_t *out)
{
	int S = sq->w, n;
	int k = dex_samples(S, rows, cols, i, j, channels, &n);
	int r0 = i * S / rows, c0 = j * S / cols, block_w = (j + 1) * S / cols - c0;
	int placed = 0;

	memset(out, 0, (size_t)channels);
	for (int t = 0; t < k && placed < channels; t++) {
		/* linspace(0, N - 1, k), truncated: the t-th of k evenly spread samples. */
		int idx = k > 1 ? (int)((long)t * (n - 1) / (k - 1)) : 0;
		int y = r0 + idx / block_w, x = c0 + idx % block_w;
		for (int c = 0; c < 3 && placed < channels; c++)
			out[placed++] = value_of[sq->rgb[((size_t)y * S + x) * 3 + c]];
	}
}

/* The picture row (or column) that downsampling takes for output row i of n
 * from a side of S: floor(i S / n).  input_rows_read names the rows by it. */
static int sampled(int i, int S, int n)
{
	return i * S / n;
}

void input_rows_read(const struct input_mode *m, int S, int rows, bool *read)
{
	/* DEX spreads its samples over every block: working out the few rows
	 * some small number of channels leaves out costs more than it saves. */
	memset(read, m->kind == INPUT_DEX, (size_t)S * sizeof *read);
	if (m->kind != INPUT_DEX)
		for (int i = 0; i < rows; i++)
			read[sampled(i, S, rows)] = true;
}

double input_info_ratio(const struct input_mode *m, int source_size, int rows, int cols)
{
	long image_values = 0;

	if (m->kind != INPUT_DEX)
		return 1.0; /* three values of the picture per pixel */
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < cols; j++) {
			int n, values = 3 * dex_samples(source_size, rows, cols, i, j, m->channels, &n);
			image_values += values < m->channels ? values : m->channels;
		}
	return (double)image_values / ((double)rows * cols) / 3.0;
}

int input_build(const struct input_mode *m, const struct image *sq, int rows, int cols,
		struct tensor *t, double *info_ratio, struct diag *d)
{
	int8_t pixel[256], value_of[256];
	int S = sq->w;

	/* A DEX input converts tens of thousands of pixels: look the values up. */
	for (int p = 0; p < 256; p++)
		value_of[p] = pixel_value((uint8_t)p);
	if (tensor_alloc(t, m->channels, rows, cols, 8))
		return diag_fail(d, "out of memory");
	int8_t *data = t->data;
	size_t plane = (size_t)rows * cols;
	for (int i = 0; i < rows; i++)
		for (int j = 0; j < cols; j++) {
			size_t at = (size_t)i * cols + j;
			if (m->kind == INPUT_DEX) {
				dex_pixel(sq, rows, cols, i, j, m->channels, value_of, pixel);
			} else {
				const uint8_t *p = &sq->rgb[((size_t)sampled(i, S, rows) * S +
							     (size_t)sampled(j, S, cols)) * 3];
				double y = coordinate(i, rows), x = coordinate(j, cols);
				for (int c = 0; c < 3; c++)
					pixel[c] = value_of[p[c]];
				pixel[3] = coordinate_value(y);
				pixel[4] = coordinate_value(x);
				pixel[5] = coordinate_value(sqrt((y - 0.5) * (y - 0.5) +
								 (x - 0.5) * (x - 0.5)));
			}
			for (int c = 0; c < m->channels; c++)
				data[c * plane + at] = pixel[c];
		}
	*info_ratio = input_info_ratio(m, S, rows, cols);
	return 0;
}
