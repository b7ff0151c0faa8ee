/* main.c: the dexsim command line.
 *
 * Reads a hardware description and a network description, places the network
 * on the hardware and reports the result.  Usage and input errors exit with
 * status 2; a report file is written atomically or not at all.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "dump.h"
#include "outfile.h"
#include "report.h"
#include "session.h"
#include "timeline.h"

#define EXIT_USAGE 2
#define MAX_SETS 256 /* --set options in one run */

static void usage(FILE *fp)
{
	fputs("Usage: dexsim --config HW --net NET [options]\n"
	      "Simulate a quantized CNN on a tiny AI accelerator (MAX78000/MAX78002).\n\n"
	      "  -c, --config HW        hardware description: a name (max78000) or a YAML path\n"
	      "  -n, --net NET          network description: a name (widenet) or a YAML path\n"
	      "  -i, --input MODE       downsample (3 channels, default), coordconv (5),\n"
	      "                         coordconv-r (6) or dex (one channel per processor)\n"
	      "  -s, --set KEY=VALUE    override a hardware parameter (repeatable)\n"
	      "      --classes N        output classes of the network's last layer\n"
	      "      --weights FILE     weights from a NumPy .npz (<layer>.weight, <layer>.bias);\n"
	      "                         default: synthetic weights from --seed\n"
	      "      --checkpoint FILE  weights, biases, shifts and widths from a quantized\n"
	      "                         checkpoint (.pth.tar, as ai8x-training writes it)\n"
	      "      --input-tensor FILE  a ready input, [C, H, W] or [C, L] (.npy), instead\n"
	      "                         of a picture and an input mode\n"
	      "      --seed N           seed of synthetic weights and input (default 1)\n"
	      "      --dump DIR         write the input and every layer's output as DIR/*.npy\n"
	      "      --timing-only      skip the arithmetic (cycles and statistics only)\n"
	      "      --image FILE       the input picture (PNG, PPM or PGM); default: synthetic\n"
	      "      --source-size S    resize the picture to S x S first (default 350)\n"
	      "      --resolution N     input rows and columns (default: the network's)\n"
	      "      --channels C       DEX channels, 3 up to the processors (default: all)\n"
	      "      --overlap-data     let a layer overwrite the data only it reads\n"
	      "                         (as ai8xize.py --overlap-data lays data out)\n"
	      "  -f, --format FMT       table (default), csv or json\n"
	      "  -r, --report KIND      summary (default), layers, or per layer and processor\n"
	      "                         (processors) or data-memory instance (memories)\n"
	      "  -o, --output FILE      write the report to FILE (atomically)\n"
	      "      --timeline FILE    write the run as a trace-event timeline (Perfetto)\n"
	      "      --vcd FILE         trace the run as VCD waveforms (GTKWave)\n"
	      "  -h, --help             show this help\n"
	      "  -V, --version          show the version\n",
	      fp);
}

/* A bare NAME is looked up in the source tree, then the installed data. */
static int resolve(const char *arg, const char *subdir, char *out, size_t size)
{
	static const char *const roots[] = { DEXSIM_SRCDIR, DEXSIM_PKGDATADIR };

	if (strchr(arg, '/') || strstr(arg, ".yaml")) {
		snprintf(out, size, "%s", arg);
		return 0;
	}
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
		snprintf(out, size, "%s/%s/%s.yaml", roots[i], subdir, arg);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return -1;
}

/* The configuration's name for reports: its file name without directory and .yaml. */
static void base_name(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t len = strlen(name);

	if (len > 5 && strcmp(name + len - 5, ".yaml") == 0)
		len -= 5;
	snprintf(out, size, "%.*s", (int)len, name);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("dexsim: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'dexsim --help'.\n", stderr);
	return EXIT_USAGE;
}

