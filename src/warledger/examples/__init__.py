"""Bundled example inputs (the seed and a few FA-KES articles)."""
