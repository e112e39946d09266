"""The QR address policy: a printed QR code may only open an official page.

A resident cannot see where a QR code leads before scanning it, so only https addresses on
government domains (go.jp, lg.jp and their subdomains) or on domains a coordinator explicitly
trusts get one, and the address is always printed beside the code. `qr_target` picks the
address a step's QR code opens in presentation mode.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the lesson parser imports this module, so the model is imported where used
    from dxhelper.core.lessons.model import Block, Lesson, Link, Span, Step

OFFICIAL_SUFFIXES = ("go.jp", "lg.jp")
MAX_URL_LENGTH = 500  # a longer address makes a QR code too dense to scan from paper


@dataclass(frozen=True, slots=True)
class Refusal:
    ja: str
    en: str

    def message(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def normalise_domain(domain: str) -> str:
    return domain.strip().lower().rstrip(".")


def check_url(url: str, trusted_domains: Iterable[str] = ()) -> Refusal | None:
    """None when `url` may become a QR code; otherwise why not, in Japanese and English."""
    if not isinstance(url, str) or not url:
        return Refusal("アドレスが空です。", "The address is empty.")
    if len(url) > MAX_URL_LENGTH:
        return Refusal(
            f"アドレスが長すぎます（{MAX_URL_LENGTH}文字まで）。",
            f"The address is too long (at most {MAX_URL_LENGTH} characters).",
        )
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return Refusal("アドレスに空白や制御文字があります。", "The address contains spaces.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return Refusal("アドレスの形が正しくありません。", "The address is malformed.")
    if parts.scheme.lower() != "https":
        return Refusal(
            "https:// で始まるアドレスだけを使えます。", "Only https:// addresses are allowed."
        )
    if "@" in parts.netloc:
        return Refusal(
            "アドレスにユーザー名やパスワードを含めることはできません。",
            "The address must not contain a user name or password.",
        )
    host = normalise_domain(parts.hostname or "")
    if not host:
        return Refusal("アドレスにドメインがありません。", "The address has no domain.")
    if port not in (None, 443):
        return Refusal("アドレスにポート番号は使えません。", "The address must not name a port.")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return Refusal(
            "IPアドレスではなく公式のドメイン名を使ってください。",
            "Use an official domain name, not an IP address.",
        )
    trusted = [normalise_domain(d) for d in trusted_domains if normalise_domain(d)]
    if any(_under(host, d) for d in trusted):
        return None
    if any(label.startswith("xn--") for label in host.split(".")):
        return Refusal(
            "国際化ドメイン（xn--）は、設定で信頼すると指定した場合だけ使えます。",
            "Internationalised (xn--) domains are allowed only when trusted in settings.",
        )
    if any(_under(host, suffix) for suffix in OFFICIAL_SUFFIXES):
        return None
    return Refusal(
        f"公式のドメイン（go.jp・lg.jp）ではありません: {host}",
        f"Not an official domain (go.jp, lg.jp): {host}",
    )


# -- which address a QR code opens -------------------------------------------------------------


def link_gets_qr(link: Link, trusted_domains: Iterable[str] = ()) -> bool:
    """Whether a lesson's link is printed or shown with a QR code (else as text alone)."""
    return link.qr and check_url(link.url, trusted_domains) is None


def qr_target(
    step: Step | None, lesson: Lesson, trusted_domains: Iterable[str] = ()
) -> tuple[str, str] | None:
    """(label, url) of the QR code for a step: its first link, else the lesson's first link.

    Only an address that passes the QR policy (https, official or trusted domain) qualifies:
    a resident cannot see where a code leads before scanning it. The label is empty when a
    step's link text is the address itself.
    """
    trusted = tuple(trusted_domains)
    if step is not None:
        for span in _spans(step.blocks):
            if span.href and check_url(span.href, trusted) is None:
                text = span.text.strip()
                return (text if text != span.href else "", span.href)
    for link in lesson.links:
        if link_gets_qr(link, trusted):
            return (link.label, link.url)
    return None


def _spans(blocks: Sequence[Block]) -> Iterator[Span]:
    """Every span of the blocks in reading order, into lists and notes."""
    # Imported here, not at the top: the lesson parser imports this module for check_url.
    from dxhelper.core.lessons.model import ListBlock, Note, Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            yield from block.spans
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _spans(item)
        elif isinstance(block, Note):
            yield from _spans(block.blocks)
