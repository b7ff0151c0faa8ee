// probes.h: what a VCD trace of a run shows.
//
// Plain values that SystemC's tracing (sc_trace) samples whenever simulated
// time moves: the layer being run, the kind of row it is on, and per
// processor, data-memory instance and bias memory whether it is at work.  The
// controller sets them as a layer begins, as it moves from one kind of row to
// the next, and as the layer ends; without a trace it has no probes at all,
// so a run without tracing does none of this.
#ifndef DEXSIM_SYSTEMC_PROBES_H
#define DEXSIM_SYSTEMC_PROBES_H

#include <memory>
#include <string>
#include <systemc>

extern "C" {
#include "mapping.h"
#include "timing.h"
}

// Codes of `row`, beyond the row kinds of timing.h.
enum { PROBE_IDLE = -1, PROBE_SETUP = ROW_KINDS, PROBE_FIFO_WAIT = ROW_KINDS + 1 };

class Probes {
public:
	Probes(sc_core::sc_trace_file *tf, const hw_config &hw)
		: hw_(hw), active_(new bool[hw.processors]()),
		  reading_(new bool[hwconfig_instances(&hw)]()),
		  writing_(new bool[hwconfig_instances(&hw)]()), bias_(new bool[hw.quadrants]())
	{
		sc_core::sc_trace(tf, layer_, "layer");
		sc_core::sc_trace(tf, row_, "row");
		for (int p = 0; p < hw.processors; p++)
			sc_core::sc_trace(tf, active_[p], "processor" + std::to_string(p) + ".active");
		for (int i = 0; i < hwconfig_instances(&hw); i++) {
			sc_core::sc_trace(tf, reading_[i], "memory" + std::to_string(i) + ".read");
			sc_core::sc_trace(tf, writing_[i], "memory" + std::to_string(i) + ".write");
		}
		for (int q = 0; q < hw.quadrants; q++)
			sc_core::sc_trace(tf, bias_[q], "quadrant" + std::to_string(q) + ".bias");
	}

	// The layer's input processors work, reading their instances.
	void layer_begins(const mapped_layer &ml)
	{
		layer_ = ml.index;
		for (int p = 0; p < hw_.processors; p++) {
			active_[p] = procmask_has(&ml.in_procs, p);
			if (active_[p])
				reading_[p / hw_.procs_per_instance] = true;
		}
	}

	// Rows that complete output rows also write the output instances and read
	// the layer's biases.
	void row_kind(const mapped_layer &ml, int kind)
	{
		bool writes = kind == ROW_CONV || kind == ROW_PAD_BOTTOM || kind == ROW_PASS;
		row_ = kind;
		for (int p = 0; p < hw_.processors; p++)
			if (procmask_has(&ml.out_procs, p))
				writing_[p / hw_.procs_per_instance] = writes;
		if (ml.bias_bytes)
			bias_[ml.bias_quadrant] = writes;
	}

	void layer_ends()
	{
		layer_ = -1;
		row_ = PROBE_IDLE;
		for (int p = 0; p < hw_.processors; p++)
			active_[p] = false;
		for (int i = 0; i < hwconfig_instances(&hw_); i++)
			reading_[i] = writing_[i] = false;
		for (int q = 0; q < hw_.quadrants; q++)
			bias_[q] = false;
	}

private:
	const hw_config &hw_;
	int layer_ = -1;
	int row_ = PROBE_IDLE;
	std::unique_ptr<bool[]> active_, reading_, writing_, bias_;
};

#endif
