"""Counts and exports for coordinators: CSV, XLSX and a PDF summary."""
