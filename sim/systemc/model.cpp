// model.cpp: the accelerator built for each run, and the C entry point (see model.h).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <memory>
#include <new>
#include <vector>

#include "controller.h"
#include "memories.h"
#include "model.h"
#include "processor.h"

namespace {

// The accelerator as one run's hardware description builds it: plain
// components, loaded with the biases and kernels where the mapping placed them.
struct Accelerator {
	explicit Accelerator(const mapping &m, const weight_set &ws)
	{
		const hw_config &hw = *m.hw;
		int per_quadrant = hw.processors / hw.quadrants;

		for (int q = 0; q < hw.quadrants; q++)
			quadrants.push_back(std::make_unique<Quadrant>(q * per_quadrant, per_quadrant,
								       hw.bias_bytes_per_quadrant,
								       hw.tram_entries, hw));
		for (int i = 0; i < hwconfig_instances(&hw); i++)
			memories.push_back(std::make_unique<DataMemory>(
				static_cast<std::size_t>(hwconfig_instance_bytes(&hw))));
		// A timing-only run may have no weights at all.
		for (int i = 0; i < ws.n_layers; i++)
			for (int o = 0; ws.layers[i].bias && o < m.layers[i].out_channels; o++)
				quadrants.at(m.layers[i].bias_quadrant)
					->bias.write(static_cast<std::size_t>(m.layers[i].bias_offset + o),
						     ws.layers[i].bias[o]);

		// Every layer's kernels go to its input processors' weight memories.
		for (int i = 0; i < m.n_layers; i++) {
			const mapped_layer &ml = m.layers[i];
			const kern_kernels *kernels = i < ws.n_layers ? ws.layers[i].kernels : nullptr;
			for (int p = 0; ml.kernel_words && p < hw.processors; p++)
				if (procmask_has(&ml.in_procs, p))
					processor_of(quadrants, p)
						.place_kernels(ml.kernel_offset, ml.kernel_words, kernels);
		}
	}

	Run run(const mapping &m, const weight_set &ws, const tensor &input, bool timing_only,
		model_result &result) const
	{
		Run r{ &m, &ws, &input, timing_only, {}, {}, &result };
		for (auto &mem : memories)
			r.memories.push_back(mem.get());
		for (auto &quad : quadrants)
			r.quadrants.push_back(quad.get());
		return r;
	}

	std::vector<std::unique_ptr<Quadrant>> quadrants;
	std::vector<std::unique_ptr<DataMemory>> memories;
};

// SystemC elaborates once per process: the controller is built before the
// first run and serves every run after it.
Controller &the_controller()
{
	static Controller *controller = nullptr;
	if (!controller) {
		// The kernel's banner would mix with the report on standard output.
		setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
		controller = new Controller("controller");
	}
	return *controller;
}

template <typename T> T *zeroed(int n)
{
	T *p = static_cast<T *>(std::calloc(n > 0 ? static_cast<std::size_t>(n) : 1, sizeof(T)));
	if (!p)
		throw std::bad_alloc();
	return p;
}

} // namespace

// libsystemc's own main() calls sc_main; dexsim has its own main() and
// drives the kernel through model_run, so this is never reached.
int sc_main(int, char *[])
{
	return EXIT_FAILURE;
}

// SystemC names the file it traces into NAME.vcd: the run traces into
// PATH.partial.vcd, renamed to PATH once the run has succeeded.
struct TraceFile {
	sc_core::sc_trace_file *tf = nullptr;
	std::string partial;

	explicit TraceFile(const char *path)
	{
		if (!path)
			return;
		partial = std::string(path) + ".partial.vcd";
		// SystemC does not check that it can write the file (it fails later,
		// badly): try first.
		std::FILE *fp = std::fopen(partial.c_str(), "w");
		if (!fp)
			return;
		std::fclose(fp);
		tf = sc_core::sc_create_vcd_trace_file((std::string(path) + ".partial").c_str());
		// Its notes would mix with the report on standard output.
		sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
		tf->set_time_unit(1, sc_core::SC_PS);
	}
	// Returns 0, or -1 with errno set when the file cannot be put in place.
	int commit(const char *path)
	{
		sc_core::sc_close_vcd_trace_file(tf);
		tf = nullptr;
		return std::rename(partial.c_str(), path);
	}
	// Closes and removes the file of a run that failed.
	void discard()
	{
		if (!tf)
			return;
		sc_core::sc_close_vcd_trace_file(tf);
		tf = nullptr;
		std::remove(partial.c_str());
	}
	~TraceFile() { discard(); }
};

extern "C" int model_run(const struct mapping *m, const struct weight_set *ws,
			 const struct tensor *input, bool timing_only, const char *vcd,
			 struct model_result *r, struct diag *d)
{
	*r = model_result{};
	try {
		r->n_layers = m->n_layers;
		r->n_processors = m->hw->processors;
		r->n_instances = hwconfig_instances(m->hw);
		r->layers = zeroed<model_layer_stats>(r->n_layers);
		r->instances = zeroed<dexsim_memory_stats>(r->n_instances);
		r->processors = zeroed<dexsim_processor_stats>(r->n_processors);
		r->layer_processors = zeroed<dexsim_processor_stats>(r->n_layers * r->n_processors);
		r->layer_instances = zeroed<dexsim_memory_stats>(r->n_layers * r->n_instances);
		if (!timing_only)
			r->outputs = zeroed<tensor>(r->n_layers);

		Accelerator accel(*m, *ws);
		Controller &controller = the_controller();
		// A trace's signals are fixed when the simulation starts.
		if (vcd && sc_core::sc_start_of_simulation_invoked()) {
			diag_fail(d, "--vcd %s: only the first run of a process can be traced", vcd);
			model_result_free(r);
			return -2;
		}
		TraceFile trace(vcd);
		if (vcd && !trace.tf) {
			diag_fail(d, "--vcd %s: cannot create %s: %s", vcd, trace.partial.c_str(),
				  std::strerror(errno));
			model_result_free(r);
			return -2;
		}
		if (trace.tf)
			controller.trace(trace.tf, *m->hw);
		controller.submit(accel.run(*m, *ws, *input, timing_only, *r));
		sc_core::sc_start();
		bool failed = !controller.error.empty();
		int traced = 0;
		if (failed)
			trace.discard();
		else if (trace.tf)
			traced = trace.commit(vcd);
		controller.untrace();  // its probes were the closed file's
		if (failed) {
			diag_fail(d, "%s", controller.error.c_str());
			model_result_free(r);
			return -1;
		}
		if (traced) {
			diag_fail(d, "--vcd %s: %s", vcd, std::strerror(errno));
			model_result_free(r);
			return -2;
		}
		for (int q = 0; q < m->hw->quadrants; q++)
			for (auto &p : accel.quadrants[q]->processors)
				r->processors[p->id] = p->stats;
		for (int i = 0; i < r->n_instances; i++)
			r->instances[i] = { accel.memories[i]->reads, accel.memories[i]->writes };
	} catch (const std::bad_alloc &) {
		model_result_free(r);
		return diag_fail(d, "out of memory");
	} catch (const std::exception &e) {
		model_result_free(r);
		return diag_fail(d, "model: %s", e.what());
	}
	return 0;
}

extern "C" void model_result_free(struct model_result *r)
{
	for (int i = 0; r->outputs && i < r->n_layers; i++)
		tensor_free(&r->outputs[i]);
	std::free(r->outputs);
	std::free(r->layers);
	std::free(r->processors);
	std::free(r->instances);
	std::free(r->layer_processors);
	std::free(r->layer_instances);
	*r = model_result{};
}
