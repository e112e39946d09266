"""`dxhelper residents [QUERY]`: who is on record, so that `sheet` can be given the right one.

Also the one place the command line turns a name, reading or id into one resident: `sheet`
uses `find_resident`, whose "several match" message shows the same columns as this list."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import click

from dxhelper.cli.context import Context, pass_context
from dxhelper.core.errors import DxError

SHORT_ID = 8  # a uuid's first 8 characters: unique among a town's residents in practice
_ID_PREFIX = re.compile(r"^[0-9a-f-]{6,}$")


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    reading: str
    age_band: str
    district: str
    last_visit: dt.date | None


def _rows(store, query: str, limit: int, lang: str) -> list[Row]:  # store: Store
    """Matching residents (best first; all of them by reading without a query)."""
    if query.strip():
        # The attendee search is the window's: it also knows when each one last came.
        hits = [(h.resident, h.last_date) for h in store.search_attendees(query, "", limit)]
    else:
        hits = []
        for resident in store.list_residents()[:limit]:
            last = store.resident_sessions(resident.id, limit=1)
            hits.append((resident, last[0].date if last else None))
    return [
        Row(r.id, r.display_name, r.kana, r.age_band.label(lang), r.district, last)
        for r, last in hits
    ]


def _short_ids(rows: list[Row]) -> list[str]:
    """The first 8 characters where they tell the rows apart, else the whole id."""
    shorts = [row.id[:SHORT_ID] for row in rows]
    return [s if shorts.count(s) == 1 else row.id for s, row in zip(shorts, rows, strict=True)]


def table(rows: list[Row], lang: str) -> list[str]:
    """Aligned lines: id, name, reading, age band, 地区 and last visit."""
    ja = lang != "en"
    head = (
        ("ID", "名前", "よみ", "年代", "地区", "最終来訪")
        if ja
        else ("id", "name", "reading", "age", "district", "last visit")
    )
    never = "なし" if ja else "never"
    body = [
        (
            short,
            row.name,
            row.reading,
            row.age_band,
            row.district or "-",
            row.last_visit.isoformat() if row.last_visit else never,
        )
        for short, row in zip(_short_ids(rows), rows, strict=True)
    ]
    widths = [max(_width(line[i]) for line in [head, *body]) for i in range(len(head))]
    return [
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip()
        for line in [head, *body]
    ]


def _width(text: str) -> int:
    """Columns on a terminal: full-width (Japanese) characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def find_resident(store, query: str, lang: str):  # -> Resident
    """The one resident meant by a full id, a unique id start (as `residents` shows it), or a
    name or reading that matches one person; else a DxError that lists who matched."""
    from dxhelper.core.errors import NotFoundError

    query = query.strip()
    try:
        return store.get_resident(query)
    except NotFoundError:
        pass
    if _ID_PREFIX.match(query.lower()):
        starts = [r for r in store.list_residents() if r.id.startswith(query.lower())]
        if len(starts) == 1:
            return starts[0]
    rows = _rows(store, query, 21, lang)
    if len(rows) == 1:
        return store.get_resident(rows[0].id)
    if not rows:
        raise NotFoundError(
            f"「{query}」に当てはまる方が見つかりません（一覧: dxhelper residents）。",
            f"No resident matches '{query}' (see: dxhelper residents).",
        )
    shown = rows[:20]
    more = len(rows) > len(shown)
    lines = "\n".join(table(shown, lang)) + ("\n…" if more else "")
    raise DxError(
        f"「{query}」に当てはまる方が複数（{len(shown)}{'人以上' if more else '人'}）います。"
        f"IDで指定してください（dxhelper sheet ID）:\n{lines}",
        f"{len(shown)}{'+' if more else ''} residents match '{query}'. Give the id "
        f"(dxhelper sheet ID):\n{lines}",
    )


@click.command("residents")
@click.argument("query", required=False, default="")
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="表示する最大の人数 / At most this many.",
)
@pass_context
def residents(context: Context, query: str, limit: int) -> None:
    """住民を探す / List residents (name, reading or romaji; all without QUERY).

    ID は dxhelper sheet にそのまま渡せます。/ The id can be given to dxhelper sheet.
    """
    with context.open_library(create=False) as library:
        rows = _rows(library.store, query, limit, context.lang)
    if not rows:
        context.say(
            f"「{query}」に当てはまる方はいません。" if query else "住民の記録はまだありません。",
            f"No resident matches '{query}'." if query else "No residents on record yet.",
        )
        return
    for line in table(rows, context.lang):
        click.echo(line)
