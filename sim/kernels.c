/* kernels.c: the MAX7800x's quantized arithmetic (see kernels.h).
 *
 * Dense convolutions are int8 dot products over windows gathered row by row
 * (im2col), with kernels prepared once in blocks that a tile of windows
 * shares in registers (see "Dense convolutions" below).  The dot products
 * have an implementation per instruction set, chosen at run time, all with
 * the same sums.  The other loops are plain C, built for AVX-512, AVX2 and
 * the baseline on x86-64 (the best the processor has is chosen when the
 * program loads).
 */
#include "kernels.h"

#include <stdlib.h>
#include <string.h>

#include "multiversion.h"

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

/* Dense convolutions.  The dot products are done the way int8 dot-product
 * instructions (x86 VNNI: vpdpbusd) want them: an unsigned byte times a
 * signed byte, four products summed into each 32-bit lane.  The input is
 * offset to unsigned (u = x + 128, padding 128) and each output takes back
 * 128 x the sum of its weights.  The offset sums may pass 2^31 and wrap,
 * but the result, which compute.c keeps within 32 bits, comes out exact.
 * Each output row's windows are gathered (im2col) as bytes; the kernels are
 * laid out [window position / 4][output channel][4], so that one 64-byte load
 * holds four positions of sixteen output channels and a block of windows
 * shares it: no horizontal sums. */
#define GROUP 4    /* window positions per 32-bit lane */
#define LANES 16   /* output channels per block (one 512-bit vector) */
#define TILE 8     /* windows per block */
#define CHUNK_WINDOWS 32 /* windows gathered at a time (whole rows, at least one) */

/* rows[x][o] = sum over groups g of windows[x][g] . kernels[g][o] for n
 * windows of `groups` groups, `stride` bytes apart, and out_c (a multiple
 * of LANES) output channels. */
typedef void dot_fn(int n, int groups, int out_c, const uint8_t *windows, size_t stride,
		    const int8_t *kernels, int32_t *rows);

