// Whole-file reads with an error that names the file.
#include "crypto/file_bytes.hpp"

#include <fstream>
#include <iterator>

#include "crypto/crypto_error.hpp"

namespace harness::crypto {

wire::Bytes read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw CryptoError("cannot open " + path.string());
    }
    wire::Bytes data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        throw CryptoError("cannot read " + path.string());
    }
    return data;
}

} // namespace harness::crypto
