/* test_network.c: loading network descriptions. */
#include <string.h>

#include "network.h"
#include "suites.h"

static void test_simplenet(void)
{
	struct network_desc net;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(network_load(&net, src_path("models/simplenet.yaml"), &d), 0);
	CU_ASSERT_EQUAL(net.n_layers, 14);
	CU_ASSERT_EQUAL(net.in_h, 32);
	CU_ASSERT_FALSE(net.chw);
	CU_ASSERT_STRING_EQUAL(net.layers[4].name, "conv5");
	CU_ASSERT_EQUAL(net.layers[4].pool, POOL_MAX);
	CU_ASSERT_EQUAL(net.layers[4].pool_stride_h, 2);
	CU_ASSERT_EQUAL(net.layers[13].output_width, 32);
	CU_ASSERT_EQUAL(net.layers[13].out_channels, 101);
	CU_ASSERT_EQUAL(net.layers[2].weight_bits, 2);
	/* cifar100-simple.yaml: layer 2's processors are 0x00000000000ffff0. */
	CU_ASSERT_TRUE(net.layers[1].has_processors);
	CU_ASSERT_EQUAL(net.layers[1].processors.w[0], 0x00000000000ffff0ULL);
	CU_ASSERT_EQUAL(network_set_classes(&net, 100, &d), 0);
	CU_ASSERT_EQUAL(net.layers[13].out_channels, 100);
	network_free(&net);
}

static void test_residuals(void)
{
	struct network_desc net;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(network_load(&net, src_path("models/mobilenetv2.yaml"), &d), 0);
	CU_ASSERT_EQUAL(net.n_layers, 73);
	/* Layer 10 adds layers 8 and 9 (ai87-cifar100-mobilenet-v2-0.75.yaml). */
	CU_ASSERT_EQUAL(net.layers[10].op, OP_ADD);
	CU_ASSERT_EQUAL(net.layers[10].n_inputs, 2);
	CU_ASSERT_EQUAL(net.layers[10].inputs[0], 8);
	CU_ASSERT_EQUAL(net.layers[10].inputs[1], 9);
	CU_ASSERT_EQUAL(net.layers[9].inputs[0], 5);
	CU_ASSERT_EQUAL(net.layers[9].write_gap, 1);
	CU_ASSERT_EQUAL(net.layers[9].out_offset, 4);
	CU_ASSERT_EQUAL(net.layers[1].groups, 24);
	CU_ASSERT_FALSE(net.layers[1].bias);
	network_free(&net);
}

static void expect_error(const char *file, const char *fragment)
{
	struct network_desc net;
	struct diag d;

	CU_ASSERT_EQUAL(network_load(&net, src_path(file), &d), -1);
	if (!strstr(d.msg, fragment))
		fprintf(stderr, "\nunexpected message: %s\n", d.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, fragment));
}

static void test_bad(void)
{
	expect_error("tests/bad/net_unknown_key.yaml", ":12:5: layers[0].kernal: unknown key");
	expect_error("tests/bad/net_bad_seq.yaml", "'conv9' is not the name of an earlier layer");
	expect_error("tests/bad/net_syntax.yaml", "YAML syntax error");
	expect_error("configs/max78000.yaml", ":11:1: device: unknown key");
}

void add_network_suite(void)
{
	CU_pSuite s = CU_add_suite("network", NULL, NULL);
	CU_add_test(s, "SimpleNet description", test_simplenet);
	CU_add_test(s, "residual connections", test_residuals);
	CU_add_test(s, "bad descriptions", test_bad);
}
