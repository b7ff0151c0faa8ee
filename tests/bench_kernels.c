/* bench_kernels.c: speed of the bit-exact arithmetic (`make bench`).
 *
 * Two figures, single thread, best of several runs: GMAC/s of a 64 -> 64
 * channel 3x3 convolution on 32x32 (kernel, bias and output stage), and a
 * whole WideNet forward pass on the MAX78000 description (43 MMAC).  The
 * target is 10 GMAC/s, i.e. WideNet bit-exact in under 5 ms; the program
 * exits 1 when a figure misses it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kernels.h"
#include "rng.h"
#include "session.h"

#define TARGET_GMACS 10.0
#define RUNS 20

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void fill(int8_t *p, size_t n, int lo, int hi, uint64_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (int8_t)rng_range(&seed, lo, hi);
}

/* Best time of RUNS 64 -> 64 3x3 convolutions on 32x32. */
static double bench_conv(double *macs)
{
	struct conv_params p = { .in_c = 64, .in_h = 32, .in_w = 32, .out_c = 64, .out_h = 32,
				 .out_w = 32, .kernel_h = 3, .kernel_w = 3, .pad_top = 1,
				 .pad_left = 1, .dilation_h = 1 };
	size_t n_in = 64 * 32 * 32, n_w = 64 * 64 * 9, n_out = 64 * 32 * 32;
	int8_t *in = malloc(n_in), *w = malloc(n_w), *bias = malloc(64), *out = malloc(n_out);
	int32_t *acc = malloc(n_out * sizeof *acc);
	double best = 1e9;

	if (!in || !w || !bias || !out || !acc) {
		fputs("bench: out of memory\n", stderr);
		exit(2);
	}
	fill(in, n_in, -128, 127, 1);
	fill(w, n_w, -128, 127, 2);
	fill(bias, 64, -128, 127, 3);
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		if (kern_conv(&p, in, w, bias, acc)) {
			fputs("bench: out of memory\n", stderr);
			exit(2);
		}
		kern_output8(acc, n_out, 0, ACT_RELU, out);
		double t = now() - t0;
		best = t < best ? t : best;
	}
	*macs = (double)n_out * 64 * 9;
	free(in);
	free(w);
	free(bias);
	free(out);
	free(acc);
	return best;
}

/* Best time of RUNS WideNet forward passes. */
static double bench_widenet(const char *srcdir, double *macs)
{
	char config[4096], model[4096];
	struct session_spec spec = { .config_path = config, .net_path = model,
				     .input = "downsample", .seed = 1, .source_size = 350 };
	struct session s;
	struct diag d;
	double best = 1e9;

	snprintf(config, sizeof config, "%s/configs/max78000.yaml", srcdir);
	snprintf(model, sizeof model, "%s/models/widenet.yaml", srcdir);
	if (session_open(&s, &spec, &d)) {
		fprintf(stderr, "bench: %s\n", d.msg);
		exit(2);
	}
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		if (session_compute(&s, &d)) {
			fprintf(stderr, "bench: %s\n", d.msg);
			exit(2);
		}
		double t = now() - t0;
		best = t < best ? t : best;
	}
	*macs = (double)s.map.macs;
	session_close(&s);
	return best;
}

int main(int argc, char **argv)
{
	const char *srcdir = argc > 1 ? argv[1] : ".";
	double conv_macs, net_macs;
	double conv_s = bench_conv(&conv_macs);
	double net_s = bench_widenet(srcdir, &net_macs);
	double conv_rate = conv_macs / conv_s / 1e9, net_rate = net_macs / net_s / 1e9;
	int ok = conv_rate >= TARGET_GMACS && net_rate >= TARGET_GMACS;

#if defined(__x86_64__) && defined(__GNUC__)
	printf("cpu: avx512f %s, avx512_vnni %s, avx2 %s\n",
	       __builtin_cpu_supports("avx512f") ? "yes" : "no",
	       __builtin_cpu_supports("avx512vnni") ? "yes" : "no",
	       __builtin_cpu_supports("avx2") ? "yes" : "no");
#endif
	printf("conv 64->64 3x3 32x32: %.1f MMAC in %.3f ms: %.1f GMAC/s\n", conv_macs / 1e6,
	       conv_s * 1e3, conv_rate);
	printf("widenet forward pass:  %.1f MMAC in %.3f ms: %.1f GMAC/s\n", net_macs / 1e6,
	       net_s * 1e3, net_rate);
	printf("target %.0f GMAC/s: %s\n", TARGET_GMACS, ok ? "met" : "MISSED");
	return ok ? 0 : 1;
}
