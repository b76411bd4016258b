"""SSRF guard: webhooks go only to globally routable addresses (an allow-list, not a deny-list).

Checked when an endpoint is saved (a validation error on its URL field) and again at
connect time by the transport (webhooks.transport), on the very address it connects to,
so a host name re-pointed after saving (DNS rebinding) cannot pass. With
GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS (tests, DEBUG) loopback and private networks are
allowed too, for local receivers; cloud metadata and other special ranges never are.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges the IANA special-purpose registries call not globally reachable but that
# `is_global` in Python < 3.12.4 still calls global (python/cpython#113171), plus the
# deprecated IPv4-compatible IPv6 form. 192.0.0.0/24 holds Oracle Cloud's metadata service.
NOT_GLOBAL = [
    ipaddress.ip_network(network)
    for network in ("192.0.0.0/24", "::/96", "64:ff9b:1::/48", "2001:2::/48", "3fff::/20", "5f00::/16")
]
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Private networks a developer's own receiver may live on (never link-local: metadata lives there).
LOCAL_NETWORKS = [ipaddress.ip_network(network) for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
LOCAL_NETWORKS += [ipaddress.ip_network("fc00::/7")]


class UnsafeDestination(Exception):
    """The URL points at this machine, a private network or a cloud metadata service."""


def embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (IPv4-mapped, 6to4, Teredo, NAT64), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]  # (server, client): the client is where packets end up
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _is_global(address: Address) -> bool:
    return address.is_global and not any(address in network for network in NOT_GLOBAL)


def _is_local_receiver(address: Address) -> bool:
    return address.is_loopback or any(address in network for network in LOCAL_NETWORKS)


def is_allowed(address: Address) -> bool:
    """Whether a webhook may be sent to this address, under the current settings."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # the same host, written as IPv6
    inner = embedded_ipv4(address)
    if inner is not None:
        # 6to4, Teredo and NAT64 reach their IPv4 address through a relay: both must be
        # public, even for local development (a local receiver is addressed directly).
        return _is_global(address) and _is_global(inner)
    if settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS and _is_local_receiver(address):
        return True
    return _is_global(address)


def check_address(address: Address, *, host: str) -> None:
    """Refuse an address that is not globally routable (unless local receivers are allowed)."""
    if not is_allowed(address):
        inner = embedded_ipv4(address)
        shown = f"{address} (IPv4 {inner})" if inner else str(address)
        raise UnsafeDestination(
            f"{host} resolves to {shown}, an internal address; webhooks go to public addresses only."
        )


def resolve(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to, in the resolver's order (a seam for tests)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise UnsafeDestination(f"The host name {host} does not resolve.") from error
    addresses = []
    for family, *_, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            address = ipaddress.ip_address(sockaddr[0].split("%")[0])
            if address not in addresses:
                addresses.append(address)
    return addresses


def checked_addresses(host: str, port: int) -> list[Address]:
    """Resolve `host` once and return its addresses if every one of them is allowed."""
    addresses = resolve(host, port)
    if not addresses:
        raise UnsafeDestination(f"The host name {host} does not resolve.")
    for address in addresses:
        check_address(address, host=host)
    return addresses


def check_destination(url: str) -> None:
    """Refuse URLs that are not http(s) or that resolve to an address webhooks may not reach."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UnsafeDestination("Use an http:// or https:// URL with a host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeDestination(f"The port in {url} is not a number from 0 to 65535.") from error
    checked_addresses(parts.hostname, port)
