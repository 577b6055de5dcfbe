//! archcost: monthly AWS cost and hard limits of candidate architectures for one workload.
pub mod app;
pub mod breakeven;
pub mod capacity;
pub mod cli;
pub mod compare;
pub mod csv_safe;
pub mod diff;
pub mod error;
pub mod fsio;
pub mod limits;
pub mod money;
pub mod pricing;
pub mod report;
pub mod scenario;
pub mod sensitivity;
pub mod services;
pub mod sweep;
