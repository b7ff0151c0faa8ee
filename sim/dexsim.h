/* dexsim.h: the dexsim library, many simulations in one process.
 *
 * Open a hardware description and a network once, then evaluate as many
 * points against them as you like: each point may override hardware
 * parameters, choose the input mode, DEX channels, resolution, weights and
 * input, and gives the summary, the per-layer rows and the statistics that a
 * separate `dexsim` process given the same options reports (the same numbers;
 * the command prints them rounded, as its columns say).
 *
 *     struct dexsim_error e;
 *     struct dexsim_hardware *hw = dexsim_hardware_open("max78000", &e);
 *     struct dexsim_network *net = dexsim_network_open("widenet", &e);
 *     struct dexsim_point p;
 *     struct dexsim_result r;
 *     dexsim_point_init(&p);
 *     p.input = "dex";
 *     if (hw && net && dexsim_run(hw, net, &p, &r, &e) == 0) {
 *             printf("%.2f us\n", r.summary.latency_us);
 *             dexsim_result_free(&r);
 *     }
 *
 * What holds:
 * - Errors are messages in a struct dexsim_error; the library never exits
 *   and never prints.
 * - Runs are independent: a run's result depends on its hardware, network and
 *   point only, not on the runs before it in the process.  Opened descriptions
 *   are not changed by runs and may be shared by any number of them.
 * - One run at a time per process: the SystemC kernel is one per process, so
 *   calls to dexsim_run() must not overlap (use processes to run in parallel).
 * - Names ("max78000", "widenet") are looked up among the descriptions that
 *   come with dexsim; anything with a slash or ending in .yaml is a path.
 */
#ifndef DEXSIM_H
#define DEXSIM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DEXSIM_ERROR_SIZE 1024

struct dexsim_error {
	char message[DEXSIM_ERROR_SIZE];
};

/* A hardware description (configs/NAME.yaml), loaded and checked. */
struct dexsim_hardware;
/* A network description, in dexsim's format or the vendor's (ai8x-synthesis). */
struct dexsim_network;

struct dexsim_hardware *dexsim_hardware_open(const char *config, struct dexsim_error *e);
void dexsim_hardware_close(struct dexsim_hardware *hw);
struct dexsim_network *dexsim_network_open(const char *net, struct dexsim_error *e);
void dexsim_network_close(struct dexsim_network *net);

/* One point: what the command line's run options say (their names in
 * comments).  dexsim_point_init() gives the command line's defaults. */
struct dexsim_point {
	const char *const *sets;  /* --set KEY=VALUE hardware overrides */
	int n_sets;
	const char *input;        /* --input: downsample, coordconv, coordconv-r, dex */
	int channels;             /* --channels: DEX channels; 0: one per processor */
	int resolution;           /* --resolution; 0: the network's */
	int classes;              /* --classes; 0: as the network says */
	const char *weights;      /* --weights .npz, or NULL */
	const char *checkpoint;   /* --checkpoint .pth.tar, or NULL */
	const char *input_tensor; /* --input-tensor .npy, or NULL */
	const char *image;        /* --image, or NULL for the synthetic picture */
	int source_size;          /* --source-size */
	unsigned long long seed;  /* --seed */
	bool overlap_data;        /* --overlap-data */
	bool timing_only;         /* --timing-only */
};

void dexsim_point_init(struct dexsim_point *p);

/* The summary row (`--report summary`); units in the names. */
struct dexsim_summary {
	char net[64];
	char config[64];          /* the hardware description's file name, less .yaml */
	char input[16];           /* input mode, or "tensor" */
	int input_channels;
	double size_kb;           /* weights and biases, KiB */
	double info_ratio;        /* image values per pixel against RGB; NaN for a ready tensor */
	double proc_util_pct;     /* the first layer's share of the processors */
	int64_t cycles;           /* CNN cycles of one inference */
	double latency_us;        /* one inference, as the vendor's timer measures it */
	int64_t macs;
	double load_us;           /* the host writing the input */
	double total_us;          /* load and inference */
	double weights_load_us;   /* the host writing weights and biases, once */
	int layers;
	int64_t weight_bytes, bias_bytes;
	int kernel_words;         /* weight-memory words up to the highest used */
	double energy_uj;         /* one inference (the energy model of configs/README.md) */
	double load_energy_uj;    /* the host writing the input */
};

/* A row of `--report layers`: shapes, placement and timing. */
struct dexsim_layer {
	char name[64];
	char op[32];              /* e.g. conv2d, or add+conv2d with an element-wise step */
	int in_channels, out_channels;
	int in_h, in_w, out_h, out_w;
	int kernel_h, kernel_w;   /* 0 without weights; kernel_w 1 for conv1d */
	int passes;
	int in_procs, out_procs;
	double proc_util_pct;
	int64_t macs, weight_bytes, bias_bytes, data_bytes;
	long in_offset, out_offset;  /* byte offsets in the data-memory instances */
	int kernel_offset, kernel_words;
	double mac_util_pct;      /* MACs against 9 per processor and cycle */
	int64_t start, cycles;    /* the layer's first cycle and its length */
	double latency_us;
	double energy_uj;
};

/* Statistics of a processor, over the run or in one layer. */
struct dexsim_processor_stats {
	int64_t active_cycles;    /* cycles of the layers it takes input channels in */
	int64_t macs;
	int64_t mem_reads;        /* data-memory reads that fed it */
	int64_t mem_writes;       /* data-memory writes of its output channels */
	int64_t tram_writes;
	int64_t weight_words;     /* kernel words it holds */
};

/* Statistics of a data-memory instance: words read and written. */
struct dexsim_memory_stats {
	int64_t reads, writes;
};

struct dexsim_result {
	struct dexsim_summary summary;
	int n_layers, n_processors, n_instances;
	struct dexsim_layer *layers;
	struct dexsim_processor_stats *processors;       /* the whole run */
	struct dexsim_memory_stats *instances;           /* the whole run */
	struct dexsim_processor_stats *layer_processors; /* [layer * n_processors + p] */
	struct dexsim_memory_stats *layer_instances;     /* [layer * n_instances + k] */
};

/* Runs the network on the hardware as the point says.  Returns 0 and fills r
 * (free it with dexsim_result_free), or -1 with the message a separate
 * `dexsim` run would print in e (r is then empty). */
int dexsim_run(const struct dexsim_hardware *hw, const struct dexsim_network *net,
	       const struct dexsim_point *p, struct dexsim_result *r, struct dexsim_error *e);
void dexsim_result_free(struct dexsim_result *r);

/* The library's version, as `dexsim --version` prints it. */
const char *dexsim_version(void);

#ifdef __cplusplus
}
#endif

#endif
