"""The PDF plumbing handouts and reports share (reportlab, no Qt).

- fonts: find and register an embeddable Japanese font (FontChoice, find_font)
- styles: the ink and a paragraph-style factory for one font and language (BaseStyles)
- document: page Layout, parts with their own footer and "page x / y", render_pdf
- result: Pdf, the bytes and font every PDF maker returns, saved atomically

Import the modules themselves: this package front loads nothing, so importing
dxhelper.pdfkit.fonts does not pull in the rest.
"""
