"""Keys and passwords: what stands between a lost laptop and the notes on it."""