static int32_t lane_of_bytes(const uint8_t *p)
{
	int32_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* Plain C with the same blocks, for hosts without the instructions below.
 * Written as the instructions work, so that compilers vectorise it: each of
 * a block's LANES x GROUP products goes to a sum of its own, the window's
 * four bytes repeated across the block, and a channel's GROUP sums are added
 * when its window ends. */
MULTIVERSION
static void dot_portable(int n, int groups, int out_c, const uint8_t *windows, size_t stride,
			 const int8_t *kernels, int32_t *rows)
{
	for (int x = 0; x < n; x++) {
		const uint8_t *u = windows + (size_t)x * stride;
		for (int o = 0; o < out_c; o += LANES) {
			/* Sums wrap as the instructions' do (see conv_dense). */
			uint32_t s[LANES * GROUP] = { 0 };
			for (int g = 0; g < groups; g++) {
				const int8_t *k = kernels + ((size_t)g * out_c + o) * GROUP;
				uint8_t repeated[LANES * GROUP];
				for (int j = 0; j < LANES; j++)
					memcpy(repeated + GROUP * j, u + GROUP * g, GROUP);
				for (int i = 0; i < LANES * GROUP; i++)
					s[i] += (uint32_t)(repeated[i] * k[i]);
			}
			for (int j = 0; j < LANES; j++)
				rows[(size_t)x * out_c + o + j] =
					(int32_t)(s[GROUP * j] + s[GROUP * j + 1] + s[GROUP * j + 2] +
						  s[GROUP * j + 3]);
		}
	}
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define AVX512_VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

/* A tile of `tile` windows by one block of output channels, in registers:
 * inlined where tile is a constant, and its loops unrolled (TILE = 8), so
 * that the sums never leave them. */
AVX512_VNNI __attribute__((always_inline)) static inline void tile_avx512_vnni(int tile, int groups, int out_c,
						 const uint8_t *windows, size_t stride,
						 const int8_t *kernels, int32_t *rows)
{
	__m512i sum[TILE];

#pragma GCC unroll 8
	for (int t = 0; t < tile; t++)
		sum[t] = _mm512_setzero_si512();
	for (int g = 0; g < groups; g++) {
		__m512i k = _mm512_loadu_si512(kernels + (size_t)g * out_c * GROUP);
#pragma GCC unroll 8
		for (int t = 0; t < tile; t++)
			sum[t] = _mm512_dpbusd_epi32(
				sum[t],
				_mm512_set1_epi32(lane_of_bytes(windows + t * stride + GROUP * g)), k);
	}
#pragma GCC unroll 8
	for (int t = 0; t < tile; t++)
		_mm512_storeu_si512(rows + (size_t)t * out_c, sum[t]);
}

AVX512_VNNI static void dot_avx512_vnni(int n, int groups, int out_c, const uint8_t *windows,
					size_t stride, const int8_t *kernels, int32_t *rows)
{
	for (int o = 0; o < out_c; o += LANES) {
		int x = 0;
		for (; x + TILE <= n; x += TILE)
			tile_avx512_vnni(TILE, groups, out_c, windows + (size_t)x * stride, stride,
					 kernels + (size_t)o * GROUP, rows + (size_t)x * out_c + o);
		for (; x < n; x++)
			tile_avx512_vnni(1, groups, out_c, windows + (size_t)x * stride, stride,
					 kernels + (size_t)o * GROUP, rows + (size_t)x * out_c + o);
	}
}

/* Hosts with AVX2 but not VNNI: vpmaddwd on the bytes widened to 16 bits
 * sums two products per 32-bit lane, so each output channel holds two
 * lanes (positions 0-1 and 2-3 of each group) until the end of its window,
 * where they are added.  Exact: no product or pair of them saturates. */
#define AVX2 __attribute__((target("avx2")))
#define AVX2_TILE 2 /* windows per tile: 8 sums, 4 kernel and 2 input registers */

AVX2 __attribute__((always_inline)) static inline void tile_avx2(int tile, int groups, int out_c,
							     const uint8_t *windows, size_t stride,
							     const int8_t *kernels, int32_t *rows)
{
	__m256i sum[AVX2_TILE][4];

#pragma GCC unroll 2
	for (int t = 0; t < tile; t++)
		for (int i = 0; i < 4; i++)
			sum[t][i] = _mm256_setzero_si256();
	for (int g = 0; g < groups; g++) {
		const int8_t *k = kernels + (size_t)g * out_c * GROUP;
		__m256i wide[4]; /* four channels' four positions each, as 16-bit values */
		for (int i = 0; i < 4; i++)
			wide[i] = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(k + 16 * i)));
#pragma GCC unroll 2
		for (int t = 0; t < tile; t++) {
			__m128i u = _mm_cvtepu8_epi16(
				_mm_cvtsi32_si128(lane_of_bytes(windows + t * stride + GROUP * g)));
			__m256i positions = _mm256_broadcastq_epi64(u); /* u0 u1 u2 u3, repeated */
			for (int i = 0; i < 4; i++)
				sum[t][i] = _mm256_add_epi32(sum[t][i],
							     _mm256_madd_epi16(positions, wide[i]));
		}
	}
#pragma GCC unroll 2
	for (int t = 0; t < tile; t++)
		for (int i = 0; i < 4; i += 2) {
			/* hadd gives channels 0 1 4 5 | 2 3 6 7 of the pair: put them in order. */
			__m256i pairs = _mm256_hadd_epi32(sum[t][i], sum[t][i + 1]);
			_mm256_storeu_si256((__m256i *)(rows + (size_t)t * out_c + 4 * i),
					    _mm256_permute4x64_epi64(pairs, 0xd8));
		}
}

AVX2 static void dot_avx2(int n, int groups, int out_c, const uint8_t *windows, size_t stride,
			  const int8_t *kernels, int32_t *rows)
{
	for (int o = 0; o < out_c; o += LANES) {
		int x = 0;
		for (; x + AVX2_TILE <= n; x += AVX2_TILE)
			tile_avx2(AVX2_TILE, groups, out_c, windows + (size_t)x * stride, stride,
				  kernels + (size_t)o * GROUP, rows + (size_t)x * out_c + o);
		for (; x < n; x++)
			tile_avx2(1, groups, out_c, windows + (size_t)x * stride, stride,
				  kernels + (size_t)o * GROUP, rows + (size_t)x * out_c + o);
	}
}

static bool runs_avx2(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2");
}

static bool runs_avx512_vnni(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	       __builtin_cpu_supports("avx512vnni");
}
#endif

static bool runs_anywhere(void)
{
	return true;
}

/* Best first. */
static const struct dot_path {
	const char *name;
	bool (*runs_here)(void);
	dot_fn *dot;
} dot_paths[] = {
#if defined(__x86_64__) && defined(__GNUC__)
	{ "avx512-vnni", runs_avx512_vnni, dot_avx512_vnni },
	{ "avx2", runs_avx2, dot_avx2 },
#endif
	{ "portable", runs_anywhere, dot_portable },
};
#define DOT_PATHS (sizeof dot_paths / sizeof dot_paths[0])

static const struct dot_path *dot_chosen;

