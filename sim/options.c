/* options.c: parsing and checking the command line (see options.h). */
#define _POSIX_C_SOURCE 200809L
#include "options.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datapath.h"

static const struct option long_options[] = {
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
	{ "columns", required_argument, NULL, 'U' },
	{ "timeline", required_argument, NULL, 'L' },
	{ "vcd", required_argument, NULL, 'v' },
	{ "batch", required_argument, NULL, 'B' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int options_not_found(const char *option, const char *name, const char *subdir, struct diag *d)
{
	char where[768];

	datapath_explain(subdir, where, sizeof where);
	return diag_fail(d, "%s %s: no such %s (%s)", option, name,
			 strcmp(subdir, "configs") == 0 ? "configuration" : "network", where);
}

void options_config_name(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t len = strlen(name);

	if (len > 5 && strcmp(name + len - 5, ".yaml") == 0)
		len -= 5;
	snprintf(out, size, "%.*s", (int)len, name);
}

/* A whole number from lo to hi, or a usage error. */
static int count_arg(const char *option, const char *arg, long lo, long hi, int *out,
		     struct diag *d)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || v < lo || v > hi)
		return diag_fail(d, "%s %s: expected a whole number from %ld to %ld", option, arg,
				 lo, hi);
	*out = (int)v;
	return 0;
}

static const char *long_name(int opt)
{
	for (const struct option *lo = long_options; lo->name; lo++)
		if (lo->val == opt)
			return lo->name;
	return "?";
}

/* One option into o; -1 with d set when its argument is wrong. */
static int take(struct options *o, int opt, const char *arg, const char **picture_option,
		struct diag *d)
{
	switch (opt) {
	case 'c': /* looked up once all options are read */
	case 'n':
		break;
	case 'i':
		o->spec.input = arg;
		*picture_option = "--input";
		break;
	case 's':
		if (o->spec.n_sets == OPTIONS_MAX_SETS)
			return diag_fail(d, "more than %d --set options", OPTIONS_MAX_SETS);
		o->sets[o->spec.n_sets++] = arg;
		break;
	case 'W':
		o->spec.weights = arg;
		break;
	case 'D':
		o->dump = arg;
		break;
	case 'K':
		o->spec.checkpoint = arg;
		break;
	case 'X':
		o->spec.input_tensor = arg;
		break;
	case 'O':
		o->spec.overlap_data = true;
		break;
	case 'T':
		o->spec.timing_only = true;
		break;
	case 'I':
		o->spec.image = arg;
		*picture_option = "--image";
		break;
	case 'Z':
		*picture_option = "--source-size";
		return count_arg("--source-size", arg, 1, 4096, &o->spec.source_size, d);
	case 'R':
		*picture_option = "--resolution";
		return count_arg("--resolution", arg, 1, 1023, &o->spec.resolution, d);
	case 'H':
		*picture_option = "--channels";
		return count_arg("--channels", arg, 1, 1024, &o->spec.dex_channels, d);
	case 'S': {
		char *end;
		errno = 0;
		o->spec.seed = strtoull(arg, &end, 10);
		if (!isdigit((unsigned char)*arg) || *end != '\0' || errno)
			return diag_fail(d, "--seed %s: expected a non-negative integer", arg);
		break;
	}
	case 'C':
		return count_arg("--classes", arg, 1, 65536, &o->spec.classes, d);
	case 'f':
		if (strcmp(arg, "table") == 0)
			o->format = FORMAT_TABLE;
		else if (strcmp(arg, "csv") == 0)
			o->format = FORMAT_CSV;
		else if (strcmp(arg, "json") == 0)
			o->format = FORMAT_JSON;
		else
			return diag_fail(d, "--format %s: expected table, csv or json", arg);
		break;
	case 'r':
		if (strcmp(arg, "summary") == 0)
			o->kind = REPORT_SUMMARY;
		else if (strcmp(arg, "layers") == 0)
			o->kind = REPORT_LAYERS;
		else if (strcmp(arg, "processors") == 0)
			o->kind = REPORT_PROCESSORS;
		else if (strcmp(arg, "memories") == 0)
			o->kind = REPORT_MEMORIES;
		else
			return diag_fail(d, "--report %s: expected summary, layers, processors or "
					 "memories", arg);
		break;
	case 'o':
		o->output = arg;
		break;
	case 'U':
		o->columns = arg;
		break;
	case 'L':
		o->timeline = arg;
		break;
	case 'v':
		o->vcd = arg;
		break;
	case 'B':
		o->batch = arg;
		break;
	case 'h':
		o->help = true;
		break;
	case 'V':
		o->version = true;
		break;
	default:
		return diag_fail(d, "unknown option");
	}
	return 0;
}

int options_parse(struct options *o, int argc, char **argv, struct diag *d)
{
	const char *config = NULL, *netname = NULL;
	const char *picture_option = NULL; /* the last option about a picture input */
	int opt;

	*o = (struct options){ .spec = { .input = "downsample", .seed = 1, .source_size = 350 },
			       .kind = REPORT_SUMMARY, .format = FORMAT_TABLE };
	optind = 0;   /* GNU getopt starts afresh: a batch parses many lines */
	opterr = 0;   /* its messages are ours to write */
	while ((opt = getopt_long(argc, argv, ":c:n:i:s:f:r:o:hV", long_options, NULL)) != -1) {
		if (opt == '?')
			return optopt ? diag_fail(d, "unknown option '-%c'", optopt)
				      : diag_fail(d, "unknown option '%s'", argv[optind - 1]);
		if (opt == ':')
			return diag_fail(d, "option '%s' needs an argument", argv[optind - 1]);
		if (o->n_given == OPTIONS_MAX_GIVEN)
			return diag_fail(d, "more than %d options", OPTIONS_MAX_GIVEN);
		o->given[o->n_given++] = (struct option_given){ long_name(opt), optarg ? optarg : "" };
		if (opt == 'c')
			config = optarg;
		else if (opt == 'n')
			netname = optarg;
		if (take(o, opt, optarg, &picture_option, d))
			return -1;
	}
	if (optind < argc)
		return diag_fail(d, "unexpected argument '%s'", argv[optind]);
	if (o->help || o->version || o->batch)
		return 0;
	if (!config || !netname)
		return diag_fail(d, "--config and --net are required");
	if (datapath_find(config, "configs", o->config_path, sizeof o->config_path))
		return options_not_found("--config", config, "configs", d);
	if (datapath_find(netname, "models", o->net_path, sizeof o->net_path))
		return options_not_found("--net", netname, "models", d);
	if (o->dump && o->spec.timing_only)
		return diag_fail(d, "--dump needs the arithmetic; drop --timing-only");
	if (o->spec.input_tensor && picture_option)
		return diag_fail(d, "%s describes a picture input; --input-tensor is the whole "
				 "input", picture_option);
	if (o->spec.checkpoint && o->spec.classes)
		return diag_fail(d, "--classes: with --checkpoint the classes are the "
				 "checkpoint's");
	if (o->spec.checkpoint && o->spec.weights)
		return diag_fail(d, "--checkpoint and --weights both give the weights; choose one");
	if (o->columns && report_check_columns(o->kind, o->format, o->columns, d))
		return -1;
	o->spec.config_path = o->config_path;
	o->spec.net_path = o->net_path;
	o->spec.sets = o->sets;
	return 0;
}
