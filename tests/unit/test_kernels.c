/* test_kernels.c: the arithmetic kernels on cases worked out by hand.
 *
 * Each expected value is computed in the comment beside it from the number
 * format of the reference README ("Arithmetic"): y = floor(0.5 + acc * 2^s /
 * 128), clipped to [-128, 127]; averages truncate toward zero; element-wise
 * results clip once, at the end.  The random comparison against the NumPy
 * reference (tests/reference) covers the rest.
 */
#include <string.h>

#include "kernels.h"
#include "suites.h"

static void test_scale_rounds_half_up(void)
{
	/* s = 0 divides by 128. */
	CU_ASSERT_EQUAL(kern_scale(64, 0), 1);      /* floor(0.5 + 0.5) = 1 */
	CU_ASSERT_EQUAL(kern_scale(-64, 0), 0);     /* floor(0.5 - 0.5) = 0 */
	CU_ASSERT_EQUAL(kern_scale(-65, 0), -1);    /* floor(0.5 - 0.508) = -1 */
	CU_ASSERT_EQUAL(kern_scale(-192, 0), -1);   /* floor(0.5 - 1.5) = -1 */
	CU_ASSERT_EQUAL(kern_scale(192, 0), 2);     /* floor(0.5 + 1.5) = 2 */
	CU_ASSERT_EQUAL(kern_scale(63, 0), 0);      /* floor(0.5 + 0.492) = 0 */
	/* s = 7 keeps the accumulator, s = 8 doubles it. */
	CU_ASSERT_EQUAL(kern_scale(-3, 7), -3);
	CU_ASSERT_EQUAL(kern_scale(3, 8), 6);
	/* s = -8 divides by 2^15 = 32768. */
	CU_ASSERT_EQUAL(kern_scale(16384, -8), 1);  /* floor(0.5 + 0.5) */
	CU_ASSERT_EQUAL(kern_scale(-16384, -8), 0); /* floor(0.5 - 0.5) */
	CU_ASSERT_EQUAL(kern_scale(-16385, -8), -1);
}

static void test_scale_saturates(void)
{
	CU_ASSERT_EQUAL(kern_scale(127 * 128, 0), 127);
	CU_ASSERT_EQUAL(kern_scale(128 * 128, 0), 127);   /* 128 clips */
	CU_ASSERT_EQUAL(kern_scale(-128 * 128, 0), -128);
	CU_ASSERT_EQUAL(kern_scale(-129 * 128, 0), -128); /* -129 clips */
	CU_ASSERT_EQUAL(kern_scale(1 << 20, 15), 127);    /* 2^20 * 2^8 */
	CU_ASSERT_EQUAL(kern_scale(-(1 << 20), 15), -128);
}

static void test_activations(void)
{
	int32_t acc[4] = { -128 * 128, -5 * 128, 5 * 128, 200 * 128 };
	int8_t y[4];
	int32_t wide[3] = { -7, 0, 9 }, w32[3];

	kern_output8(acc, 4, 0, ACT_NONE, y);
	CU_ASSERT(y[0] == -128 && y[1] == -5 && y[2] == 5 && y[3] == 127);
	kern_output8(acc, 4, 0, ACT_RELU, y);
	CU_ASSERT(y[0] == 0 && y[1] == 0 && y[2] == 5 && y[3] == 127);
	kern_output8(acc, 4, 0, ACT_ABS, y);
	CU_ASSERT(y[0] == 127 && y[1] == 5 && y[2] == 5 && y[3] == 127); /* |-128| clips */
	kern_output32(wide, 3, ACT_NONE, w32);
	CU_ASSERT(w32[0] == -7 && w32[1] == 0 && w32[2] == 9);
	kern_output32(wide, 3, ACT_RELU, w32);
	CU_ASSERT(w32[0] == 0 && w32[2] == 9);
}

static void test_average_pool_truncates_toward_zero(void)
{
	/* One 2x2 window each: sums -7 and 7 over 4 give -1.75 -> -1 and 1.75 -> 1. */
	const int8_t neg[4] = { -1, -2, -2, -2 }, pos[4] = { 1, 2, 2, 2 };
	struct pool_params avg = { POOL_AVG, 2, 2, 2, 2 };
	int8_t out;

	kern_pool(&avg, neg, 1, 2, 2, &out);
	CU_ASSERT_EQUAL(out, -1);
	kern_pool(&avg, pos, 1, 2, 2, &out);
	CU_ASSERT_EQUAL(out, 1);
}

static void test_max_pool_with_stride(void)
{
	/* 4x5, 2x2 windows, stride 2: (4 - 2) / 2 + 1 = 2 rows, (5 - 2) / 2 + 1 = 2 columns. */
	const int8_t in[20] = { -5, -3, 1, 0, 9,
				-9, -4, 2, 7, 9,
				0, 0, -1, -1, 9,
				0, 8, -1, -2, 9 };
	struct pool_params max = { POOL_MAX, 2, 2, 2, 2 };
	int8_t out[4];

	kern_pool(&max, in, 1, 4, 5, out);
	CU_ASSERT(out[0] == -3 && out[1] == 7 && out[2] == 8 && out[3] == -1);
}

