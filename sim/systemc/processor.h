// processor.h: one of the accelerator's processors, and the quadrants they form.
//
// A processor has a pooling unit, a 3x3 convolution engine, a TRAM (line
// buffer) and its own weight memory.  All processors of a layer run in
// lockstep under the controller, so they are not processes of their own:
// the controller advances time for them and they keep their statistics.
// Plain objects, built for each run (see memories.h).
#ifndef DEXSIM_SYSTEMC_PROCESSOR_H
#define DEXSIM_SYSTEMC_PROCESSOR_H

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
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

	// A layer's region of `bytes` bytes from word `word` on (weightpack.h
	// gives its layout and size).  Only the regions layers use are held, zeroed
	// when first used: a timing-only run holds none, and a memory configured
	// far larger than the network costs nothing.
	std::uint8_t *kernels(int word, std::size_t bytes)
	{
		std::size_t start = static_cast<std::size_t>(word) * word_bytes;
		if (word < 0 || start + bytes > weight_bytes)
			throw std::out_of_range("kernels at word " + std::to_string(word) + ", " +
						std::to_string(bytes) + " bytes, past the weight memory");
		std::vector<std::uint8_t> &region = regions[word];
		if (region.size() < bytes)
			region.resize(bytes, 0);
		return region.data();
	}

	const int id;
	const int tram_entries;  // line-buffer capacity
	const int word_bytes;
	dexsim_processor_stats stats{};

private:
	std::size_t weight_bytes;
	std::map<int, std::vector<std::uint8_t>> regions; // by first word: layers' kernels
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
