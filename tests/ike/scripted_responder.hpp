// A scripted IKEv1 responder for tests: Main Mode (PSK or RSA signatures), Aggressive Mode
// (PSK) and Quick Mode, with fault switches.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "crypto/dh_key_pair.hpp"
#include "crypto/ikev1_keys.hpp"
#include "crypto/test_pki.hpp"
#include "ike/isakmp_sa.hpp"
#include "ike/message.hpp"
#include "ike/proposal.hpp"
#include "ike/transport.hpp"

namespace harness::ike::testing {

/// What the responder accepts and how it misbehaves.
struct ResponderOptions {
    std::vector<Phase1Proposal> acceptable;
    std::vector<Phase2Proposal> acceptable_esp;
    wire::Bytes psk;
    bool send_rfc3947_vid = false;
    Endpoint initiator_as_seen{{192, 0, 2, 2}, 500}; ///< for the NAT-D hashes it sends
    Endpoint self{{192, 0, 2, 1}, 500};
    bool corrupt_hash_r = false; ///< flips a bit of HASH_R, or of SIG_R with signatures
    std::optional<crypto::IssuedIdentity> identity; ///< RSA signatures with this, not the PSK
    std::optional<crypto::Certificate> trusted_ca;  ///< checks the initiator's certificate
};

/// Answers each request synchronously; a repeated request gets the cached reply again.
class ScriptedResponder {
public:
    explicit ScriptedResponder(ResponderOptions options);
    ~ScriptedResponder();
    ScriptedResponder(const ScriptedResponder&) = delete;
    ScriptedResponder& operator=(const ScriptedResponder&) = delete;
    ScriptedResponder(ScriptedResponder&&) = delete;
    ScriptedResponder& operator=(ScriptedResponder&&) = delete;

    std::optional<wire::Bytes> handle(wire::BytesView request);

    const IsakmpSa& sa() const { return sa_; }
    bool hash_i_ok() const { return hash_i_ok_; }
    bool quick_mode_done() const { return quick_mode_done_; }
    bool cert_request_seen() const { return cert_request_seen_; }
    /// The subject of the certificate message 5 carried, when it verified against trusted_ca.
    const std::string& peer_subject() const { return peer_subject_; }
    int repeated_requests() const { return repeated_; }
    const wire::Bytes& spi_r() const { return spi_r_; }
    const wire::Bytes& keymat_for_spi_i() const { return keymat_spi_i_; }
    const wire::Bytes& keymat_for_spi_r() const { return keymat_spi_r_; }

private:
    std::optional<wire::Bytes> dispatch(const Message& request);
    std::optional<wire::Bytes> main_mode_1(const Message& request);
    std::optional<wire::Bytes> main_mode_3(const Message& request);
    std::optional<wire::Bytes> main_mode_5(const Message& request);
    std::optional<wire::Bytes> aggressive_1(const Message& request);
    std::optional<wire::Bytes> aggressive_3(const Message& request);
    std::optional<Transform> choose(const SecurityAssociation& offer) const;
    void derive(const wire::Bytes& g_xi, const wire::Bytes& ni, const wire::Bytes& nr);
    crypto::ikev1::PhaseOneHashInputs hash_inputs() const;
    bool check_signature(const std::vector<Payload>& payloads, const wire::Bytes& hash_i);
    std::vector<Payload> proof(const wire::Bytes& hash_r, const Identification& id_r) const;
    std::optional<wire::Bytes> quick_mode_1(const Message& request);
    std::optional<wire::Bytes> quick_mode_3(const Message& request);
    wire::Bytes nat_d(const Endpoint& endpoint) const;
    Message reply_header(ExchangeType exchange) const;

    ResponderOptions options_;
    IsakmpSa sa_;
    wire::Bytes sai_b_;
    wire::Bytes aggressive_id_i_;
    wire::Bytes g_xi_;
    wire::Bytes g_xr_;
    wire::Bytes skeyid_;
    wire::Bytes iv_;
    wire::Bytes qm_iv_;
    std::uint32_t qm_id_ = 0;
    wire::Bytes qm_ni_;
    wire::Bytes qm_nr_;
    wire::Bytes spi_i_;
    wire::Bytes spi_r_;
    wire::Bytes keymat_spi_i_;
    wire::Bytes keymat_spi_r_;
    bool hash_i_ok_ = false;
    bool cert_request_seen_ = false;
    std::string peer_subject_;
    bool quick_mode_done_ = false;
    int repeated_ = 0;
    wire::Bytes last_request_;
    std::optional<wire::Bytes> last_reply_;
    std::unique_ptr<crypto::DhKeyPair> dh_;
};

} // namespace harness::ike::testing
