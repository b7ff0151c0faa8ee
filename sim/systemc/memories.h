// memories.h: the accelerator's data and bias memories.
//
// A data-memory instance is single-ported: 32-bit words shared by the
// consecutive processors that use it, one byte lane each in HWC layout.
// Accesses are plain function calls; the controller charges their time per
// row (timing.h), and each instance counts the words it read and wrote.
// They are plain objects, not SystemC modules, so that each run can build the
// accelerator its hardware description asks for (see controller.h).
#ifndef DEXSIM_SYSTEMC_MEMORIES_H
#define DEXSIM_SYSTEMC_MEMORIES_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

class DataMemory {
public:
	explicit DataMemory(std::size_t bytes) : size_(bytes) {}

	std::uint8_t read(std::size_t address) const
	{
		check(address);
		return address < bytes_.size() ? bytes_[address] : 0;
	}
	void write(std::size_t address, std::uint8_t value)
	{
		check(address);
		if (address >= bytes_.size())
			bytes_.resize(std::min(size_, std::max({ address + 1, 2 * bytes_.size(),
								 first_block })),
				      0);
		bytes_[address] = value;
	}

	std::int64_t reads = 0, writes = 0; // words, as charged by the controller

private:
	void check(std::size_t address) const
	{
		if (address >= size_)
			throw std::out_of_range("data memory address " + std::to_string(address) +
						" past its " + std::to_string(size_) + " bytes");
	}

	// Held up to the highest byte written, zeroed as it grows (doubling, from
	// a block the size of a real instance): a timing-only run never writes,
	// and an instance configured far larger than the network uses costs only
	// what is used.
	static constexpr std::size_t first_block = 128 * 1024;
	std::size_t size_;
	std::vector<std::uint8_t> bytes_;
};

// One quadrant's bias bytes; a layer's biases lie at the offset the mapping
// chose.  Held up to the highest byte written, like a data-memory instance.
class BiasMemory {
public:
	explicit BiasMemory(std::size_t bytes) : size_(bytes) {}

	std::int8_t read(std::size_t address) const
	{
		check(address);
		return address < bytes_.size() ? bytes_[address] : 0;
	}
	void write(std::size_t address, std::int8_t value)
	{
		check(address);
		if (address >= bytes_.size())
			bytes_.resize(address + 1, 0);
		bytes_[address] = value;
	}

private:
	void check(std::size_t address) const
	{
		if (address >= size_)
			throw std::out_of_range("bias memory address " + std::to_string(address) +
						" past its " + std::to_string(size_) + " bytes");
	}

	std::size_t size_;
	std::vector<std::int8_t> bytes_;
};

#endif
