#include "core/secret_masker.hpp"

#include <algorithm>
#include <cctype>

namespace harness {

namespace {

constexpr std::size_t min_free_standing = 4;

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// True when text[pos, pos+len) is not glued to word characters on either side.
bool stands_alone(std::string_view text, std::size_t pos, std::size_t len) {
    const bool left_ok = pos == 0 || !is_word_char(text[pos - 1]);
    const bool right_ok = pos + len >= text.size() || !is_word_char(text[pos + len]);
    return left_ok && right_ok;
}

} // namespace

void SecretMasker::add(std::string secret) {
    if (secret.empty() || std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) {
        return;
    }
    secrets_.push_back(std::move(secret));
    std::stable_sort(
        secrets_.begin(), secrets_.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretMasker::mask(std::string_view text) const {
    std::string out(text);
    if (reveal_) {
        return out;
    }
    for (const std::string& secret : secrets_) {
        std::size_t pos = 0;
        while ((pos = out.find(secret, pos)) != std::string::npos) {
            if (secret.size() < min_free_standing && !stands_alone(out, pos, secret.size())) {
                pos += 1;
                continue;
            }
            out.replace(pos, secret.size(), mask_text);
            pos += mask_text.size();
        }
    }
    return out;
}

} // namespace harness
