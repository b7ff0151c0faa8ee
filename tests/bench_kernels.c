/* bench_kernels.c: speed of the bit-exact arithmetic (`make bench`).
 *
 * Two figures, single thread, best of several runs: GMAC/s of a 64 -> 64
 * channel 3x3 convolution on 32x32 (kernel, bias and output stage), and a
 * whole WideNet forward pass on the MAX78000 description (43 MMAC).  The
 * target is 50 GMAC/s on a host with int8 dot-product instructions (AVX-512
 * VNNI or AVX-VNNI), 10 GMAC/s elsewhere (issue 14); beside the figures, the
 * host's int8 peak on one core, estimated from its instructions and clock,
 * and the figures' share of it.  Exits 1 when a figure misses its target.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kernels.h"
#include "rng.h"
#include "session.h"

#define RUNS 20

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Values in [lo, hi] (at most 256 of them): the low byte of each draw, scaled. */
static void fill(int8_t *p, size_t n, int lo, int hi, uint64_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (int8_t)(lo + (int)((rng_next(&seed) & 0xff) * (uint64_t)(hi - lo + 1) >> 8));
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
	/* The kernels are prepared once per weight set, as a run prepares them. */
	struct kern_kernels *k = kern_prepare(&p, w);
	if (!k) {
		fputs("bench: out of memory\n", stderr);
		exit(2);
	}
	for (int r = 0; r < RUNS; r++) {
		double t0 = now();
		if (kern_conv(&p, in, k, bias, acc)) {
			fputs("bench: out of memory\n", stderr);
			exit(2);
		}
		kern_output8(acc, n_out, 0, ACT_RELU, out);
		double t = now() - t0;
		best = t < best ? t : best;
	}
	*macs = (double)n_out * 64 * 9;
	kern_release(k);
	free(in);
	free(w);
	free(bias);
	free(out);
	free(acc);
	return best;
}

/* Best time of RUNS forward passes of a network on a chip. */
static double bench_forward(const char *srcdir, const char *chip, const char *net, double *macs)
{
	char config[4096], model[4096];
	struct session_spec spec = { .config_path = config, .net_path = model,
				     .input = "downsample", .seed = 1, .source_size = 350 };
	struct session s;
	struct diag d;
	double best = 1e9;

	snprintf(config, sizeof config, "%s/configs/%s.yaml", srcdir, chip);
	snprintf(model, sizeof model, "%s/models/%s.yaml", srcdir, net);
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

/* The clock of the first CPU in MHz (Linux /proc/cpuinfo), or 0. */
static double cpu_mhz(void)
{
	FILE *fp = fopen("/proc/cpuinfo", "r");
	char line[256];
	double mhz = 0;

	while (fp && fgets(line, sizeof line, fp))
		if (sscanf(line, "cpu MHz : %lf", &mhz) == 1)
			break;
	if (fp)
		fclose(fp);
	return mhz;
}

/* int8 multiply-adds one core can issue per cycle with the widest dot-product
 * instructions it has, two vector ports assumed: 128 with AVX-512 VNNI (64
 * per vpdpbusd), 64 with AVX-VNNI (32 per 256-bit vpdpbusd), 32 with AVX2
 * (vpmaddubsw then vpmaddwd for each 32 products); and whether it has VNNI. */
static int macs_per_cycle(const char **what, int *vnni)
{
	*what = "no x86 vector int8 path known";
	*vnni = 0;
#if defined(__x86_64__) && defined(__GNUC__)
	if (__builtin_cpu_supports("avx512vnni")) {
		*what = "AVX-512 VNNI";
		*vnni = 1;
		return 128;
	}
	if (__builtin_cpu_supports("avxvnni")) {
		*what = "AVX-VNNI";
		*vnni = 1;
		return 64;
	}
	if (__builtin_cpu_supports("avx2")) {
		*what = "AVX2";
		return 32;
	}
#endif
	return 0;
}

int main(int argc, char **argv)
{
	const char *srcdir = argc > 1 ? argv[1] : ".";
	const char *path = getenv("DEXSIM_KERNELS"); /* as dexsim takes it */

	if (path && *path && kern_use(path)) {
		fprintf(stderr, "bench: DEXSIM_KERNELS=%s: not a path this host runs\n", path);
		return 2;
	}
	double conv_macs, net_macs, mobile_macs;
	double conv_s = bench_conv(&conv_macs);
	double net_s = bench_forward(srcdir, "max78000", "widenet", &net_macs);
	double mobile_s = bench_forward(srcdir, "max78002", "mobilenetv2", &mobile_macs);
	double conv_rate = conv_macs / conv_s / 1e9, net_rate = net_macs / net_s / 1e9;
	double mobile_rate = mobile_macs / mobile_s / 1e9;
	const char *what;
	int vnni, per_cycle = macs_per_cycle(&what, &vnni);
	double target = vnni ? 50.0 : 10.0, peak = per_cycle * cpu_mhz() / 1e3;
	int ok = conv_rate >= target && net_rate >= target;

	if (peak > 0)
		printf("host int8 peak on one core: about %.0f GMAC/s (%s, %d MACs per cycle at "
		       "%.0f MHz; an estimate)\n", peak, what, per_cycle, cpu_mhz());
	printf("dot products: %s\n", kern_path());
	printf("conv 64->64 3x3 32x32: %.1f MMAC in %.3f ms: %.1f GMAC/s", conv_macs / 1e6,
	       conv_s * 1e3, conv_rate);
	if (peak > 0)
		printf(" (%.0f %% of the peak)", 100 * conv_rate / peak);
	printf("\nwidenet forward pass:  %.1f MMAC in %.3f ms: %.1f GMAC/s", net_macs / 1e6,
	       net_s * 1e3, net_rate);
	if (peak > 0)
		printf(" (%.0f %% of the peak)", 100 * net_rate / peak);
	printf("\nmobilenetv2 (max78002) forward pass, depthwise layers included: %.1f MMAC in "
	       "%.3f ms: %.1f GMAC/s (no target)", mobile_macs / 1e6, mobile_s * 1e3, mobile_rate);
	printf("\ntarget %.0f GMAC/s%s: %s\n", target, vnni ? " (the host has VNNI)" : "",
	       ok ? "met" : "MISSED");
	return ok ? 0 : 1;
}
