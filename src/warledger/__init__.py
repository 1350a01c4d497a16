"""warledger: raw news reports about armed conflict → a verified, geolocated ledger of events.

The pipeline is ingest → extract → corroborate → verify → store → serve; each stage is
a public function and `run()` only chains them.
"""
__version__ = "0.1.0"
