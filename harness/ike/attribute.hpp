// SA attributes in their two wire forms: TV (basic, AF bit set) and TLV (variable length).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// One data attribute (RFC 2408 3.3): a 15-bit type with a 16-bit value or a variable value.
struct Attribute {
    std::uint16_t type = 0; ///< without the AF bit
    bool basic = true;      ///< TV form: `value` is used; TLV form: `variable` is used
    std::uint16_t value = 0;
    wire::Bytes variable;

    /// The value as a number: the TV value, or a TLV value of at most 8 bytes read big-endian.
    std::optional<std::uint64_t> number() const;

    /// Reads attributes until `in` is exhausted; errors stay in `in`.
    static std::vector<Attribute> decode_all(wire::ByteReader& in);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Attribute&) const = default;
};

/// A TV attribute.
Attribute basic_attribute(std::uint16_t type, std::uint16_t value);

/// A TLV attribute holding `value`.
Attribute variable_attribute(std::uint16_t type, wire::Bytes value);

/// The first attribute of `type` in `attributes`, if any.
const Attribute* find_attribute(const std::vector<Attribute>& attributes, std::uint16_t type);

} // namespace harness::ike
