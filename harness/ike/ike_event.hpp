// Structured events the IKE exchanges emit, one per protocol step, never holding a secret.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/stage.hpp"

namespace harness::ike {

/// One step of an exchange: kind is "sent", "received", "chosen_proposal", "notify",
/// "established", "failed", "retransmit" or "nat_detected".
struct IkeEvent {
    Stage stage = Stage::ike_sa;
    std::string kind;
    std::string detail;
    double t_s = 0; ///< seconds since the exchange started
};

/// Collects the events of one exchange, timed from its construction.
class IkeEventLog {
public:
    explicit IkeEventLog(Stage stage) : stage_(stage) {}

    void add(std::string kind, std::string detail) {
        const std::chrono::duration<double> since = std::chrono::steady_clock::now() - start_;
        events_.push_back(IkeEvent{stage_, std::move(kind), std::move(detail), since.count()});
    }

    const std::vector<IkeEvent>& events() const { return events_; }

private:
    Stage stage_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::vector<IkeEvent> events_;
};

} // namespace harness::ike
