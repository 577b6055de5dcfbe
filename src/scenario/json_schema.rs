//! JSON Schema fragments for scenario fields whose serde deserializer is hand-written (`num`):
//! each matches what that deserializer accepts (docs/reference/scenario-keys.md).
use schemars::{json_schema, Schema, SchemaGenerator};

/// `num::decimal` / `num::opt_decimal`: a TOML integer or float.
pub fn number(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "number" })
}

/// `num::ranged::*` / `num::discount_pct`: a number, or a range table with exactly `low`,
/// `expected` and `high` (the order low ≤ expected ≤ high is checked by the parser only).
pub fn number_or_range(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "number" },
            {
                "type": "object",
                "properties": {
                    "low": { "type": "number" },
                    "expected": { "type": "number" },
                    "high": { "type": "number" }
                },
                "required": ["low", "expected", "high"],
                "additionalProperties": false
            }
        ]
    })
}

/// `[quotas]`: limit id -> applied account quota value.
pub fn quotas(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "object",
        "additionalProperties": { "type": "number" }
    })
}

/// A table read later by its own parser (`[architecture.search]`, `scenario::search`).
pub fn table(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "object" })
}
