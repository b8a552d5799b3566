// LD_PRELOAD library for hosts whose kernel has XFRM but no ESP: SA installs are acknowledged.
//
// A daemon that negotiates an IPsec SA asks the kernel to install it with an XFRM NEWSA or
// UPDSA netlink request. Without the ESP module the kernel answers ENOSYS and both charon and
// pluto abandon Quick Mode. This library rewrites each such request, on its way out, into a
// FLUSHSA of IPComp states (of which there are none), which the kernel acknowledges with the
// same sequence number: the daemon sees success and carries on. NO ESP SA EXISTS afterwards,
// so everything after the key exchange (ESP, L2TP data, PPP) cannot be tested in this mode.
// Used only where the host kernel lacks ESP; on a full kernel the daemons run without it.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <dlfcn.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {

using SendFn = ssize_t (*)(int, const void*, size_t, int);
using SendToFn = ssize_t (*)(int, const void*, size_t, int, const sockaddr*, socklen_t);
using SendMsgFn = ssize_t (*)(int, const msghdr*, int);
using WriteFn = ssize_t (*)(int, const void*, size_t);

template <typename Fn>
Fn next_symbol(const char* name) {
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

bool is_xfrm_netlink(int fd) {
    int domain = 0;
    int protocol = 0;
    socklen_t size = sizeof(domain);
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &size) != 0 || domain != AF_NETLINK) {
        return false;
    }
    size = sizeof(protocol);
    return getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &size) == 0 &&
           protocol == NETLINK_XFRM;
}

bool installs_sa(std::uint16_t type) {
    return type == XFRM_MSG_NEWSA || type == XFRM_MSG_UPDSA;
}

// Appends one FLUSHSA(IPComp) request that keeps the header fields the daemon matches replies on.
void append_flush(std::vector<std::uint8_t>& out, const nlmsghdr& original) {
    nlmsghdr header = original;
    header.nlmsg_type = XFRM_MSG_FLUSHSA;
    header.nlmsg_len = NLMSG_LENGTH(sizeof(xfrm_usersa_flush));
    header.nlmsg_flags = static_cast<std::uint16_t>(original.nlmsg_flags | NLM_F_ACK);
    xfrm_usersa_flush body{};
    body.proto = IPPROTO_COMP;
    const std::size_t start = out.size();
    out.resize(start + NLMSG_ALIGN(header.nlmsg_len), 0);
    std::memcpy(out.data() + start, &header, sizeof(header));
    std::memcpy(out.data() + start + NLMSG_HDRLEN, &body, sizeof(body));
}

// Rewrites a buffer of netlink messages; returns false when nothing in it installs an SA.
bool rewrite(const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>& out) {
    bool changed = false;
    std::size_t offset = 0;
    while (offset + NLMSG_HDRLEN <= size) {
        nlmsghdr header{};
        std::memcpy(&header, data + offset, sizeof(header));
        if (header.nlmsg_len < NLMSG_HDRLEN || offset + header.nlmsg_len > size) {
            return false; // not well formed: leave it to the kernel to refuse
        }
        const std::size_t step = NLMSG_ALIGN(header.nlmsg_len);
        if (installs_sa(header.nlmsg_type)) {
            append_flush(out, header);
            changed = true;
        } else {
            out.insert(out.end(), data + offset, data + offset + std::min(step, size - offset));
        }
        offset += step;
    }
    return changed;
}

std::vector<std::uint8_t> gather(const msghdr* message) {
    std::vector<std::uint8_t> flat;
    for (std::size_t i = 0; i < message->msg_iovlen; ++i) {
        const auto* base = static_cast<const std::uint8_t*>(message->msg_iov[i].iov_base);
        flat.insert(flat.end(), base, base + message->msg_iov[i].iov_len);
    }
    return flat;
}

} // namespace

extern "C" {

ssize_t send(int fd, const void* buf, size_t len, int flags) {
    static const auto real = next_symbol<SendFn>("send");
    std::vector<std::uint8_t> out;
    if (is_xfrm_netlink(fd) && rewrite(static_cast<const std::uint8_t*>(buf), len, out)) {
        return real(fd, out.data(), out.size(), flags) < 0 ? -1 : static_cast<ssize_t>(len);
    }
    return real(fd, buf, len, flags);
}

ssize_t sendto(int fd, const void* buf, size_t len, int flags, const sockaddr* to, socklen_t tl) {
    static const auto real = next_symbol<SendToFn>("sendto");
    std::vector<std::uint8_t> out;
    if (is_xfrm_netlink(fd) && rewrite(static_cast<const std::uint8_t*>(buf), len, out)) {
        return real(fd, out.data(), out.size(), flags, to, tl) < 0 ? -1 : static_cast<ssize_t>(len);
    }
    return real(fd, buf, len, flags, to, tl);
}

ssize_t sendmsg(int fd, const msghdr* message, int flags) {
    static const auto real = next_symbol<SendMsgFn>("sendmsg");
    if (!is_xfrm_netlink(fd)) {
        return real(fd, message, flags);
    }
    const std::vector<std::uint8_t> flat = gather(message);
    std::vector<std::uint8_t> out;
    if (!rewrite(flat.data(), flat.size(), out)) {
        return real(fd, message, flags);
    }
    iovec vector{out.data(), out.size()};
    msghdr copy = *message;
    copy.msg_iov = &vector;
    copy.msg_iovlen = 1;
    return real(fd, &copy, flags) < 0 ? -1 : static_cast<ssize_t>(flat.size());
}

ssize_t write(int fd, const void* buf, size_t len) {
    static const auto real = next_symbol<WriteFn>("write");
    std::vector<std::uint8_t> out;
    if (len >= NLMSG_HDRLEN && is_xfrm_netlink(fd) &&
        rewrite(static_cast<const std::uint8_t*>(buf), len, out)) {
        return real(fd, out.data(), out.size()) < 0 ? -1 : static_cast<ssize_t>(len);
    }
    return real(fd, buf, len);
}

} // extern "C"
