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

/* The vendor's MNIST network (ai8x-synthesis networks/mnist-chw-ai85.yaml);
 * expected values read off that file. */
static void test_vendor_mnist(void)
{
	struct network_desc net;
	struct diag d;

	CU_ASSERT_EQUAL_FATAL(
		network_load(&net, src_path("tests/vendor/mnist/mnist-chw-ai85.yaml"), &d), 0);
	CU_ASSERT_EQUAL(net.format, NET_AI8X);
	CU_ASSERT_STRING_EQUAL(net.arch, "ai85net5");
	CU_ASSERT_STRING_EQUAL(net.name, "mnist-chw-ai85");
	CU_ASSERT_EQUAL(net.n_layers, 5);
	CU_ASSERT_EQUAL(net.in_h, 0); /* the size comes from the input */
	CU_ASSERT_TRUE(net.chw);
	/* layer 0: pad 1, ReLU, out_offset 0x2000, processors 0x...01, CHW, conv2d */
	CU_ASSERT_STRING_EQUAL(net.layers[0].name, "layer0");
	CU_ASSERT_EQUAL(net.layers[0].op, OP_CONV2D);
	CU_ASSERT_EQUAL(net.layers[0].kernel_h, 3);
	CU_ASSERT_EQUAL(net.layers[0].kernel_w, 3);
	CU_ASSERT_EQUAL(net.layers[0].pad, 1);
	CU_ASSERT_EQUAL(net.layers[0].activation, ACT_RELU);
	CU_ASSERT_EQUAL(net.layers[0].out_offset, 0x2000);
	CU_ASSERT_EQUAL(net.layers[0].processors.w[0], 1);
	CU_ASSERT_EQUAL(net.layers[0].out_channels, 0); /* left to the checkpoint */
	/* layer 1: max_pool 2, pool_stride 2, pad 2, out_offset 0 */
	CU_ASSERT_EQUAL(net.layers[1].pool, POOL_MAX);
	CU_ASSERT_EQUAL(net.layers[1].pool_h, 2);
	CU_ASSERT_EQUAL(net.layers[1].pool_stride_w, 2);
	CU_ASSERT_EQUAL(net.layers[1].pad, 2);
	CU_ASSERT_EQUAL(net.layers[1].out_offset, 0);
	CU_ASSERT_EQUAL(net.layers[1].processors.w[0], 0xfffffffffffffff0ULL);
	/* layer 3: avg_pool 2 */
	CU_ASSERT_EQUAL(net.layers[3].pool, POOL_AVG);
	/* layer 4: op mlp, flatten, out_offset 0x1000, 32-bit output, no activation */
	CU_ASSERT_EQUAL(net.layers[4].op, OP_LINEAR);
	CU_ASSERT_TRUE(net.layers[4].flatten);
	CU_ASSERT_EQUAL(net.layers[4].pad, 0);
	CU_ASSERT_EQUAL(net.layers[4].out_offset, 0x1000);
	CU_ASSERT_EQUAL(net.layers[4].output_width, 32);
	CU_ASSERT_EQUAL(net.layers[4].activation, ACT_NONE);
	CU_ASSERT_EQUAL(net.layers[4].processors.w[0], 0xfffULL);
	network_free(&net);
}

/* The vendor's defaults and spellings: tests/nets/vendor_defaults.yaml. */
static void test_vendor_defaults(void)
{
	struct network_desc net;
	struct diag d;
	const struct layer_desc *l;

	CU_ASSERT_EQUAL_FATAL(network_load(&net, src_path("tests/nets/vendor_defaults.yaml"), &d),
			      0);
	l = net.layers;
	CU_ASSERT_EQUAL(l[0].op, OP_CONV2D);
	CU_ASSERT_EQUAL(l[0].kernel_h * 10 + l[0].kernel_w, 33);
	CU_ASSERT_EQUAL(l[0].pad, 1);
	CU_ASSERT_EQUAL(l[0].processors.w[0], 7);
	CU_ASSERT_EQUAL(l[0].pool_stride_h, 1); /* the vendor's default pool stride */
	CU_ASSERT_EQUAL(l[0].pool_stride_w, 1);
	CU_ASSERT_EQUAL(l[0].out_offset, 0);
	CU_ASSERT_FALSE(l[0].output);
	CU_ASSERT_STRING_EQUAL(l[1].name, "first");
	CU_ASSERT_EQUAL(l[1].op, OP_CONV1D);
	CU_ASSERT_EQUAL(l[1].kernel_h, 9);
	CU_ASSERT_EQUAL(l[1].pad, 1);
	CU_ASSERT_EQUAL(l[1].pool_h, 2);
	CU_ASSERT_EQUAL(l[1].pool_w, 1);         /* 1-D pooling is N x 1 */
	CU_ASSERT_EQUAL(l[1].pool_stride_w, 1);
	CU_ASSERT_EQUAL(l[1].processors.w[0], ~0ULL);
	CU_ASSERT_EQUAL(l[1].bias_quadrants, 0xaU); /* quadrants 1 and 3 */
	CU_ASSERT_TRUE(l[1].output);
	CU_ASSERT_EQUAL(l[2].kernel_h, 3);
	CU_ASSERT_EQUAL(l[2].pad, 0);
	CU_ASSERT_TRUE(l[2].binary);
	CU_ASSERT_TRUE(l[2].has_weight_bits);
	CU_ASSERT_EQUAL(l[2].output_shift, -2);
	CU_ASSERT_TRUE(l[2].has_output_shift);
	CU_ASSERT_EQUAL(l[2].n_inputs, 1);
	CU_ASSERT_EQUAL(l[2].inputs[0], 0);
	CU_ASSERT_EQUAL(l[3].op, OP_ADD);
	CU_ASSERT_EQUAL(l[3].n_inputs, 2);
	CU_ASSERT_EQUAL(l[3].inputs[0], 1);       /* by name */
	CU_ASSERT_EQUAL(l[3].inputs[1], 2);       /* by index */
	CU_ASSERT_EQUAL(l[3].write_gap, 1);
	CU_ASSERT_EQUAL(l[3].read_gap, 1);
	CU_ASSERT_EQUAL(l[4].op, OP_LINEAR);
	CU_ASSERT_EQUAL(l[4].inputs[0], LAYER_INPUT_NETWORK);
	CU_ASSERT_STRING_EQUAL(l[4].name, "layer4");
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
	CU_add_test(s, "vendor format: MNIST", test_vendor_mnist);
	CU_add_test(s, "vendor format: defaults and spellings", test_vendor_defaults);
	CU_add_test(s, "bad descriptions", test_bad);
}
