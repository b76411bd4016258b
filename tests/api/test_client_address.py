"""The client address a per-client rule counts: X-Forwarded-For only as written by our own proxies."""

import pytest

from api.client_address import client_address

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"


@pytest.mark.parametrize(
    ("trusted", "meta", "expected"),
    [
        ([], {"REMOTE_ADDR": CLIENT}, CLIENT),
        ([], {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, CLIENT),
        ([], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": CLIENT}, PROXY),
        (["10.0.0.0/8"], {"REMOTE_ADDR": CLIENT, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}, CLIENT),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY}, PROXY),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": CLIENT}, CLIENT),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"198.51.100.1, 192.0.2.9,{CLIENT}"}, CLIENT),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"198.51.100.1, {CLIENT}, 10.0.0.9"}, CLIENT),
        (["10.0.0.5/32"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{CLIENT}, 10.0.0.9"}, "10.0.0.9"),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "10.0.0.8, 10.0.0.9"}, "10.0.0.8"),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address, 10.0.0.9"}, "10.0.0.9"),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": " , "}, PROXY),
        (["10.0.0.0/8"], {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2001:DB8::1"}, "2001:db8::1"),
        (["fd00::/8"], {"REMOTE_ADDR": "fd00::1", "HTTP_X_FORWARDED_FOR": CLIENT}, CLIENT),
        (["10.0.0.0/8"], {}, ""),
    ],
    ids=[
        "no-proxies-remote-addr",
        "no-proxies-forwarded-for-ignored",
        "untrusted-proxy-is-the-client",
        "untrusted-peer-forwarded-for-ignored",
        "trusted-proxy-without-forwarded-for",
        "trusted-proxy-forwards-the-client",
        "spoofed-entries-left-of-the-client-ignored",
        "chain-of-trusted-proxies",
        "first-untrusted-hop-from-the-right",
        "all-hops-trusted-leftmost",
        "unreadable-hop-stops-at-the-last-trusted",
        "empty-entries",
        "ipv6-normalised",
        "ipv6-proxy",
        "no-address-at-all",
    ],
)
def test_client_address(settings, trusted, meta, expected):
    settings.TRUSTED_PROXIES = trusted

    assert client_address(meta) == expected
