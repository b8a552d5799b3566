#include "wire/byte_reader.hpp"

namespace harness::wire {

std::string DecodeError::message() const {
    std::string text = layer + ": " + field + " at offset " + std::to_string(offset) + ": ";
    if (!what.empty()) {
        return text + what;
    }
    return text + "wanted " + std::to_string(wanted) + " bytes, " + std::to_string(left) + " left";
}

ByteReader::ByteReader(BytesView data, std::string_view layer, std::size_t base_offset)
    : data_(data), layer_(layer), base_(base_offset) {}

bool ByteReader::take(std::size_t count, std::string_view field) {
    if (error_) {
        return false;
    }
    if (data_.size() - pos_ < count) {
        error_ = DecodeError{layer_, std::string(field), offset(), count, data_.size() - pos_, {}};
        return false;
    }
    pos_ += count;
    return true;
}

std::uint8_t ByteReader::u8(std::string_view field) {
    return take(1, field) ? data_[pos_ - 1] : std::uint8_t{0};
}

std::uint16_t ByteReader::u16(std::string_view field) {
    if (!take(2, field)) {
        return 0;
    }
    return static_cast<std::uint16_t>((data_[pos_ - 2] << 8U) | data_[pos_ - 1]);
}

std::uint32_t ByteReader::u32(std::string_view field) {
    if (!take(4, field)) {
        return 0;
    }
    std::uint32_t value = 0;
    for (std::size_t i = pos_ - 4; i < pos_; ++i) {
        value = (value << 8U) | data_[i];
    }
    return value;
}

std::uint64_t ByteReader::u64(std::string_view field) {
    const std::uint64_t high = u32(field);
    const std::uint64_t low = u32(field);
    return (high << 32U) | low;
}

BytesView ByteReader::bytes(std::size_t count, std::string_view field) {
    if (!take(count, field)) {
        return {};
    }
    return data_.subspan(pos_ - count, count);
}

BytesView ByteReader::rest() {
    if (error_) {
        return {};
    }
    BytesView tail = data_.subspan(pos_);
    pos_ = data_.size();
    return tail;
}

ByteReader ByteReader::sub(std::size_t count, std::string_view field) {
    const std::size_t start = offset();
    BytesView view = bytes(count, field);
    ByteReader inner(view, layer_, start);
    if (error_) {
        inner.error_ = error_;
    }
    return inner;
}

void ByteReader::fail(std::string_view field, std::string what) {
    if (!error_) {
        error_ = DecodeError{layer_, std::string(field), offset(), 0, remaining(), std::move(what)};
    }
}

} // namespace harness::wire
