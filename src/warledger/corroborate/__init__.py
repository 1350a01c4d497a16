"""corroborate stage."""