const char *kern_paths(int i)
{
	for (size_t k = 0; k < DOT_PATHS; k++)
		if (dot_paths[k].runs_here() && i-- == 0)
			return dot_paths[k].name;
	return NULL;
}

int kern_use(const char *name)
{
	for (size_t k = 0; k < DOT_PATHS; k++)
		if (strcmp(dot_paths[k].name, name) == 0 && dot_paths[k].runs_here()) {
			dot_chosen = &dot_paths[k];
			return 0;
		}
	return -1;
}

/* The path in use: the best this host runs, unless kern_use chose another. */
static dot_fn *chosen_dot(void)
{
	if (!dot_chosen)
		kern_use(kern_paths(0));
	return dot_chosen->dot;
}

const char *kern_path(void)
{
	chosen_dot();
	return dot_chosen->name;
}

/* The input zero-padded to every position a window reaches, in HWC order and
 * offset to unsigned: a window row is then kernel_w x in_c consecutive bytes. */
static uint8_t *padded_hwc(const struct conv_params *p, const int8_t *in, int *cols)
{
	int ph = p->out_h + (p->kernel_h - 1) * p->dilation_h, pw = p->out_w + p->kernel_w - 1;
	uint8_t *hwc = malloc((size_t)ph * pw * p->in_c);

	if (!hwc)
		return NULL;
	memset(hwc, 128, (size_t)ph * pw * p->in_c);
	for (int y = 0; y < p->in_h && y + p->pad_top < ph; y++)
		for (int x = 0; x < p->in_w && x + p->pad_left < pw; x++) {
			uint8_t *dst = hwc + ((size_t)(y + p->pad_top) * pw + x + p->pad_left) * p->in_c;
			const int8_t *src = in + (size_t)y * p->in_w + x;
			for (int c = 0; c < p->in_c; c++)
				dst[c] = (uint8_t)(src[(size_t)c * p->in_h * p->in_w] + 128);
		}
	*cols = pw;
	return hwc;
}

/* A dense convolution's kernels in blocks ([group][output channel][GROUP],
 * zero past the window and past the last channel), and 128 x each one's sum,
 * which the offset input adds.  A depthwise one's are [tap][channel], with
 * the same sums. */
struct kern_kernels {
	int groups, out_c;      /* out_c: the channels rounded up to whole blocks */
	int8_t *blocked;
	int32_t *offset_sum;
	int8_t *depthwise;
};

/* Kernels [channel][tap] as [tap][channel]: one dense kernel in window order,
 * or a depthwise layer's kernels as its rows read them.  Inlined, so that a
 * constant number of taps (3x3) unrolls. */
static inline void window_order(int8_t *dst, const int8_t *kernel, int channels, int taps)
{
	if (taps == 1) {
		memcpy(dst, kernel, (size_t)channels);
		return;
	}
	for (int c = 0; c < channels; c++)
		for (int t = 0; t < taps; t++)
			dst[(size_t)t * channels + c] = kernel[c * taps + t];
}

/* A block's kernels are first put in window order ([tap][channel] instead of
 * [channel][tap]), then interleaved GROUP bytes at a time. */
static void block_kernels(const struct conv_params *p, const int8_t *weights,
			  struct kern_kernels *k, int8_t *ordered)
{
	int taps = p->kernel_h * p->kernel_w, window = taps * p->in_c;
	size_t stride = (size_t)k->groups * GROUP;

	for (int block = 0; block < k->out_c; block += LANES) {
		memset(ordered, 0, LANES * stride);
		for (int o = block; o < block + LANES && o < p->out_c; o++) {
			const int8_t *kernel = weights + (size_t)o * window;
			int8_t *dst = ordered + (size_t)(o - block) * stride;
			if (taps == 9)
				window_order(dst, kernel, p->in_c, 9);
			else
				window_order(dst, kernel, p->in_c, taps);
		}
		for (int g = 0; g < k->groups; g++)
			for (int j = 0; j < LANES; j++)
				memcpy(k->blocked + (((size_t)g * k->out_c + block + j) * GROUP),
				       ordered + (size_t)j * stride + (size_t)g * GROUP, GROUP);
	}
}

/* Each output channel's 128 x the sum of its weights: the dot products of
 * the blocks with a window of ones.  -1 when out of memory. */
static int offset_sums(struct kern_kernels *k)
{
	uint8_t *ones = malloc((size_t)k->groups * GROUP);

	if (!ones)
		return -1;
	memset(ones, 1, (size_t)k->groups * GROUP);
	chosen_dot()(1, k->groups, k->out_c, ones, (size_t)k->groups * GROUP, k->blocked,
		     k->offset_sum);
	for (int o = 0; o < k->out_c; o++)
		k->offset_sum[o] *= 128;
	free(ones);
	return 0;
}

