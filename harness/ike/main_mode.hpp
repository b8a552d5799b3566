// The IKEv1 Main Mode initiator (RFC 2409 5, 5.1, 5.4): pre-shared key or RSA signatures.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/certificate.hpp"
#include "crypto/ikev1_keys.hpp"
#include "crypto/private_key.hpp"
#include "ike/exchange_runner.hpp"
#include "ike/identification.hpp"
#include "ike/isakmp_sa.hpp"
#include "ike/message.hpp"
#include "ike/proposal.hpp"
#include "ike/reply_gate.hpp"
#include "ike/transport.hpp"

namespace harness::crypto {
class DhKeyPair;
}

namespace harness::ike {

/// RSA signature authentication (RFC 2409 5.1): our key and certificate, and the CA we trust.
struct SignatureAuth {
    crypto::PrivateKey key;
    crypto::Certificate certificate;
    crypto::Certificate ca;
    bool send_cert_request = true; ///< a CR naming the CA in message 3
};

/// Everything Main Mode needs to know about the client.
struct MainModeConfig {
    std::vector<Phase1Proposal> proposals;  ///< offered in this order, one transform each
    std::vector<wire::Bytes> vendor_ids;    ///< Vendor ID payload bodies for message 1
    wire::Bytes psk;                        ///< used when `signature` is empty
    std::optional<SignatureAuth> signature; ///< RSA signatures instead of the PSK; sets auth 3
    Identification local_id = ipv4_identification({0, 0, 0, 0}, 17, 500);
    Endpoint local;  ///< our address and port as sent from, for NAT-D
    Endpoint remote; ///< the server's, for NAT-D
    bool nat_d = true;
};

/// Main Mode from the initiator's side: messages 1, 3 and 5 out; 2, 4 and 6 in.
class MainModeInitiator final : public Exchange {
public:
    enum class State { start, sent_sa, sent_ke, sent_id, established, failed };

    explicit MainModeInitiator(MainModeConfig config);
    MainModeInitiator(const MainModeInitiator&) = delete;
    MainModeInitiator& operator=(const MainModeInitiator&) = delete;
    MainModeInitiator(MainModeInitiator&&) = delete;
    MainModeInitiator& operator=(MainModeInitiator&&) = delete;
    ~MainModeInitiator() override;

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
    const std::vector<wire::Bytes>& peer_vendor_ids() const { return peer_vendor_ids_; }
    /// The responder's certificate once message 6 verified with it (signature auth only).
    const std::optional<crypto::Certificate>& peer_certificate() const { return peer_certificate_; }

private:
    ExchangeStep dispatch(const Message& message);
    ExchangeStep on_message_2(const Message& message);
    ExchangeStep on_message_4(const Message& message);
    ExchangeStep on_message_6(const Message& message);
    ExchangeStep on_informational(const Message& message);
    bool choose_transform(const SecurityAssociation& sa);
    void note_vendor_ids(const std::vector<Payload>& payloads);
    bool check_nat_d(const std::vector<Payload>& payloads);
    void derive_keys();
    crypto::ikev1::PhaseOneHashInputs hash_inputs() const;
    wire::Bytes build_message_3();
    wire::Bytes build_message_5();
    std::vector<Payload> signature_payloads(const wire::Bytes& hash_i) const;
    std::optional<std::string> check_hash_r(const std::vector<Payload>& payloads);
    std::optional<std::string> check_signature(const std::vector<Payload>& payloads,
                                               const wire::Bytes& hash_r);
    std::vector<Payload> nat_d_payloads() const;
    wire::Bytes nat_d_hash(const Endpoint& endpoint) const;
    ExchangeStep fail(std::string reason);
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
    wire::Bytes iv_;
    ReplyGate gate_;
    std::vector<wire::Bytes> peer_vendor_ids_;
    std::optional<crypto::Certificate> peer_certificate_;
};

/// The name used in events and reasons ("sent_sa", ...).
std::string to_string(MainModeInitiator::State state);

/// The first payload of type T in `payloads`, or nullptr.
template <typename T>
const T* find_payload(const std::vector<Payload>& payloads) {
    for (const Payload& payload : payloads) {
        if (const T* found = std::get_if<T>(&payload)) {
            return found;
        }
    }
    return nullptr;
}

/// The body of a payload as it is hashed and authenticated (without its generic header).
template <typename T>
wire::Bytes payload_body(const T& payload) {
    wire::ByteWriter out;
    payload.encode(out);
    return out.take();
}

/// The phase-1 identity for a certificate: ID_DER_ASN1_DN of its subject (RFC 2407 4.6.2.1).
Identification dn_identification(const crypto::Certificate& certificate, std::uint8_t protocol = 0,
                                 std::uint16_t port = 0);

/// Short list of payload names for events: "SA, VID, VID".
std::string payload_names(const std::vector<Payload>& payloads);

} // namespace harness::ike
