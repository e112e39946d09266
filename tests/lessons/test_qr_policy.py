"""Only https addresses on official (or explicitly trusted) domains may become QR codes, and
which of a lesson's addresses a step's QR code opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dxhelper.core.categories import Category
from dxhelper.core.lessons.model import Lesson, Link, ListBlock, Note, Paragraph, Span, Step
from dxhelper.core.qr_policy import check_url, link_gets_qr, qr_target


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


# -- qr_target: which address a step's QR code opens -------------------------------------------

STEP_URL = "https://www.digital.go.jp/policies/mynumber"
LESSON_URL = "https://www.kojinbango-card.go.jp/apprec/apply/"


def lesson(*links: Link) -> Lesson:
    return Lesson(
        id="qr",
        lang="ja",
        title="QR",
        category=next(iter(Category)),
        level=1,
        minutes=10,
        version=1,
        checked=dt.date(2026, 11, 24),
        sources=(),
        bring=(),
        links=links,
        helpline=None,
        intro=(),
        steps=(),
        path=Path("qr.md"),
    )


def step(*blocks) -> Step:
    return Step("s", "手順", tuple(blocks), 1)


def linked(text: str, url: str) -> Paragraph:
    return Paragraph((Span("まず "), Span(text, href=url), Span(" を開きます。")))


OFFICIAL = lesson(Link("総合サイト", LESSON_URL), Link("顔写真", LESSON_URL + "facephoto/"))


def test_a_steps_own_link_comes_first_with_its_text_as_the_label():
    assert qr_target(step(linked("デジタル庁のページ", STEP_URL)), OFFICIAL) == (
        "デジタル庁のページ",
        STEP_URL,
    )
    # A link written as the bare address needs no label: the address is shown anyway.
    assert qr_target(step(linked(STEP_URL, STEP_URL)), OFFICIAL) == ("", STEP_URL)


def test_links_inside_lists_and_notes_count_in_reading_order():
    in_list = ListBlock(ordered=True, items=((linked("一つ目", STEP_URL),),))
    in_note = Note((linked("二つ目", LESSON_URL),))
    assert qr_target(step(Paragraph((Span("説明"),)), in_list, in_note), OFFICIAL) == (
        "一つ目",
        STEP_URL,
    )
    assert qr_target(step(in_note, in_list), OFFICIAL) == ("二つ目", LESSON_URL)


def test_without_an_acceptable_step_link_the_lessons_first_qr_link_is_used():
    unofficial = linked("お店", "https://example.com/phone")
    plain_http = linked("古いページ", "http://www.digital.go.jp/")
    assert qr_target(step(unofficial, plain_http), OFFICIAL) == ("総合サイト", LESSON_URL)
    assert qr_target(None, OFFICIAL) == ("総合サイト", LESSON_URL)
    refused = Link("お店", "https://example.com/", qr=False)
    assert qr_target(step(unofficial), lesson(refused, *OFFICIAL.links)) == (
        "総合サイト",
        LESSON_URL,
    )


def test_no_acceptable_address_anywhere_means_no_qr_code():
    shop = lesson(Link("お店", "https://example.com/", qr=False))
    assert qr_target(step(linked("お店", "https://example.com/phone")), shop) is None
    assert qr_target(None, lesson()) is None


def test_a_trusted_domain_qualifies_for_steps_and_lesson_links():
    city = "https://www.city.midori.example/kurashi/"
    assert qr_target(step(linked("市のページ", city)), lesson()) is None
    assert qr_target(step(linked("市のページ", city)), lesson(), ["city.midori.example"]) == (
        "市のページ",
        city,
    )
    link = Link("市", city)
    assert not link_gets_qr(link)
    assert link_gets_qr(link, ("city.midori.example",))
    assert qr_target(None, lesson(link), ("city.midori.example",)) == ("市", city)
    # A link the parser already refused stays refused, trusted or not.
    assert not link_gets_qr(Link("市", city, qr=False), ("city.midori.example",))
