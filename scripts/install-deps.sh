#!/usr/bin/env bash
# Installs, from Debian's packages, everything the harness needs to build and test.
# Idempotent: packages already present are left alone. Run as root on Debian 12.
set -euo pipefail

packages=(
    # toolchain and checks
    g++ cmake ninja-build pkg-config clang-format clang-tidy
    # libraries
    libboost1.81-dev libboost-filesystem1.81-dev
    libssl-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
    libpcap-dev libvirt-dev libssh-dev libxml2-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    # test judges
    libxml2-utils tshark
    # host probing and namespaces
    iproute2 nftables kmod procps util-linux
    # servers run by the netns tier, and peers that judge the wire
    strongswan-charon strongswan-swanctl libstrongswan-standard-plugins ike-scan
    # runtime libraries of Libreswan's pluto, which runs unpacked from a private prefix
    # (it conflicts with strongSwan as an installed package): see fetch-libreswan.sh
    libldns3 libevent-pthreads-2.1-7 libevent-core-2.1-7 libunbound8 libcurl3-nss libnss3
    libnspr4 libnss3-tools
)

install_missing() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-deps: missing packages (run as root to install): ${missing[*]}" >&2
        exit 1
    fi
    echo "install-deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
else
    install_missing
fi

# Libreswan's package, unpacked (never installed) into the cache folder.
if [ "$(id -u)" -eq 0 ]; then
    bash "$(dirname "$0")/fetch-libreswan.sh" >/dev/null
fi
