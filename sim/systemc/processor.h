// processor.h: one of the accelerator's processors, and the quadrants they form.
//
// A processor has a pooling unit, a 3x3 convolution engine, a TRAM (line
// buffer) and its own weight memory.  All processors of a layer run in
// lockstep under the controller, so they are not processes of their own:
// the controller advances time for them and they keep their statistics.
// Plain objects, built for each run (see memories.h).
#ifndef DEXSIM_SYSTEMC_PROCESSOR_H
#define DEXSIM_SYSTEMC_PROCESSOR_H

#include <memory>
#include <vector>

#include "memories.h"
#include "model.h"

class Processor {
public:
	Processor(int id, int tram_entries, int weight_words, int word_bits)
		: id(id), tram_entries(tram_entries), word_bytes(word_bits / 8),
		  weight_bytes(static_cast<std::size_t>(weight_words) * (word_bits / 8))
	{
	}

	// The kernels from word `word` on (weightpack.h gives their layout).  The
	// memory is zeroed when first used: a timing-only run never uses it.
	std::uint8_t *kernels(int word)
	{
		if (weight_memory.empty())
			weight_memory.assign(weight_bytes, 0);
		return &weight_memory.at(static_cast<std::size_t>(word) * word_bytes);
	}

	const int id;
	const int tram_entries;  // line-buffer capacity
	const int word_bytes;
	dexsim_processor_stats stats{};

private:
	std::size_t weight_bytes;
	std::vector<std::uint8_t> weight_memory;
};

class Quadrant {
public:
	Quadrant(int first_processor, int count, int bias_bytes, int tram_entries,
		 const hw_config &hw)
		: bias(static_cast<std::size_t>(bias_bytes))
	{
		for (int p = first_processor; p < first_processor + count; p++)
			processors.push_back(std::make_unique<Processor>(
				p, tram_entries, hwconfig_weight_words(&hw, p), hw.weight_word_bits));
	}

	BiasMemory bias;
	std::vector<std::unique_ptr<Processor>> processors;
};

// Processor `id` of a list of quadrants (owned or not), which hold equal shares.
template <typename Quadrants> Processor &processor_of(const Quadrants &quadrants, int id)
{
	int per_quadrant = static_cast<int>(quadrants.front()->processors.size());
	return *quadrants.at(static_cast<std::size_t>(id / per_quadrant))
			->processors.at(static_cast<std::size_t>(id % per_quadrant));
}

#endif
