// The scripted responder: the other half of Main Mode and Quick Mode, built on the same codec.
#include "scripted_responder.hpp"

#include <algorithm>

#include "crypto/ikev1_keys.hpp"
#include "crypto/rsa_signature.hpp"
#include "ike/certificate.hpp"
#include "ike/main_mode.hpp"

namespace harness::ike::testing {

namespace {

namespace ikev1 = crypto::ikev1;

wire::Bytes rfc3947_vid() {
    return *wire::from_hex("4a131c81070358455c5728f20e95452f");
}

wire::Bytes cookie_bytes(const Cookie& cookie) {
    return {cookie.begin(), cookie.end()};
}

std::optional<crypto::DhGroup> group_of(std::uint16_t number) {
    if (number == 2) {
        return crypto::DhGroup::modp1024;
    }
    if (number == 14) {
        return crypto::DhGroup::modp2048;
    }
    return std::nullopt;
}

// The bytes after the HASH payload up to the padding, which Quick Mode hashes cover.
wire::BytesView after_hash(const wire::Bytes& plain) {
    const std::size_t hash_length = (std::size_t{plain[2]} << 8U) | plain[3];
    const wire::BytesView rest = wire::BytesView(plain).subspan(hash_length);
    return rest.first(payload_chain_length(plain[0], rest).value_or(0));
}

} // namespace

ScriptedResponder::ScriptedResponder(ResponderOptions options) : options_(std::move(options)) {}

ScriptedResponder::~ScriptedResponder() = default;

std::optional<wire::Bytes> ScriptedResponder::handle(wire::BytesView request) {
    const wire::Bytes bytes(request.begin(), request.end());
    if (bytes == last_request_) {
        ++repeated_;
        return last_reply_;
    }
    auto decoded = decode_message(request);
    if (!decoded) {
        return std::nullopt;
    }
    last_request_ = bytes;
    last_reply_ = dispatch(decoded.value());
    return last_reply_;
}

std::optional<wire::Bytes> ScriptedResponder::dispatch(const Message& request) {
    if (request.header.exchange == ExchangeType::aggressive) {
        return request.header.encrypted() ? aggressive_3(request) : aggressive_1(request);
    }
    if (request.header.exchange == ExchangeType::quick_mode) {
        return qm_id_ == 0 ? quick_mode_1(request) : quick_mode_3(request);
    }
    if (!request.header.encrypted()) {
        return find_payload<SecurityAssociation>(request.payloads) != nullptr
                   ? main_mode_1(request)
                   : main_mode_3(request);
    }
    return main_mode_5(request);
}

Message ScriptedResponder::reply_header(ExchangeType exchange) const {
    Message reply;
    reply.header.initiator_cookie = sa_.cky_i;
    reply.header.responder_cookie = sa_.cky_r;
    reply.header.exchange = exchange;
    return reply;
}

std::optional<Transform> ScriptedResponder::choose(const SecurityAssociation& offer) const {
    for (const Transform& transform : offer.proposals.at(0).transforms) {
        const auto proposal = phase1_from_transform(transform);
        const bool acceptable =
            proposal && std::any_of(options_.acceptable.begin(), options_.acceptable.end(),
                                    [&](const Phase1Proposal& p) {
                                        return p.cipher == proposal->cipher &&
                                               p.hash == proposal->hash &&
                                               p.group == proposal->group;
                                    });
        if (acceptable) {
            return transform;
        }
    }
    return std::nullopt;
}

std::optional<wire::Bytes> ScriptedResponder::main_mode_1(const Message& request) {
    const auto& offer = *find_payload<SecurityAssociation>(request.payloads);
    sa_.cky_i = request.header.initiator_cookie;
    sai_b_ = payload_body(offer);
    const std::optional<Transform> transform = choose(offer);
    if (!transform) {
        Message refusal = reply_header(ExchangeType::informational);
        refusal.payloads.emplace_back(
            Notification{doi_ipsec, ProtocolId::isakmp, {}, NotifyType::no_proposal_chosen, {}});
        return encode_message(refusal);
    }
    sa_.chosen = *phase1_from_transform(*transform);
    const wire::Bytes cookie = random_bytes(8);
    std::copy(cookie.begin(), cookie.end(), sa_.cky_r.begin());
    Message reply = reply_header(ExchangeType::main_mode);
    reply.payloads.emplace_back(SecurityAssociation{
        doi_ipsec, situation_identity_only, {Proposal{1, ProtocolId::isakmp, {}, {*transform}}}});
    if (options_.send_rfc3947_vid) {
        reply.payloads.emplace_back(VendorId{rfc3947_vid()});
    }
    return encode_message(reply);
}

wire::Bytes ScriptedResponder::nat_d(const Endpoint& endpoint) const {
    wire::ByteWriter input;
    input.bytes(sa_.cky_i);
    input.bytes(sa_.cky_r);
    input.bytes(endpoint.address);
    input.u16(endpoint.port);
    return crypto::digest(hash_alg(sa_.chosen.hash), input.data());
}

void ScriptedResponder::derive(const wire::Bytes& g_xi, const wire::Bytes& ni,
                               const wire::Bytes& nr) {
    dh_ = std::make_unique<crypto::DhKeyPair>(*group_of(sa_.chosen.group));
    g_xi_ = g_xi;
    g_xr_ = dh_->public_value();
    const auto auth =
        options_.identity ? ikev1::AuthMethod::signature : ikev1::AuthMethod::pre_shared_key;
    const ikev1::Skeyids keys = ikev1::derive_skeyids(
        {hash_alg(sa_.chosen.hash), auth, options_.psk, ni, nr, *dh_->shared_secret(g_xi_),
         cookie_bytes(sa_.cky_i), cookie_bytes(sa_.cky_r)});
    skeyid_ = keys.skeyid;
    sa_.skeyid_d = keys.skeyid_d;
    sa_.skeyid_a = keys.skeyid_a;
    sa_.skeyid_e = keys.skeyid_e;
    const crypto::CipherAlg cipher = cipher_alg(sa_.chosen.cipher);
    sa_.enc_key = ikev1::encryption_key(hash_alg(sa_.chosen.hash), sa_.skeyid_e,
                                        crypto::cipher_key_size(cipher));
    iv_ = ikev1::phase1_iv(hash_alg(sa_.chosen.hash), g_xi_, g_xr_, sa_.block_size());
}

ikev1::PhaseOneHashInputs ScriptedResponder::hash_inputs() const {
    return {hash_alg(sa_.chosen.hash), skeyid_, g_xi_, g_xr_, cookie_bytes(sa_.cky_i),
            cookie_bytes(sa_.cky_r),   sai_b_};
}

std::optional<wire::Bytes> ScriptedResponder::main_mode_3(const Message& request) {
    const auto* ke = find_payload<KeyExchange>(request.payloads);
    const auto* nonce = find_payload<Nonce>(request.payloads);
    const auto* cr = find_payload<CertificateRequest>(request.payloads);
    cert_request_seen_ =
        cr != nullptr && options_.trusted_ca && cr->authority == options_.trusted_ca->subject_der();
    const wire::Bytes nr = random_bytes(16);
    derive(ke->data, nonce->data, nr);

    Message reply = reply_header(ExchangeType::main_mode);
    reply.payloads = {KeyExchange{g_xr_}, Nonce{nr}};
    if (find_payload<NatDiscovery>(request.payloads) != nullptr) {
        reply.payloads.emplace_back(
            NatDiscovery{PayloadType::nat_d, nat_d(options_.initiator_as_seen)});
        reply.payloads.emplace_back(NatDiscovery{PayloadType::nat_d, nat_d(options_.self)});
    }
    return encode_message(reply);
}

// SIG_I must verify with the certificate sent, and that certificate must come from our CA.
bool ScriptedResponder::check_signature(const std::vector<Payload>& payloads,
                                        const wire::Bytes& hash_i) {
    const auto* cert = find_payload<Certificate>(payloads);
    const auto* signature = find_payload<Signature>(payloads);
    if (cert == nullptr || signature == nullptr) {
        return false;
    }
    const crypto::Certificate peer = crypto::Certificate::from_der(cert->data);
    if (options_.trusted_ca && crypto::issued_by(peer, *options_.trusted_ca)) {
        peer_subject_ = peer.subject();
    }
    return crypto::rsa_verify_raw(peer.public_key(), hash_i, signature->data);
}

std::vector<Payload> ScriptedResponder::proof(const wire::Bytes& hash_r,
                                              const Identification& id_r) const {
    wire::Bytes value =
        options_.identity ? crypto::rsa_sign_raw(options_.identity->key, hash_r) : hash_r;
    if (options_.corrupt_hash_r) {
        value[0] ^= 0x01U;
    }
    if (!options_.identity) {
        return {id_r, Hash{value}};
    }
    return {id_r, Certificate{CertEncoding::x509_signature, options_.identity->certificate.der()},
            Signature{value}};
}

std::optional<wire::Bytes> ScriptedResponder::main_mode_5(const Message& request) {
    const ikev1::PhaseOneHashInputs inputs = hash_inputs();
    const auto plain = decrypt_body(sa_, iv_, request.encrypted_body);
    iv_ = last_block(request.encrypted_body, sa_.block_size());
    const auto chain = decode_payload_chain(request.header.next_payload, *plain);
    if (chain) {
        const auto* id = find_payload<Identification>(chain.value());
        const auto* hash = find_payload<Hash>(chain.value());
        const wire::Bytes expected =
            id != nullptr ? ikev1::hash_i(inputs, payload_body(*id)) : wire::Bytes{};
        hash_i_ok_ =
            id != nullptr && (options_.identity ? check_signature(chain.value(), expected)
                                                : hash != nullptr && expected == hash->data);
    }

    // Replies even after a bad HASH_I, so the initiator's own check is what gets tested.
    const Identification id_r = options_.identity
                                    ? Identification{IdType::der_asn1_dn, 0, 0,
                                                     options_.identity->certificate.subject_der()}
                                    : ipv4_identification(options_.self.address, 17, 500);
    const wire::Bytes hash_r = ikev1::hash_r(inputs, payload_body(id_r));
    Message reply = reply_header(ExchangeType::main_mode);
    reply.header.flags = flag_encryption;
    reply.header.next_payload = static_cast<std::uint8_t>(PayloadType::identification);
    reply.encrypted_body = encrypt_body(sa_, iv_, encode_payload_chain(proof(hash_r, id_r)));
    iv_ = last_block(reply.encrypted_body, sa_.block_size());
    sa_.last_iv = iv_;
    return encode_message(reply);
}

// RFC 2409 5: answers SA, KE, Ni, IDii with SA, KE, Nr, IDir, HASH_R.
std::optional<wire::Bytes> ScriptedResponder::aggressive_1(const Message& request) {
    const auto* offer = find_payload<SecurityAssociation>(request.payloads);
    const auto* ke = find_payload<KeyExchange>(request.payloads);
    const auto* nonce = find_payload<Nonce>(request.payloads);
    const auto* id_i = find_payload<Identification>(request.payloads);
    if (offer == nullptr || ke == nullptr || nonce == nullptr || id_i == nullptr) {
        return std::nullopt;
    }
    sa_.cky_i = request.header.initiator_cookie;
    sai_b_ = payload_body(*offer);
    const std::optional<Transform> transform = choose(*offer);
    if (!transform) {
        return std::nullopt;
    }
    sa_.chosen = *phase1_from_transform(*transform);
    const wire::Bytes cookie = random_bytes(8);
    std::copy(cookie.begin(), cookie.end(), sa_.cky_r.begin());
    aggressive_id_i_ = payload_body(*id_i);
    const wire::Bytes nr = random_bytes(16);
    derive(ke->data, nonce->data, nr);

    const Identification id_r = ipv4_identification(options_.self.address, 17, 500);
    Message reply = reply_header(ExchangeType::aggressive);
    reply.payloads = {SecurityAssociation{doi_ipsec,
                                          situation_identity_only,
                                          {Proposal{1, ProtocolId::isakmp, {}, {*transform}}}},
                      KeyExchange{g_xr_}, Nonce{nr}};
    for (Payload& payload : proof(ikev1::hash_r(hash_inputs(), payload_body(id_r)), id_r)) {
        reply.payloads.push_back(std::move(payload));
    }
    return encode_message(reply);
}

std::optional<wire::Bytes> ScriptedResponder::aggressive_3(const Message& request) {
    const auto plain = decrypt_body(sa_, iv_, request.encrypted_body);
    const auto chain = plain ? decode_payload_chain(request.header.next_payload, *plain)
                             : DecodeResult<std::vector<Payload>>(wire::DecodeError{
                                   "isakmp", "encrypted body", 0, 0, 0, "not whole blocks"});
    const auto* hash = chain ? find_payload<Hash>(chain.value()) : nullptr;
    hash_i_ok_ = hash != nullptr && ikev1::hash_i(hash_inputs(), aggressive_id_i_) == hash->data;
    sa_.last_iv = last_block(request.encrypted_body, sa_.block_size());
    return std::nullopt;
}

std::optional<wire::Bytes> ScriptedResponder::quick_mode_1(const Message& request) {
    const crypto::HashAlg prf = hash_alg(sa_.chosen.hash);
    qm_id_ = request.header.message_id;
    qm_iv_ = ikev1::phase2_iv(prf, sa_.last_iv, qm_id_, sa_.block_size());
    const auto plain = decrypt_body(sa_, qm_iv_, request.encrypted_body);
    qm_iv_ = last_block(request.encrypted_body, sa_.block_size());
    const auto chain = decode_payload_chain(request.header.next_payload, *plain);
    if (!chain || ikev1::quick_mode_hash1(prf, sa_.skeyid_a, qm_id_, after_hash(*plain)) !=
                      find_payload<Hash>(chain.value())->data) {
        return std::nullopt;
    }
    const auto& offer = *find_payload<SecurityAssociation>(chain.value());
    spi_i_ = offer.proposals.at(0).spi;
    qm_ni_ = find_payload<Nonce>(chain.value())->data;
    std::optional<Transform> chosen;
    for (const Transform& transform : offer.proposals.at(0).transforms) {
        const auto proposal = phase2_from_transform(transform);
        if (!chosen && proposal &&
            std::find(options_.acceptable_esp.begin(), options_.acceptable_esp.end(), *proposal) !=
                options_.acceptable_esp.end()) {
            chosen = transform;
        }
    }
    if (!chosen) {
        return std::nullopt;
    }
    spi_r_ = random_bytes(4);
    qm_nr_ = random_bytes(16);
    std::vector<Payload> payloads{
        SecurityAssociation{
            doi_ipsec, situation_identity_only, {Proposal{1, ProtocolId::esp, spi_r_, {*chosen}}}},
        Nonce{qm_nr_}};
    for (const Payload& payload : chain.value()) {
        if (std::holds_alternative<Identification>(payload)) {
            payloads.push_back(payload);
        }
    }
    const wire::Bytes hash2 =
        ikev1::quick_mode_hash2(prf, sa_.skeyid_a, qm_id_, qm_ni_, encode_payload_chain(payloads));
    payloads.insert(payloads.begin(), Hash{hash2});

    Message reply = reply_header(ExchangeType::quick_mode);
    reply.header.message_id = qm_id_;
    reply.header.flags = flag_encryption;
    reply.header.next_payload = static_cast<std::uint8_t>(PayloadType::hash);
    reply.encrypted_body = encrypt_body(sa_, qm_iv_, encode_payload_chain(payloads));
    qm_iv_ = last_block(reply.encrypted_body, sa_.block_size());

    const auto esp = *phase2_from_transform(*chosen);
    const std::size_t length =
        crypto::cipher_key_size(cipher_alg(esp.cipher)) + integrity_key_size(esp.integrity);
    ikev1::QuickModeKeyInputs keys{prf, sa_.skeyid_d, {}, 3, spi_i_, qm_ni_, qm_nr_};
    keymat_spi_i_ = ikev1::quick_mode_keymat(keys, length);
    keys.spi = spi_r_;
    keymat_spi_r_ = ikev1::quick_mode_keymat(keys, length);
    return encode_message(reply);
}

std::optional<wire::Bytes> ScriptedResponder::quick_mode_3(const Message& request) {
    const auto plain = decrypt_body(sa_, qm_iv_, request.encrypted_body);
    const auto chain = decode_payload_chain(request.header.next_payload, *plain);
    const wire::Bytes expected =
        ikev1::quick_mode_hash3(hash_alg(sa_.chosen.hash), sa_.skeyid_a, qm_id_, qm_ni_, qm_nr_);
    quick_mode_done_ = chain && find_payload<Hash>(chain.value())->data == expected;
    return std::nullopt;
}

} // namespace harness::ike::testing
