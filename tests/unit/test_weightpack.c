/* test_weightpack.c: kernels in weight-memory words, checked byte by byte.
 *
 * One 3x3 layer, 3 -> 2 channels, 4-bit weights: processor 0 holds input
 * channel 0's kernels for both outputs in one group of two, byte e carrying
 * element e of output 0 in its low nibble and of output 1 in its high one
 * (weightpack.h; the ai8x-synthesis sub-byte layout).
 */
#include <string.h>

#include "mapping.h"
#include "suites.h"
#include "weightpack.h"

static void test_four_bit_pairs(void)
{
	struct hw_config hw;
	struct network_desc net = { 0 };
	struct mapping m;
	struct diag d;
	int8_t w[2 * 3 * 9] = { 0 }, back[2 * 3 * 9];
	uint8_t region[64] = { 0 };

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&hw, src_path("configs/max78000.yaml"), &d), 0);
	CU_ASSERT_EQUAL_FATAL(network_load(&net, src_path("tests/nets/pack.yaml"), &d), 0);
	CU_ASSERT_EQUAL_FATAL(mapping_build(&m, &hw, &net, 3, &d), 0);
	const struct mapped_layer *ml = &m.layers[0];
	CU_ASSERT_EQUAL(weightpack_bytes(&hw, ml), 9); /* one 72-bit word */

	for (int e = 0; e < 9; e++) {
		w[0 * 27 + 0 * 9 + e] = (int8_t)(e - 4); /* output 0, input 0: -4..4 */
		w[1 * 27 + 0 * 9 + e] = (int8_t)(3 - e); /* output 1, input 0: 3..-5 */
	}
	CU_ASSERT_EQUAL(weightpack_store(&hw, ml, 0, w, region), 0);
	/* -4 = 0xC with 3 in the high nibble, -3 = 0xD with 2, ... 4 with -5 = 0xB. */
	const uint8_t want[9] = { 0x3C, 0x2D, 0x1E, 0x0F, 0xF0, 0xE1, 0xD2, 0xC3, 0xB4 };
	CU_ASSERT_EQUAL(memcmp(region, want, 9), 0);

	memset(back, 0x55, sizeof back);
	CU_ASSERT_EQUAL(weightpack_load(&hw, ml, 0, region, back), 0);
	for (int o = 0; o < 2; o++)
		CU_ASSERT_EQUAL(memcmp(back + o * 27, w + o * 27, 9), 0);
	mapping_free(&m);
	network_free(&net);
}

void add_weightpack_suite(void)
{
	CU_pSuite s = CU_add_suite("weightpack", NULL, NULL);

	CU_add_test(s, "4-bit kernels share bytes in pairs", test_four_bit_pairs);
}
