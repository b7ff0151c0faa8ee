// controller.h: the controller that sequences the layers.
//
// One thread for the whole accelerator: for each layer it loads the layer's
// configuration, has the input processors stream the input rows through
// their TRAMs and the output rows into data memory, and advances simulated
// time by each row's cost (timing.h).  Unless timing only, it also runs the
// layer's arithmetic on the data it reads from the data memories and writes
// the result back, so each layer computes on what the previous one stored.
// Streaming layers take their input as it arrives (through the FIFOs from the
// host, or row by row from the streaming layer before them): those tensors
// are handed over, not stored whole.
#ifndef DEXSIM_SYSTEMC_CONTROLLER_H
#define DEXSIM_SYSTEMC_CONTROLLER_H

#include <string>
#include <systemc>
#include <vector>

#include "memories.h"
#include "model.h"
#include "probes.h"
#include "processor.h"

extern "C" {
#include "timing.h"
}

// Where a tensor lies: which processors' lanes, from which offset, how many passes.
struct Placement {
	std::vector<int> processors;  // the processors of one pass, in channel order
	long offset;                  // bytes into each instance
	int passes;
	long word_stride;             // bytes from one stored word to the next
	int words_per_value;          // 1, or 4 for 32-bit values
	bool chw;                     // one channel per instance, four pixels per word
};

// One run: the accelerator built for it, and what to run on it.
struct Run {
	const mapping *map;
	const weight_set *weights;
	const tensor *input;
	bool timing_only;
	std::vector<DataMemory *> memories;
	std::vector<Quadrant *> quadrants;
	model_result *result;
};

// The controller is elaborated once per process; its thread serves one run
// after another, each on the components built for it, so a process can run
// many simulations, of different networks and hardware descriptions.
class Controller : public sc_core::sc_module {
public:
	SC_HAS_PROCESS(Controller);
	explicit Controller(sc_core::sc_module_name name);

	// Hands a run to the thread; sc_start() then simulates it and returns.
	void submit(const Run &run);

	std::string error;  // set when the last run stopped early

	// Records runs into a VCD trace file: only before the simulation has
	// started, as a trace's signals are fixed then (so, a process's first run).
	void trace(sc_core::sc_trace_file *tf, const hw_config &hw)
	{
		probes_ = std::make_unique<Probes>(tf, hw);
	}
	void untrace() { probes_.reset(); }

private:
	void serve();
	void run();
	void advance(int64_t cycles);
	bool streamed(int source) const;
	int64_t fifo_wait() const;
	void run_layer(int index);
	void account(const mapped_layer &ml, const layer_timing &t, int64_t cycles);
	Placement output_placement(int layer) const;
	Placement source_placement(int source) const;
	void store(const Placement &at, const tensor &t);
	void load(const Placement &at, tensor &t) const;

	Run run_{};  // the run being served
	sc_core::sc_time period_;
	int64_t cycle_ = 0;
	int64_t stream_start_ = 0;  // when the streaming layers began
	std::unique_ptr<Probes> probes_;  // only when tracing

	sc_core::sc_event submitted_;
	bool pending_ = false;
};

#endif
