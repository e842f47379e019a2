//! The command-line tool over the core; it lands with the core issue.
