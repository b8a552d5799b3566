// Main Mode and Quick Mode against the scripted responder over the lossy in-memory wire.
#include <gtest/gtest.h>

#include "ike/main_mode.hpp"
#include "ike/quick_mode.hpp"
#include "lossy_wire.hpp"

namespace harness::ike {
namespace {

using testing::LossyWire;
using testing::ResponderOptions;
using testing::ScriptedResponder;

const Phase1Proposal des3_sha1_1024{CipherKind::des3, HashKind::sha1, 2, 1, 28800};
const Phase1Proposal des3_md5_1024{CipherKind::des3, HashKind::md5, 2, 1, 28800};
const Phase1Proposal aes128_sha1_2048{CipherKind::aes128, HashKind::sha1, 14, 1, 28800};
const Phase2Proposal esp_3des_sha1{CipherKind::des3, HashKind::sha1, 3600};
const Phase2Proposal esp_aes128_sha1{CipherKind::aes128, HashKind::sha1, 3600};
const RetransmitPolicy fast{0.02, 2, 3};
const char* const psk = "mm-test-secret-Zq81";

MainModeConfig client(std::vector<Phase1Proposal> proposals) {
    MainModeConfig config;
    config.proposals = std::move(proposals);
    config.vendor_ids = {*wire::from_hex("4a131c81070358455c5728f20e95452f")};
    config.psk = wire::to_bytes(psk);
    config.local_id = ipv4_identification({192, 0, 2, 2}, 17, 500);
    config.local = {{192, 0, 2, 2}, 500};
    config.remote = {{192, 0, 2, 1}, 500};
    return config;
}

ResponderOptions server(std::vector<Phase1Proposal> acceptable) {
    ResponderOptions options;
    options.acceptable = std::move(acceptable);
    options.acceptable_esp = {esp_3des_sha1, esp_aes128_sha1};
    options.psk = wire::to_bytes(psk);
    return options;
}

bool has_event(const std::vector<IkeEvent>& events, const std::string& kind) {
    return std::any_of(events.begin(), events.end(),
                       [&](const IkeEvent& event) { return event.kind == kind; });
}

TEST(MainMode, EstablishesWith3desSha1Modp1024) {
    ScriptedResponder responder(server({des3_sha1_1024}));
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024, des3_md5_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_EQ(initiator.state(), MainModeInitiator::State::established);
    EXPECT_TRUE(responder.hash_i_ok());
    EXPECT_EQ(initiator.keys().chosen, des3_sha1_1024);
    EXPECT_EQ(initiator.keys().skeyid_d, responder.sa().skeyid_d);
    EXPECT_EQ(initiator.keys().enc_key, responder.sa().enc_key);
    EXPECT_EQ(initiator.keys().last_iv, responder.sa().last_iv);
    EXPECT_EQ(initiator.keys().enc_key.size(), 24U);
    EXPECT_TRUE(has_event(initiator.events(), "chosen_proposal"));
    EXPECT_TRUE(has_event(initiator.events(), "established"));
}

TEST(MainMode, EstablishesWithAes128Sha1Modp2048AsSecondChoice) {
    ScriptedResponder responder(server({aes128_sha1_2048}));
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_md5_1024, aes128_sha1_2048}));

    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_EQ(initiator.keys().chosen, aes128_sha1_2048);
    EXPECT_EQ(initiator.keys().enc_key.size(), 16U);
    EXPECT_EQ(initiator.keys().last_iv, responder.sa().last_iv);
    EXPECT_TRUE(responder.hash_i_ok());
}

TEST(MainMode, NoProposalChosenEndsInFailedWithTheNotifyName) {
    ScriptedResponder responder(server({aes128_sha1_2048}));
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_EQ(initiator.failure_reason(), "NO_PROPOSAL_CHOSEN");
    EXPECT_TRUE(has_event(initiator.events(), "notify"));
}

