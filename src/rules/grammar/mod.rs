//! `grammar` (GR): garbled phrasing — repeated words, double negation, calques.

pub mod repeated_word;
