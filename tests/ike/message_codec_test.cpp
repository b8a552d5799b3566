// Whole-message decode and encode: round trips, hand-written bytes, and every kind of damage.
#include <gtest/gtest.h>

#include "ike/message.hpp"
#include "sample_messages.hpp"

namespace harness::ike {
namespace {

wire::Bytes hex(std::string_view text) {
    return wire::from_hex(text).value();
}

wire::DecodeError expect_error(wire::BytesView bytes) {
    auto result = decode_message(bytes);
    EXPECT_FALSE(result.ok());
    return result.ok() ? wire::DecodeError{} : result.error();
}

void set_length(wire::Bytes& bytes, std::size_t at, std::size_t value, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) {
        bytes[at + width - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
}

std::vector<Message> all_samples() {
    return {samples::main_mode_1(),   samples::main_mode_3(),   samples::main_mode_3_draft(),
            samples::informational(), samples::every_payload(), samples::fragment()};
}

TEST(MessageRoundTrip, EncodeDecodeEncodeGivesIdenticalBytes) {
    for (const Message& sample : all_samples()) {
        const wire::Bytes bytes = encode_message(sample);
        auto decoded = decode_message(bytes);
        ASSERT_TRUE(decoded.ok()) << decoded.error().message();
        EXPECT_EQ(decoded.value().payloads, sample.payloads);
        EXPECT_EQ(decoded.value().header.length, bytes.size());
        EXPECT_EQ(encode_message(decoded.value()), bytes);
    }
}

TEST(MessageRoundTrip, EncoderComputesNextPayloadAndLengths) {
    const wire::Bytes bytes = encode_message(samples::main_mode_3_draft());
    EXPECT_EQ(bytes[16], 4);    // header next payload: KE
    EXPECT_EQ(bytes[17], 0x10); // version 1.0
    EXPECT_EQ(bytes[18], 2);    // Main Mode
    EXPECT_EQ(bytes.size(), 28U + 132 + 24 + 24 + 24);
    EXPECT_EQ(bytes[27], bytes.size() & 0xff);
    EXPECT_EQ(bytes[28], 10);        // KE says Nonce follows
    EXPECT_EQ(bytes[28 + 132], 130); // Nonce says NAT-D (draft) follows
    EXPECT_EQ(bytes[28 + 132 + 24], 130);
    EXPECT_EQ(bytes[28 + 132 + 48], 0);
}

TEST(MessageBytes, HandWrittenInformational) {
    const wire::Bytes bytes = hex("0011223344556677 0000000000000000 08100500 01020304 00000034"
                                  "0b000008 deadbeef"
                                  "00000010 00000001 0100000e cafe0001");
    auto decoded = decode_message(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    const Message& message = decoded.value();
    EXPECT_EQ(message.header.initiator_cookie[1], 0x11);
    EXPECT_EQ(message.header.responder_cookie, Cookie{});
    EXPECT_EQ(message.header.exchange, ExchangeType::informational);
    EXPECT_EQ(message.header.flags, 0);
    EXPECT_EQ(message.header.message_id, 0x01020304U);
    ASSERT_EQ(message.payloads.size(), 2U);
    EXPECT_EQ(std::get<Hash>(message.payloads[0]).data, hex("deadbeef"));
    EXPECT_EQ(std::get<Notification>(message.payloads[1]).notify_type,
              NotifyType::no_proposal_chosen);
    EXPECT_EQ(encode_message(message), bytes);
}

TEST(MessageBytes, UnknownPayloadKeptVerbatim) {
    const wire::Bytes bytes = hex("0011223344556677 0000000000000000 c8100200 00000000 0000003c"
                                  "0d00000c 01020304 05060708"
                                  "00000014 4a131c81070358455c5728f20e95452f");
    auto decoded = decode_message(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    ASSERT_EQ(decoded.value().payloads.size(), 2U);
    const auto& unknown = std::get<UnknownPayload>(decoded.value().payloads[0]);
    EXPECT_EQ(static_cast<int>(unknown.payload_type), 200);
    EXPECT_EQ(unknown.body, hex("0102030405060708"));
    EXPECT_EQ(to_string(unknown.payload_type), "PAYLOAD_200");
    EXPECT_EQ(encode_message(decoded.value()), bytes);
}

TEST(MessageBytes, EncryptedBodyStaysOpaque) {
    Message message = samples::informational();
    message.header.flags = flag_encryption;
    message.header.next_payload = 8;
    message.payloads.clear();
    message.encrypted_body = hex("00112233445566778899aabbccddeeff");
    const wire::Bytes bytes = encode_message(message);
    ASSERT_EQ(bytes.size(), 44U);
    EXPECT_EQ(bytes[16], 8);
    auto decoded = decode_message(bytes);
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(decoded.value().payloads.empty());
    EXPECT_EQ(decoded.value().encrypted_body, message.encrypted_body);
    EXPECT_EQ(encode_message(decoded.value()), bytes);
}

TEST(PayloadChain, DecryptedBodyMayEndInPadding) {
    const Message sample = samples::informational();
    wire::Bytes body = encode_payload_chain(sample.payloads);
    body.insert(body.end(), {0, 0, 0, 0, 0, 0, 7});
    auto decoded = decode_payload_chain(11, body);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message();
    EXPECT_EQ(decoded.value(), sample.payloads);
}

TEST(PayloadChain, ErrorOffsetsCountFromTheBase) {
    const wire::Bytes body = hex("0000000c 00000001");
    auto decoded = decode_payload_chain(13, body, 28);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().layer, "isakmp");
    EXPECT_EQ(decoded.error().field, "Vendor ID payload length");
    EXPECT_EQ(decoded.error().offset, 28U);
    EXPECT_EQ(decoded.error().wanted, 12U);
    EXPECT_EQ(decoded.error().left, 8U);
}

TEST(MessageDamage, TruncationAtEveryOffsetIsAnError) {
    for (const Message& sample : all_samples()) {
        const wire::Bytes bytes = encode_message(sample);
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            const wire::Bytes prefix(bytes.begin(), bytes.begin() + static_cast<long>(cut));
            EXPECT_FALSE(decode_message(prefix).ok()) << "cut at " << cut;
            if (cut >= header_size) {
                // Also with a header length that agrees, so the payload chain itself runs short.
                wire::Bytes patched = prefix;
                set_length(patched, 24, cut, 4);
                auto result = decode_message(patched);
                ASSERT_FALSE(result.ok()) << "cut at " << cut;
                EXPECT_EQ(result.error().layer, "isakmp");
                EXPECT_LE(result.error().offset, cut);
            }
        }
    }
}

TEST(MessageDamage, TruncatedHeaderNamesTheField) {
    const wire::Bytes bytes = encode_message(samples::main_mode_1());
    auto error = expect_error(wire::BytesView(bytes).first(20));
    EXPECT_EQ(error.field, "message ID");
    EXPECT_EQ(error.offset, 20U);
    EXPECT_EQ(error.wanted, 4U);
    EXPECT_EQ(error.left, 0U);

    error = expect_error(wire::BytesView(bytes).first(26));
    EXPECT_EQ(error.field, "message length");
    EXPECT_EQ(error.offset, 24U);
    EXPECT_EQ(error.left, 2U);
    EXPECT_EQ(error.message(), "isakmp: message length at offset 24: wanted 4 bytes, 2 left");
}

TEST(MessageDamage, DatagramShorterThanHeaderLength) {
    const wire::Bytes bytes = encode_message(samples::main_mode_1());
    const auto error = expect_error(wire::BytesView(bytes).first(40));
    EXPECT_EQ(error.field, "message length");
    EXPECT_EQ(error.offset, 0U);
    EXPECT_EQ(error.wanted, bytes.size());
    EXPECT_EQ(error.left, 40U);
}

TEST(MessageDamage, HeaderLengthBelowHeaderSize) {
    wire::Bytes bytes = encode_message(samples::main_mode_1());
    set_length(bytes, 24, 27, 4);
    const auto error = expect_error(bytes);
    EXPECT_EQ(error.field, "message length");
    EXPECT_EQ(error.offset, 24U);
    EXPECT_NE(error.what.find("less than"), std::string::npos);
}

TEST(MessageDamage, ChainCutInsidePayloadHeader) {
    wire::Bytes bytes = encode_message(samples::main_mode_1());
    bytes.resize(30);
    set_length(bytes, 24, 30, 4);
    const auto error = expect_error(bytes);
    EXPECT_EQ(error.field, "SA payload length");
    EXPECT_EQ(error.offset, 30U);
    EXPECT_EQ(error.wanted, 2U);
    EXPECT_EQ(error.left, 0U);
}

TEST(MessageDamage, PayloadLengthBelowFour) {
    wire::Bytes bytes = encode_message(samples::main_mode_3());
    const std::size_t nonce = 28 + 132;
    set_length(bytes, nonce + 2, 3, 2);
    const auto error = expect_error(bytes);
    EXPECT_EQ(error.field, "Nonce payload length");
    EXPECT_EQ(error.offset, nonce + 2);
    EXPECT_EQ(error.what, "length 3 is less than the 4-byte generic header");
}

TEST(MessageDamage, PayloadLengthPastTheEnd) {
    wire::Bytes bytes = encode_message(samples::main_mode_3());
    const std::size_t last = bytes.size() - 24;
    set_length(bytes, last + 2, 25, 2);
    const auto error = expect_error(bytes);
    EXPECT_EQ(error.field, "NAT-D payload length");
    EXPECT_EQ(error.offset, last);
    EXPECT_EQ(error.wanted, 25U);
    EXPECT_EQ(error.left, 24U);
}

TEST(MessageDamage, BytesAfterTheLastPayload) {
    wire::Bytes bytes = encode_message(samples::informational());
    bytes.insert(bytes.end(), {0, 0, 0, 0});
    set_length(bytes, 24, bytes.size(), 4);
    const auto error = expect_error(bytes);
    EXPECT_EQ(error.offset, bytes.size() - 4);
    EXPECT_EQ(error.left, 4U);
}

TEST(MessageDamage, NestedProposalLengthBelowFour) {
    // SA of 20 bytes whose proposal claims a length of 3.
    const wire::Bytes body = hex("00000014 00000001 00000001 00000003 01010000");
    auto decoded = decode_payload_chain(1, body, 28);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, "Proposal length");
    EXPECT_EQ(decoded.error().offset, 28U + 14);
}

TEST(MessageDamage, AttributeValuePastTransformEnd) {
    // Transform whose TLV life-duration attribute claims 8 bytes where 4 are left.
    const wire::Bytes body = hex("00000024 00000001 00000001"
                                 "00000018 01010001"
                                 "00000010 01010000 000c0008 00007080");
    auto decoded = decode_payload_chain(1, body, 0);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, "attribute value");
    EXPECT_EQ(decoded.error().offset, 32U);
    EXPECT_EQ(decoded.error().wanted, 8U);
    EXPECT_EQ(decoded.error().left, 4U);
}

TEST(MessageDamage, TransformCountDisagreesWithChain) {
    // Proposal says two transforms; its chain holds one.
    const wire::Bytes body = hex("0000001c 00000001 00000001"
                                 "00000010 01010002"
                                 "00000008 01010000");
    auto decoded = decode_payload_chain(1, body, 0);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, "Proposal transform count");
    EXPECT_EQ(decoded.error().offset, 28U);
    EXPECT_EQ(decoded.error().what, "count 2 but 1 transforms in the chain");
}

TEST(MessageDamage, DeleteSpiCountBeyondBody) {
    const wire::Bytes body = hex("00000010 00000001 03040003 11223344");
    auto decoded = decode_payload_chain(12, body, 0);
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().field, "Delete SPI");
    EXPECT_EQ(decoded.error().offset, 16U);
    EXPECT_EQ(decoded.error().wanted, 4U);
}

TEST(MessageDamage, EncodeRejectsMismatchedDeleteSpi) {
    Message message = samples::informational();
    std::get<Delete>(message.payloads[1]).spis.push_back(hex("01"));
    EXPECT_THROW(encode_message(message), EncodeError);
}

} // namespace
} // namespace harness::ike
