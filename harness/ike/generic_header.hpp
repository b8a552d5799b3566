// The 4-byte generic payload header shared by every ISAKMP payload and by proposals/transforms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ike/constants.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace harness::ike {

/// Layer name carried by every ISAKMP DecodeError.
inline constexpr std::string_view layer_name = "isakmp";

/// Size of the generic payload header (RFC 2408 3.2).
inline constexpr std::size_t generic_header_size = 4;

/// Thrown when a value cannot be put on the wire (a payload longer than its 16-bit length).
class EncodeError : public std::runtime_error {
public:
    explicit EncodeError(const std::string& what) : std::runtime_error(what) {}
};

/// Reads a generic header named `name` ("SA payload", "Proposal") from `in`, stores its
/// next-payload byte in `next` and returns a reader over the body; `in` moves past the whole
/// payload. A length below 4 or past the end of `in` fails `in` and the returned reader.
wire::ByteReader read_generic_payload(wire::ByteReader& in, std::string_view name,
                                      std::uint8_t& next);

/// The same for a top-level payload, named after its type ("Nonce payload").
wire::ByteReader read_generic_payload(wire::ByteReader& in, PayloadType type, std::uint8_t& next);

/// Copies an error of a nested reader into its parent so that one ok() check sees it.
void propagate_error(wire::ByteReader& parent, const wire::ByteReader& inner);

/// Fails `in` when bytes are left after the last element of a nested structure.
void expect_end(wire::ByteReader& in, std::string_view field);

/// Writes a generic header, the body written by `write_body`, then patches the length in.
template <typename WriteBody>
void write_generic_payload(wire::ByteWriter& out, std::uint8_t next, WriteBody&& write_body) {
    const std::size_t start = out.size();
    out.u8(next);
    out.u8(0);
    out.u16(0);
    write_body();
    const std::size_t length = out.size() - start;
    if (length > 0xffff) {
        throw EncodeError("isakmp: payload of " + std::to_string(length) +
                          " bytes does not fit its 16-bit length field");
    }
    out.patch_u16(start + 2, static_cast<std::uint16_t>(length));
}

} // namespace harness::ike
