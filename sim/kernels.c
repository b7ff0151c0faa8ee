/* kernels.c: the MAX7800x's quantized arithmetic (see kernels.h).
 *
 * Convolutions are dot products: each output row's input windows are gathered
 * into rows of 16-bit values (im2col), the kernels are widened the same way,
 * and four output channels share each window while it is in registers.  The
 * inner loop is plain C that compilers turn into multiply-add instructions;
 * on x86-64 it is built for AVX-512, AVX2 and the baseline, and the best the
 * running processor has is chosen when the program loads.
 */
#include "kernels.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
#endif
#ifndef MULTIVERSION
#define MULTIVERSION
#endif

#define WINDOW_ALIGN 16 /* window lengths are padded with zeros to whole vectors */
#define OUT_BLOCK 4     /* output channels computed together */

static int8_t clip8(int32_t v)
{
	return (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v);
}

void kern_pool(const struct pool_params *p, const int8_t *in, int c, int h, int w, int8_t *out)
{
	int ph = (h - p->h) / p->stride_h + 1;
	int pw = (w - p->w) / p->stride_w + 1;
	int n = p->h * p->w;

	for (int ch = 0; ch < c; ch++) {
		const int8_t *plane = in + (size_t)ch * h * w;
		for (int y = 0; y < ph; y++)
			for (int x = 0; x < pw; x++) {
				const int8_t *win = plane + (size_t)y * p->stride_h * w +
						    (size_t)x * p->stride_w;
				int32_t v = p->op == POOL_MAX ? INT32_MIN : 0;
				for (int i = 0; i < p->h; i++)
					for (int j = 0; j < p->w; j++) {
						int32_t e = win[(size_t)i * w + j];
						if (p->op == POOL_MAX)
							v = e > v ? e : v;
						else
							v += e;
					}
				/* C division truncates toward zero, as the pooling unit does. */
				*out++ = (int8_t)(p->op == POOL_AVG ? v / n : v);
			}
	}
}

void kern_eltwise(enum op op, const int8_t *const *in, int n, size_t count, int8_t *out)
{
	for (size_t i = 0; i < count; i++) {
		int32_t v = in[0][i];
		for (int k = 1; k < n; k++) {
			switch (op) {
			case OP_ADD:
				v += in[k][i];
				break;
			case OP_SUB:
				v -= in[k][i];
				break;
			case OP_XOR:
				v ^= in[k][i];
				break;
			default:
				v |= in[k][i];
				break;
			}
		}
		out[i] = clip8(v);
	}
}

void kern_zero_stuff(const int8_t *in, int c, int h, int w, int8_t *out)
{
	int sh = 2 * h - 1, sw = 2 * w - 1;

	memset(out, 0, (size_t)c * sh * sw);
	for (int ch = 0; ch < c; ch++)
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				out[((size_t)ch * sh + 2 * y) * sw + 2 * x] =
					in[((size_t)ch * h + y) * w + x];
}

/* acc[o][x] = windows[x] . weights[o] for n_windows windows of length len and
 * out_c (a multiple of OUT_BLOCK) kernels; acc rows are `stride` apart. */
MULTIVERSION
static void dot_windows(int n_windows, int out_c, int len, const int16_t *restrict windows,
			const int16_t *restrict weights, int32_t *restrict acc, size_t stride)
{
	for (int x = 0; x < n_windows; x++) {
		const int16_t *win = windows + (size_t)x * len;
		for (int o = 0; o < out_c; o += OUT_BLOCK) {
			const int16_t *w0 = weights + (size_t)o * len;
			const int16_t *w1 = w0 + len, *w2 = w1 + len, *w3 = w2 + len;
			int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			for (int k = 0; k < len; k++) {
				int32_t v = win[k];
				s0 += v * w0[k];
				s1 += v * w1[k];
				s2 += v * w2[k];
				s3 += v * w3[k];
			}
			int32_t *a = acc + (size_t)o * stride + x;
			a[0] = s0;
			a[stride] = s1;
			a[2 * stride] = s2;
			a[3 * stride] = s3;
		}
	}
}

/* The input zero-padded to every position a window reaches, as 16-bit values
 * in HWC order: a window row is then kernel_w x in_c consecutive values. */
static int16_t *padded_hwc(const struct conv_params *p, const int8_t *in, int *cols)
{
	int ph = p->out_h + (p->kernel_h - 1) * p->dilation_h, pw = p->out_w + p->kernel_w - 1;
	int16_t *hwc = calloc((size_t)ph * pw * p->in_c, sizeof *hwc);

	if (!hwc)
		return NULL;
	for (int y = 0; y < p->in_h && y + p->pad_top < ph; y++)
		for (int x = 0; x < p->in_w && x + p->pad_left < pw; x++) {
			int16_t *dst = hwc + ((size_t)(y + p->pad_top) * pw + x + p->pad_left) * p->in_c;
			const int8_t *src = in + (size_t)y * p->in_w + x;
			for (int c = 0; c < p->in_c; c++)
				dst[c] = src[(size_t)c * p->in_h * p->in_w];
		}
	*cols = pw;
	return hwc;
}

