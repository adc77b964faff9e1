//! `quotes` (QT): quote marks — reversed, unbalanced, foreign styles, spaces inside them,
//! capitalised fragments. The rules read one shared [`scan::QuoteScan`] (via
//! `Context::quotes`); each kind of problem has one owner, so no quotation is reported twice:
//! foreign styles (including French `« »` with their inner spaces) by QT004, reversed marks
//! by QT001, other unbalanced curly marks by QT002, spaces inside English quotes by QT003.

pub mod scan;

pub mod capitalised_quote_fragment;
pub mod foreign_quote_style;
pub mod reversed_quote_mark;
pub mod space_inside_quotes;
pub mod unbalanced_quote;
