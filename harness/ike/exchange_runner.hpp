// Drives an IKE exchange over a Transport: send, wait, retransmit, until it ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "ike/ike_event.hpp"
#include "ike/transport.hpp"
#include "wire/bytes.hpp"

namespace harness::ike {

/// Where an exchange stands as a whole.
enum class ExchangeStatus { running, established, failed };

/// What an exchange wants after a reply: a message to send (and whether to move to 4500 first),
/// or nothing (the reply was ignored, or the exchange ended).
struct ExchangeStep {
    std::optional<wire::Bytes> send;
    bool float_to_nat_t = false;
};

/// An initiator-side exchange as a state machine fed with whole messages.
class Exchange {
public:
    Exchange() = default;
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;
    Exchange(Exchange&&) = delete;
    Exchange& operator=(Exchange&&) = delete;
    virtual ~Exchange() = default;

    /// The first message.
    virtual wire::Bytes start() = 0;

    /// Handles one received message; never throws on bad peer data.
    virtual ExchangeStep receive(wire::BytesView message) = 0;

    /// Ends the exchange as failed (e.g. no reply in time).
    virtual void abandon(const std::string& reason) = 0;

    virtual ExchangeStatus status() const = 0;
    virtual const std::string& failure_reason() const = 0;
    virtual IkeEventLog& log() = 0;
};

/// Retransmission timing (profile ike.retransmit): wait initial_s, then factor times longer.
struct RetransmitPolicy {
    double initial_s = 1;
    double factor = 2;
    int max_tries = 5;

    /// The profile's ike.retransmit, or the defaults when absent.
    static RetransmitPolicy from_profile(const nlohmann::json& profile);
};

/// Runs `exchange` to its end over `transport`; returns its final status. A transport error is
/// an environment problem and propagates as TransportError.
ExchangeStatus run_exchange(Exchange& exchange, Transport& transport,
                            const RetransmitPolicy& policy);

} // namespace harness::ike
