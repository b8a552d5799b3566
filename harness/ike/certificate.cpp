// Decode and encode of the CERT and CR payloads.
#include "ike/certificate.hpp"

namespace harness::ike {

Certificate Certificate::decode(wire::ByteReader& body) {
    Certificate cert;
    cert.encoding = static_cast<CertEncoding>(body.u8("CERT encoding"));
    const wire::BytesView data = body.rest();
    cert.data.assign(data.begin(), data.end());
    return cert;
}

// RFC 2408 3.9: Cert Encoding (1) | Certificate Data (variable)
void Certificate::encode(wire::ByteWriter& out) const {
    out.u8(static_cast<std::uint8_t>(encoding));
    out.bytes(data);
}

CertificateRequest CertificateRequest::decode(wire::ByteReader& body) {
    CertificateRequest request;
    request.encoding = static_cast<CertEncoding>(body.u8("CR certificate type"));
    const wire::BytesView authority = body.rest();
    request.authority.assign(authority.begin(), authority.end());
    return request;
}

// RFC 2408 3.10: Cert. Type (1) | Certificate Authority (variable)
void CertificateRequest::encode(wire::ByteWriter& out) const {
    out.u8(static_cast<std::uint8_t>(encoding));
    out.bytes(authority);
}

} // namespace harness::ike
