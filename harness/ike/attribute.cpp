// Decode and encode of SA data attributes (RFC 2408 3.3).
#include "ike/attribute.hpp"

#include <algorithm>

#include "ike/generic_header.hpp"

namespace harness::ike {

namespace {
constexpr std::uint16_t af_bit = 0x8000;
} // namespace

std::optional<std::uint64_t> Attribute::number() const {
    if (basic) {
        return value;
    }
    if (variable.size() > sizeof(std::uint64_t)) {
        return std::nullopt;
    }
    std::uint64_t result = 0;
    for (std::uint8_t byte : variable) {
        result = (result << 8U) | byte;
    }
    return result;
}

std::vector<Attribute> Attribute::decode_all(wire::ByteReader& in) {
    std::vector<Attribute> attributes;
    while (in.ok() && !in.at_end()) {
        Attribute attribute;
        const std::uint16_t raw_type = in.u16("attribute type");
        attribute.type = static_cast<std::uint16_t>(raw_type & ~af_bit);
        attribute.basic = (raw_type & af_bit) != 0;
        if (attribute.basic) {
            attribute.value = in.u16("attribute value");
        } else {
            const std::uint16_t length = in.u16("attribute length");
            const wire::BytesView data = in.bytes(length, "attribute value");
            attribute.variable.assign(data.begin(), data.end());
        }
        if (in.ok()) {
            attributes.push_back(std::move(attribute));
        }
    }
    return attributes;
}

// RFC 2408 3.3:
//   |A|  Attribute Type (15)  |  AF=0: Attribute Length / AF=1: Attribute Value (16) |
//   |            AF=0 only: Attribute Value (variable)                               |
void Attribute::encode(wire::ByteWriter& out) const {
    const auto wire_type = static_cast<std::uint16_t>(type & ~af_bit);
    if (basic) {
        out.u16(static_cast<std::uint16_t>(wire_type | af_bit));
        out.u16(value);
        return;
    }
    if (variable.size() > 0xffff) {
        throw EncodeError("isakmp: attribute value of " + std::to_string(variable.size()) +
                          " bytes does not fit its length field");
    }
    out.u16(wire_type);
    out.u16(static_cast<std::uint16_t>(variable.size()));
    out.bytes(variable);
}

Attribute basic_attribute(std::uint16_t type, std::uint16_t value) {
    return Attribute{type, true, value, {}};
}

Attribute variable_attribute(std::uint16_t type, wire::Bytes value) {
    return Attribute{type, false, 0, std::move(value)};
}

const Attribute* find_attribute(const std::vector<Attribute>& attributes, std::uint16_t type) {
    const auto found = std::find_if(attributes.begin(), attributes.end(),
                                    [type](const Attribute& entry) { return entry.type == type; });
    return found == attributes.end() ? nullptr : &*found;
}

} // namespace harness::ike
