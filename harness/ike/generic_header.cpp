// Checked reading of the generic payload header (RFC 2408 3.2).
#include "ike/generic_header.hpp"

namespace harness::ike {

namespace {

// `name()` builds the field prefix; it is only called on the error paths, which keeps the common
// case free of string building.
template <typename Name>
wire::ByteReader read_generic(wire::ByteReader& in, const Name& name, std::uint8_t& next) {
    wire::ByteReader at_start = in;
    if (in.remaining() < generic_header_size) {
        next = in.u8(name() + " next payload");
        in.u8(name() + " reserved");
        in.u16(name() + " length");
        return in;
    }
    next = in.u8({});
    in.u8({});
    const std::uint16_t length = in.u16({});

    // Too short to hold its own header: report it at the length field itself.
    if (length < generic_header_size) {
        at_start.bytes(2, {});
        at_start.fail(name() + " length", "length " + std::to_string(length) +
                                              " is less than the 4-byte generic header");
        in = at_start;
        return in;
    }

    // A length past the end is a short read of the whole payload, counted from its first byte.
    if (length > at_start.remaining()) {
        at_start.sub(length, name() + " length");
        in = at_start;
        return in;
    }
    wire::ByteReader whole = at_start.sub(length, {});
    in = at_start;
    whole.bytes(generic_header_size, {});
    return whole;
}

} // namespace

wire::ByteReader read_generic_payload(wire::ByteReader& in, std::string_view name,
                                      std::uint8_t& next) {
    return read_generic(
        in, [name] { return std::string(name); }, next);
}

wire::ByteReader read_generic_payload(wire::ByteReader& in, PayloadType type, std::uint8_t& next) {
    return read_generic(
        in, [type] { return to_string(type) + " payload"; }, next);
}

void propagate_error(wire::ByteReader& parent, const wire::ByteReader& inner) {
    if (parent.ok() && !inner.ok()) {
        parent = inner;
    }
}

void expect_end(wire::ByteReader& in, std::string_view field) {
    if (in.ok() && !in.at_end()) {
        in.fail(field, std::to_string(in.remaining()) + " unexpected bytes");
    }
}

} // namespace harness::ike
