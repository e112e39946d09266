"""The report's chart: attendances per month, stacked by lesson category.

One reportlab drawing serves the PDF (as a flowable) and the screen (rendered to SVG, shown
with QtSvg), so both always show the same picture.
"""

from __future__ import annotations

import math
import re

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

import dxhelper.reports.texts as texts
from dxhelper.pdfkit.fonts import FontChoice, find_font
from dxhelper.reports.build import category_label
from dxhelper.reports.model import Report
from dxhelper.store import CATEGORY_ORDER

# Okabe–Ito: told apart with every common colour-vision deficiency, and in grey print.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#999999",
)
INK = colors.HexColor("#111111")
GRID = colors.HexColor("#DDDDDD")
MAX_LABELS = 24  # more month labels than this would overlap: label every n-th month


def category_colors(lang: str) -> dict[str, colors.Color]:
    """Each category keeps its colour whatever else is in the chart."""
    return {
        category_label(cat, lang): colors.HexColor(PALETTE[i % len(PALETTE)])
        for i, cat in enumerate(CATEGORY_ORDER)
    }


def nice_step(top: int, ticks: int = 5) -> int:
    """A round whole-number step (1, 2, 5 × 10ⁿ) that gives at most `ticks` gridlines."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def chart_drawing(
    report: Report, font: FontChoice, width: float = 520, height: float = 240
) -> Drawing:
    chart_data = report.chart
    lang = report.lang
    months = list(chart_data.months)
    drawing = Drawing(width, height)
    # A white ground: the chart's ink is dark, and a screen in dark mode must still show it.
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    title_size = 10
    drawing.add(
        String(
            0,
            height - title_size,
            texts.text("chart_title", lang),
            fontName=font.bold,
            fontSize=title_size,
            fillColor=INK,
        )
    )
    series = list(chart_data.series)
    palette = category_colors(lang)
    legend_size = 7.5
    legend_width = (
        min(
            max(stringWidth(label, font.family, legend_size) for label, _values in series) + 24,
            width * 0.36,
        )
        if series
        else 0.0
    )
    plot_width = max(width - 34 - legend_width - 12, 60)
    label_width = stringWidth("0000-00", font.family, 7)
    every = max(1, math.ceil(len(months) / MAX_LABELS))
    # Month labels turn when they would touch their neighbours.
    # (with room to spare: a screen may draw the font a little wider than its metrics)
    crowded = label_width * 1.15 + 4 > plot_width / max(len(months), 1) * every
    bottom = 34 if crowded else 20

    chart = VerticalBarChart()
    chart.x = 34
    chart.y = bottom
    chart.width = plot_width
    chart.height = max(height - bottom - title_size - 14, 40)
    chart.data = [list(values) for _label, values in series] or [[0] * len(months)]
    chart.categoryAxis.style = "stacked"
    chart.barSpacing = 0
    chart.groupSpacing = 4 if len(months) <= 24 else 1
    chart.categoryAxis.categoryNames = [m if i % every == 0 else "" for i, m in enumerate(months)]
    labels = chart.categoryAxis.labels
    labels.fontName = font.family
    labels.fontSize = 7
    labels.fillColor = INK
    if crowded:
        labels.angle = 45
        labels.boxAnchor = "ne"
        labels.dx, labels.dy = 4, -2
    else:
        labels.boxAnchor = "n"
        labels.dy = -3
    chart.categoryAxis.strokeColor = INK
    top = max(chart_data.totals, default=0)
    step = nice_step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step * math.ceil(top / step), step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.labels.fontName = font.family
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = INK
    chart.valueAxis.strokeColor = INK
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.bars.strokeColor = colors.white
    chart.bars.strokeWidth = 0.3
    for index, (label, _values) in enumerate(series):
        chart.bars[index].fillColor = palette.get(label, colors.HexColor(PALETTE[-1]))
    if not series:
        chart.bars[0].fillColor = colors.white
    drawing.add(chart)

    if series:
        legend = Legend()
        legend.x = chart.x + chart.width + 14
        legend.y = chart.y + chart.height
        legend.alignment = "right"
        legend.boxAnchor = "nw"
        legend.fontName = font.family
        legend.fontSize = legend_size
        legend.columnMaximum = 10
        legend.dx = legend.dy = 7
        legend.deltay = 11
        legend.strokeColor = None
        legend.fillColor = INK
        legend.subCols.minWidth = legend_width - 20
        # Top of the stack first, as the eye reads the bars.
        pairs = [(palette.get(label, colors.grey), label) for label, _values in series]
        legend.colorNamePairs = list(reversed(pairs))
        drawing.add(legend)
    else:
        drawing.add(
            String(
                chart.x + chart.width / 2,
                chart.y + chart.height / 2,
                texts.text("no_data", lang),
                fontName=font.family,
                fontSize=9,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    return drawing


def chart_svg(
    report: Report, *, width: float = 520, height: float = 240, font: str | None = None
) -> bytes:
    """The chart as SVG. Text names the font's real family (the PDF's internal font key means
    nothing to an SVG renderer), falling back to any sans-serif font."""
    from reportlab.graphics import renderSVG

    choice = find_font(font, lang=report.lang)
    svg = renderSVG.drawToString(chart_drawing(report, choice, width, height))
    family = (
        f"font-family: '{choice.display_name}', sans-serif;"
        if choice.display_name
        else ("font-family: sans-serif;")
    )
    if choice.bold != choice.family:
        svg = svg.replace(f"font-family: {choice.bold};", family + " font-weight: bold;")
    svg = svg.replace(f"font-family: {choice.family};", family)
    # The clip is the drawing's own frame; QtSvg before 6.7 ignores <clipPath> and paints
    # its rectangle black over the chart, so leave it out.
    svg = re.sub(r"<clipPath id=\"clip\">.*?</clipPath>\s*", "", svg, flags=re.S)
    svg = svg.replace(' style="clip-path: url(#clip)"', "")
    return svg.encode("utf-8")
