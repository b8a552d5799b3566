// Decode and encode of the Notification and Delete payloads.
#include "ike/notification.hpp"

#include "ike/generic_header.hpp"

namespace harness::ike {

Notification Notification::decode(wire::ByteReader& body) {
    Notification notification;
    notification.doi = body.u32("Notification DOI");
    notification.protocol = static_cast<ProtocolId>(body.u8("Notification protocol ID"));
    const std::uint8_t spi_size = body.u8("Notification SPI size");
    notification.notify_type = static_cast<NotifyType>(body.u16("Notification message type"));
    const wire::BytesView spi = body.bytes(spi_size, "Notification SPI");
    notification.spi.assign(spi.begin(), spi.end());
    const wire::BytesView data = body.rest();
    notification.data.assign(data.begin(), data.end());
    return notification;
}

// RFC 2408 3.14 (after the generic header):
//   DOI (4) | Protocol-ID (1) | SPI Size (1) | Notify Message Type (2) | SPI | Notification Data
void Notification::encode(wire::ByteWriter& out) const {
    if (spi.size() > 0xff) {
        throw EncodeError("isakmp: notification SPI longer than 255 bytes");
    }
    out.u32(doi);
    out.u8(static_cast<std::uint8_t>(protocol));
    out.u8(static_cast<std::uint8_t>(spi.size()));
    out.u16(static_cast<std::uint16_t>(notify_type));
    out.bytes(spi);
    out.bytes(data);
}

Delete Delete::decode(wire::ByteReader& body) {
    Delete del;
    del.doi = body.u32("Delete DOI");
    del.protocol = static_cast<ProtocolId>(body.u8("Delete protocol ID"));
    del.spi_size = body.u8("Delete SPI size");
    const std::uint16_t count = body.u16("Delete SPI count");
    for (std::uint16_t i = 0; i < count && body.ok(); ++i) {
        const wire::BytesView spi = body.bytes(del.spi_size, "Delete SPI");
        del.spis.emplace_back(spi.begin(), spi.end());
    }
    expect_end(body, "Delete SPIs");
    if (!body.ok()) {
        del.spis.clear();
    }
    return del;
}

// RFC 2408 3.15 (after the generic header):
//   DOI (4) | Protocol-Id (1) | SPI Size (1) | # of SPIs (2) | SPIs, each SPI Size bytes
void Delete::encode(wire::ByteWriter& out) const {
    if (spis.size() > 0xffff) {
        throw EncodeError("isakmp: more than 65535 SPIs in one Delete payload");
    }
    out.u32(doi);
    out.u8(static_cast<std::uint8_t>(protocol));
    out.u8(spi_size);
    out.u16(static_cast<std::uint16_t>(spis.size()));
    for (const wire::Bytes& spi : spis) {
        if (spi.size() != spi_size) {
            throw EncodeError("isakmp: Delete SPI of " + std::to_string(spi.size()) +
                              " bytes where the SPI size says " + std::to_string(spi_size));
        }
        out.bytes(spi);
    }
}

} // namespace harness::ike
