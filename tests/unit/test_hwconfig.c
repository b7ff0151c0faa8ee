/* test_hwconfig.c: loading hardware descriptions and --set overrides. */
#include <string.h>

#include "hwconfig.h"
#include "suites.h"

static void test_max78000(void)
{
	struct hw_config hw;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&hw, src_path("configs/max78000.yaml"), &d), 0);
	CU_ASSERT_EQUAL(hwconfig_check(&hw, &d), 0);
	/* ai8x-synthesis README: 64 processors, 16 instances of 32 KiB, 768 x 72-bit words. */
	CU_ASSERT_EQUAL(hw.processors, 64);
	CU_ASSERT_EQUAL(hwconfig_instances(&hw), 16);
	CU_ASSERT_EQUAL(hwconfig_instance_bytes(&hw), 32 * 1024);
	CU_ASSERT_EQUAL(hwconfig_weight_words(&hw, 5), 768);
	/* 64 x 768 x 9 bytes = 442,368 bytes of weight memory (README). */
	CU_ASSERT_EQUAL(64 * hwconfig_weight_words(&hw, 0) * hw.weight_word_bits / 8, 442368);
	CU_ASSERT_DOUBLE_EQUAL(hw.clock_mhz, 50.0, 1e-9);
	CU_ASSERT_FALSE(hw.depthwise);
}

static void test_max78002(void)
{
	struct hw_config hw;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&hw, src_path("configs/max78002.yaml"), &d), 0);
	/* Reference README: 80 KiB instances, 4096 words (5120 on 0, 16, 32, 48), 200 MHz. */
	CU_ASSERT_EQUAL(hwconfig_instance_bytes(&hw), 80 * 1024);
	CU_ASSERT_EQUAL(hwconfig_weight_words(&hw, 16), 5120);
	CU_ASSERT_EQUAL(hwconfig_weight_words(&hw, 17), 4096);
	CU_ASSERT_EQUAL(hw.max_layers, 128);
	CU_ASSERT_TRUE(hw.depthwise);
}

static void expect_load_error(const char *file, const char *fragment)
{
	struct hw_config hw;
	struct diag d;

	CU_ASSERT_EQUAL(hwconfig_load(&hw, src_path(file), &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, fragment));
}

static void test_bad_files(void)
{
	expect_load_error("tests/bad/unknown_key.yaml", ":17:3: data_memory.instance_size: unknown key");
	expect_load_error("tests/bad/wrong_type.yaml", ":12:13: processors: expected an integer");
	expect_load_error("tests/bad/out_of_range.yaml", ":11:12: clock_mhz: -5 is out of range");
	expect_load_error("tests/bad/missing_key.yaml", "tram.entries: missing key");
	expect_load_error("tests/bad/no_such_file.yaml", "cannot open");
}

static void test_set(void)
{
	struct hw_config hw;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&hw, src_path("configs/max78000.yaml"), &d), 0);
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "processors=128", &d), 0);
	CU_ASSERT_EQUAL(hw.processors, 128);
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "timing.startup=3", &d), 0);
	CU_ASSERT_EQUAL(hw.timing.startup, 3);
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "conv2d_kernels=[1, 3, 5]", &d), 0);
	CU_ASSERT_EQUAL(hw.conv2d_kernels, (1u << 1) | (1u << 3) | (1u << 5));
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "data_memory.instance_words=0x4000", &d), 0);
	CU_ASSERT_EQUAL(hw.instance_words, 16384);

	CU_ASSERT_EQUAL(hwconfig_set(&hw, "processors=1000", &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "--set processors"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "out of range"));
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "clock=5", &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "unknown key 'clock'"));
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "clock_mhz", &d), -1);
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "operations=[conv2d, conv3d]", &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "unknown operation 'conv3d'"));

	/* Relations between values are checked after all overrides. */
	CU_ASSERT_EQUAL(hwconfig_set(&hw, "processors=66", &d), 0);
	CU_ASSERT_EQUAL(hwconfig_check(&hw, &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "multiple of quadrants"));
}

void add_hwconfig_suite(void)
{
	CU_pSuite s = CU_add_suite("hwconfig", NULL, NULL);
	CU_add_test(s, "MAX78000 description", test_max78000);
	CU_add_test(s, "MAX78002 description", test_max78002);
	CU_add_test(s, "bad descriptions", test_bad_files);
	CU_add_test(s, "--set overrides", test_set);
}
