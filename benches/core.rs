//! Benchmarks of namnd-core.
fn main() {}
