"""Benchmarks: run as modules (python -m bench.storage); not part of the test suite."""
