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

void add_weights_suite(void)
{
	CU_pSuite s = CU_add_suite("weights", NULL, NULL);

	CU_add_test(s, "synthetic weights are uniform over each width's range",
		    test_synthetic_uniform);
}
