"""Benchmarks (`make bench`): speed and size targets, measured and printed as a table, never asserted in tests."""
