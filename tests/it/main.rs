//! The one integration-test binary: every area is a module.
mod band;
mod cli;
mod decisions;
mod diffs;
mod hardening;
mod i18n_lines;
mod limits;
mod oracles;
mod pricing_fetch;
mod pricing_import;
mod reports;
mod rules;
mod snapshots;
mod sweeps;
mod util;
mod validation;
