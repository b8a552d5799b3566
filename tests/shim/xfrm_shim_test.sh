#!/usr/bin/env bash
# The shim turns an ESP SA install into an acknowledged no-op: `ip xfrm state add` succeeds
# through it, and no SA exists afterwards, whatever the kernel can do.
set -u
shim=$1
if [ "$(id -u)" -ne 0 ]; then
    echo "SKIPPED: needs root for a network namespace"
    exit 77
fi
ns="hxs-$$"
ip netns add "$ns" || exit 1
trap 'ip netns del "$ns"' EXIT
ip -n "$ns" link set lo up

add_sa() {
    ip netns exec "$ns" ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x100 \
        mode transport enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
        auth 'hmac(sha1)' 0x00112233445566778899aabbccddeeff00112233
}

if ! LD_PRELOAD=$shim add_sa; then
    echo "FAILED: SA install through the shim was refused"
    exit 1
fi
if [ -n "$(ip -n "$ns" xfrm state list 2>/dev/null)" ]; then
    echo "FAILED: an SA exists after the shim acknowledged its install"
    exit 1
fi
# A policy passes through untouched and is installed for real.
LD_PRELOAD=$shim ip netns exec "$ns" ip xfrm policy add src 192.0.2.1 dst 192.0.2.2 \
    proto udp sport 1701 dir out tmpl proto esp mode transport || exit 1
if ! ip -n "$ns" xfrm policy list | grep -q 'sport 1701'; then
    echo "FAILED: a policy sent through the shim was not installed"
    exit 1
fi
echo "1 passed, 0 failed"
