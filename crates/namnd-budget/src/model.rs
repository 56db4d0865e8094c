//! The budget model (being written).
