// controller.cpp: the layer sequencer (see controller.h).
#include "controller.h"

#include <cmath>
#include <cstring>
#include <stdexcept>

extern "C" {
#include "compute.h"
}

namespace {

std::vector<int> processors_of(const procmask &mask, int processors)
{
	std::vector<int> list;
	for (int p = 0; p < processors; p++)
		if (procmask_has(&mask, p))
			list.push_back(p);
	return list;
}

struct TensorGuard {  // frees a tensor's data when the scope ends
	tensor t{};
	~TensorGuard() { tensor_free(&t); }
};

} // namespace

Controller::Controller(sc_core::sc_module_name name) : sc_module(name)
{
	SC_THREAD(serve);
}

void Controller::submit(const Run &run)
{
	run_ = run;
	period_ = sc_core::sc_time(1e3 / run_.map->hw->clock_mhz, sc_core::SC_NS);
	cycle_ = 0;
	stream_start_ = 0;
	error.clear();
	pending_ = true;
	submitted_.notify(sc_core::SC_ZERO_TIME);
}

// Waits for runs; between them nothing is scheduled, so sc_start() returns.
void Controller::serve()
{
	for (;;) {
		while (!pending_)
			wait(submitted_);
		pending_ = false;
		run();
	}
}

// Cycles are counted exactly; simulated time follows them.
void Controller::advance(int64_t cycles)
{
	cycle_ += cycles;
	wait(period_ * static_cast<double>(cycles));
}

Placement Controller::output_placement(int layer) const
{
	const mapped_layer &ml = run_.map->layers[layer];
	return { processors_of(ml.out_procs, run_.map->hw->processors), ml.out_offset, ml.out_passes,
		 4L * (ml.desc->write_gap + 1), ml.desc->output_width / 8, false };
}

Placement Controller::source_placement(int source) const
{
	if (source != LAYER_INPUT_NETWORK)
		return output_placement(source);
	const mapped_layer &first = run_.map->layers[0];
	return { processors_of(first.in_procs, run_.map->hw->processors), first.in_offset,
		 first.in_passes, 4, 1, run_.map->net->chw };
}

// Where channel c of a placed tensor lies: its instance, and the address of
// byte b of the value at pixel i, first + i * pixel_step + b * byte_step.
struct ChannelLane {
	DataMemory *memory;
	std::size_t first, pixel_step, byte_step;

	std::size_t address(std::size_t pixel, int byte) const
	{
		return first + pixel * pixel_step + static_cast<std::size_t>(byte) * byte_step;
	}
	// The highest address of `pixels` values of `bytes` bytes each.
	std::size_t last(std::size_t pixels, int bytes) const { return address(pixels - 1, bytes - 1); }
};

static ChannelLane lane_of(const Placement &at, int procs_per_instance, int c,
			   const std::vector<DataMemory *> &memories)
{
	int per_pass = static_cast<int>(at.processors.size());
	int p = at.processors.at(static_cast<std::size_t>(c % per_pass));
	DataMemory *memory = memories.at(static_cast<std::size_t>(p / procs_per_instance));
	if (at.chw)  // four pixels of the one channel per word
		return { memory, static_cast<std::size_t>(at.offset), 1, 0 };
	std::size_t word = static_cast<std::size_t>(at.word_stride);
	return { memory,
		 static_cast<std::size_t>(at.offset) +
			 static_cast<std::size_t>(c / per_pass * at.words_per_value) * word +
			 static_cast<std::size_t>(p % procs_per_instance),
		 static_cast<std::size_t>(at.passes * at.words_per_value) * word, word };
}

// 8-bit values take one byte each; 32-bit values four, the lowest first.
void Controller::store(const Placement &at, const tensor &t)
{
	std::size_t pixels = static_cast<std::size_t>(t.h) * t.w;
	for (int c = 0; c < t.c && pixels; c++) {
		ChannelLane lane = lane_of(at, run_.map->hw->procs_per_instance, c, run_.memories);
		std::uint8_t *memory = lane.memory->hold(lane.last(pixels, at.words_per_value));
		if (t.bits == 8) {
			const int8_t *values = static_cast<const int8_t *>(t.data) + c * pixels;
			for (std::size_t i = 0; i < pixels; i++)
				memory[lane.address(i, 0)] = static_cast<std::uint8_t>(values[i]);
			continue;
		}
		const int32_t *values = static_cast<const int32_t *>(t.data) + c * pixels;
		for (std::size_t i = 0; i < pixels; i++)
			for (int b = 0; b < at.words_per_value; b++)
				memory[lane.address(i, b)] =
					static_cast<std::uint8_t>(static_cast<std::uint32_t>(values[i]) >> (8 * b));
	}
}

