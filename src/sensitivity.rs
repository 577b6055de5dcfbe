//! Sensitivity (placeholder).
pub fn command(_a: crate::cli::SensitivityArgs) -> crate::error::Result<u8> { Ok(0) }
