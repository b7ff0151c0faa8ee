/* kernels.h: the MAX7800x's quantized arithmetic, bit for bit.
 *
 * The number format of ai8x-synthesis (README "Number Format", izer/compute.py):
 * int8 activations; pooling before the convolution (max, or an average that
 * truncates toward zero); element-wise operations on full-width sums, clipped
 * to int8 at the end; convolutions accumulate exactly, plus bias x 128; the
 * output stage scales by 2^s / 128 with s = output_shift + 8 - weight_bits,
 * rounds half up, clips to int8 and applies the activation.  A 32-bit output
 * keeps the accumulator unscaled.
 *
 * Tensors are [channels][rows][columns] (CHW), whatever the hardware layout.
 * These functions hold no state but the choice of dot-product path, and know
 * nothing of layers or memories.
 */
#ifndef DEXSIM_KERNELS_H
#define DEXSIM_KERNELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layerops.h"

struct pool_params {
	enum pool_op op;              /* POOL_NONE with a stride > 1 subsamples */
	int h, w;
	int stride_h, stride_w;
};

/* Pools each of c planes of h x w into out (c x pooled rows x pooled columns). */
void kern_pool(const struct pool_params *p, const int8_t *in, int c, int h, int w, int8_t *out);

/* out = in[0] op in[1] op ... op in[n-1], computed wide and clipped to int8. */
void kern_eltwise(enum op op, const int8_t *const *in, int n, size_t count, int8_t *out);

struct conv_params {
	int in_c, in_h, in_w;
	int out_c, out_h, out_w;
	int kernel_h, kernel_w;
	int pad_top, pad_left;        /* zero rows and columns before the data */
	int dilation_h;               /* between kernel rows (conv1d dilation) */
	bool depthwise;               /* one input channel per output channel */
};

/* A convolution's kernels in the form its dot products read them, made once
 * per weight set: weights are [out_c][in_c][kh][kw] ([out_c][1][kh][kw] for
 * depthwise) and need not outlive the result.  NULL when out of memory. */
struct kern_kernels;
struct kern_kernels *kern_prepare(const struct conv_params *p, const int8_t *weights);
void kern_release(struct kern_kernels *k);

/* Kernels of random weights, drawn straight into the prepared form: fill(v,
 * n, arg) writes n values, which become the weights in the order that form
 * holds them (a run without trained weights needs no other order). */
struct kern_kernels *kern_prepare_random(const struct conv_params *p,
					 void (*fill)(int8_t *values, size_t n, void *arg),
					 void *arg);

/* The weights prepared kernels hold, as kern_prepare takes them. */
void kern_unprepare(const struct conv_params *p, const struct kern_kernels *k, int8_t *weights);

/* The exact sums: acc[o][y][x] = bias[o] * 128 + sum of input x weight over the
 * kernel window, with the input zero outside [0, in_h) x [0, in_w).  k was
 * prepared with the same channels and kernel size; bias may be NULL.
 * Returns -1 when out of memory. */
int kern_conv(const struct conv_params *p, const int8_t *in, const struct kern_kernels *k,
	      const int8_t *bias, int32_t *acc);

/* Spreads each h x w plane to (2h - 1) x (2w - 1) with zeros between the
 * values: the input of a stride-2 transposed convolution. */
void kern_zero_stuff(const int8_t *in, int c, int h, int w, int8_t *out);

/* The convolutions' dot products have several implementations: the same sums
 * by different instructions.  kern_paths(i) names the i-th this host runs,
 * best first (NULL past the last): "avx512-vnni" on x86-64 hosts with
 * AVX-512 VNNI, "avx2" on those with AVX2, and "portable" (plain C) anywhere.
 * The best is used unless kern_use(name) chooses another (-1: this host
 * cannot run it); kern_path() names the one in use. */
const char *kern_paths(int i);
int kern_use(const char *name);
const char *kern_path(void);

/* floor(0.5 + acc * 2^shift / 128), clipped to int8 (shift: -15..15). */
int8_t kern_scale(int32_t acc, int shift);

/* The output stage for 8-bit outputs: scale, clip, activation. */
void kern_output8(const int32_t *acc, size_t count, int shift, enum activation act, int8_t *out);

/* The activation of an unscaled 32-bit output. */
void kern_output32(const int32_t *acc, size_t count, enum activation act, int32_t *out);

/* The activation of a value already in int8 (layers without a convolution). */
void kern_activate8(int8_t *data, size_t count, enum activation act);

#endif
