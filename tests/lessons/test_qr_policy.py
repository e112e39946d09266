"""Only https addresses on official (or explicitly trusted) domains may become QR codes."""

from __future__ import annotations

import pytest

from dxhelper.core.qr_policy import check_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.kojinbango-card.go.jp/apprec/apply/",
        "https://myna.go.jp/",
        "https://www.city.example.lg.jp/kurashi/mynumber.html",
        "https://go.jp/",
        "https://WWW.DIGITAL.GO.JP/policies/",
        "https://www.mhlw.go.jp:443/stf/newpage_40406.html",
    ],
)
def test_official_https_addresses_pass(url):
    assert check_url(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://www.digital.go.jp/", "https"),
        ("https://example.com/", "official"),
        ("https://go.jp.example.com/", "official"),
        ("https://evilgo.jp/", "official"),
        ("https://user:pass@www.digital.go.jp/", "user name"),
        ("https://www.digital.go.jp@evil.example/", "user name"),
        ("https://203.0.113.5/", "IP address"),
        ("https://[2001:db8::1]/", "IP address"),
        ("https://xn--eckwd4c7c.go.jp/", "xn--"),
        ("https://www.digital.go.jp:8443/", "port"),
        ("https://www.digital.go.jp/ path", "spaces"),
        ("javascript:alert(1)", "https"),
        ("", "empty"),
        ("https://www.digital.go.jp/" + "a" * 600, "too long"),
    ],
)
def test_everything_else_is_refused_with_a_reason(url, why):
    refusal = check_url(url)
    assert refusal is not None and why in refusal.en and refusal.ja


def test_coordinators_can_trust_a_municipal_domain():
    url = "https://www.city.midori.example/kurashi/"
    assert check_url(url) is not None
    assert check_url(url, ["city.midori.example"]) is None
    assert check_url("https://xn--eckwd4c7c.example/", ["xn--eckwd4c7c.example"]) is None
    assert check_url("http://www.city.midori.example/", ["city.midori.example"]) is not None