void Controller::load(const Placement &at, tensor &t) const
{
	std::size_t pixels = static_cast<std::size_t>(t.h) * t.w;
	for (int c = 0; c < t.c && pixels; c++) {
		ChannelLane lane = lane_of(at, run_.map->hw->procs_per_instance, c, run_.memories);
		// Bytes never written read as zero, as they do one at a time.
		const std::uint8_t *memory = lane.memory->hold(lane.last(pixels, at.words_per_value));
		if (t.bits == 8) {
			int8_t *values = static_cast<int8_t *>(t.data) + c * pixels;
			for (std::size_t i = 0; i < pixels; i++)
				values[i] = static_cast<int8_t>(memory[lane.address(i, 0)]);
			continue;
		}
		int32_t *values = static_cast<int32_t *>(t.data) + c * pixels;
		for (std::size_t i = 0; i < pixels; i++) {
			std::uint32_t v = 0;
			for (int b = 0; b < at.words_per_value; b++)
				v |= static_cast<std::uint32_t>(memory[lane.address(i, b)]) << (8 * b);
			values[i] = static_cast<int32_t>(v);
		}
	}
}

// A streamed tensor passes through the FIFOs or a rolling buffer of a few
// rows, not as a whole through data memory: the controller hands it over.
bool Controller::streamed(int source) const
{
	return source == LAYER_INPUT_NETWORK ? run_.map->layers[0].desc->streaming
					     : mapping_streams_output(run_.map, source);
}

// The streaming layers run interleaved while the host writes the input into
// the FIFOs; when the host is slower, the engine waits for it.  Cycles the
// last streaming layer adds so that the run of them lasts as long as the
// input takes to arrive.
int64_t Controller::fifo_wait() const
{
	const hw_config &hw = *run_.map->hw;
	int64_t input_words, weight_words;
	timing_host_words(&hw, run_.map, &input_words, &weight_words);
	double arrival = static_cast<double>(input_words) * timing_word_us(&hw, hw.clock_mhz) *
			 hw.clock_mhz;
	int64_t elapsed = cycle_ - stream_start_;
	// Whole cycles; the margin keeps a rounding error from adding one.
	int64_t needed = static_cast<int64_t>(std::ceil(arrival - 1e-6));
	return needed > elapsed ? needed - elapsed : 0;
}

void Controller::run()
{
	try {
		if (!run_.timing_only && !streamed(LAYER_INPUT_NETWORK))
			store(source_placement(LAYER_INPUT_NETWORK), *run_.input);
		advance(run_.map->hw->timing.startup);
		for (int i = 0; i < run_.map->n_layers && error.empty(); i++)
			run_layer(i);
		// A trace records values when time moves on: let it see the end.
		if (probes_)
			wait(sc_core::sc_time(1, sc_core::SC_PS));
	} catch (const std::exception &e) {
		error = std::string("model: ") + e.what();
	}
	run_.result->cycles = cycle_;
}

