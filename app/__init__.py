"""WardScribe: drafts clinical notes with a local model; every step encrypted and audited."""

__version__ = "0.1.0"