/* 128 x the sum of each depthwise kernel. */
static void depthwise_sums(const struct conv_params *p, struct kern_kernels *k)
{
	int taps = p->kernel_h * p->kernel_w;

	for (int c = 0; c < p->out_c; c++) {
		int32_t sum = 0;
		for (int t = 0; t < taps; t++)
			sum += k->depthwise[(size_t)t * p->out_c + c];
		k->offset_sum[c] = 128 * sum;
	}
}

/* Storage for a convolution's prepared kernels, not yet filled. */
static struct kern_kernels *kernels_alloc(const struct conv_params *p)
{
	size_t window = (size_t)p->kernel_h * p->kernel_w * p->in_c;
	struct kern_kernels *k = calloc(1, sizeof *k);

	if (!k)
		return NULL;
	if (p->depthwise) {
		k->depthwise = malloc((size_t)p->out_c * p->kernel_h * p->kernel_w);
		k->offset_sum = malloc((size_t)p->out_c * sizeof *k->offset_sum);
		if (k->depthwise && k->offset_sum)
			return k;
	} else {
		k->groups = (int)((window + GROUP - 1) / GROUP);
		k->out_c = (p->out_c + LANES - 1) / LANES * LANES;
		k->blocked = malloc((size_t)k->groups * k->out_c * GROUP);
		k->offset_sum = malloc((size_t)k->out_c * sizeof *k->offset_sum);
		if (k->blocked && k->offset_sum)
			return k;
	}
	kern_release(k);
	return NULL;
}

struct kern_kernels *kern_prepare(const struct conv_params *p, const int8_t *weights)
{
	struct kern_kernels *k = kernels_alloc(p);
	int8_t *ordered;

	if (!k)
		return NULL;
	if (p->depthwise) {
		window_order(k->depthwise, weights, p->out_c, p->kernel_h * p->kernel_w);
		depthwise_sums(p, k);
		return k;
	}
	ordered = malloc(LANES * (size_t)k->groups * GROUP);
	if (!ordered) {
		kern_release(k);
		return NULL;
	}
	block_kernels(p, weights, k, ordered);
	free(ordered);
	if (offset_sums(k)) {
		kern_release(k);
		return NULL;
	}
	return k;
}

struct kern_kernels *kern_prepare_random(const struct conv_params *p,
					 void (*fill)(int8_t *values, size_t n, void *arg),
					 void *arg)
{
	struct kern_kernels *k = kernels_alloc(p);
	int window = p->kernel_h * p->kernel_w * p->in_c;

	if (!k)
		return NULL;
	if (p->depthwise) {
		fill(k->depthwise, (size_t)p->out_c * p->kernel_h * p->kernel_w, arg);
		depthwise_sums(p, k);
		return k;
	}
	fill(k->blocked, (size_t)k->groups * k->out_c * GROUP, arg);
	/* No weights past the last output channel or past the window. */
	for (int g = 0; g < k->groups; g++)
		memset(k->blocked + ((size_t)g * k->out_c + p->out_c) * GROUP, 0,
		       (size_t)(k->out_c - p->out_c) * GROUP);
	for (int o = 0, g = k->groups - 1; o < k->out_c; o++)
		for (int j = window - g * GROUP; j < GROUP; j++)
			k->blocked[((size_t)g * k->out_c + o) * GROUP + j] = 0;
	if (offset_sums(k)) {
		kern_release(k);
		return NULL;
	}
	return k;
}

void kern_unprepare(const struct conv_params *p, const struct kern_kernels *k, int8_t *weights)
{
	int taps = p->kernel_h * p->kernel_w;

	if (p->depthwise) {
		for (int c = 0; c < p->out_c; c++)
			for (int t = 0; t < taps; t++)
				*weights++ = k->depthwise[(size_t)t * p->out_c + c];
		return;
	}
	for (int o = 0; o < p->out_c; o++)
		for (int c = 0; c < p->in_c; c++)
			for (int t = 0; t < taps; t++) {
				size_t e = (size_t)t * p->in_c + c; /* its window position */
				*weights++ = k->blocked[((e / GROUP) * k->out_c + o) * GROUP + e % GROUP];
			}
}

void kern_release(struct kern_kernels *k)
{
	if (!k)
		return;
	free(k->blocked);
	free(k->offset_sum);
	free(k->depthwise);
	free(k);
}

/* Sums of n windows, [window][channel] with channels `stride` apart, into
 * acc's planes ([channel][pixel], `plane` apart): each less 128 x its
 * kernel's sum, plus its bias x 128. */
