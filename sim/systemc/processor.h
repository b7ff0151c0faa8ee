// processor.h: one of the accelerator's processors, and the quadrants they form.
//
// A processor has a pooling unit, a 3x3 convolution engine, a TRAM (line
// buffer) and its own weight memory.  All processors of a layer run in
// lockstep under the controller, so they are not processes of their own:
// the controller advances time for them and they keep their statistics.
// Plain objects, built for each run (see memories.h).
#ifndef DEXSIM_SYSTEMC_PROCESSOR_H
#define DEXSIM_SYSTEMC_PROCESSOR_H

#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "memories.h"
#include "model.h"

extern "C" {
#include "kernels.h"
}

class Processor {
public:
	Processor(int id, int tram_entries, int weight_words)
		: id(id), tram_entries(tram_entries), weight_words(weight_words)
	{
	}

	// Places a layer's kernels: `words` words from word `word` on.  The memory
	// holds them as the arithmetic reads them (kernels.h; NULL in a
	// timing-only run), the layer's whole set on each of its processors.  The
	// chip packs them into 72-bit words, sub-byte weights sharing bytes;
	// packing them and reading them back would change no result, so the model
	// does neither.  Regions must lie inside the memory and must not overlap.
	void place_kernels(int word, int words, const kern_kernels *kernels)
	{
		if (word < 0 || words < 0 || word + words > weight_words)
			throw std::out_of_range("kernels at word " + std::to_string(word) + ", " +
						std::to_string(words) + " words, past the " +
						std::to_string(weight_words) + "-word weight memory of processor " +
						std::to_string(id));
		auto next = regions.lower_bound(word);
		bool overlaps = (next != regions.end() && next->first < word + words) ||
				(next != regions.begin() &&
				 std::prev(next)->first + std::prev(next)->second.words > word);
		if (overlaps)
			throw std::logic_error("kernels at word " + std::to_string(word) +
					       " overlap another layer's on processor " +
					       std::to_string(id));
		regions[word] = { words, kernels };
	}
	// The kernels placed at `word`.
	const kern_kernels *kernels(int word) const
	{
		auto region = regions.find(word);
		if (region == regions.end())
			throw std::logic_error("no kernels at word " + std::to_string(word) +
					       " of processor " + std::to_string(id));
		return region->second.kernels;
	}

	const int id;
	const int tram_entries;  // line-buffer capacity
	dexsim_processor_stats stats{};

private:
	struct Region {
		int words;
		const kern_kernels *kernels;
	};
	int weight_words;
	std::map<int, Region> regions; // by first word
};

class Quadrant {
public:
	Quadrant(int first_processor, int count, int bias_bytes, int tram_entries,
		 const hw_config &hw)
		: bias(static_cast<std::size_t>(bias_bytes))
	{
		for (int p = first_processor; p < first_processor + count; p++)
			processors.push_back(std::make_unique<Processor>(
				p, tram_entries, hwconfig_weight_words(&hw, p)));
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
