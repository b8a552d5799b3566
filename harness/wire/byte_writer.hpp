// Big-endian writer with length back-patching, the encoding twin of ByteReader.
#pragma once

#include <cstddef>
#include <cstdint>

#include "wire/bytes.hpp"

namespace harness::wire {

/// Appends big-endian fields to a growing buffer.
class ByteWriter {
public:
    void u8(std::uint8_t value) { out_.push_back(value); }
    void u16(std::uint16_t value);
    void u32(std::uint32_t value);
    void u64(std::uint64_t value);
    void bytes(BytesView data) { out_.insert(out_.end(), data.begin(), data.end()); }
    void zeros(std::size_t count) { out_.insert(out_.end(), count, 0); }

    /// Current length; use it as a mark for patch_u16/patch_u32 once a length is known.
    std::size_t size() const { return out_.size(); }
    void patch_u16(std::size_t at, std::uint16_t value);
    void patch_u32(std::size_t at, std::uint32_t value);

    const Bytes& data() const { return out_; }
    Bytes take() { return std::move(out_); }

private:
    Bytes out_;
};

} // namespace harness::wire
