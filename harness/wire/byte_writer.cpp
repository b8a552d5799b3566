#include "wire/byte_writer.hpp"

#include <stdexcept>

namespace harness::wire {

void ByteWriter::u16(std::uint16_t value) {
    out_.push_back(static_cast<std::uint8_t>(value >> 8U));
    out_.push_back(static_cast<std::uint8_t>(value));
}

void ByteWriter::u32(std::uint32_t value) {
    u16(static_cast<std::uint16_t>(value >> 16U));
    u16(static_cast<std::uint16_t>(value));
}

void ByteWriter::u64(std::uint64_t value) {
    u32(static_cast<std::uint32_t>(value >> 32U));
    u32(static_cast<std::uint32_t>(value));
}

void ByteWriter::patch_u16(std::size_t at, std::uint16_t value) {
    if (at + 2 > out_.size()) {
        throw std::out_of_range("ByteWriter::patch_u16 past the end");
    }
    out_[at] = static_cast<std::uint8_t>(value >> 8U);
    out_[at + 1] = static_cast<std::uint8_t>(value);
}

void ByteWriter::patch_u32(std::size_t at, std::uint32_t value) {
    if (at + 4 > out_.size()) {
        throw std::out_of_range("ByteWriter::patch_u32 past the end");
    }
    patch_u16(at, static_cast<std::uint16_t>(value >> 16U));
    patch_u16(at + 2, static_cast<std::uint16_t>(value));
}

} // namespace harness::wire
