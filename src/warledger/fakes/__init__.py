"""fakes stage."""
