//! `untranslated` (UT): passages left in another language inside an English article. The
//! English dictionary they are measured against lives in `spelling::dictionary`.

pub mod foreign_document;
pub mod untranslated_passage;
