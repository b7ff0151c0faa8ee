/* test_mapping.c: shapes, totals and memory accounting on the hardware. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping.h"
#include "suites.h"

struct fixture {
	struct hw_config hw;
	struct network_desc net;
	struct mapping map;
	struct diag d;
};

static int map_net(struct fixture *f, const char *config, const char *model, int channels,
		   int classes)
{
	if (hwconfig_load(&f->hw, src_path(config), &f->d) ||
	    network_load(&f->net, src_path(model), &f->d))
		return -1;
	if (classes && network_set_classes(&f->net, classes, &f->d))
		return -1;
	return mapping_build(&f->map, &f->hw, &f->net, channels, &f->d);
}

static void release(struct fixture *f)
{
	mapping_free(&f->map);
	network_free(&f->net);
}

/* ai8x-synthesis published totals for the CIFAR-100 models (3-channel input, 100 classes),
 * as listed in shared/reference/README.md. */
static void check_totals(const char *config, const char *model, long long macs,
			 long long weight_bytes, long long bias_bytes)
{
	struct fixture f;

	CU_ASSERT_EQUAL_FATAL(map_net(&f, config, model, 3, 100), 0);
	CU_ASSERT_EQUAL(f.map.macs, macs);
	CU_ASSERT_EQUAL(f.map.weight_bytes, weight_bytes);
	CU_ASSERT_EQUAL(f.map.bias_bytes, bias_bytes);
	release(&f);
}

static void test_published_totals(void)
{
	check_totals("configs/max78000.yaml", "models/simplenet.yaml", 18461184, 165228, 1220);
	check_totals("configs/max78000.yaml", "models/widenet.yaml", 42957568, 312200, 1500);
	check_totals("configs/max78002.yaml", "models/efficientnetv2.yaml", 166899712, 753952, 5236);
	check_totals("configs/max78002.yaml", "models/mobilenetv2.yaml", 25695744, 1341960, 6508);
}

static void test_simplenet_layers(void)
{
	struct fixture f;
	const struct mapped_layer *l;

	CU_ASSERT_EQUAL_FATAL(map_net(&f, "configs/max78000.yaml", "models/simplenet.yaml", 64, 0), 0);
	/* DEX: 64 input channels on all 64 processors; 61 x 16 x 9 more weights than RGB. */
	l = &f.map.layers[0];
	CU_ASSERT_EQUAL(procmask_count(&l->in_procs), 64);
	CU_ASSERT_EQUAL(l->weight_bytes, 64 * 16 * 9);
	/* Output to processors 4..19 (conv2's map): 16 kernels of 9 bytes = 16 words. */
	CU_ASSERT_EQUAL(l->kernel_words, 16);
	/* conv3: 2-bit weights, outputs on 40..59: 20 kernels, 4 share a word -> 5 words. */
	CU_ASSERT_EQUAL(f.map.layers[2].kernel_words, 5);
	/* conv5 pools 32x32 to 16x16 first; conv11 pools 4x4 to 2x2, then 1x1. */
	CU_ASSERT_EQUAL(f.map.layers[4].pooled_h, 16);
	CU_ASSERT_EQUAL(f.map.layers[4].out_h, 16);
	CU_ASSERT_EQUAL(f.map.layers[10].out_h, 2);
	/* conv12: 512 input channels = 8 passes of 64. 512 x 128 1x1 kernels at 4 bits,
	 * (128 x 8 kernels per processor) x 4 bits / 72 = 57 words (rounded up). */
	CU_ASSERT_EQUAL(f.map.layers[11].in_passes, 8);
	CU_ASSERT_EQUAL(f.map.layers[11].out_passes, 2);
	CU_ASSERT_EQUAL(f.map.layers[11].kernel_words, (128 * 8 * 4 + 71) / 72);
	/* Offsets ping-pong as in cifar100-simple.yaml; HWC 32x32 = 4096 bytes per instance. */
	CU_ASSERT_EQUAL(f.map.layers[0].out_offset, 0x2000);
	CU_ASSERT_EQUAL(f.map.layers[0].in_bytes, 32 * 32 * 4);
	release(&f);
}

static void test_depthwise(void)
{
	struct fixture f;

	CU_ASSERT_EQUAL_FATAL(map_net(&f, "configs/max78002.yaml", "models/mobilenetv2.yaml", 3, 0), 0);
	/* Depthwise 24 channels: one 3x3 kernel per processor, no bias (depthwise_bias=False). */
	CU_ASSERT_EQUAL(f.map.layers[1].kernel_words, 1);
	CU_ASSERT_EQUAL(f.map.layers[1].macs, 24 * 9 * 32 * 32);
	CU_ASSERT_EQUAL(f.map.layers[1].bias_bytes, 0);
	/* Layer 59: 720 channels over 60 processors = 12 passes. */
	CU_ASSERT_EQUAL(f.map.layers[59].in_passes, 12);
	CU_ASSERT_EQUAL(f.map.layers[59].in_per_pass, 60);
	/* The residual add reads two interleaved 16x16 operands: 2 x 256 words. */
	CU_ASSERT_EQUAL(f.map.layers[10].operands, 2);
	CU_ASSERT_EQUAL(f.map.layers[10].in_bytes, 2 * 16 * 16 * 4);
	release(&f);
}

/* Writes a one-layer network with an n x n input; pooling shrinks its output to 5x5
 * (100 bytes at 0x7f00), clear of an input that fills an instance up to 32400 bytes. */
static const char *square_net(int n)
{
	static char path[] = "/tmp/dexsim-test-XXXXXX";
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/dexsim-test-XXXXXX");
	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fprintf(fp, "name: square\ninput:\n  rows: %d\n  columns: %d\nlayers:\n"
		    "  - name: conv1\n    op: conv2d\n    out_channels: 4\n    kernel: 3\n"
		    "    pad: 1\n    pool: max\n    pool_size: 16\n"
		    "    out_offset: 0x7f00\n    in_offset: 0x0000\n", n, n);
	fclose(fp);
	return path;
}

