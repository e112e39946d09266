"""QR codes drawn for the screen: sharp whole-pixel modules, a quiet zone, and they read back."""

from __future__ import annotations

import zxingcpp
from PIL import Image as PilImage

from dxhelper.ui.qr_image import qr_image

STEP_URL = "https://www.digital.go.jp/policies/mynumber"


def test_qr_image_has_whole_pixel_modules_and_a_quiet_zone(qapp, tmp_path):
    image = qr_image(STEP_URL, 300)
    assert image.width() == image.height() <= 300
    corner = image.pixelColor(0, 0)
    assert (corner.red(), corner.green(), corner.blue()) == (255, 255, 255)
    path = tmp_path / "qr.png"
    assert image.save(str(path))
    assert [result.text for result in zxingcpp.read_barcodes(PilImage.open(path))] == [STEP_URL]