static int conv_dense(const struct conv_params *p, const int8_t *in, const int8_t *weights,
		      int32_t *acc)
{
	size_t row_len = (size_t)p->kernel_w * p->in_c; /* one kernel row of a window */
	size_t window = row_len * p->kernel_h;
	int len = (int)((window + WINDOW_ALIGN - 1) / WINDOW_ALIGN * WINDOW_ALIGN);
	int blocks = (p->out_c + OUT_BLOCK - 1) / OUT_BLOCK * OUT_BLOCK;
	size_t plane = (size_t)p->out_h * p->out_w;
	int cols;
	int16_t *hwc = padded_hwc(p, in, &cols);
	int16_t *wide = calloc((size_t)blocks * len, sizeof *wide);
	int16_t *windows = calloc((size_t)p->out_w * len, sizeof *windows);
	int32_t *row = malloc((size_t)blocks * p->out_w * sizeof *row);

	if (!hwc || !wide || !windows || !row) {
		free(hwc);
		free(wide);
		free(windows);
		free(row);
		return -1;
	}
	/* Kernels reordered to the windows' (row, column, channel) order. */
	for (int o = 0; o < p->out_c; o++) {
		int16_t *dst = wide + (size_t)o * len;
		for (int ky = 0; ky < p->kernel_h; ky++)
			for (int kx = 0; kx < p->kernel_w; kx++)
				for (int c = 0; c < p->in_c; c++)
					*dst++ = weights[(((size_t)o * p->in_c + c) * p->kernel_h + ky) *
								 p->kernel_w + kx];
	}
	for (int y = 0; y < p->out_h; y++) {
		for (int x = 0; x < p->out_w; x++)
			for (int ky = 0; ky < p->kernel_h; ky++)
				memcpy(windows + (size_t)x * len + ky * row_len,
				       hwc + ((size_t)(y + ky * p->dilation_h) * cols + x) * p->in_c,
				       row_len * sizeof *hwc);
		dot_windows(p->out_w, blocks, len, windows, wide, row, (size_t)p->out_w);
		for (int o = 0; o < p->out_c; o++)
			memcpy(acc + o * plane + (size_t)y * p->out_w, row + (size_t)o * p->out_w,
			       (size_t)p->out_w * sizeof *row);
	}
	free(hwc);
	free(wide);
	free(windows);
	free(row);
	return 0;
}

static void conv_depthwise(const struct conv_params *p, const int8_t *in, const int8_t *weights,
			   int32_t *acc)
{
	for (int c = 0; c < p->out_c; c++) {
		const int8_t *plane = in + (size_t)c * p->in_h * p->in_w;
		const int8_t *k = weights + (size_t)c * p->kernel_h * p->kernel_w;
		for (int y = 0; y < p->out_h; y++)
			for (int x = 0; x < p->out_w; x++) {
				int32_t s = 0;
				for (int ky = 0; ky < p->kernel_h; ky++) {
					int iy = y + ky * p->dilation_h - p->pad_top;
					if (iy < 0 || iy >= p->in_h)
						continue;
					for (int kx = 0; kx < p->kernel_w; kx++) {
						int ix = x + kx - p->pad_left;
						if (ix >= 0 && ix < p->in_w)
							s += plane[(size_t)iy * p->in_w + ix] *
							     k[ky * p->kernel_w + kx];
					}
				}
				*acc++ = s;
			}
	}
}

int kern_conv(const struct conv_params *p, const int8_t *in, const int8_t *weights,
	      const int8_t *bias, int32_t *acc)
{
	size_t plane = (size_t)p->out_h * p->out_w;

	if (p->depthwise)
		conv_depthwise(p, in, weights, acc);
	else if (conv_dense(p, in, weights, acc))
		return -1;
	if (bias)
		for (int o = 0; o < p->out_c; o++)
			for (size_t i = 0; i < plane; i++)
				acc[o * plane + i] += bias[o] * 128;
	return 0;
}

/* floor(n / 2^right) for any sign, without relying on how >> treats negatives:
 * the offset makes n non-negative and is a multiple of every divisor used. */
static int64_t floor_shift(int64_t n, int right)
{
	const int64_t offset = (int64_t)1 << 48;

	return (int64_t)((uint64_t)(n + offset) >> right) - (offset >> right);
}


void kern_activate8(int8_t *data, size_t count, enum activation act)
{
	if (act == ACT_RELU)
		for (size_t i = 0; i < count; i++)
			data[i] = data[i] < 0 ? 0 : data[i];
	else if (act == ACT_ABS)
		for (size_t i = 0; i < count; i++)
			data[i] = data[i] == -128 ? 127 : data[i] < 0 ? (int8_t)-data[i] : data[i];
}

void kern_output8(const int32_t *acc, size_t count, int shift, enum activation act, int8_t *out)
{
	int right = 7 - shift; /* acc * 2^shift / 128 = acc / 2^right */
	/* ReLU folds into the clip; Abs needs its own step. */
	int64_t lo = act == ACT_RELU ? 0 : -128;

	if (right <= 0) {
		for (size_t i = 0; i < count; i++) {
			int64_t v = (int64_t)acc[i] * ((int64_t)1 << -right);
			out[i] = (int8_t)(v < lo ? lo : v > 127 ? 127 : v);
		}
	} else {
		int64_t half = (int64_t)1 << (right - 1);
		for (size_t i = 0; i < count; i++) {
			int64_t v = floor_shift(acc[i] + half, right);
			out[i] = (int8_t)(v < lo ? lo : v > 127 ? 127 : v);
		}
	}
	if (act == ACT_ABS)
		kern_activate8(out, count, act);
}
void kern_output32(const int32_t *acc, size_t count, enum activation act, int32_t *out)
{
	for (size_t i = 0; i < count; i++) {
		int32_t v = acc[i];
		if (act == ACT_RELU && v < 0)
			v = 0;
		else if (act == ACT_ABS && v < 0)
			v = v == INT32_MIN ? INT32_MAX : -v;
		out[i] = v;
	}
}

int8_t kern_scale(int32_t acc, int shift)
{
	int8_t y;

	kern_output8(&acc, 1, shift, ACT_NONE, &y);
	return y;
}
