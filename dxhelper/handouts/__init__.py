"""Printed handouts (reportlab + qrcode): lesson guides and personal progress sheets as PDF."""
