// Main Mode initiator: builds messages 1, 3, 5 and checks 2, 4, 6 with a PSK or RSA signatures
// (RFC 2409 5, 5.1; RFC 3947 3).
#include "ike/main_mode.hpp"

#include <algorithm>
#include <array>

#include "crypto/dh_key_pair.hpp"
#include "crypto/hash.hpp"
#include "crypto/ikev1_keys.hpp"
#include "crypto/rsa_signature.hpp"
#include "crypto/test_pki.hpp"
#include "ike/certificate.hpp"

namespace harness::ike {

namespace {

constexpr std::size_t nonce_size = 20;
// Notify types below this are errors (RFC 2408 3.14.1); above are status messages.
constexpr std::uint16_t first_status_notify = 16384;

struct NatTVendorId {
    const char* hex;
    NatTraversal flavour;
};

// RFC 3947 and the draft-02/02n/03 names whose NAT-D payloads use number 130.
constexpr std::array<NatTVendorId, 4> nat_t_vendor_ids{{
    {"4a131c81070358455c5728f20e95452f", NatTraversal::rfc3947},
    {"90cb80913ebb696e086381b5ec427b1f", NatTraversal::draft},
    {"cd60464335df21f87cfdb2fc68b6a448", NatTraversal::draft},
    {"7d9419a65310ca6f2c179d9215529d56", NatTraversal::draft},
}};

std::optional<crypto::DhGroup> dh_group(std::uint16_t group) {
    switch (group) {
    case 1:
        return crypto::DhGroup::modp768;
    case 2:
        return crypto::DhGroup::modp1024;
    case 5:
        return crypto::DhGroup::modp1536;
    case 14:
        return crypto::DhGroup::modp2048;
    default:
        return std::nullopt;
    }
}

bool same_offer(const Phase1Proposal& offered, const Phase1Proposal& chosen) {
    return offered.cipher == chosen.cipher && offered.hash == chosen.hash &&
           offered.group == chosen.group && offered.auth_method == chosen.auth_method;
}

const Notification* error_notification(const std::vector<Payload>& payloads) {
    for (const Payload& payload : payloads) {
        const auto* notify = std::get_if<Notification>(&payload);
        if (notify != nullptr &&
            static_cast<std::uint16_t>(notify->notify_type) < first_status_notify) {
            return notify;
        }
    }
    return nullptr;
}

Message new_message(const IsakmpSa& sa, std::vector<Payload> payloads) {
    Message message;
    message.header.initiator_cookie = sa.cky_i;
    message.header.responder_cookie = sa.cky_r;
    message.header.exchange = ExchangeType::main_mode;
    message.payloads = std::move(payloads);
    return message;
}

} // namespace

std::string payload_names(const std::vector<Payload>& payloads) {
    std::string names;
    for (const Payload& payload : payloads) {
        names += (names.empty() ? "" : ", ") + to_string(payload_type(payload));
    }
    return names;
}

std::string to_string(MainModeInitiator::State state) {
    switch (state) {
    case MainModeInitiator::State::start:
        return "start";
    case MainModeInitiator::State::sent_sa:
        return "sent_sa";
    case MainModeInitiator::State::sent_ke:
        return "sent_ke";
    case MainModeInitiator::State::sent_id:
        return "sent_id";
    case MainModeInitiator::State::established:
        return "established";
    case MainModeInitiator::State::failed:
        return "failed";
    }
    return "unknown";
}

Identification dn_identification(const crypto::Certificate& certificate, std::uint8_t protocol,
                                 std::uint16_t port) {
    return Identification{IdType::der_asn1_dn, protocol, port, certificate.subject_der()};
}

MainModeInitiator::MainModeInitiator(MainModeConfig config) : config_(std::move(config)) {
    // RFC 2409 appendix A: the authentication method is part of every offered transform.
    for (Phase1Proposal& proposal : config_.proposals) {
        proposal.auth_method =
            config_.signature ? phase1_value::auth_rsa_sig : phase1_value::auth_psk;
    }
    const wire::Bytes cookie = random_bytes(sa_.cky_i.size());
    std::copy(cookie.begin(), cookie.end(), sa_.cky_i.begin());
}

MainModeInitiator::~MainModeInitiator() = default;

ExchangeStatus MainModeInitiator::status() const {
    if (state_ == State::established) {
        return ExchangeStatus::established;
    }
    return state_ == State::failed ? ExchangeStatus::failed : ExchangeStatus::running;
}

// RFC 2409 5: HDR, SA with one proposal holding every transform, then the Vendor IDs.
wire::Bytes MainModeInitiator::start() {
    SecurityAssociation offer;
    Proposal proposal{1, ProtocolId::isakmp, {}, {}};
    std::uint8_t number = 1;
    for (const Phase1Proposal& candidate : config_.proposals) {
        proposal.transforms.push_back(to_transform(candidate, number++));
    }
    offer.proposals.push_back(std::move(proposal));
    sai_b_ = payload_body(offer);

    std::vector<Payload> payloads{offer};
    for (const wire::Bytes& vendor_id : config_.vendor_ids) {
        payloads.emplace_back(VendorId{vendor_id});
    }
    state_ = State::sent_sa;
    return send(new_message(sa_, std::move(payloads)), "message 1");
}

ExchangeStep MainModeInitiator::receive(wire::BytesView message) {
    if (status() != ExchangeStatus::running) {
        return {};
    }
    GateResult gate = gate_.admit(
        message, [this](const Header& header) { return header.initiator_cookie == sa_.cky_i; },
        log_);
    if (!gate.malformed.empty()) {
        return fail(gate.malformed);
    }
    if (!gate.message) {
        return {};
    }
    const Message& reply = *gate.message;
    return dispatch(reply);
}

ExchangeStep MainModeInitiator::dispatch(const Message& message) {
    if (message.header.exchange == ExchangeType::informational) {
        return on_informational(message);
    }
    if (message.header.exchange != ExchangeType::main_mode) {
        return {};
    }
    if (const Notification* notify = error_notification(message.payloads)) {
        log_.add("notify", to_string(notify->notify_type));
        return fail(to_string(notify->notify_type));
    }
    switch (state_) {
    case State::sent_sa:
        return on_message_2(message);
    case State::sent_ke:
        return on_message_4(message);
    case State::sent_id:
        return on_message_6(message);
    default:
        return {};
    }
}

// RFC 2409 5.7: after the keys exist the peer's notifications come encrypted, IV from its M-ID.
ExchangeStep MainModeInitiator::on_informational(const Message& message) {
    std::vector<Payload> payloads = message.payloads;
    if (message.header.encrypted()) {
        if (state_ != State::sent_id) {
            return fail("encrypted informational before the keys exist");
        }
        const wire::Bytes iv = crypto::ikev1::phase2_iv(
            hash_alg(sa_.chosen.hash), iv_, message.header.message_id, sa_.block_size());
        const auto plain = decrypt_body(sa_, iv, message.encrypted_body);
        auto chain = plain ? decode_payload_chain(message.header.next_payload, *plain)
                           : DecodeResult<std::vector<Payload>>(wire::DecodeError{
                                 "isakmp", "encrypted body", 0, 0, 0, "not whole blocks"});
        if (!chain) {
            return fail("unreadable encrypted informational (pre-shared key mismatch?): " +
                        chain.error().message());
        }
        payloads = chain.value();
    }
    if (const Notification* notify = error_notification(payloads)) {
        log_.add("notify", to_string(notify->notify_type));
        return fail(to_string(notify->notify_type));
    }
    for (const Payload& payload : payloads) {
        if (const auto* notify = std::get_if<Notification>(&payload)) {
            log_.add("notify", to_string(notify->notify_type));
        }
    }
    return {};
}

ExchangeStep MainModeInitiator::on_message_2(const Message& message) {
    const auto* offer = find_payload<SecurityAssociation>(message.payloads);
    if (offer == nullptr) {
        return fail("message 2 has no SA payload");
    }
    if (!choose_transform(*offer)) {
        return {};
    }
    if (!dh_group(sa_.chosen.group)) {
        return fail("chosen group " + group_name(sa_.chosen.group) + " is not supported here");
    }
    sa_.cky_r = message.header.responder_cookie;
    note_vendor_ids(message.payloads);

    state_ = State::sent_ke;
    return ExchangeStep{build_message_3(), false};
}

bool MainModeInitiator::choose_transform(const SecurityAssociation& sa) {
    if (sa.proposals.size() != 1 || sa.proposals[0].transforms.size() != 1) {
        fail("message 2 must hold exactly one proposal with one transform");
        return false;
    }
    const auto chosen = phase1_from_transform(sa.proposals[0].transforms[0]);
    const auto offered =
        chosen ? std::find_if(config_.proposals.begin(), config_.proposals.end(),
                              [&](const Phase1Proposal& p) { return same_offer(p, *chosen); })
               : config_.proposals.end();
    if (offered == config_.proposals.end()) {
        fail("responder chose a transform that was not offered");
        return false;
    }
    sa_.chosen = *offered;
    log_.add("chosen_proposal", to_string(sa_.chosen));
    return true;
}

void MainModeInitiator::note_vendor_ids(const std::vector<Payload>& payloads) {
    for (const Payload& payload : payloads) {
        const auto* vendor_id = std::get_if<VendorId>(&payload);
        if (vendor_id == nullptr) {
            continue;
        }
        peer_vendor_ids_.push_back(vendor_id->data);
        const bool offered = std::find(config_.vendor_ids.begin(), config_.vendor_ids.end(),
                                       vendor_id->data) != config_.vendor_ids.end();
        for (const NatTVendorId& known : nat_t_vendor_ids) {
            // RFC 3947 wins over any draft both sides also named.
            if (offered && wire::to_hex(vendor_id->data) == known.hex &&
                sa_.nat_t != NatTraversal::rfc3947) {
                sa_.nat_t = known.flavour;
            }
        }
    }
}

// RFC 2409 5: HDR, KE, Ni [, NAT-D (server), NAT-D (us)] (RFC 3947 3.2).
wire::Bytes MainModeInitiator::build_message_3() {
    dh_ = std::make_unique<crypto::DhKeyPair>(*dh_group(sa_.chosen.group));
    ni_b_ = random_bytes(nonce_size);
    std::vector<Payload> payloads{KeyExchange{dh_->public_value()}, Nonce{ni_b_}};
    // RFC 2409 5.1: a CR names the CA whose certificates we accept.
    if (config_.signature && config_.signature->send_cert_request) {
        payloads.emplace_back(
            CertificateRequest{CertEncoding::x509_signature, config_.signature->ca.subject_der()});
    }
    if (sa_.nat_t != NatTraversal::none && config_.nat_d) {
        for (Payload& nat_d : nat_d_payloads()) {
            payloads.push_back(std::move(nat_d));
        }
    }
    return send(new_message(sa_, std::move(payloads)), "message 3");
}

std::vector<Payload> MainModeInitiator::nat_d_payloads() const {
    const PayloadType type =
        sa_.nat_t == NatTraversal::rfc3947 ? PayloadType::nat_d : PayloadType::nat_d_draft;
    return {NatDiscovery{type, nat_d_hash(config_.remote)},
            NatDiscovery{type, nat_d_hash(config_.local)}};
}

// RFC 3947 3.2: HASH = hash(CKY-I | CKY-R | IP | Port) with the negotiated hash.
wire::Bytes MainModeInitiator::nat_d_hash(const Endpoint& endpoint) const {
    wire::ByteWriter input;
    input.bytes(sa_.cky_i);
    input.bytes(sa_.cky_r);
    input.bytes(endpoint.address);
    input.u16(endpoint.port);
    return crypto::digest(hash_alg(sa_.chosen.hash), input.data());
}

ExchangeStep MainModeInitiator::on_message_4(const Message& message) {
    const auto* ke = find_payload<KeyExchange>(message.payloads);
    const auto* nonce = find_payload<Nonce>(message.payloads);
    if (ke == nullptr || nonce == nullptr) {
        return fail("message 4 lacks KE or Nonce");
    }
    const auto g_xy = dh_->shared_secret(ke->data);
    if (!g_xy) {
        return fail("message 4 carries an invalid DH public value");
    }
    g_xr_ = ke->data;
    const bool nat_d_ok = check_nat_d(message.payloads);

    const auto auth = config_.signature ? crypto::ikev1::AuthMethod::signature
                                        : crypto::ikev1::AuthMethod::pre_shared_key;
    crypto::ikev1::KeyInputs inputs{hash_alg(sa_.chosen.hash),
                                    auth,
                                    config_.psk,
                                    ni_b_,
                                    nonce->data,
                                    *g_xy,
                                    wire::Bytes(sa_.cky_i.begin(), sa_.cky_i.end()),
                                    wire::Bytes(sa_.cky_r.begin(), sa_.cky_r.end())};
    const crypto::ikev1::Skeyids keys = crypto::ikev1::derive_skeyids(inputs);
    skeyid_ = keys.skeyid;
    sa_.skeyid_d = keys.skeyid_d;
    sa_.skeyid_a = keys.skeyid_a;
    sa_.skeyid_e = keys.skeyid_e;
    derive_keys();

    state_ = State::sent_id;
    // RFC 3947 4: with a NAT in the path, message 5 already goes to port 4500.
    return ExchangeStep{build_message_5(), nat_d_ok && sa_.nat_detected};
}

bool MainModeInitiator::check_nat_d(const std::vector<Payload>& payloads) {
    std::vector<wire::Bytes> hashes;
    for (const Payload& payload : payloads) {
        if (const auto* nat_d = std::get_if<NatDiscovery>(&payload)) {
            hashes.push_back(nat_d->hash);
        }
    }
    if (sa_.nat_t == NatTraversal::none || hashes.empty()) {
        return false;
    }
    // RFC 3947 3.2: the responder's first NAT-D hashes us as it sees us, then itself.
    const bool local_seen =
        std::find(hashes.begin(), hashes.end(), nat_d_hash(config_.local)) != hashes.end();
    const bool remote_seen =
        std::find(hashes.begin(), hashes.end(), nat_d_hash(config_.remote)) != hashes.end();
    sa_.nat_detected = !local_seen || !remote_seen;
    if (sa_.nat_detected) {
        log_.add("nat_detected", !local_seen ? "local side behind NAT" : "server behind NAT");
    }
    return true;
}

crypto::ikev1::PhaseOneHashInputs MainModeInitiator::hash_inputs() const {
    return {hash_alg(sa_.chosen.hash),
            skeyid_,
            dh_->public_value(),
            g_xr_,
            wire::Bytes(sa_.cky_i.begin(), sa_.cky_i.end()),
            wire::Bytes(sa_.cky_r.begin(), sa_.cky_r.end()),
            sai_b_};
}

void MainModeInitiator::derive_keys() {
    const crypto::HashAlg prf = hash_alg(sa_.chosen.hash);
    const crypto::CipherAlg cipher = cipher_alg(sa_.chosen.cipher);
    sa_.enc_key = crypto::ikev1::encryption_key(prf, sa_.skeyid_e, crypto::cipher_key_size(cipher));
    iv_ = crypto::ikev1::phase1_iv(prf, dh_->public_value(), g_xr_, sa_.block_size());
}

// RFC 2409 5.4: HDR*, IDii, HASH_I; 5.1: HDR*, IDii, [CERT,] SIG_I. Encrypted with the
// phase-1 IV.
wire::Bytes MainModeInitiator::build_message_5() {
    const crypto::ikev1::PhaseOneHashInputs inputs = hash_inputs();
    if (config_.signature) {
        config_.local_id = dn_identification(config_.signature->certificate,
                                             config_.local_id.protocol, config_.local_id.port);
    }
    const wire::Bytes hash_i = crypto::ikev1::hash_i(inputs, payload_body(config_.local_id));
    const std::vector<Payload> payloads =
        config_.signature ? signature_payloads(hash_i)
                          : std::vector<Payload>{config_.local_id, Hash{hash_i}};

    Message message = new_message(sa_, {});
    message.header.flags = flag_encryption;
    message.header.next_payload = static_cast<std::uint8_t>(PayloadType::identification);
    message.encrypted_body = encrypt_body(sa_, iv_, encode_payload_chain(payloads));
    iv_ = last_block(message.encrypted_body, sa_.block_size());
    return send(message, config_.signature ? "message 5: ID, CERT, SIG encrypted"
                                           : "message 5: ID, HASH encrypted");
}

// RFC 2409 5.1: SIG_I is HASH_I signed with PKCS#1 v1.5, no DigestInfo.
std::vector<Payload> MainModeInitiator::signature_payloads(const wire::Bytes& hash_i) const {
    const SignatureAuth& auth = *config_.signature;
    return {config_.local_id, Certificate{CertEncoding::x509_signature, auth.certificate.der()},
            Signature{crypto::rsa_sign_raw(auth.key, hash_i)}};
}

ExchangeStep MainModeInitiator::on_message_6(const Message& message) {
    if (!message.header.encrypted()) {
        return fail("message 6 is not encrypted");
    }
    const auto plain = decrypt_body(sa_, iv_, message.encrypted_body);
    if (!plain) {
        return fail("message 6 body is not a whole number of cipher blocks");
    }
    iv_ = last_block(message.encrypted_body, sa_.block_size());
    const auto chain = decode_payload_chain(message.header.next_payload, *plain);
    if (!chain) {
        return fail("message 6 unreadable after decryption (pre-shared key mismatch?): " +
                    chain.error().message());
    }
    if (const auto problem = check_hash_r(chain.value())) {
        return fail(*problem);
    }
    sa_.last_iv = iv_;
    state_ = State::established;
    log_.add("established", to_string(sa_.chosen));
    return {};
}

// The responder's proof: HASH_R itself, or SIG_R over it by a certificate from our CA.
std::optional<std::string> MainModeInitiator::check_hash_r(const std::vector<Payload>& payloads) {
    const auto* id = find_payload<Identification>(payloads);
    if (id == nullptr) {
        return "message 6 lacks ID (pre-shared key mismatch?)";
    }
    const wire::Bytes expected = crypto::ikev1::hash_r(hash_inputs(), payload_body(*id));
    if (config_.signature) {
        return check_signature(payloads, expected);
    }
    const auto* hash = find_payload<Hash>(payloads);
    if (hash == nullptr) {
        return "message 6 lacks HASH (pre-shared key mismatch?)";
    }
    if (expected != hash->data) {
        return "HASH_R mismatch: the responder used another pre-shared key or identity";
    }
    return std::nullopt;
}

std::optional<std::string> MainModeInitiator::check_signature(const std::vector<Payload>& payloads,
                                                              const wire::Bytes& hash_r) {
    const auto* cert = find_payload<Certificate>(payloads);
    const auto* signature = find_payload<Signature>(payloads);
    if (cert == nullptr || signature == nullptr) {
        return "message 6 lacks CERT or SIG";
    }
    std::optional<crypto::Certificate> peer;
    try {
        peer = crypto::Certificate::from_der(cert->data);
    } catch (const crypto::CryptoError& error) {
        return std::string("message 6 CERT is not an X.509 certificate: ") + error.what();
    }
    if (!crypto::issued_by(*peer, config_.signature->ca)) {
        return "responder certificate \"" + peer->subject() + "\" was not issued by our CA";
    }
    if (!crypto::rsa_verify_raw(peer->public_key(), hash_r, signature->data)) {
        return "SIG_R does not verify with the responder certificate \"" + peer->subject() + "\"";
    }
    log_.add("peer_certificate", peer->subject());
    peer_certificate_ = peer;
    return std::nullopt;
}

void MainModeInitiator::abandon(const std::string& reason) {
    if (status() == ExchangeStatus::running) {
        fail(reason);
    }
}

ExchangeStep MainModeInitiator::fail(std::string reason) {
    state_ = State::failed;
    reason_ = std::move(reason);
    log_.add("failed", reason_);
    return {};
}

wire::Bytes MainModeInitiator::send(const Message& message, const std::string& what) {
    wire::Bytes bytes = encode_message(message);
    const std::string names =
        message.header.encrypted() ? "" : ": " + payload_names(message.payloads);
    log_.add("sent", what + names + " (" + std::to_string(bytes.size()) + " bytes)");
    return bytes;
}

} // namespace harness::ike
