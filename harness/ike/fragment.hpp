// The Microsoft IKE fragmentation payload (private type 132).
#pragma once

#include <cstdint>

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// Set in Fragment::flags on the last fragment of a message.
inline constexpr std::uint8_t fragment_flag_last = 0x01;

/// Fragment payload (MS-IKEE): one numbered piece of a larger IKE message.
struct Fragment {
    static constexpr PayloadType type = PayloadType::fragment;

    std::uint16_t id = 0;    ///< same for every fragment of one message
    std::uint8_t number = 1; ///< counts from 1
    std::uint8_t flags = 0;
    wire::Bytes data;

    bool last() const { return (flags & fragment_flag_last) != 0; }

    static Fragment decode(wire::ByteReader& body);
    void encode(wire::ByteWriter& out) const;

    bool operator==(const Fragment&) const = default;
};

} // namespace harness::ike
