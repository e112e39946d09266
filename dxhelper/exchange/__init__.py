"""Bundles: export this device's records, import and merge others'."""
