// Decode and encode of the fragment payload.
#include "ike/fragment.hpp"

namespace harness::ike {

Fragment Fragment::decode(wire::ByteReader& body) {
    Fragment fragment;
    fragment.id = body.u16("Fragment ID");
    fragment.number = body.u8("Fragment number");
    fragment.flags = body.u8("Fragment flags");
    const wire::BytesView data = body.rest();
    fragment.data.assign(data.begin(), data.end());
    return fragment;
}

// MS-IKEE fragment payload (after the generic header):
//   Fragment ID (2) | Fragment Number (1) | Flags (1, bit 0x01 = last) | Fragment Data
void Fragment::encode(wire::ByteWriter& out) const {
    out.u16(id);
    out.u8(number);
    out.u8(flags);
    out.bytes(data);
}

} // namespace harness::ike
