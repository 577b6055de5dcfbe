//! `archcost schema scenario|report|optimize`: JSON Schema (draft 2020-12) generated with
//! `schemars` from the types that parse scenarios and print reports and optimize answers
//! (docs/reference/README.md).
use crate::cli::{SchemaArgs, SchemaKind};
use crate::error::Result;
use schemars::generate::SchemaSettings;
use serde_json::Value;

/// The schema of `kind` as pretty JSON text ending in a newline.
pub fn text(kind: SchemaKind) -> Vec<u8> {
    let settings = SchemaSettings::draft2020_12();
    let mut schema = match kind {
        SchemaKind::Scenario => settings
            .into_generator()
            .into_root_schema_for::<crate::scenario::Scenario>(),
        SchemaKind::Report => settings
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<crate::compare::Report>(),
        SchemaKind::Optimize => settings
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<crate::optimize::OptimizeReport>(),
    }
    .to_value();
    numeric_defaults(&mut schema);
    let mut out = serde_json::to_vec_pretty(&schema).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Decimals serialize as strings, so schemars writes a number's default as `"730"`; the file
/// writes 730. Turn such defaults back into numbers and drop `null` defaults (unset options).
fn numeric_defaults(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let is_number = map.get("type") == Some(&Value::from("number"))
                || map.get("anyOf").and_then(Value::as_array).is_some_and(|a| {
                    a.iter()
                        .any(|s| s.get("type") == Some(&Value::from("number")))
                });
            match map.get("default") {
                Some(Value::Null) => {
                    map.remove("default");
                }
                Some(Value::String(s)) if is_number => {
                    if let Ok(n) = serde_json::from_str::<serde_json::Number>(s) {
                        map.insert("default".into(), Value::Number(n));
                    }
                }
                _ => {}
            }
            map.values_mut().for_each(numeric_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(numeric_defaults),
        _ => {}
    }
}

/// Print the schema to standard output.
pub fn run(args: SchemaArgs) -> Result<u8> {
    super::emit(None, &text(args.kind))?;
    Ok(0)
}
