#include "ike/reply_gate.hpp"

#include "ike/main_mode.hpp"

namespace harness::ike {

GateResult ReplyGate::admit(wire::BytesView datagram, const Belongs& ours, IkeEventLog& log) {
    const wire::Bytes bytes(datagram.begin(), datagram.end());
    if (bytes == last_received_) {
        log.add("received", "retransmitted reply ignored");
        return {};
    }
    auto decoded = decode_message(datagram);
    if (!decoded) {
        return {std::nullopt, "malformed reply: " + decoded.error().message()};
    }
    Message reply = std::move(decoded.value());
    if (!ours(reply.header)) {
        log.add("received", "message for another SA ignored");
        return {};
    }
    last_received_ = bytes;
    log.add("received",
            to_string(reply.header.exchange) + ": " +
                (reply.header.encrypted() ? "encrypted" : payload_names(reply.payloads)) + " (" +
                std::to_string(bytes.size()) + " bytes)");
    return {std::move(reply), {}};
}

} // namespace harness::ike
