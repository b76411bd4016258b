"""SSRF guard: webhooks go only to public addresses, unless local delivery is allowed.

Checked when an endpoint is saved and again before every attempt, since a host name
can be pointed somewhere else at any time.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


class UnsafeDestination(Exception):
    """The URL points at this machine, a private network or a cloud metadata service."""


def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address in METADATA_ADDRESSES
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def check_destination(url: str) -> None:
    """Refuse URLs that are not http(s) or that resolve to an internal address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UnsafeDestination("Use an http:// or https:// URL with a host name.")
    if settings.GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as error:
        raise UnsafeDestination(f"The host name {parts.hostname} does not resolve.") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if _is_internal(address):
            raise UnsafeDestination(
                f"{parts.hostname} resolves to {address}, an internal address; webhooks go to public addresses only."
            )
