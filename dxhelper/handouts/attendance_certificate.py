"""The certificate of attendance (受講証明書), for towns whose subsidy claims ask for one.

One A4 page per named attendee: the name they go by (with the sheet's honorific rule), the
date, venue, lessons taken, the volunteer, the municipality, the issue date and a box for a
signature or seal. Only residents who consented are named: every named attendee in the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from dxhelper.handouts.blocks import Para, plain
from dxhelper.handouts.guide import HandoutOptions
from dxhelper.handouts.records import Certificate
from dxhelper.handouts.sheet import sheet_name_with_honorific
from dxhelper.handouts.styles import ACCENT, BOX_FILL, FOOTER, MUTED, Styles, layout_for
from dxhelper.handouts.texts import long_date, text
from dxhelper.pdfkit.document import Footer, Part, layout_pdf
from dxhelper.pdfkit.fonts import FontChoice
from dxhelper.pdfkit.result import Pdf

STAMP_BOX = 30 * mm


def certificates_pdf(
    certificates: Sequence[Certificate],
    lang: str = "ja",
    options: HandoutOptions | None = None,
    *,
    issued: dt.date | None = None,
) -> Pdf:
    """One page per certificate, each numbering its own page; `issued` defaults to today."""
    if not certificates:
        raise ValueError("no certificates to print")
    options = options or HandoutOptions()
    font = options.font_choice(lang)
    day = issued or dt.date.today()
    parts = [_part(certificate, options, font, lang, day) for certificate in certificates]
    title = text(lang, "cert_title")
    if len(certificates) == 1:
        title = f"{title}：{sheet_name_with_honorific(certificates[0].name, lang)}"
        if lang == "en":
            title = title.replace("：", ": ")
    done = layout_pdf(
        parts, layout_for("A4"), FOOTER, title=title, lang=lang, subject=text(lang, "cert_subject")
    )
    return Pdf(done.data, font, done.pages)


def _part(
    certificate: Certificate,
    options: HandoutOptions,
    font: FontChoice,
    lang: str,
    issued: dt.date,
) -> Part:
    styles = Styles(font, lang, options.large)
    width = layout_for("A4").frame_width
    sizes = styles.sizes
    heading = styles.style("cert_heading", sizes.title * 1.2, bold=True, alignment=1)
    name_style = styles.style("cert_name", sizes.title, bold=True, alignment=1)
    centred = styles.style("cert_centred", sizes.step, bold=True, alignment=1)
    right = styles.style("cert_right", sizes.body, alignment=2)
    statement = styles.style("cert_statement", sizes.step)
    name = Table(
        [[Para(plain(sheet_name_with_honorific(certificate.name, lang)), name_style)]],
        colWidths=[width * 0.7],
    )
    name.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 1.2, ACCENT),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    story: list[Flowable] = [
        Spacer(1, 8 * mm),
        Para(plain(text(lang, "cert_title")), heading),
        Spacer(1, 14 * mm),
        name,
        Spacer(1, 12 * mm),
        Para(plain(text(lang, "cert_body")), statement),
        Spacer(1, 6 * mm),
    ]
    if lang == "ja":
        story += [Para("記", centred), Spacer(1, 4 * mm)]
    story.append(_details(certificate, styles, width))
    story.append(Spacer(1, 12 * mm))
    story.append(Para(plain(text(lang, "cert_issued", date=long_date(issued, lang))), right))
    story.append(Spacer(1, 2 * mm))
    signed = text(lang, "cert_signed", volunteer=certificate.volunteer)
    story.append(Para(plain(signed), right))
    story.append(Spacer(1, 5 * mm))
    story.append(_stamp_box(styles))
    footer = Footer(
        text(lang, "cert_footer", date=issued.isoformat()),
        lang,
        styles.footer_font,
        styles.footer_size,
    )
    return Part(footer, story)


def _details(certificate: Certificate, styles: Styles, width: float) -> Table:
    lang = styles.lang
    label_width = width * 0.3
    lessons = certificate.lessons or (text(lang, "cert_no_lessons"),)
    bullet = "・" if lang == "ja" else "• "
    rows: list[tuple[str, list[Flowable]]] = [
        ("cert_date", [Para(plain(long_date(certificate.date, lang, weekday=True)), styles.body)]),
        ("cert_venue", [Para(plain(certificate.venue), styles.body)]),
        ("cert_lessons", [Para(f"{bullet}{plain(title)}", styles.body) for title in lessons]),
        ("cert_volunteer", [Para(plain(certificate.volunteer), styles.body)]),
    ]
    if certificate.municipality:
        rows.append(("cert_municipality", [Para(plain(certificate.municipality), styles.body)]))
    table = Table(
        [[Para(plain(text(lang, key)), styles.bold), value] for key, value in rows],
        colWidths=[label_width, width - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, -1), BOX_FILL),
                ("GRID", (0, 0), (-1, -1), 0.8, MUTED),
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    return table


def _stamp_box(styles: Styles) -> Table:
    """An empty square at the right for a signature or the office's seal, its name on top."""
    label = styles.style("cert_stamp", styles.sizes.body, textColor=MUTED, alignment=1)
    box = Table(
        [[Para(plain(text(styles.lang, "cert_stamp")), label)], [""]],
        colWidths=[STAMP_BOX * 1.6],
        rowHeights=[None, STAMP_BOX],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    box.hAlign = "RIGHT"
    return box
