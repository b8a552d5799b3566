// The send / wait / retransmit loop shared by every initiator exchange.
#include "ike/exchange_runner.hpp"

#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

namespace harness::ike {

namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long>(std::lround(seconds * 1000.0)));
}

} // namespace

RetransmitPolicy RetransmitPolicy::from_profile(const nlohmann::json& profile) {
    RetransmitPolicy policy;
    const auto ike = profile.find("ike");
    if (ike == profile.end() || !ike->is_object() || !ike->contains("retransmit")) {
        return policy;
    }
    const nlohmann::json& timing = ike->at("retransmit");
    policy.initial_s = timing.value("initial_s", policy.initial_s);
    policy.factor = timing.value("factor", policy.factor);
    policy.max_tries = timing.value("max_tries", policy.max_tries);
    return policy;
}

ExchangeStatus run_exchange(Exchange& exchange, Transport& transport,
                            const RetransmitPolicy& policy) {
    wire::Bytes last_sent = exchange.start();
    transport.send(last_sent);
    int tries = 1;
    double wait_s = policy.initial_s;
    auto deadline = Clock::now() + to_ms(wait_s);

    while (exchange.status() == ExchangeStatus::running) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        const auto reply = transport.receive(std::max(left, std::chrono::milliseconds(0)));
        if (!reply) {
            if (Clock::now() < deadline) {
                continue;
            }
            if (tries >= policy.max_tries) {
                exchange.abandon("no reply after " + std::to_string(tries) + " tries");
                break;
            }
            // Same bytes again: the responder recognises a retransmission by them.
            ++tries;
            wait_s *= policy.factor;
            exchange.log().add("retransmit", "try " + std::to_string(tries));
            transport.send(last_sent);
            deadline = Clock::now() + to_ms(wait_s);
            continue;
        }

        ExchangeStep step = exchange.receive(*reply);
        if (!step.send) {
            continue; // ignored, or the exchange ended without a last message
        }
        if (step.float_to_nat_t) {
            transport.float_to_nat_t();
        }
        last_sent = std::move(*step.send);
        transport.send(last_sent);
        tries = 1;
        wait_s = policy.initial_s;
        deadline = Clock::now() + to_ms(wait_s);
    }
    return exchange.status();
}

} // namespace harness::ike
