// The IKEv1 Quick Mode initiator (RFC 2409 5.5) for one ESP transport-mode SA pair.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ike/exchange_runner.hpp"
#include "ike/isakmp_sa.hpp"
#include "ike/message.hpp"
#include "ike/proposal.hpp"
#include "ike/reply_gate.hpp"

namespace harness::ike {

/// The traffic to protect and the ESP proposals to offer for it.
struct QuickModeConfig {
    std::vector<Phase2Proposal> proposals;
    std::array<std::uint8_t, 4> local_address{};
    std::array<std::uint8_t, 4> remote_address{};
    std::uint8_t protocol = 17; ///< UDP, for L2TP
    std::uint16_t local_port = 1701;
    std::uint16_t remote_port = 1701;
};

/// The negotiated ESP SA pair and its keys (RFC 2409 5.5).
struct ChildSaKeys {
    Phase2Proposal chosen;
    std::uint16_t encapsulation = phase2_value::mode_transport;
    wire::Bytes spi_i;      ///< our inbound SPI
    wire::Bytes spi_r;      ///< the responder's inbound SPI (our outbound)
    wire::Bytes keymat_in;  ///< KEYMAT for spi_i: encryption key, then integrity key
    wire::Bytes keymat_out; ///< KEYMAT for spi_r
};

/// Quick Mode from the initiator's side on an established ISAKMP SA, without PFS.
class QuickModeInitiator final : public Exchange {
public:
    enum class State { start, sent_hash1, established, failed };

    QuickModeInitiator(IsakmpSa sa, QuickModeConfig config);

    wire::Bytes start() override;
    ExchangeStep receive(wire::BytesView message) override;
    void abandon(const std::string& reason) override;

    ExchangeStatus status() const override;
    const std::string& failure_reason() const override { return reason_; }
    IkeEventLog& log() override { return log_; }

    State state() const { return state_; }
    const std::vector<IkeEvent>& events() const { return log_.events(); }
    const ChildSaKeys& keys() const { return keys_; }
    std::uint32_t message_id() const { return message_id_; }

private:
    ExchangeStep dispatch(const Message& message);
    ExchangeStep on_informational(const Message& message);
    ExchangeStep on_message_2(const Message& message);
    std::optional<std::vector<Payload>> verified_payloads(const wire::Bytes& plain);
    bool accept_sa(const std::vector<Payload>& payloads);
    void derive_keymat(const wire::Bytes& nr_b);
    wire::Bytes build_message_3(const wire::Bytes& nr_b);
    wire::Bytes encrypted_message(const std::vector<Payload>& payloads);
    ExchangeStep fail(std::string reason);

    IsakmpSa sa_;
    QuickModeConfig config_;
    State state_ = State::start;
    std::string reason_;
    IkeEventLog log_{Stage::ipsec_sa};
    ChildSaKeys keys_;
    std::uint32_t message_id_ = 0;
    wire::Bytes iv_;
    wire::Bytes ni_b_;
    ReplyGate gate_;
};

/// The encapsulation mode for transport mode with this ISAKMP SA's NAT-T outcome
/// (RFC 2407 4.5, RFC 3947 5.3, draft value 61444).
std::uint16_t transport_encapsulation(const IsakmpSa& sa);

} // namespace harness::ike
