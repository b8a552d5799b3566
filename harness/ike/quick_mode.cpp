// Quick Mode initiator: HASH(1) SA Ni IDci IDcr out, HASH(2) in, HASH(3) out (RFC 2409 5.5).
#include "ike/quick_mode.hpp"

#include "crypto/ikev1_keys.hpp"
#include "ike/main_mode.hpp"

namespace harness::ike {

namespace {

constexpr std::size_t nonce_size = 20;
constexpr std::size_t esp_spi_size = 4;
constexpr std::uint16_t first_status_notify = 16384;

std::uint32_t random_message_id() {
    for (;;) {
        const wire::Bytes bytes = random_bytes(4);
        const std::uint32_t id = (std::uint32_t{bytes[0]} << 24U) |
                                 (std::uint32_t{bytes[1]} << 16U) |
                                 (std::uint32_t{bytes[2]} << 8U) | bytes[3];
        if (id != 0) {
            return id;
        }
    }
}

} // namespace

std::uint16_t transport_encapsulation(const IsakmpSa& sa) {
    if (!sa.nat_detected || sa.nat_t == NatTraversal::none) {
        return phase2_value::mode_transport;
    }
    return sa.nat_t == NatTraversal::rfc3947 ? phase2_value::mode_udp_transport
                                             : phase2_value::mode_udp_transport_draft;
}

QuickModeInitiator::QuickModeInitiator(IsakmpSa sa, QuickModeConfig config)
    : sa_(std::move(sa)), config_(std::move(config)) {}

ExchangeStatus QuickModeInitiator::status() const {
    if (state_ == State::established) {
        return ExchangeStatus::established;
    }
    return state_ == State::failed ? ExchangeStatus::failed : ExchangeStatus::running;
}

// RFC 2409 5.5: HDR*, HASH(1), SA, Ni, IDci, IDcr with a fresh M-ID and its own IV.
wire::Bytes QuickModeInitiator::start() {
    message_id_ = random_message_id();
    iv_ = crypto::ikev1::phase2_iv(hash_alg(sa_.chosen.hash), sa_.last_iv, message_id_,
                                   sa_.block_size());
    keys_.encapsulation = transport_encapsulation(sa_);
    keys_.spi_i = random_bytes(esp_spi_size);
    ni_b_ = random_bytes(nonce_size);

    Proposal proposal{1, ProtocolId::esp, keys_.spi_i, {}};
    std::uint8_t number = 1;
    for (const Phase2Proposal& candidate : config_.proposals) {
        proposal.transforms.push_back(to_transform(candidate, number++, keys_.encapsulation));
    }
    // TODO-IKEv1: NAT-OA payloads for UDP-encapsulated transport mode are not sent.
    std::vector<Payload> payloads{
        SecurityAssociation{doi_ipsec, situation_identity_only, {std::move(proposal)}},
        Nonce{ni_b_},
        ipv4_identification(config_.local_address, config_.protocol, config_.local_port),
        ipv4_identification(config_.remote_address, config_.protocol, config_.remote_port)};
    const wire::Bytes hash1 = crypto::ikev1::quick_mode_hash1(
        hash_alg(sa_.chosen.hash), sa_.skeyid_a, message_id_, encode_payload_chain(payloads));
    payloads.insert(payloads.begin(), Hash{hash1});

    state_ = State::sent_hash1;
    wire::Bytes bytes = encrypted_message(payloads);
    log_.add("sent", "message 1: HASH, SA, Nonce, ID, ID encrypted (" +
                         std::to_string(bytes.size()) + " bytes)");
    return bytes;
}

wire::Bytes QuickModeInitiator::encrypted_message(const std::vector<Payload>& payloads) {
    Message message;
    message.header.initiator_cookie = sa_.cky_i;
    message.header.responder_cookie = sa_.cky_r;
    message.header.exchange = ExchangeType::quick_mode;
    message.header.flags = flag_encryption;
    message.header.message_id = message_id_;
    message.header.next_payload = static_cast<std::uint8_t>(PayloadType::hash);
    message.encrypted_body = encrypt_body(sa_, iv_, encode_payload_chain(payloads));
    iv_ = last_block(message.encrypted_body, sa_.block_size());
    return encode_message(message);
}

ExchangeStep QuickModeInitiator::receive(wire::BytesView message) {
    if (status() != ExchangeStatus::running) {
        return {};
    }
    GateResult gate = gate_.admit(
        message,
        [this](const Header& header) {
            return header.initiator_cookie == sa_.cky_i && header.responder_cookie == sa_.cky_r;
        },
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

ExchangeStep QuickModeInitiator::dispatch(const Message& message) {
    if (message.header.exchange == ExchangeType::informational) {
        return on_informational(message);
    }
    if (message.header.exchange != ExchangeType::quick_mode ||
        message.header.message_id != message_id_) {
        return {};
    }
    if (!message.header.encrypted()) {
        return fail("Quick Mode reply is not encrypted");
    }
    return on_message_2(message);
}

// RFC 2409 5.7: an informational has its own M-ID and so its own IV from the phase-1 IV.
ExchangeStep QuickModeInitiator::on_informational(const Message& message) {
    std::vector<Payload> payloads = message.payloads;
    if (message.header.encrypted()) {
        const wire::Bytes iv = crypto::ikev1::phase2_iv(
            hash_alg(sa_.chosen.hash), sa_.last_iv, message.header.message_id, sa_.block_size());
        const auto plain = decrypt_body(sa_, iv, message.encrypted_body);
        if (!plain) {
            return fail("encrypted informational is not whole cipher blocks");
        }
        auto chain = decode_payload_chain(message.header.next_payload, *plain);
        if (!chain) {
            return fail("unreadable encrypted informational: " + chain.error().message());
        }
        payloads = chain.value();
    }
    for (const Payload& payload : payloads) {
        const auto* notify = std::get_if<Notification>(&payload);
        if (notify == nullptr) {
            continue;
        }
        log_.add("notify", to_string(notify->notify_type));
        if (static_cast<std::uint16_t>(notify->notify_type) < first_status_notify) {
            return fail(to_string(notify->notify_type));
        }
    }
    return {};
}

ExchangeStep QuickModeInitiator::on_message_2(const Message& message) {
    const auto plain = decrypt_body(sa_, iv_, message.encrypted_body);
    if (!plain) {
        return fail("Quick Mode message 2 is not whole cipher blocks");
    }
    iv_ = last_block(message.encrypted_body, sa_.block_size());
    const auto payloads = verified_payloads(*plain);
    if (!payloads || !accept_sa(*payloads)) {
        return {};
    }
    const auto* nonce = find_payload<Nonce>(*payloads);
    if (nonce == nullptr) {
        return fail("Quick Mode message 2 has no Nonce");
    }
    derive_keymat(nonce->data);

    wire::Bytes reply = build_message_3(nonce->data);
    state_ = State::established;
    log_.add("established", to_string(keys_.chosen) + " spi_i " + wire::to_hex(keys_.spi_i) +
                                " spi_r " + wire::to_hex(keys_.spi_r));
    return ExchangeStep{std::move(reply), false};
}

// HASH(2) covers every payload after the HASH payload, up to (not into) the padding.
std::optional<std::vector<Payload>>
QuickModeInitiator::verified_payloads(const wire::Bytes& plain) {
    const auto chain = decode_payload_chain(static_cast<std::uint8_t>(PayloadType::hash), plain);
    const Hash* hash = chain ? find_payload<Hash>(chain.value()) : nullptr;
    if (!chain || hash == nullptr || plain.size() < 4) {
        fail("Quick Mode message 2 unreadable: " +
             (chain ? std::string("no HASH") : chain.error().message()));
        return std::nullopt;
    }
    const std::size_t hash_length = (std::size_t{plain[2]} << 8U) | plain[3];
    const wire::BytesView rest = wire::BytesView(plain).subspan(hash_length);
    const auto length = payload_chain_length(plain[0], rest);
    const wire::Bytes expected =
        crypto::ikev1::quick_mode_hash2(hash_alg(sa_.chosen.hash), sa_.skeyid_a, message_id_, ni_b_,
                                        rest.first(length.value_or(0)));
    if (!length || expected != hash->data) {
        fail("HASH(2) mismatch");
        return std::nullopt;
    }
    return chain.value();
}

bool QuickModeInitiator::accept_sa(const std::vector<Payload>& payloads) {
    const auto* offer = find_payload<SecurityAssociation>(payloads);
    if (offer == nullptr || offer->proposals.size() != 1 ||
        offer->proposals[0].transforms.size() != 1) {
        fail("Quick Mode message 2 must hold one proposal with one transform");
        return false;
    }
    const Proposal& proposal = offer->proposals[0];
    const Transform& transform = proposal.transforms[0];
    const auto chosen = phase2_from_transform(transform);
    const Attribute* mode = find_attribute(transform.attributes, phase2_attr::encapsulation_mode);
    bool offered = false;
    for (const Phase2Proposal& candidate : config_.proposals) {
        offered = offered || (chosen && candidate.cipher == chosen->cipher &&
                              candidate.integrity == chosen->integrity);
    }
    if (proposal.protocol != ProtocolId::esp || proposal.spi.size() != esp_spi_size || !offered ||
        mode == nullptr || mode->value != keys_.encapsulation) {
        fail("responder chose an ESP transform that was not offered");
        return false;
    }
    keys_.chosen = *chosen;
    keys_.spi_r = proposal.spi;
    log_.add("chosen_proposal", to_string(keys_.chosen));
    return true;
}

// RFC 2409 5.5: one KEYMAT per direction, each keyed by the receiving side's SPI.
void QuickModeInitiator::derive_keymat(const wire::Bytes& nr_b) {
    const std::size_t length = crypto::cipher_key_size(cipher_alg(keys_.chosen.cipher)) +
                               integrity_key_size(keys_.chosen.integrity);
    crypto::ikev1::QuickModeKeyInputs inputs{hash_alg(sa_.chosen.hash),
                                             sa_.skeyid_d,
                                             {},
                                             static_cast<std::uint8_t>(ProtocolId::esp),
                                             keys_.spi_i,
                                             ni_b_,
                                             nr_b};
    keys_.keymat_in = crypto::ikev1::quick_mode_keymat(inputs, length);
    inputs.spi = keys_.spi_r;
    keys_.keymat_out = crypto::ikev1::quick_mode_keymat(inputs, length);
}

// RFC 2409 5.5: HDR*, HASH(3) with HASH(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b).
wire::Bytes QuickModeInitiator::build_message_3(const wire::Bytes& nr_b) {
    const wire::Bytes hash3 = crypto::ikev1::quick_mode_hash3(
        hash_alg(sa_.chosen.hash), sa_.skeyid_a, message_id_, ni_b_, nr_b);
    wire::Bytes bytes = encrypted_message({Hash{hash3}});
    log_.add("sent", "message 3: HASH encrypted (" + std::to_string(bytes.size()) + " bytes)");
    return bytes;
}

void QuickModeInitiator::abandon(const std::string& reason) {
    if (status() == ExchangeStatus::running) {
        fail(reason);
    }
}

ExchangeStep QuickModeInitiator::fail(std::string reason) {
    state_ = State::failed;
    reason_ = std::move(reason);
    log_.add("failed", reason_);
    return {};
}

} // namespace harness::ike
