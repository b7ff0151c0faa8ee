/* main.c: the dexsim command line.
 *
 * Reads a hardware description and a network description, places the network
 * on the hardware and reports the result.  Usage and input errors exit with
 * status 2; a report file is written atomically or not at all.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "diag.h"
#include "dump.h"
#include "options.h"
#include "outfile.h"
#include "report.h"
#include "session.h"
#include "timeline.h"

#define EXIT_USAGE 2

static void usage(FILE *fp)
{
	fputs("Usage: dexsim --config HW --net NET [options]\n"
	      "  or:  dexsim --batch FILE [--format FMT] [--output FILE]\n"
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
	      "                         of a picture and an input mode (- reads standard input)\n"
	      "      --seed N           seed of synthetic weights and input (default 1)\n"
	      "      --dump DIR         write the input and every layer's output as DIR/*.npy\n"
	      "      --timing-only      skip the arithmetic (cycles and statistics only)\n"
	      "      --image FILE       the input picture (PNG, PPM or PGM; - reads standard\n"
	      "                         input); default: synthetic\n"
	      "      --source-size S    resize the picture to S x S first (default 350)\n"
	      "      --resolution N     input rows and columns (default: the network's)\n"
	      "      --channels C       DEX channels, 3 up to the processors (default: all)\n"
	      "      --overlap-data     let a layer overwrite the data only it reads\n"
	      "                         (as ai8xize.py --overlap-data lays data out)\n"
	      "  -f, --format FMT       table (default), csv or json\n"
	      "  -r, --report KIND      summary (default), layers, or per layer and processor\n"
	      "                         (processors) or data-memory instance (memories)\n"
	      "      --columns A,B,...  the report's columns, in that order (all: every one;\n"
	      "                         default: all in CSV and JSON, a few in the table)\n"
	      "  -o, --output FILE      write the report to FILE (atomically)\n"
	      "      --timeline FILE    write the run as a trace-event timeline (Perfetto)\n"
	      "      --vcd FILE         trace the run as VCD waveforms (GTKWave)\n"
	      "      --batch FILE       run each line's options (- reads standard input);\n"
	      "                         one table, a row per line, with a status column\n"
	      "  -h, --help             show this help\n"
	      "  -V, --version          show the version\n",
	      fp);
}

static int write_timeline(const char *path, const struct session *s, struct diag *d)
{
	struct outfile out;

	if (outfile_open(&out, path, d))
		return -1;
	timeline_write(out.fp, &s->map, &s->model);
	return outfile_commit(&out, d);
}

/* Simulates and reports; frees what it made on every path. */
static int run(const struct options *o, int argc, char *const *argv)
{
	struct session s;
	struct outfile out;
	struct diag d;
	char config_name[256];
	int status;

	if (session_open(&s, &o->spec, &d)) {
		fprintf(stderr, "dexsim: %s\n", d.msg);
		return EXIT_USAGE;
	}
	/* A trace that cannot be written is an output error, not an input error. */
	status = session_simulate(&s, o->spec.timing_only, o->vcd, &d);
	if (status) {
		status = status == -2 ? 1 : EXIT_USAGE;
		goto fail;
	}
	/* Outputs that cannot be written are not input errors. */
	status = 1;
	if ((o->dump && dump_write(o->dump, &s.map, &s.input, s.model.outputs, &d)) ||
	    (o->timeline && write_timeline(o->timeline, &s, &d)) || outfile_open(&out, o->output, &d))
		goto fail;
	options_config_name(o->config_path, config_name, sizeof config_name);
	report_write(out.fp,
		     &(struct report_run){ config_name, &s.mode, s.info_ratio, &s.map, &s.model,
					   &(struct report_origin){ argc, argv, &o->spec } },
		     o->kind, o->format, o->columns);
	status = outfile_commit(&out, &d) ? 1 : 0;
	if (status == 0)
		goto done;
fail:
	fprintf(stderr, "dexsim: %s\n", d.msg);
done:
	session_close(&s);
	return status;
}

/* A batch takes only where its table goes and in what format. */
static int run_batch(const struct options *o)
{
	struct diag d;
	int status;

	for (int i = 0; i < o->n_given; i++) {
		const char *name = o->given[i].name;
		if (strcmp(name, "batch") && strcmp(name, "format") && strcmp(name, "output")) {
			fprintf(stderr, "dexsim: --%s: with --batch, the runs' options go in the "
				"batch's lines\nTry 'dexsim --help'.\n", name);
			return EXIT_USAGE;
		}
	}
	status = batch_run(o->batch, o->format, o->output, &d);
	if (status)
		fprintf(stderr, "dexsim: %s\n", d.msg);
	return status;
}

int main(int argc, char **argv)
{
	static struct options o;
	struct diag d;

	if (options_parse(&o, argc, argv, &d)) {
		fprintf(stderr, "dexsim: %s\nTry 'dexsim --help'.\n", d.msg);
		return EXIT_USAGE;
	}
	if (o.help) {
		usage(stdout);
		/* configure.ac's AC_INIT names it; help2man makes it the man page's
		 * REPORTING BUGS.  Until the project has one, the line is left out. */
		if (PACKAGE_BUGREPORT[0] != '\0')
			printf("\nReport bugs to: %s\n", PACKAGE_BUGREPORT);
		return 0;
	}
	if (o.version) {
		puts(PACKAGE_STRING "\n"
		     "Copyright (C) 2026 the dexsim authors.\n"
		     "License Apache-2.0: <https://www.apache.org/licenses/LICENSE-2.0>.\n"
		     "This is free software: you are free to change and redistribute it.\n"
		     "There is NO WARRANTY, to the extent permitted by law.");
		return 0;
	}
	return o.batch ? run_batch(&o) : run(&o, argc, argv);
}