static void to_planes(const int32_t *rows, int n, int stride, int channels,
		      const int32_t *offset_sum, const int8_t *bias, int32_t *acc, size_t plane)
{
	for (int o = 0; o < channels; o++) {
		int32_t *dst = acc + o * plane;
		uint32_t less = (uint32_t)offset_sum[o] - (bias ? 128u * (uint32_t)bias[o] : 0);
		const int32_t *src = rows + o;
		for (int i = 0; i < n; i++, src += stride)
			dst[i] = (int32_t)((uint32_t)*src - less);
	}
}

static int conv_dense(const struct conv_params *p, const int8_t *in, const struct kern_kernels *k,
		      const int8_t *bias, int32_t *acc)
{
	size_t row_len = (size_t)p->kernel_w * p->in_c; /* one kernel row of a window */
	size_t stride = (size_t)k->groups * GROUP;
	size_t plane = (size_t)p->out_h * p->out_w;
	/* Output rows are taken a few at a time, enough for whole tiles of windows. */
	int chunk = (CHUNK_WINDOWS + p->out_w - 1) / p->out_w;
	size_t most = (size_t)(chunk < p->out_h ? chunk : p->out_h) * p->out_w;
	dot_fn *dot = chosen_dot();
	int cols = 0;
	uint8_t *hwc = padded_hwc(p, in, &cols);
	uint8_t *windows = calloc(most, stride);
	int32_t *rows = malloc((size_t)k->out_c * most * sizeof *rows);
	int rc = -1;

	if (!hwc || !windows || !rows)
		goto out;
	for (int y0 = 0; y0 < p->out_h; y0 += chunk) {
		int y1 = y0 + chunk < p->out_h ? y0 + chunk : p->out_h;
		int n = (y1 - y0) * p->out_w;
		uint8_t *w = windows;
		for (int y = y0; y < y1; y++)
			for (int x = 0; x < p->out_w; x++, w += stride)
				for (int ky = 0; ky < p->kernel_h; ky++)
					memcpy(w + ky * row_len,
					       hwc + ((size_t)(y + ky * p->dilation_h) * cols + x) *
							     p->in_c,
					       row_len);
		dot(n, k->groups, k->out_c, windows, stride, k->blocked, rows);
		to_planes(rows, n, k->out_c, p->out_c, k->offset_sum, bias,
			  acc + (size_t)y0 * p->out_w, plane);
	}
	rc = 0;
out:
	free(hwc);
	free(windows);
	free(rows);
	return rc;
}

/* One output row of a depthwise convolution, [pixel][channel]: each tap adds
 * its weights times the channels of one input pixel, a loop over channels
 * that compilers vectorise (the input offset to unsigned, as for dense ones). */
MULTIVERSION
static void depthwise_row(const struct conv_params *p, const uint8_t *hwc, int cols, int y,
			  const int8_t *weights, int32_t *row)
{
	int channels = p->in_c;

	for (int x = 0; x < p->out_w; x++, row += channels) {
		memset(row, 0, (size_t)channels * sizeof *row);
		for (int ky = 0; ky < p->kernel_h; ky++)
			for (int kx = 0; kx < p->kernel_w; kx++) {
				const uint8_t *u =
					hwc + ((size_t)(y + ky * p->dilation_h) * cols + x + kx) * channels;
				const int8_t *w = weights + (size_t)(ky * p->kernel_w + kx) * channels;
				for (int c = 0; c < channels; c++)
					row[c] += u[c] * w[c];
			}
	}
}

static int conv_depthwise(const struct conv_params *p, const int8_t *in,
			  const struct kern_kernels *k, const int8_t *bias, int32_t *acc)
{
	size_t plane = (size_t)p->out_h * p->out_w;
	int cols = 0;
	uint8_t *hwc = padded_hwc(p, in, &cols);
	int32_t *row = malloc((size_t)p->out_w * p->in_c * sizeof *row);

	if (hwc && row)
		for (int y = 0; y < p->out_h; y++) {
			depthwise_row(p, hwc, cols, y, k->depthwise, row);
			to_planes(row, p->out_w, p->in_c, p->out_c, k->offset_sum, bias,
				  acc + (size_t)y * p->out_w, plane);
		}
	free(hwc);
	free(row);
	return hwc && row ? 0 : -1;
}

int kern_conv(const struct conv_params *p, const int8_t *in, const struct kern_kernels *k,
	      const int8_t *bias, int32_t *acc)
{
	return p->depthwise ? conv_depthwise(p, in, k, bias, acc) : conv_dense(p, in, k, bias, acc);
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

MULTIVERSION
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
