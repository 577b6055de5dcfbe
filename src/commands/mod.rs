//! Command handlers, one module per subcommand: read flags, call the engine or generator, write
//! standard output, return the exit code.
pub mod completions;
pub mod init;
pub mod man;
