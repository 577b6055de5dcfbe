//! archcost: monthly AWS cost and hard limits of candidate architectures for one workload.
pub mod app;
pub mod capacity;
pub mod cli;
pub mod compare;
pub mod decisions;
pub mod error;
pub mod limits;
pub mod money;
pub mod pricing;
pub mod report;
pub mod scenario;
pub mod services;
pub mod breakeven;
pub mod diff;
pub mod sensitivity;
pub mod sweep;
