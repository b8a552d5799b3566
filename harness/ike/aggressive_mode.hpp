// The IKEv1 Aggressive Mode initiator (RFC 2409 5, 5.4) with pre-shared key authentication.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ike/exchange_runner.hpp"
#include "ike/isakmp_sa.hpp"
#include "ike/main_mode.hpp"
#include "ike/message.hpp"
#include "ike/reply_gate.hpp"

namespace harness::crypto {
class DhKeyPair;
}

namespace harness::ike {

/// Aggressive Mode from the initiator's side: message 1 and 3 out, message 2 in. Takes the
/// Main Mode configuration; only proposals in the first proposal's group are offered, since
/// message 1 already carries our DH value.
class AggressiveModeInitiator final : public Exchange {
public:
    enum class State { start, sent_first, established, failed };

    /// std::invalid_argument without proposals or with signature authentication.
    explicit AggressiveModeInitiator(MainModeConfig config);
    AggressiveModeInitiator(const AggressiveModeInitiator&) = delete;
    AggressiveModeInitiator& operator=(const AggressiveModeInitiator&) = delete;
    AggressiveModeInitiator(AggressiveModeInitiator&&) = delete;
    AggressiveModeInitiator& operator=(AggressiveModeInitiator&&) = delete;
    ~AggressiveModeInitiator() override;

    wire::Bytes start() override;
    ExchangeStep receive(wire::BytesView message) override;
    void abandon(const std::string& reason) override;

    ExchangeStatus status() const override;
    const std::string& failure_reason() const override { return reason_; }
    IkeEventLog& log() override { return log_; }

    State state() const { return state_; }
    const std::vector<IkeEvent>& events() const { return log_.events(); }
    /// The ISAKMP SA's keys; complete once established.
    const IsakmpSa& keys() const { return sa_; }

private:
    ExchangeStep on_message_2(const Message& message);
    bool choose_transform(const SecurityAssociation& sa);
    void note_nat_t(const std::vector<Payload>& payloads);
    bool nat_detected(const std::vector<Payload>& payloads);
    bool derive_keys(const KeyExchange& ke, const Nonce& nonce);
    crypto::ikev1::PhaseOneHashInputs hash_inputs() const;
    wire::Bytes build_message_3();
    wire::Bytes nat_d_hash(const Endpoint& endpoint) const;
    ExchangeStep fail(std::string reason);
    Message new_message(std::vector<Payload> payloads) const;
    wire::Bytes send(const Message& message, const std::string& what);

    MainModeConfig config_;
    State state_ = State::start;
    std::string reason_;
    IkeEventLog log_{Stage::ike_sa};
    IsakmpSa sa_;
    wire::Bytes sai_b_;
    std::unique_ptr<crypto::DhKeyPair> dh_;
    wire::Bytes ni_b_;
    wire::Bytes g_xr_;
    wire::Bytes skeyid_;
    ReplyGate gate_;
};

/// The name used in events and reasons ("sent_first", ...).
std::string to_string(AggressiveModeInitiator::State state);

} // namespace harness::ike