static void test_eltwise_clips_once(void)
{
	const int8_t a[3] = { 100, 100, 0x0f }, b[3] = { 100, -100, -16 /* 0xf0 */ },
		     c[3] = { -100, 100, 0 };
	const int8_t *two[2] = { a, b }, *three[3] = { a, b, c };
	int8_t out[3];

	kern_eltwise(OP_ADD, two, 2, 3, out);
	CU_ASSERT(out[0] == 127 && out[1] == 0); /* 200 clips to 127 */
	/* 100 + 100 - 100 = 100: the sum of 200 is not clipped on the way. */
	kern_eltwise(OP_ADD, three, 3, 2, out);
	CU_ASSERT_EQUAL(out[0], 100);
	/* 100 - (-100) - 100 = 100, likewise. */
	kern_eltwise(OP_SUB, three, 3, 2, out);
	CU_ASSERT_EQUAL(out[1], 100);
	kern_eltwise(OP_XOR, two, 2, 3, out);
	CU_ASSERT_EQUAL(out[2], -1); /* 0x0f ^ 0xf0 = 0xff */
	kern_eltwise(OP_OR, two, 2, 3, out);
	CU_ASSERT_EQUAL(out[2], -1);
}

/* kern_conv with kernels prepared for it. */
static int conv(const struct conv_params *p, const int8_t *in, const int8_t *weights,
		const int8_t *bias, int32_t *acc)
{
	struct kern_kernels *k = kern_prepare(p, weights);
	int rc = k ? kern_conv(p, in, k, bias, acc) : -1;

	kern_release(k);
	return rc;
}

static void conv_3x3_pad_1(void)
{
	/* 1 -> 2 channels; kernel 0 all ones, kernel 1 only the centre, bias 1 and -1. */
	const int8_t in[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	int8_t w[18], bias[2] = { 1, -1 };
	struct conv_params p = { .in_c = 1, .in_h = 3, .in_w = 3, .out_c = 2, .out_h = 3,
				 .out_w = 3, .kernel_h = 3, .kernel_w = 3, .pad_top = 1,
				 .pad_left = 1, .dilation_h = 1 };
	int32_t acc[18];

	memset(w, 1, 9);
	memset(w + 9, 0, 9);
	w[9 + 4] = 1;
	CU_ASSERT_EQUAL_FATAL(conv(&p, in, w, bias, acc), 0);
	CU_ASSERT_EQUAL(acc[0], 1 + 2 + 4 + 5 + 128);             /* corner: 12 + bias */
	CU_ASSERT_EQUAL(acc[4], 45 + 128);                        /* centre: 1..9 */
	CU_ASSERT_EQUAL(acc[5], 2 + 3 + 5 + 6 + 8 + 9 + 128);     /* right edge */
	CU_ASSERT_EQUAL(acc[9 + 8], 9 - 128);                     /* centre tap of 9 */
}

static void conv_many_channels(void)
{
	/* 200 input channels of value -128 against weights -128: 200 * 16384 exactly. */
	enum { C = 200, MOST = 131071 };
	static int8_t in[MOST], w[MOST];
	struct conv_params p = { .in_c = C, .in_h = 1, .in_w = 1, .out_c = 1, .out_h = 1,
				 .out_w = 1, .kernel_h = 1, .kernel_w = 1, .dilation_h = 1 };
	int32_t acc;

	memset(in, -128, C);
	memset(w, -128, C);
	CU_ASSERT_EQUAL_FATAL(conv(&p, in, w, NULL, &acc), 0);
	CU_ASSERT_EQUAL(acc, 200 * 16384);

	/* The most terms compute.c allows, (2^31 - 1 - 128 * 128) / (128 * 128):
	 * 127 x -128 each, 16256 x 131071 = 2,130,690,176 below zero.  The dot
	 * products see 127 + 128 = 255 for each input, and their sums wrap. */
	p.in_c = MOST;
	memset(in, 127, MOST);
	memset(w, -128, MOST);
	CU_ASSERT_EQUAL_FATAL(conv(&p, in, w, NULL, &acc), 0);
	CU_ASSERT_EQUAL(acc, -2130690176);
	/* And -128 x -128 each: 2,147,467,264 above zero. */
	memset(in, -128, MOST);
	CU_ASSERT_EQUAL_FATAL(conv(&p, in, w, NULL, &acc), 0);
	CU_ASSERT_EQUAL(acc, 2147467264);
}

static void depthwise_and_dilation(void)
{
	/* Depthwise 1x1: each channel times its own weight. */
	const int8_t in[4] = { 3, -4, 5, 6 }, w[2] = { 2, -3 };
	struct conv_params dw = { .in_c = 2, .in_h = 1, .in_w = 2, .out_c = 2, .out_h = 1,
				  .out_w = 2, .kernel_h = 1, .kernel_w = 1, .dilation_h = 1,
				  .depthwise = true };
	int32_t acc[4];

	CU_ASSERT_EQUAL_FATAL(conv(&dw, in, w, NULL, acc), 0);
	CU_ASSERT(acc[0] == 6 && acc[1] == -8 && acc[2] == -15 && acc[3] == -18);

	/* conv1d, kernel 2 with dilation 2 on [1 2 3 4 5]: x[i] + 10 x[i+2]. */
	const int8_t seq[5] = { 1, 2, 3, 4, 5 }, k[2] = { 1, 10 };
	struct conv_params c1 = { .in_c = 1, .in_h = 5, .in_w = 1, .out_c = 1, .out_h = 3,
				  .out_w = 1, .kernel_h = 2, .kernel_w = 1, .dilation_h = 2 };
	int32_t out[3];
	CU_ASSERT_EQUAL_FATAL(conv(&c1, seq, k, NULL, out), 0);
	CU_ASSERT(out[0] == 31 && out[1] == 42 && out[2] == 53);
}

/* Every dot-product path this host runs gives the same sums. */
static void on_each_path(void (*check)(void))
{
	const char *name, *was = kern_path();

	for (int i = 0; (name = kern_paths(i)); i++) {
		CU_ASSERT_EQUAL_FATAL(kern_use(name), 0);
		CU_ASSERT_STRING_EQUAL(kern_path(), name);
		check();
	}
	CU_ASSERT_EQUAL(kern_use(was), 0);
}

static void test_conv_3x3_pad_1(void)
{
	on_each_path(conv_3x3_pad_1);
}

static void test_conv_many_channels(void)
{
	on_each_path(conv_many_channels);
}

static void test_depthwise_and_dilation(void)
{
	on_each_path(depthwise_and_dilation);
}

/* Prepared kernels give back the weights they were made from, whatever the
 * shape: windows that are not whole groups of four, channels that are not
 * whole blocks of sixteen, 1x1, conv1d and depthwise kernels. */
static void test_prepare_round_trip(void)
{
	const struct conv_params shapes[] = {
		{ .in_c = 3, .out_c = 2, .kernel_h = 3, .kernel_w = 3 },
		{ .in_c = 5, .out_c = 17, .kernel_h = 1, .kernel_w = 1 },
		{ .in_c = 7, .out_c = 33, .kernel_h = 5, .kernel_w = 1 },
		{ .in_c = 64, .out_c = 64, .kernel_h = 3, .kernel_w = 3 },
		{ .in_c = 20, .out_c = 20, .kernel_h = 3, .kernel_w = 3, .depthwise = true },
	};
	static int8_t w[64 * 64 * 9], back[64 * 64 * 9];

	for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		const struct conv_params *p = &shapes[i];
		size_t n = (size_t)p->out_c * (p->depthwise ? 1 : p->in_c) * p->kernel_h * p->kernel_w;
		for (size_t e = 0; e < n; e++)
			w[e] = (int8_t)(e * 37 + i); /* every byte value, none in order */
		struct kern_kernels *k = kern_prepare(p, w);
		CU_ASSERT_PTR_NOT_NULL_FATAL(k);
		memset(back, 0x55, n);
		kern_unprepare(p, k, back);
		CU_ASSERT_EQUAL(memcmp(back, w, n), 0);
		kern_release(k);
	}
}

