//! Scenario templates printed by `archcost init`.
use crate::error::{Error, Result};

const THREE_TIER: &str = include_str!("../../scenarios/three-tier.toml");

pub const NAMES: [&str; 1] = ["three-tier"];

pub fn scenario(name: &str) -> Result<&'static str> {
    match name {
        "three-tier" => Ok(THREE_TIER),
        other => Err(Error::Input(format!(
            "unknown template `{other}`; available: {}",
            NAMES.join(", ")
        ))),
    }
}
