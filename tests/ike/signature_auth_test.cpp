// Main Mode with RSA signatures (RFC 2409 5.1) against the scripted responder, with a
// generated PKI: certificates both ways, the CA in a CR, and the checks on the responder's proof.
#include <gtest/gtest.h>

#include "crypto/test_pki.hpp"
#include "ike/main_mode.hpp"
#include "ike/quick_mode.hpp"
#include "lossy_wire.hpp"

namespace harness::ike {
namespace {

using testing::LossyWire;
using testing::ResponderOptions;
using testing::ScriptedResponder;

const Phase1Proposal des3_sha1_1024{CipherKind::des3, HashKind::sha1, 2, 1, 28800};
const Phase1Proposal aes128_sha1_2048{CipherKind::aes128, HashKind::sha1, 14, 1, 28800};
const Phase2Proposal esp_3des_sha1{CipherKind::des3, HashKind::sha1, 3600};
const RetransmitPolicy fast{0.02, 2, 3};

// Key generation dominates the run time: one PKI per kind for the whole file.
const crypto::TestPki& short_pki() {
    static const crypto::TestPki pki = crypto::TestPki::generate({});
    return pki;
}

const crypto::TestPki& long_pki() {
    static const crypto::TestPki pki = [] {
        crypto::PkiOptions options;
        options.ca_name = crypto::long_ca_name();
        return crypto::TestPki::generate(options);
    }();
    return pki;
}

MainModeConfig client(const crypto::TestPki& pki, std::vector<Phase1Proposal> proposals) {
    MainModeConfig config;
    config.proposals = std::move(proposals);
    config.signature = SignatureAuth{pki.client.key, pki.client.certificate, pki.ca, true};
    config.local = {{192, 0, 2, 2}, 500};
    config.remote = {{192, 0, 2, 1}, 500};
    return config;
}

ResponderOptions server(const crypto::TestPki& pki, std::vector<Phase1Proposal> acceptable) {
    ResponderOptions options;
    options.acceptable = std::move(acceptable);
    options.acceptable_esp = {esp_3des_sha1};
    options.identity = pki.server;
    options.trusted_ca = pki.ca;
    return options;
}

TEST(SignatureAuth, EstablishesWithCertificatesBothWays) {
    ScriptedResponder responder(server(short_pki(), {des3_sha1_1024}));
    LossyWire wire(responder);
    MainModeInitiator initiator(client(short_pki(), {des3_sha1_1024}));

    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_TRUE(responder.hash_i_ok()) << "SIG_I did not verify with our certificate";
    EXPECT_TRUE(responder.cert_request_seen());
    EXPECT_EQ(responder.peer_subject(), short_pki().client.certificate.subject());
    ASSERT_TRUE(initiator.peer_certificate().has_value());
    EXPECT_EQ(initiator.peer_certificate()->subject(), short_pki().server.certificate.subject());
    EXPECT_EQ(initiator.keys().chosen.auth_method, phase1_value::auth_rsa_sig);
    EXPECT_EQ(initiator.keys().skeyid_d, responder.sa().skeyid_d);
    EXPECT_EQ(initiator.keys().last_iv, responder.sa().last_iv);
}

TEST(SignatureAuth, LongCaNameWithoutCertificateRequestThenQuickMode) {
    ScriptedResponder responder(server(long_pki(), {aes128_sha1_2048}));
    LossyWire wire(responder);
    MainModeConfig config = client(long_pki(), {aes128_sha1_2048});
    config.signature->send_cert_request = false;
    MainModeInitiator initiator(config);

    ASSERT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::established)
        << initiator.failure_reason();
    EXPECT_FALSE(responder.cert_request_seen());
    EXPECT_TRUE(responder.hash_i_ok());
    EXPECT_EQ(long_pki().ca.subject().size(), 75U);

    QuickModeInitiator quick_mode(initiator.keys(),
                                  QuickModeConfig{{esp_3des_sha1}, {192, 0, 2, 2}, {192, 0, 2, 1}});
    EXPECT_EQ(run_exchange(quick_mode, wire, fast), ExchangeStatus::established)
        << quick_mode.failure_reason();
    EXPECT_TRUE(responder.quick_mode_done());
}

TEST(SignatureAuth, ServerCertificateFromAnotherCaIsRefused) {
    ResponderOptions options = server(long_pki(), {des3_sha1_1024});
    options.trusted_ca = short_pki().ca;
    ScriptedResponder responder(options);
    LossyWire wire(responder);
    MainModeInitiator initiator(client(short_pki(), {des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_NE(initiator.failure_reason().find("was not issued by our CA"), std::string::npos)
        << initiator.failure_reason();
    EXPECT_FALSE(initiator.peer_certificate().has_value());
}

TEST(SignatureAuth, ForgedSignatureIsRefused) {
    ResponderOptions options = server(short_pki(), {des3_sha1_1024});
    options.corrupt_hash_r = true;
    ScriptedResponder responder(options);
    LossyWire wire(responder);
    MainModeInitiator initiator(client(short_pki(), {des3_sha1_1024}));

    EXPECT_EQ(run_exchange(initiator, wire, fast), ExchangeStatus::failed);
    EXPECT_NE(initiator.failure_reason().find("SIG_R does not verify"), std::string::npos)
        << initiator.failure_reason();
}

TEST(SignatureAuth, IdentityIsTheCertificateSubjectDn) {
    const Identification id = dn_identification(short_pki().client.certificate);
    EXPECT_EQ(id.id_type, IdType::der_asn1_dn);
    EXPECT_EQ(id.data, short_pki().client.certificate.subject_der());
    EXPECT_TRUE(crypto::issued_by(short_pki().client.certificate, short_pki().ca));
    EXPECT_FALSE(crypto::issued_by(short_pki().client.certificate, long_pki().ca));
}

} // namespace
} // namespace harness::ike
