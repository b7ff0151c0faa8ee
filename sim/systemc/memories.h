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

// A memory of `size` bytes held up to the highest byte written, zeroed as it
// grows (doubling, from a block the size of a real data-memory instance);
// bytes never written read as zero.  A timing-only run never writes, and a
// memory configured far larger than the network uses costs only what is used.
template <typename Byte> class HeldBytes {
public:
	HeldBytes(const char *what, std::size_t size) : what_(what), size_(size) {}

	Byte read(std::size_t address) const
	{
		check(address);
		return address < bytes_.size() ? bytes_[address] : 0;
	}
	void write(std::size_t address, Byte value) { hold(address)[address] = value; }

	// The memory's bytes, held at least up to `last`: for a run of accesses
	// that ends there, checked once.
	Byte *hold(std::size_t last)
	{
		check(last);
		if (last >= bytes_.size())
			bytes_.resize(std::min(size_, std::max({ last + 1, 2 * bytes_.size(),
								 first_block })),
				      0);
		return bytes_.data();
	}

private:
	void check(std::size_t address) const
	{
		if (address >= size_)
			throw std::out_of_range(std::string(what_) + " address " +
						std::to_string(address) + " past its " +
						std::to_string(size_) + " bytes");
	}

	static constexpr std::size_t first_block = 128 * 1024;
	const char *what_;
	std::size_t size_;
	std::vector<Byte> bytes_;
};

// A data-memory instance: its bytes, and the words the controller charged.
class DataMemory : public HeldBytes<std::uint8_t> {
public:
	explicit DataMemory(std::size_t bytes) : HeldBytes("data memory", bytes) {}

	std::int64_t reads = 0, writes = 0;
};

// One quadrant's bias bytes; a layer's biases lie at the offset the mapping chose.
class BiasMemory : public HeldBytes<std::int8_t> {
public:
	explicit BiasMemory(std::size_t bytes) : HeldBytes("bias memory", bytes) {}
};

#endif
