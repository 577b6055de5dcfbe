//! The one integration-test binary: every area is a module.
mod cli;
mod limits;
mod oracles;
mod rules;
mod snapshots;
mod util;
mod validation;
