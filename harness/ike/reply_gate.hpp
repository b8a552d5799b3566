// The first step of every initiator's receive(): decode, drop repeats and strangers, log.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "ike/ike_event.hpp"
#include "ike/message.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// What the gate made of one datagram.
struct GateResult {
    std::optional<Message> message; ///< a new, decoded reply for this SA
    std::string malformed;          ///< set when the datagram did not decode
};

/// Screens the datagrams of one exchange: a byte-identical repeat of the last reply (the peer
/// retransmitting) and a reply for another SA are logged and ignored; a datagram that does not
/// decode is reported; anything else is logged as received and handed on.
class ReplyGate {
public:
    using Belongs = std::function<bool(const Header&)>;

    GateResult admit(wire::BytesView datagram, const Belongs& ours, IkeEventLog& log);

private:
    wire::Bytes last_received_;
};

} // namespace harness::ike
