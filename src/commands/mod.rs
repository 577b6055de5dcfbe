//! One module per subcommand (being moved here from `app.rs`).
pub mod serve;