TEST(MainMode, WrongPreSharedKeyFailsWithAClearReason) {
    ResponderOptions options = server({des3_sha1_1024});
    options.psk = wire::to_bytes("another-secret");
    ScriptedResponder responder(options);
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_FALSE(responder.hash_i_ok());
    EXPECT_NE(initiator.failure_reason().find("pre-shared key"), std::string::npos)
        << initiator.failure_reason();
}

TEST(MainMode, HashRMismatchFails) {
    ResponderOptions options = server({des3_sha1_1024});
    options.corrupt_hash_r = true;
    ScriptedResponder responder(options);
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_EQ(initiator.failure_reason().rfind("HASH_R mismatch", 0), 0U)
        << initiator.failure_reason();
}

TEST(MainMode, TruncatedReplyFailsWithTheDecodeError) {
    ScriptedResponder responder(server({des3_sha1_1024}));
    LossyWire wire(responder);
    wire.truncate_replies = {1};
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_EQ(initiator.state(), MainModeInitiator::State::failed);
    EXPECT_EQ(initiator.failure_reason().rfind("malformed reply: isakmp", 0), 0U)
        << initiator.failure_reason();
}

TEST(MainMode, RetransmitsAfterADroppedReply) {
    ScriptedResponder responder(server({des3_sha1_1024}));
    LossyWire wire(responder);
    wire.drop_replies = {1};
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_EQ(responder.repeated_requests(), 1);
    EXPECT_EQ(wire.requests(), 4);
    EXPECT_TRUE(has_event(initiator.events(), "retransmit"));
}

TEST(MainMode, IgnoresADuplicatedReply) {
    ScriptedResponder responder(server({des3_sha1_1024}));
    LossyWire wire(responder);
    wire.duplicate_replies = {0, 1};
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_EQ(wire.requests(), 3);
}

TEST(MainMode, GivesUpAfterMaxTries) {
    ScriptedResponder responder(server({des3_sha1_1024}));
    LossyWire wire(responder);
    wire.drop_requests = {0, 1, 2, 3};
    MainModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_EQ(initiator.failure_reason(), "no reply after 3 tries");
    EXPECT_EQ(wire.requests(), 3);
}

TEST(MainMode, DetectsNatAndFloatsToPort4500) {
    ResponderOptions options = server({des3_sha1_1024});
    options.send_rfc3947_vid = true;
    options.initiator_as_seen = {{198, 51, 100, 7}, 40000};
    ScriptedResponder responder(options);
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024}));

    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_EQ(initiator.keys().nat_t, NatTraversal::rfc3947);
    EXPECT_TRUE(initiator.keys().nat_detected);
    EXPECT_TRUE(wire.floated);
    EXPECT_TRUE(has_event(initiator.events(), "nat_detected"));
    EXPECT_EQ(transport_encapsulation(initiator.keys()), phase2_value::mode_udp_transport);
}

TEST(MainMode, NoNatWhenTheHashesMatch) {
    ResponderOptions options = server({des3_sha1_1024});
    options.send_rfc3947_vid = true;
    ScriptedResponder responder(options);
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024}));

    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established);
    EXPECT_FALSE(initiator.keys().nat_detected);
    EXPECT_FALSE(wire.floated);
}

TEST(MainMode, NoSecretInAnyEvent) {
    ScriptedResponder responder(server({des3_sha1_1024}));
    LossyWire wire(responder);
    MainModeInitiator initiator(client({des3_sha1_1024}));
    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established);

    const std::string key_hex = wire::to_hex(initiator.keys().skeyid_d);
    ASSERT_FALSE(initiator.events().empty());
    for (const IkeEvent& event : initiator.events()) {
        EXPECT_EQ(event.detail.find(psk), std::string::npos);
        EXPECT_EQ(event.detail.find(key_hex.substr(0, 16)), std::string::npos);
        EXPECT_EQ(event.stage, Stage::ike_sa);
    }
}

TEST(MainMode, MalformedBytesNeverThrow) {
    MainModeInitiator initiator(client({des3_sha1_1024}));
    initiator.start();
    const wire::Bytes junk{0x01, 0x02, 0x03};
    EXPECT_NO_THROW(initiator.receive(junk));
    EXPECT_EQ(initiator.state(), MainModeInitiator::State::failed);
}

