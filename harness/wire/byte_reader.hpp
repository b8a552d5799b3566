// A bounds-checked reader: the only place where protocol decoders touch raw bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "wire/bytes.hpp"

namespace harness::wire {

/// Why a decode stopped: which layer and field, at which offset, wanting how many bytes.
struct DecodeError {
    std::string layer; ///< "isakmp", "l2tp", ...
    std::string field; ///< "payload length", "SPI", ...
    std::size_t offset = 0;
    std::size_t wanted = 0; ///< bytes the field needed (0 for a meaning error)
    std::size_t left = 0;   ///< bytes that were left at offset
    std::string what;       ///< set for errors that are not a short read

    /// e.g. "isakmp: SPI at offset 28: wanted 16 bytes, 4 left".
    std::string message() const;
};

/// Reads big-endian fields from a view. The first failure is remembered and every later read
/// returns zeros or an empty view, so a decoder can read a whole structure and check ok() once.
class ByteReader {
public:
    ByteReader(BytesView data, std::string_view layer, std::size_t base_offset = 0);

    std::uint8_t u8(std::string_view field);
    std::uint16_t u16(std::string_view field);
    std::uint32_t u32(std::string_view field);
    std::uint64_t u64(std::string_view field);
    BytesView bytes(std::size_t count, std::string_view field);
    BytesView rest();

    /// A reader over the next `count` bytes (offsets stay absolute); advances past them.
    ByteReader sub(std::size_t count, std::string_view field);

    /// Records a meaning error (e.g. a length field smaller than its header) at the offset.
    void fail(std::string_view field, std::string what);

    bool ok() const { return !error_; }
    const std::optional<DecodeError>& error() const { return error_; }
    std::size_t offset() const { return base_ + pos_; }
    std::size_t remaining() const { return ok() ? data_.size() - pos_ : 0; }
    bool at_end() const { return remaining() == 0; }

private:
    bool take(std::size_t count, std::string_view field);

    BytesView data_;
    std::string layer_;
    std::size_t base_ = 0;
    std::size_t pos_ = 0;
    std::optional<DecodeError> error_;
};

} // namespace harness::wire
