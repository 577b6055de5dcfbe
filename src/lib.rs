//! archcost: monthly AWS cost and hard limits of candidate architectures for one workload.
pub mod app;
pub mod breakeven;
pub mod capacity;
pub mod cli;
pub mod compare;
pub mod diff;
pub mod error;
pub mod feasibility;
pub mod limits;
pub mod money;
pub mod notes;
pub mod pricing;
pub mod report;
pub mod scenario;
pub mod sensitivity;
pub mod services;
pub mod sweep;
