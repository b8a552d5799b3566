// An in-memory Transport wired straight to a ScriptedResponder, able to drop or repeat packets.
#pragma once

#include <deque>
#include <set>
#include <thread>

#include "ike/transport.hpp"
#include "scripted_responder.hpp"

namespace harness::ike::testing {

/// Requests are numbered from 0 in sending order (retransmissions included); so are replies.
class LossyWire final : public Transport {
public:
    explicit LossyWire(ScriptedResponder& responder) : responder_(responder) {}

    std::set<int> drop_requests;
    std::set<int> drop_replies;
    std::set<int> duplicate_replies;
    std::set<int> truncate_replies; ///< cut to half their length
    bool floated = false;

    void send(wire::BytesView message) override {
        const int request = requests_++;
        if (drop_requests.count(request) != 0) {
            return;
        }
        auto reply = responder_.handle(message);
        if (!reply) {
            return;
        }
        const int number = replies_++;
        if (drop_replies.count(number) != 0) {
            return;
        }
        if (truncate_replies.count(number) != 0) {
            reply->resize(reply->size() / 2);
        }
        inbox_.push_back(*reply);
        if (duplicate_replies.count(number) != 0) {
            inbox_.push_back(*reply);
        }
    }

    std::optional<wire::Bytes> receive(std::chrono::milliseconds timeout) override {
        if (inbox_.empty()) {
            std::this_thread::sleep_for(timeout);
            return std::nullopt;
        }
        wire::Bytes next = std::move(inbox_.front());
        inbox_.pop_front();
        return next;
    }

    void float_to_nat_t() override { floated = true; }
    Endpoint local() const override { return {{192, 0, 2, 2}, 500}; }
    Endpoint remote() const override { return {{192, 0, 2, 1}, 500}; }

    int requests() const { return requests_; }

private:
    ScriptedResponder& responder_;
    std::deque<wire::Bytes> inbox_;
    int requests_ = 0;
    int replies_ = 0;
};

} // namespace harness::ike::testing