void Controller::run_layer(int index)
{
	const mapped_layer &ml = run_.map->layers[index];
	const layer_desc &l = *ml.desc;
	layer_timing t;
	TensorGuard out;

	timing_layer(run_.map->hw, &ml, &t);
	if (!run_.timing_only) {
		// The processors compute on what the data memories hold.
		int n = l.n_inputs ? l.n_inputs : 1;
		std::vector<TensorGuard> sources(static_cast<std::size_t>(n));
		const tensor *inputs[LAYER_MAX_INPUTS];
		for (int k = 0; k < n; k++) {
			int src = l.n_inputs ? l.inputs[k] : index - 1;
			const tensor &shape = src == LAYER_INPUT_NETWORK ? *run_.input
									  : run_.result->outputs[src];
			if (tensor_alloc(&sources[k].t, shape.c, shape.h, shape.w, shape.bits))
				throw std::bad_alloc();
			if (streamed(src))
				std::memcpy(sources[k].t.data, shape.data,
					    tensor_count(&shape) * static_cast<std::size_t>(shape.bits / 8));
			else
				load(source_placement(src), sources[k].t);
			inputs[k] = &sources[k].t;
		}
		// The kernels come from the weight memories (each input processor's
		// holds the layer's), the biases from the quadrant's bias memory.
		const layer_weights &given = run_.weights->layers[index];
		const kern_kernels *kernels =
			given.kernels ? processor_of(run_.quadrants, procmask_first(&ml.in_procs))
						.kernels(ml.kernel_offset)
				      : nullptr;
		std::vector<int8_t> bias;
		if (given.bias) {
			const BiasMemory &memory = run_.quadrants.at(ml.bias_quadrant)->bias;
			for (int o = 0; o < ml.out_channels; o++)
				bias.push_back(memory.read(static_cast<std::size_t>(ml.bias_offset + o)));
		}
		diag d;
		if (compute_layer(&ml, inputs, kernels, given.bias ? bias.data() : nullptr, &out.t,
				  &d)) {
			error = d.msg;
			return;
		}
	}

	int64_t start = cycle_;
	if (index == 0)
		stream_start_ = start;
	if (probes_) {
		probes_->layer_begins(ml);
		probes_->row_kind(ml, PROBE_SETUP);
	}
	advance(t.fixed);
	// Rows of a kind all cost the same: time moves once for all of them.
	for (int kind = 0; kind < ROW_KINDS; kind++) {
		if (!t.rows[kind])
			continue;
		if (probes_)
			probes_->row_kind(ml, kind);
		advance(t.rows[kind] * timing_row(&t, static_cast<row_kind>(kind)));
	}
	int64_t wait_cycles = l.streaming && !streamed(index) ? fifo_wait() : 0;
	if (probes_ && wait_cycles)
		probes_->row_kind(ml, PROBE_FIFO_WAIT);
	advance(wait_cycles);
	if (probes_)
		probes_->layer_ends();
	account(ml, t, cycle_ - start);
	run_.result->layers[index] = { start, cycle_ - start };

	if (!run_.timing_only) {
		// The output goes into its data memories (a streamed one straight to
		// the next layer), where the layers that read it load it from; the
		// run keeps it as the layer's result.
		if (!streamed(index))
			store(output_placement(index), out.t);
		run_.result->outputs[index] = out.t;
		out.t = tensor{};
	}
}

// Statistics of the processors and instances that took part in a layer, kept
// per layer and added to each processor's and instance's whole-run counts.
void Controller::account(const mapped_layer &ml, const layer_timing &t, int64_t cycles)
{
	int ppi = run_.map->hw->procs_per_instance;
	std::vector<int> in = processors_of(ml.in_procs, run_.map->hw->processors);
	std::vector<int> out = processors_of(ml.out_procs, run_.map->hw->processors);
	model_result &r = *run_.result;
	dexsim_processor_stats *procs = r.layer_processors + ml.index * r.n_processors;
	dexsim_memory_stats *mems = r.layer_instances + ml.index * r.n_instances;
	int per_pass = static_cast<int>(in.size());

	for (int k = 0; k < per_pass; k++) {
		dexsim_processor_stats &s = procs[in[k]];
		// Input channels k, k + per_pass, ... sit on this processor.
		int64_t channels = (ml.in_channels - k + per_pass - 1) / per_pass;
		s.active_cycles += cycles;
		s.macs += ml.in_channels ? ml.macs * channels / ml.in_channels : 0;
		s.mem_reads += t.reads;
		s.tram_writes += t.tram_writes;
		s.weight_words += ml.kernel_words;
		mems[in[k] / ppi].reads = t.reads;
	}
	for (int p : out) {
		procs[p].mem_writes += t.writes;
		mems[p / ppi].writes = t.writes;
	}
	for (int p = 0; p < run_.result->n_processors; p++) {
		dexsim_processor_stats &whole = processor_of(run_.quadrants, p).stats;
		whole.active_cycles += procs[p].active_cycles;
		whole.macs += procs[p].macs;
		whole.mem_reads += procs[p].mem_reads;
		whole.mem_writes += procs[p].mem_writes;
		whole.tram_writes += procs[p].tram_writes;
		whole.weight_words += procs[p].weight_words;
	}
	for (int i = 0; i < run_.result->n_instances; i++) {
		run_.memories.at(static_cast<std::size_t>(i))->reads += mems[i].reads;
		run_.memories.at(static_cast<std::size_t>(i))->writes += mems[i].writes;
	}
}
