// IKEv1 messages built the way the harness's clients will send them, shared by the codec tests.
#pragma once

#include "ike/message.hpp"

namespace harness::ike::samples {

/// Main Mode message 1: an SA with two proposals (two transforms each) and four Vendor IDs.
Message main_mode_1();

/// Main Mode message 3: KE, Nonce and two RFC 3947 NAT-D payloads (type 20).
Message main_mode_3();

/// Main Mode message 3 as a draft-02 client sends it: NAT-D with payload type 130.
Message main_mode_3_draft();

/// An unencrypted Informational with a Notification and a Delete.
Message informational();

/// A message holding at least one payload of every modelled type and an unknown one.
Message every_payload();

/// A Main Mode message split into Microsoft fragments: this is fragment 2 of 2.
Message fragment();

} // namespace harness::ike::samples
