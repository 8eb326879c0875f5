"""Validate messages against the repository's JSON Schemas with the reference jsonschema library."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@functools.cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def assert_valid(name: str, message: dict) -> None:
    errors = sorted(validator(name).iter_errors(message), key=lambda e: list(e.path))
    assert not errors, f"{name} invalid: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
