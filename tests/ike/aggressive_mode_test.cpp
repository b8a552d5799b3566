// Aggressive Mode with a pre-shared key against the scripted responder, then Quick Mode on it.
#include <gtest/gtest.h>

#include "ike/aggressive_mode.hpp"
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
const RetransmitPolicy fast{0.02, 2, 3};
const char* const psk = "am-test-secret-Pw40";

MainModeConfig client(std::vector<Phase1Proposal> proposals) {
    MainModeConfig config;
    config.proposals = std::move(proposals);
    config.psk = wire::to_bytes(psk);
    config.local_id = ipv4_identification({192, 0, 2, 2}, 17, 500);
    config.local = {{192, 0, 2, 2}, 500};
    config.remote = {{192, 0, 2, 1}, 500};
    return config;
}

ResponderOptions server(std::vector<Phase1Proposal> acceptable, const char* key = psk) {
    ResponderOptions options;
    options.acceptable = std::move(acceptable);
    options.acceptable_esp = {esp_3des_sha1};
    options.psk = wire::to_bytes(key);
    return options;
}

TEST(AggressiveMode, EstablishesWithPskAndCarriesQuickMode) {
    ScriptedResponder responder(server({des3_md5_1024}));
    LossyWire wire(responder);
    AggressiveModeInitiator initiator(client({des3_sha1_1024, des3_md5_1024}));

    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_EQ(wire.requests(), 2) << "message 1 and message 3, nothing else";
    EXPECT_TRUE(responder.hash_i_ok());
    EXPECT_EQ(initiator.keys().chosen, des3_md5_1024);
    EXPECT_EQ(initiator.keys().enc_key, responder.sa().enc_key);
    EXPECT_EQ(initiator.keys().last_iv, responder.sa().last_iv);

    QuickModeInitiator quick_mode(initiator.keys(),
                                  QuickModeConfig{{esp_3des_sha1}, {192, 0, 2, 2}, {192, 0, 2, 1}});
    EXPECT_EQ(run_exchange(quick_mode, wire, fast), ExchangeStatus::established)
        << quick_mode.failure_reason();
    EXPECT_TRUE(responder.quick_mode_done());
}

TEST(AggressiveMode, WrongPskFailsAtHashR) {
    ScriptedResponder responder(server({des3_sha1_1024}, "another-secret"));
    LossyWire wire(responder);
    AggressiveModeInitiator initiator(client({des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_EQ(initiator.state(), AggressiveModeInitiator::State::failed);
    EXPECT_NE(initiator.failure_reason().find("HASH_R mismatch"), std::string::npos)
        << initiator.failure_reason();
    EXPECT_FALSE(responder.hash_i_ok());
}

TEST(AggressiveMode, OffersOnlyTheFirstProposalsGroup) {
    // The 2048-bit proposal cannot be offered beside a 1024-bit KE, so nothing is acceptable.
    ScriptedResponder responder(server({aes128_sha1_2048}));
    LossyWire wire(responder);
    AggressiveModeInitiator initiator(client({des3_sha1_1024, aes128_sha1_2048}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_NE(initiator.failure_reason().find("no reply"), std::string::npos)
        << initiator.failure_reason();
}

TEST(AggressiveMode, NeedsAProposalInAKnownGroup) {
    EXPECT_THROW(AggressiveModeInitiator{MainModeConfig{}}, std::invalid_argument);
    const Phase1Proposal ecp256{CipherKind::aes128, HashKind::sha256, 19, 1, 28800};
    EXPECT_THROW(AggressiveModeInitiator{client({ecp256})}, std::invalid_argument);
    EXPECT_EQ(to_string(AggressiveModeInitiator::State::sent_first), "sent_first");
}

} // namespace
} // namespace harness::ike
