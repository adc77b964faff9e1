//! `typography` (TY): typographic remnants — source-language spacing, broken encodings.

pub mod replacement_character;
