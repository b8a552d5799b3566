// libFuzzer target: any bytes through decode_message; what decodes must re-encode stably.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "ike/message.hpp"

// libFuzzer looks the entry point up by this exact name.
extern "C" int LLVMFuzzerTestOneInput( // NOLINT(readability-identifier-naming)
    const std::uint8_t* data, std::size_t size) {
    using namespace harness;
    const auto first = ike::decode_message(wire::BytesView(data, size));
    if (!first.ok()) {
        return 0;
    }

    // A decoded message must encode, decode again to the same value, and encode to the same
    // bytes: anything else means decode and encode disagree about the layout.
    const wire::Bytes once = ike::encode_message(first.value());
    const auto second = ike::decode_message(once);
    if (!second.ok() || !(second.value() == first.value())) {
        std::abort();
    }
    if (ike::encode_message(second.value()) != once) {
        std::abort();
    }
    return 0;
}
