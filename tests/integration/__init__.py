"""Integration tests: the worker against a real Kafka broker (see conftest.py)."""
