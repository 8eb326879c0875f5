"""Message contracts: the JSON Schemas of every topic's values, and their (de)serialization.

The schemas in ``schemas/`` (draft 2020-12) are the source of truth; this package ships them
(``worker/contracts/schemas`` links to the repository's ``schemas/``) and loads them from its own
package data, so an installed worker validates exactly what the repository documents.
"""

from worker.contracts.messages import (
    ARTICLE_SCHEMA_VERSION,
    SCHEMA_NAMES,
    InvalidMessage,
    decode_raw_article,
    dumps,
    load_schema,
    raw_input_from_dict,
)
from worker.contracts.raw import RawInput

__all__ = [
    "ARTICLE_SCHEMA_VERSION",
    "SCHEMA_NAMES",
    "InvalidMessage",
    "decode_raw_article",
    "dumps",
    "load_schema",
    "raw_input_from_dict",
    "RawInput",
]
