// The outcome of decoding peer bytes: a value, or the DecodeError that says where it broke.
#pragma once

#include <utility>
#include <variant>

#include "wire/byte_reader.hpp"

namespace harness::ike {

/// A decoded value or the reason it could not be decoded.
template <typename T>
class DecodeResult {
public:
    DecodeResult(T value) : state_(std::move(value)) {} // NOLINT: implicit by design
    DecodeResult(wire::DecodeError error)
        : state_(std::move(error)) {} // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    /// The value; only valid when ok().
    const T& value() const { return std::get<T>(state_); }
    T& value() { return std::get<T>(state_); }

    /// The error; only valid when !ok().
    const wire::DecodeError& error() const { return std::get<wire::DecodeError>(state_); }

private:
    std::variant<T, wire::DecodeError> state_;
};

} // namespace harness::ike