static void test_input_fit(void)
{
	struct hw_config hw;
	struct network_desc net;
	struct mapping map;
	struct diag d;
	const char *path;

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&hw, src_path("configs/max78000.yaml"), &d), 0);
	/* 64 channels of 90x90 HWC: 8100 words x 4 bytes = 32400 <= 32768 bytes: fits. */
	path = square_net(90);
	CU_ASSERT_EQUAL_FATAL(network_load(&net, path, &d), 0);
	CU_ASSERT_EQUAL(mapping_build(&map, &hw, &net, 64, &d), 0);
	mapping_free(&map);
	network_free(&net);
	remove(path);
	/* 91x91: 8281 words = 33124 bytes > 32768: does not fit. */
	path = square_net(91);
	CU_ASSERT_EQUAL_FATAL(network_load(&net, path, &d), 0);
	CU_ASSERT_EQUAL(mapping_build(&map, &hw, &net, 64, &d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "needs 33124 bytes from offset 0x0000 in each of instances 0-15"));
	CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "an instance has 32768"));
	network_free(&net);
	remove(path);
}

static void test_weight_overflow(void)
{
	struct fixture f;

	/* WideNet's 3x3 128->192 layer alone needs 192 x 2 passes kernels at 4 bits = 96 x 2
	 * words; with 100-word memories nothing that large fits. */
	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&f.hw, src_path("configs/max78000.yaml"), &f.d), 0);
	CU_ASSERT_EQUAL(hwconfig_set(&f.hw, "weight_memory.words=100", &f.d), 0);
	CU_ASSERT_EQUAL(hwconfig_set(&f.hw, "weight_memory.large_words=100", &f.d), 0);
	CU_ASSERT_EQUAL_FATAL(network_load(&f.net, src_path("models/widenet.yaml"), &f.d), 0);
	CU_ASSERT_EQUAL(mapping_build(&f.map, &f.hw, &f.net, 3, &f.d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.d.msg, "weight memory of processor"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.d.msg, "has 100"));
	network_free(&f.net);
}

/* izer kbias.py by hand for tests/nets/bias_place.yaml: the network uses
 * quadrants 0 and 1.  Layer 1 is bound to quadrant 1 and goes first: quadrant 1
 * holds 20 bytes.  Then by length: layer 0 (16) to the emptier quadrant 0
 * (offset 0), layer 3 (12) to quadrant 0 again (16 < 20, offset 16), layer 2
 * (8) to quadrant 1 (20 < 28, offset 20).  Quadrants 2 and 3 stay empty. */
static void test_bias_placement(void)
{
	struct fixture f;

	CU_ASSERT_EQUAL_FATAL(hwconfig_load(&f.hw, src_path("configs/max78000.yaml"), &f.d), 0);
	CU_ASSERT_EQUAL_FATAL(network_load(&f.net, src_path("tests/nets/bias_place.yaml"), &f.d), 0);
	f.net.in_h = f.net.in_w = 8; /* the vendor's format leaves the size to the input */
	CU_ASSERT_EQUAL_FATAL(mapping_build(&f.map, &f.hw, &f.net, 3, &f.d), 0);
	CU_ASSERT_EQUAL(f.map.layers[1].bias_quadrant, 1);
	CU_ASSERT_EQUAL(f.map.layers[1].bias_offset, 0);
	CU_ASSERT_EQUAL(f.map.layers[0].bias_quadrant, 0);
	CU_ASSERT_EQUAL(f.map.layers[0].bias_offset, 0);
	CU_ASSERT_EQUAL(f.map.layers[3].bias_quadrant, 0);
	CU_ASSERT_EQUAL(f.map.layers[3].bias_offset, 16);
	CU_ASSERT_EQUAL(f.map.layers[2].bias_quadrant, 1);
	CU_ASSERT_EQUAL(f.map.layers[2].bias_offset, 20);
	CU_ASSERT_EQUAL(f.map.bias_bytes_used[0], 28);
	CU_ASSERT_EQUAL(f.map.bias_bytes_used[1], 28);
	CU_ASSERT_EQUAL(f.map.bias_bytes_used[2], 0);
	CU_ASSERT_EQUAL(f.map.bias_bytes_used[3], 0);
	release(&f);

	/* A quadrant the network does not use cannot take biases. */
	CU_ASSERT_EQUAL(hwconfig_load(&f.hw, src_path("configs/max78000.yaml"), &f.d), 0);
	CU_ASSERT_EQUAL_FATAL(network_load(&f.net, src_path("tests/nets/bias_place.yaml"), &f.d), 0);
	f.net.in_h = f.net.in_w = 8;
	f.net.layers[1].bias_quadrants = 1u << 3;
	CU_ASSERT_EQUAL(mapping_build(&f.map, &f.hw, &f.net, 3, &f.d), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.d.msg, "layer 1 'layer1': bias_group 3: the network uses "
					       "no processor of quadrant 3"));
	network_free(&f.net);
}

void add_mapping_suite(void)
{
	CU_pSuite s = CU_add_suite("mapping", NULL, NULL);
	CU_add_test(s, "published MAC, weight and bias totals", test_published_totals);
	CU_add_test(s, "SimpleNet layers by hand", test_simplenet_layers);
	CU_add_test(s, "depthwise and residuals", test_depthwise);
	CU_add_test(s, "first-layer data memory boundary", test_input_fit);
	CU_add_test(s, "weight memory overflow", test_weight_overflow);
	CU_add_test(s, "bias placement and bias_group", test_bias_placement);
}
