"""The address a per-client rule (the API rate limit) counts a request under.

X-Forwarded-For is written by whoever sends the request, so it is read only when the
request arrives from one of our own proxies (TRUSTED_PROXIES). Each proxy appends the
address it received the request from, so the list is read from the right: the first
address that is not a trusted proxy is the client. Everything left of it was written by
the client and is ignored. Without trusted proxies the answer is always REMOTE_ADDR.
"""

import ipaddress
from collections.abc import Mapping
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(meta: Mapping[str, str]) -> str:
    """The client's address: REMOTE_ADDR, or the right-most X-Forwarded-For hop that is not a trusted proxy."""
    remote_addr = meta.get("REMOTE_ADDR", "")
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))

    def is_trusted(address: Address | None) -> bool:
        return address is not None and any(address in network for network in trusted)

    if not is_trusted(_address(remote_addr)):
        return remote_addr
    client = remote_addr
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            # Not written by a proxy we trust: the last trusted hop is as far as we can see.
            return client
        client = str(address)
        if not is_trusted(address):
            return client
    return client  # every hop is one of our proxies: the furthest one is the client