struct Established {
    ScriptedResponder responder;
    LossyWire wire;
    MainModeInitiator main_mode;

    explicit Established(ResponderOptions options, std::vector<Phase1Proposal> offer)
        : responder(std::move(options)), wire(responder), main_mode(client(std::move(offer))) {}
};

QuickModeConfig l2tp_traffic(std::vector<Phase2Proposal> proposals) {
    return QuickModeConfig{std::move(proposals), {192, 0, 2, 2}, {192, 0, 2, 1}, 17, 1701, 1701};
}

TEST(QuickMode, CompletesWithEqualKeymatOnBothSides) {
    Established setup(server({des3_sha1_1024}), {des3_sha1_1024});
    ASSERT_EQ(run_exchange(setup.main_mode, setup.wire, fast), ExchangeStatus::established);

    QuickModeInitiator quick_mode(setup.main_mode.keys(), l2tp_traffic({esp_3des_sha1}));
    ASSERT_EQ(run_exchange(quick_mode, setup.wire, fast), ExchangeStatus::established)
        << quick_mode.failure_reason();
    EXPECT_TRUE(setup.responder.quick_mode_done());
    const ChildSaKeys& keys = quick_mode.keys();
    EXPECT_EQ(keys.chosen, esp_3des_sha1);
    EXPECT_EQ(keys.encapsulation, phase2_value::mode_transport);
    EXPECT_EQ(keys.spi_r, setup.responder.spi_r());
    EXPECT_EQ(keys.keymat_in, setup.responder.keymat_for_spi_i());
    EXPECT_EQ(keys.keymat_out, setup.responder.keymat_for_spi_r());
    EXPECT_EQ(keys.keymat_in.size(), 24U + 20U);
    EXPECT_NE(keys.keymat_in, keys.keymat_out);
    EXPECT_NE(quick_mode.message_id(), 0U);
}

TEST(QuickMode, AesSecondChoiceOverNatUsesUdpTransport) {
    ResponderOptions options = server({aes128_sha1_2048});
    options.send_rfc3947_vid = true;
    options.acceptable_esp = {esp_aes128_sha1};
    options.initiator_as_seen = {{198, 51, 100, 7}, 40000};
    Established setup(options, {aes128_sha1_2048});
    ASSERT_EQ(run_exchange(setup.main_mode, setup.wire, fast), ExchangeStatus::established);

    QuickModeInitiator quick_mode(setup.main_mode.keys(),
                                  l2tp_traffic({esp_3des_sha1, esp_aes128_sha1}));
    ASSERT_EQ(run_exchange(quick_mode, setup.wire, fast), ExchangeStatus::established)
        << quick_mode.failure_reason();
    EXPECT_TRUE(setup.responder.quick_mode_done());
    EXPECT_EQ(quick_mode.keys().chosen, esp_aes128_sha1);
    EXPECT_EQ(quick_mode.keys().encapsulation, phase2_value::mode_udp_transport);
    EXPECT_EQ(quick_mode.keys().keymat_out, setup.responder.keymat_for_spi_r());
}

TEST(QuickMode, NoAcceptableEspTimesOut) {
    ResponderOptions options = server({des3_sha1_1024});
    options.acceptable_esp = {esp_aes128_sha1};
    Established setup(options, {des3_sha1_1024});
    ASSERT_EQ(run_exchange(setup.main_mode, setup.wire, fast), ExchangeStatus::established);

    QuickModeInitiator quick_mode(setup.main_mode.keys(), l2tp_traffic({esp_3des_sha1}));
    EXPECT_EQ(run_exchange(quick_mode, setup.wire, fast), ExchangeStatus::failed);
    EXPECT_EQ(quick_mode.state(), QuickModeInitiator::State::failed);
    EXPECT_TRUE(has_event(quick_mode.events(), "retransmit"));
}

} // namespace
} // namespace harness::ike