/* A whole number from lo to hi, or a usage error. */
static int count_arg(const char *option, const char *arg, long lo, long hi, int *out)
{
	char *end, what[128];
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < lo || v > hi) {
		snprintf(what, sizeof what, "%s %%s: expected a whole number from %ld to %ld", option,
			 lo, hi);
		usage_error(what, arg);
		return -1;
	}
	*out = (int)v;
	return 0;
}

struct options {
	char config_path[4096], net_path[4096];
	const char *sets[MAX_SETS];
	struct session_spec spec;
	const char *dump;        /* directory, or NULL */
	bool timing_only;
	const char *output;
	const char *timeline;    /* trace-event JSON, or NULL */
	const char *vcd;         /* VCD waveforms, or NULL */
	enum report_kind kind;
	enum table_format format;
};

static int write_timeline(const char *path, const struct session *s, struct diag *d)
{
	struct outfile out;

	if (outfile_open(&out, path, d))
		return -1;
	timeline_write(out.fp, &s->map, &s->model);
	return outfile_commit(&out, d);
}

/* Simulates and reports; frees what it made on every path. */
static int run(struct options *o)
{
	struct session s;
	struct outfile out;
	struct diag d;
	char config_name[256];
	int status;

	o->spec.config_path = o->config_path;
	o->spec.net_path = o->net_path;
	o->spec.sets = o->sets;
	if (session_open(&s, &o->spec, &d)) {
		fprintf(stderr, "dexsim: %s\n", d.msg);
		return EXIT_USAGE;
	}
	/* A trace that cannot be written is an output error, not an input error. */
	status = session_simulate(&s, o->timing_only, o->vcd, &d);
	if (status) {
		status = status == -2 ? 1 : EXIT_USAGE;
		goto fail;
	}
	/* Outputs that cannot be written are not input errors. */
	status = 1;
	if ((o->dump && dump_write(o->dump, &s.map, &s.input, s.model.outputs, &d)) ||
	    (o->timeline && write_timeline(o->timeline, &s, &d)) || outfile_open(&out, o->output, &d))
		goto fail;
	base_name(o->config_path, config_name, sizeof config_name);
	report_write(out.fp, &(struct report_run){ config_name, &s.mode, s.info_ratio, &s.map, &s.model },
		     o->kind, o->format);
	status = outfile_commit(&out, &d) ? 1 : 0;
	if (status == 0)
		goto done;
fail:
	fprintf(stderr, "dexsim: %s\n", d.msg);
done:
	session_close(&s);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "net", required_argument, NULL, 'n' },
		{ "input", required_argument, NULL, 'i' },
		{ "set", required_argument, NULL, 's' },
		{ "classes", required_argument, NULL, 'C' },
		{ "weights", required_argument, NULL, 'W' },
		{ "seed", required_argument, NULL, 'S' },
		{ "dump", required_argument, NULL, 'D' },
		{ "timing-only", no_argument, NULL, 'T' },
		{ "image", required_argument, NULL, 'I' },
		{ "source-size", required_argument, NULL, 'Z' },
		{ "resolution", required_argument, NULL, 'R' },
		{ "channels", required_argument, NULL, 'H' },
		{ "checkpoint", required_argument, NULL, 'K' },
		{ "input-tensor", required_argument, NULL, 'X' },
		{ "overlap-data", no_argument, NULL, 'O' },
		{ "format", required_argument, NULL, 'f' },
		{ "report", required_argument, NULL, 'r' },
		{ "output", required_argument, NULL, 'o' },
		{ "timeline", required_argument, NULL, 'L' },
		{ "vcd", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static struct options o = { .spec = { .input = "downsample", .seed = 1, .source_size = 350 },
				    .kind = REPORT_SUMMARY, .format = FORMAT_TABLE };
	const char *config = NULL, *netname = NULL;
	const char *picture_option = NULL; /* the last option about a picture input */
	int opt, status;

	while ((opt = getopt_long(argc, argv, "c:n:i:s:f:r:o:hV", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config = optarg;
			break;
		case 'n':
			netname = optarg;
			break;
		case 'i':
			o.spec.input = optarg;
			picture_option = "--input";
			break;
		case 's':
			if (o.spec.n_sets == MAX_SETS)
				return usage_error("more than %s --set options", "256");
			o.sets[o.spec.n_sets++] = optarg;
			break;
		case 'W':
			o.spec.weights = optarg;
			break;
		case 'D':
			o.dump = optarg;
			break;
		case 'K':
			o.spec.checkpoint = optarg;
			break;
		case 'X':
			o.spec.input_tensor = optarg;
			break;
		case 'O':
			o.spec.overlap_data = true;
			break;
		case 'T':
			o.timing_only = true;
			break;
		case 'I':
			o.spec.image = optarg;
			picture_option = "--image";
			break;
		case 'Z':
			if (count_arg("--source-size", optarg, 1, 4096, &o.spec.source_size))
				return EXIT_USAGE;
			picture_option = "--source-size";
			break;
		case 'R':
			if (count_arg("--resolution", optarg, 1, 1023, &o.spec.resolution))
				return EXIT_USAGE;
			picture_option = "--resolution";
			break;
		case 'H':
			if (count_arg("--channels", optarg, 1, 1024, &o.spec.dex_channels))
				return EXIT_USAGE;
			picture_option = "--channels";
			break;
		case 'S': {
			char *end;
			errno = 0;
			o.spec.seed = strtoull(optarg, &end, 10);
			if (!isdigit((unsigned char)*optarg) || *end != '\0' || errno)
				return usage_error("--seed %s: expected a non-negative integer",
						   optarg);
			break;
		}
		case 'C':
			if (count_arg("--classes", optarg, 1, 65536, &o.spec.classes))
				return EXIT_USAGE;
			break;
		case 'f':
			if (strcmp(optarg, "table") == 0)
				o.format = FORMAT_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				o.format = FORMAT_CSV;
			else if (strcmp(optarg, "json") == 0)
				o.format = FORMAT_JSON;
			else
				return usage_error("--format %s: expected table, csv or json", optarg);
			break;
		case 'r':
			if (strcmp(optarg, "summary") == 0)
				o.kind = REPORT_SUMMARY;
			else if (strcmp(optarg, "layers") == 0)
				o.kind = REPORT_LAYERS;
			else if (strcmp(optarg, "processors") == 0)
				o.kind = REPORT_PROCESSORS;
			else if (strcmp(optarg, "memories") == 0)
				o.kind = REPORT_MEMORIES;
			else
				return usage_error("--report %s: expected summary, layers, processors "
						   "or memories", optarg);
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'L':
			o.timeline = optarg;
			break;
		case 'v':
			o.vcd = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			puts(PACKAGE_STRING);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc)
		status = usage_error("unexpected argument '%s'", argv[optind]);
	else if (!config || !netname)
		status = usage_error("%s", "--config and --net are required");
	else if (resolve(config, "configs", o.config_path, sizeof o.config_path))
		status = usage_error("--config %s: no such configuration (see configs/)", config);
	else if (resolve(netname, "models", o.net_path, sizeof o.net_path))
		status = usage_error("--net %s: no such network (see models/)", netname);
	else if (o.dump && o.timing_only)
		status = usage_error("%s", "--dump needs the arithmetic; drop --timing-only");
	else if (o.spec.input_tensor && picture_option)
		status = usage_error("%s describes a picture input; --input-tensor is the whole "
				     "input", picture_option);
	else if (o.spec.checkpoint && o.spec.classes)
		status = usage_error("%s", "--classes: with --checkpoint the classes are the "
				     "checkpoint's");
	else if (o.spec.checkpoint && o.spec.weights)
		status = usage_error("%s", "--checkpoint and --weights both give the weights; "
				     "choose one");
	else
		status = run(&o);
	return status;
}
