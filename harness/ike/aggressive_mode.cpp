// Aggressive Mode initiator: message 1 (SA, KE, Ni, IDii), 2 checked, 3 (HASH_I) encrypted.
#include "ike/aggressive_mode.hpp"

#include <algorithm>
#include <stdexcept>

#include "crypto/dh_key_pair.hpp"
#include "crypto/hash.hpp"

namespace harness::ike {

namespace {

constexpr std::size_t nonce_size = 20;
constexpr std::uint16_t first_status_notify = 16384;
constexpr const char* rfc3947_vendor_id = "4a131c81070358455c5728f20e95452f";

bool known_group(std::uint16_t group) {
    return group == 1 || group == 2 || group == 5 || group == 14;
}

// Message 1 carries one DH value, so every offered transform must use its group.
std::vector<Phase1Proposal> same_group_only(std::vector<Phase1Proposal> proposals) {
    if (proposals.empty()) {
        throw std::invalid_argument("Aggressive Mode needs at least one proposal");
    }
    const std::uint16_t group = proposals.front().group;
    std::erase_if(proposals, [group](const Phase1Proposal& p) { return p.group != group; });
    for (Phase1Proposal& proposal : proposals) {
        proposal.auth_method = phase1_value::auth_psk;
    }
    return proposals;
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

} // namespace

std::string to_string(AggressiveModeInitiator::State state) {
    switch (state) {
    case AggressiveModeInitiator::State::start:
        return "start";
    case AggressiveModeInitiator::State::sent_first:
        return "sent_first";
    case AggressiveModeInitiator::State::established:
        return "established";
    case AggressiveModeInitiator::State::failed:
        return "failed";
    }
    return "unknown";
}

AggressiveModeInitiator::AggressiveModeInitiator(MainModeConfig config)
    : config_(std::move(config)) {
    // TODO-IKEv1: Aggressive Mode with RSA signatures is missing.
    if (config_.signature) {
        throw std::invalid_argument("Aggressive Mode supports pre-shared keys only");
    }
    config_.proposals = same_group_only(std::move(config_.proposals));
    if (!known_group(config_.proposals.front().group)) {
        throw std::invalid_argument("Aggressive Mode: unsupported group " +
                                    group_name(config_.proposals.front().group));
    }
    const wire::Bytes cookie = random_bytes(sa_.cky_i.size());
    std::copy(cookie.begin(), cookie.end(), sa_.cky_i.begin());
}

AggressiveModeInitiator::~AggressiveModeInitiator() = default;

ExchangeStatus AggressiveModeInitiator::status() const {
    if (state_ == State::established) {
        return ExchangeStatus::established;
    }
    return state_ == State::failed ? ExchangeStatus::failed : ExchangeStatus::running;
}

Message AggressiveModeInitiator::new_message(std::vector<Payload> payloads) const {
    Message message;
    message.header.initiator_cookie = sa_.cky_i;
    message.header.responder_cookie = sa_.cky_r;
    message.header.exchange = ExchangeType::aggressive;
    message.payloads = std::move(payloads);
    return message;
}

// RFC 2409 5: HDR, SA, KE, Ni, IDii, then the Vendor IDs.
wire::Bytes AggressiveModeInitiator::start() {
    Proposal proposal{1, ProtocolId::isakmp, {}, {}};
    std::uint8_t number = 1;
    for (const Phase1Proposal& candidate : config_.proposals) {
        proposal.transforms.push_back(to_transform(candidate, number++));
    }
    const SecurityAssociation offer{doi_ipsec, situation_identity_only, {std::move(proposal)}};
    sai_b_ = payload_body(offer);
    dh_ = std::make_unique<crypto::DhKeyPair>(
        static_cast<crypto::DhGroup>(config_.proposals.front().group));
    ni_b_ = random_bytes(nonce_size);

    std::vector<Payload> payloads{offer, KeyExchange{dh_->public_value()}, Nonce{ni_b_},
                                  config_.local_id};
    for (const wire::Bytes& vendor_id : config_.vendor_ids) {
        payloads.emplace_back(VendorId{vendor_id});
    }
    state_ = State::sent_first;
    return send(new_message(std::move(payloads)), "message 1");
}

ExchangeStep AggressiveModeInitiator::receive(wire::BytesView message) {
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
    if (const Notification* notify = error_notification(reply.payloads)) {
        log_.add("notify", to_string(notify->notify_type));
        return fail(to_string(notify->notify_type));
    }
    if (reply.header.exchange != ExchangeType::aggressive || reply.header.encrypted()) {
        return {};
    }
    return on_message_2(reply);
}

// RFC 2409 5: HDR, SA, KE, Nr, IDir, HASH_R [, NAT-D, NAT-D] (RFC 3947 3.2).
ExchangeStep AggressiveModeInitiator::on_message_2(const Message& message) {
    const auto* offer = find_payload<SecurityAssociation>(message.payloads);
    const auto* ke = find_payload<KeyExchange>(message.payloads);
    const auto* nonce = find_payload<Nonce>(message.payloads);
    const auto* id = find_payload<Identification>(message.payloads);
    const auto* hash = find_payload<Hash>(message.payloads);
    if (offer == nullptr || ke == nullptr || nonce == nullptr || id == nullptr || hash == nullptr) {
        return fail("message 2 lacks one of SA, KE, Nonce, ID, HASH");
    }
    if (!choose_transform(*offer)) {
        return {};
    }
    sa_.cky_r = message.header.responder_cookie;
    if (!derive_keys(*ke, *nonce)) {
        return fail("message 2 carries an invalid DH public value");
    }
    if (crypto::ikev1::hash_r(hash_inputs(), payload_body(*id)) != hash->data) {
        return fail("HASH_R mismatch: the responder used another pre-shared key or identity");
    }
    note_nat_t(message.payloads);
    const bool floating = nat_detected(message.payloads);

    // RFC 3947 4: with a NAT in the path, message 3 already goes to port 4500.
    return ExchangeStep{build_message_3(), floating};
}

bool AggressiveModeInitiator::choose_transform(const SecurityAssociation& sa) {
    if (sa.proposals.size() != 1 || sa.proposals[0].transforms.size() != 1) {
        fail("message 2 must hold exactly one proposal with one transform");
        return false;
    }
    const auto chosen = phase1_from_transform(sa.proposals[0].transforms[0]);
    const auto offered = chosen ? std::find_if(config_.proposals.begin(), config_.proposals.end(),
                                               [&](const Phase1Proposal& p) {
                                                   return p.cipher == chosen->cipher &&
                                                          p.hash == chosen->hash &&
                                                          p.group == chosen->group &&
                                                          p.auth_method == chosen->auth_method;
                                               })
                                : config_.proposals.end();
    if (offered == config_.proposals.end()) {
        fail("responder chose a transform that was not offered");
        return false;
    }
    sa_.chosen = *offered;
    log_.add("chosen_proposal", to_string(sa_.chosen));
    return true;
}

// Only RFC 3947 NAT-T is spoken here, and only when both sides named it.
void AggressiveModeInitiator::note_nat_t(const std::vector<Payload>& payloads) {
    const wire::Bytes rfc3947 = *wire::from_hex(rfc3947_vendor_id);
    const bool offered = std::find(config_.vendor_ids.begin(), config_.vendor_ids.end(), rfc3947) !=
                         config_.vendor_ids.end();
    for (const Payload& payload : payloads) {
        const auto* vendor_id = std::get_if<VendorId>(&payload);
        if (offered && vendor_id != nullptr && vendor_id->data == rfc3947) {
            sa_.nat_t = NatTraversal::rfc3947;
        }
    }
}

bool AggressiveModeInitiator::nat_detected(const std::vector<Payload>& payloads) {
    std::vector<wire::Bytes> hashes;
    for (const Payload& payload : payloads) {
        if (const auto* nat_d = std::get_if<NatDiscovery>(&payload)) {
            hashes.push_back(nat_d->hash);
        }
    }
    if (sa_.nat_t == NatTraversal::none || hashes.empty()) {
        return false;
    }
    const auto seen = [&](const Endpoint& endpoint) {
        return std::find(hashes.begin(), hashes.end(), nat_d_hash(endpoint)) != hashes.end();
    };
    sa_.nat_detected = !seen(config_.local) || !seen(config_.remote);
    if (sa_.nat_detected) {
        log_.add("nat_detected",
                 !seen(config_.local) ? "local side behind NAT" : "server behind NAT");
    }
    return sa_.nat_detected;
}

// RFC 3947 3.2: HASH = hash(CKY-I | CKY-R | IP | Port) with the negotiated hash.
wire::Bytes AggressiveModeInitiator::nat_d_hash(const Endpoint& endpoint) const {
    wire::ByteWriter input;
    input.bytes(sa_.cky_i);
    input.bytes(sa_.cky_r);
    input.bytes(endpoint.address);
    input.u16(endpoint.port);
    return crypto::digest(hash_alg(sa_.chosen.hash), input.data());
}

bool AggressiveModeInitiator::derive_keys(const KeyExchange& ke, const Nonce& nonce) {
    const auto g_xy = dh_->shared_secret(ke.data);
    if (!g_xy) {
        return false;
    }
    g_xr_ = ke.data;
    const crypto::HashAlg prf = hash_alg(sa_.chosen.hash);
    const crypto::ikev1::Skeyids keys = crypto::ikev1::derive_skeyids(
        {prf, crypto::ikev1::AuthMethod::pre_shared_key, config_.psk, ni_b_, nonce.data, *g_xy,
         wire::Bytes(sa_.cky_i.begin(), sa_.cky_i.end()),
         wire::Bytes(sa_.cky_r.begin(), sa_.cky_r.end())});
    skeyid_ = keys.skeyid;
    sa_.skeyid_d = keys.skeyid_d;
    sa_.skeyid_a = keys.skeyid_a;
    sa_.skeyid_e = keys.skeyid_e;
    sa_.enc_key = crypto::ikev1::encryption_key(
        prf, sa_.skeyid_e, crypto::cipher_key_size(cipher_alg(sa_.chosen.cipher)));
    return true;
}

crypto::ikev1::PhaseOneHashInputs AggressiveModeInitiator::hash_inputs() const {
    return {hash_alg(sa_.chosen.hash),
            skeyid_,
            dh_->public_value(),
            g_xr_,
            wire::Bytes(sa_.cky_i.begin(), sa_.cky_i.end()),
            wire::Bytes(sa_.cky_r.begin(), sa_.cky_r.end()),
            sai_b_};
}

// RFC 2409 5: HDR*, HASH_I [, NAT-D, NAT-D]; encrypted with the phase-1 IV (strongSwan and
// Windows both send it so), whose last block seeds the phase-2 IVs.
wire::Bytes AggressiveModeInitiator::build_message_3() {
    const wire::Bytes hash_i = crypto::ikev1::hash_i(hash_inputs(), payload_body(config_.local_id));
    std::vector<Payload> payloads{Hash{hash_i}};
    if (sa_.nat_t != NatTraversal::none && config_.nat_d) {
        payloads.emplace_back(NatDiscovery{PayloadType::nat_d, nat_d_hash(config_.remote)});
        payloads.emplace_back(NatDiscovery{PayloadType::nat_d, nat_d_hash(config_.local)});
    }
    const crypto::HashAlg prf = hash_alg(sa_.chosen.hash);
    const wire::Bytes iv =
        crypto::ikev1::phase1_iv(prf, dh_->public_value(), g_xr_, sa_.block_size());

    Message message = new_message({});
    message.header.flags = flag_encryption;
    message.header.next_payload = static_cast<std::uint8_t>(PayloadType::hash);
    message.encrypted_body = encrypt_body(sa_, iv, encode_payload_chain(payloads));
    sa_.last_iv = last_block(message.encrypted_body, sa_.block_size());
    state_ = State::established;
    log_.add("established", to_string(sa_.chosen));
    return send(message, "message 3: HASH encrypted");
}

void AggressiveModeInitiator::abandon(const std::string& reason) {
    if (status() == ExchangeStatus::running) {
        fail(reason);
    }
}

ExchangeStep AggressiveModeInitiator::fail(std::string reason) {
    state_ = State::failed;
    reason_ = std::move(reason);
    log_.add("failed", reason_);
    return {};
}

wire::Bytes AggressiveModeInitiator::send(const Message& message, const std::string& what) {
    wire::Bytes bytes = encode_message(message);
    const std::string names =
        message.header.encrypted() ? "" : ": " + payload_names(message.payloads);
    log_.add("sent", what + names + " (" + std::to_string(bytes.size()) + " bytes)");
    return bytes;
}

} // namespace harness::ike
