#include <gtest/gtest.h>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"
#include "wire/bytes.hpp"

namespace harness::wire {
namespace {

TEST(Hex, RoundTripAndSeparators) {
    const Bytes data{0x00, 0x1e, 0x2b, 0xff};
    EXPECT_EQ(to_hex(data), "001e2bff");
    EXPECT_EQ(from_hex("001E2BFF"), data);
    EXPECT_EQ(from_hex("0x00 1e:2b\nff"), data);
    EXPECT_EQ(from_hex("abc"), std::nullopt);
    EXPECT_EQ(from_hex("zz"), std::nullopt);
    EXPECT_EQ(from_hex(""), Bytes{});
}

TEST(ByteReader, ReadsBigEndianFields) {
    const Bytes data{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                     0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    ByteReader reader(data, "test");
    EXPECT_EQ(reader.u8("a"), 0x01);
    EXPECT_EQ(reader.u16("b"), 0x0203);
    EXPECT_EQ(reader.u32("c"), 0x04050607U);
    EXPECT_EQ(reader.u64("d"), 0x08090a0b0c0d0e0fULL);
    EXPECT_TRUE(reader.ok());
    EXPECT_TRUE(reader.at_end());
}

TEST(ByteReader, ShortReadNamesFieldOffsetAndCounts) {
    const Bytes data{0xaa, 0xbb, 0xcc};
    ByteReader reader(data, "isakmp", 28);
    reader.u16("next payload");
    EXPECT_EQ(reader.u32("SPI"), 0U);
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error()->message(), "isakmp: SPI at offset 30: wanted 4 bytes, 1 left");
    // The first error sticks; later reads return nothing.
    EXPECT_EQ(reader.u8("later"), 0);
    EXPECT_EQ(reader.error()->field, "SPI");
    EXPECT_EQ(reader.remaining(), 0U);
}

TEST(ByteReader, SubReaderKeepsAbsoluteOffsets) {
    const Bytes data{0x00, 0x00, 0x01, 0x02};
    ByteReader reader(data, "l2tp");
    reader.u16("header");
    ByteReader inner = reader.sub(2, "avp");
    EXPECT_EQ(inner.offset(), 2U);
    EXPECT_EQ(inner.u16("value"), 0x0102);
    inner.u8("beyond");
    ASSERT_FALSE(inner.ok());
    EXPECT_EQ(inner.error()->offset, 4U);
    EXPECT_TRUE(reader.ok());
}

TEST(ByteReader, SubReaderPastEndFailsBoth) {
    const Bytes data{0x01};
    ByteReader reader(data, "ppp");
    ByteReader inner = reader.sub(4, "option");
    EXPECT_FALSE(reader.ok());
    EXPECT_FALSE(inner.ok());
    EXPECT_EQ(inner.error()->message(), "ppp: option at offset 0: wanted 4 bytes, 1 left");
}

TEST(ByteReader, MeaningErrorsCarryText) {
    const Bytes data{0x00, 0x02};
    ByteReader reader(data, "isakmp");
    const auto length = reader.u16("payload length");
    if (length < 4) {
        reader.fail("payload length", "2 is smaller than the 4-byte generic header");
    }
    EXPECT_EQ(reader.error()->message(),
              "isakmp: payload length at offset 2: 2 is smaller than the 4-byte generic header");
}

TEST(ByteWriter, WritesAndPatches) {
    ByteWriter writer;
    writer.u8(0x01);
    const std::size_t length_at = writer.size();
    writer.u16(0);
    writer.u32(0xdeadbeef);
    writer.u64(1);
    writer.zeros(2);
    writer.patch_u16(length_at, static_cast<std::uint16_t>(writer.size()));
    EXPECT_EQ(to_hex(writer.data()), "010011deadbeef00000000000000010000");
    EXPECT_THROW(writer.patch_u32(writer.size() - 2, 0), std::out_of_range);
}

} // namespace
} // namespace harness::wire
