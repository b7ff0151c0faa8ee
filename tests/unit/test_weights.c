/* test_weights.c: synthetic weights, uniform over each layer's range.
 *
 * A layer of each width on the MAX78002 (tests/nets/widths.yaml; 3 x 32 or
 * 32 x 32 kernels of 3x3), drawn straight into the prepared form and read
 * back with compute_unprepare: every value of the range occurs, none outside
 * it, each about as often as the others; binary weights are -1 or +1.  The
 * same seed gives the same values, another seed others.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "rng.h"
#include "uniform.h"
#include "mapping.h"
#include "suites.h"
#include "weights.h"

static void check_uniform(const struct mapped_layer *ml, const int8_t *w)
{
	int lo, hi, count[256] = { 0 };

	weights_range(ml->desc, &lo, &hi);
	for (int64_t k = 0; k < ml->weights; k++) {
		CU_ASSERT(w[k] >= lo && w[k] <= hi);
		count[w[k] + 128]++;
	}
	int values = ml->desc->binary ? 2 : hi - lo + 1;
	double expect = (double)ml->weights / values;
	for (int v = lo; v <= hi; v++) {
		if (ml->desc->binary && v == 0) {
			CU_ASSERT_EQUAL(count[v + 128], 0);
			continue;
		}
		/* Within 5 standard deviations of the binomial count. */
		double sd = sqrt(expect * (1 - 1.0 / values));
		CU_ASSERT(count[v + 128] > expect - 5 * sd && count[v + 128] < expect + 5 * sd);
	}
}

static void test_synthetic_uniform(void)
{
	struct hw_config hw;
	struct network_desc net = { 0 };
	struct mapping m;
	struct weight_set a, b, c;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&hw, src_path("configs/max78002.yaml"), &d), 0);
	CU_ASSERT_EQUAL_FATAL(network_load(&net, src_path("tests/nets/widths.yaml"), &d), 0);
	CU_ASSERT_EQUAL_FATAL(mapping_build(&m, &hw, &net, 3, &d), 0);
	CU_ASSERT_EQUAL_FATAL(weights_synthetic(&a, &m, 7, &d), 0);
	CU_ASSERT_EQUAL_FATAL(weights_synthetic(&b, &m, 7, &d), 0);
	CU_ASSERT_EQUAL_FATAL(weights_synthetic(&c, &m, 8, &d), 0);
	CU_ASSERT_EQUAL(m.n_layers, 5);
	for (int i = 0; i < m.n_layers; i++) {
		const struct mapped_layer *ml = &m.layers[i];
		size_t n = (size_t)ml->weights;
		int8_t *wa = malloc(n), *wb = malloc(n), *wc = malloc(n);
		CU_ASSERT_FATAL(wa && wb && wc);
		CU_ASSERT_PTR_NULL(a.layers[i].weights); /* only the prepared form */
		compute_unprepare(ml, a.layers[i].kernels, wa);
		compute_unprepare(ml, b.layers[i].kernels, wb);
		compute_unprepare(ml, c.layers[i].kernels, wc);
		CU_ASSERT_EQUAL(ml->weights, (i == 0 ? 3 : 32) * 32 * 9);
		check_uniform(ml, wa);
		CU_ASSERT_EQUAL(memcmp(wa, wb, n), 0);
		CU_ASSERT_NOT_EQUAL(memcmp(wa, wc, n), 0);
		free(wa);
		free(wb);
		free(wc);
		/* Biases span the whole int8 range. */
		int8_t lo = 127, hi = -128;
		for (int o = 0; o < ml->out_channels; o++) {
			lo = a.layers[i].bias[o] < lo ? a.layers[i].bias[o] : lo;
			hi = a.layers[i].bias[o] > hi ? a.layers[i].bias[o] : hi;
		}
		CU_ASSERT(lo < -64 && hi > 63);
	}
	weights_free(&a);
	weights_free(&b);
	weights_free(&c);
	mapping_free(&m);
	network_free(&net);
}

/* uniform_values against its definition (uniform.h), value by value: value
 * k is lane k % 8 of word (k % (64 / b)) / 8 of draw k / (64 / b), that is
 * bits 8 (k % 8) + b j up of the draw.  Counts that end inside a draw and
 * inside a word too; the stream goes on where it should. */
static void test_uniform_definition(void)
{
	static const int widths[][2] = { { 1, 1 }, { 1, 0 }, { 2, 0 }, { 4, 0 }, { 8, 0 } };
	int8_t got[300];

	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		int bits = widths[w][0];
		bool binary = widths[w][1];
		for (int n = 1; n <= 300; n += 37) {
			uint64_t state = 99, reference = 99, draw = 0;
			uniform_values(got, n, bits, binary, &state);
			for (int k = 0; k < n; k++) {
				int per_draw = 64 / bits, j = (k % per_draw) / 8, e = k % 8;
				if (k % per_draw == 0)
					draw = rng_next(&reference);
				int v = (int)((draw >> (8 * e + bits * j)) & ((1u << bits) - 1));
				int want = binary ? 2 * v - 1 : v - (1 << (bits - 1));
				CU_ASSERT_EQUAL(got[k], want);
			}
			CU_ASSERT_EQUAL(rng_next(&state), rng_next(&reference));
		}
	}
}

void add_weights_suite(void)
{
	CU_pSuite s = CU_add_suite("weights", NULL, NULL);

	CU_add_test(s, "synthetic weights are uniform over each width's range",
		    test_synthetic_uniform);
	CU_add_test(s, "uniform values follow their definition", test_uniform_definition);
}
