"""Plain-Python domain: dataclasses, text folding, the privacy guard. Imports nothing of ours."""