static void test_paths(void)
{
	/* The portable path runs anywhere, and last; an unknown name is refused. */
	int n = 0;
	while (kern_paths(n))
		n++;
	CU_ASSERT(n >= 1);
	CU_ASSERT_STRING_EQUAL(kern_paths(n - 1), "portable");
	CU_ASSERT_EQUAL(kern_use("no-such-path"), -1);
}

static void test_zero_stuff(void)
{
	const int8_t in[4] = { 1, 2, 3, 4 };
	const int8_t want[9] = { 1, 0, 2, 0, 0, 0, 3, 0, 4 };
	int8_t out[9];

	kern_zero_stuff(in, 1, 2, 2, out);
	CU_ASSERT_EQUAL(memcmp(out, want, 9), 0);
}

void add_kernels_suite(void)
{
	CU_pSuite s = CU_add_suite("kernels", NULL, NULL);

	CU_add_test(s, "output scaling rounds half up", test_scale_rounds_half_up);
	CU_add_test(s, "output scaling saturates", test_scale_saturates);
	CU_add_test(s, "ReLU, Abs and 32-bit outputs", test_activations);
	CU_add_test(s, "average pooling truncates toward zero",
		    test_average_pool_truncates_toward_zero);
	CU_add_test(s, "max pooling with stride", test_max_pool_with_stride);
	CU_add_test(s, "element-wise operations clip once", test_eltwise_clips_once);
	CU_add_test(s, "3x3 convolution with pad 1 and bias", test_conv_3x3_pad_1);
	CU_add_test(s, "exact sums over many channels", test_conv_many_channels);
	CU_add_test(s, "depthwise and dilated conv1d", test_depthwise_and_dilation);
	CU_add_test(s, "zero spreading for transposed convolution", test_zero_stuff);
	CU_add_test(s, "dot-product paths", test_paths);
	CU_add_test(s, "prepared kernels give their weights back", test_prepare_round_trip);
}
