//! What the MT verdict is given to judge, end to end (blocks17): a wire item whose
//! paragraphs are lists of names and figures is article text, not page furniture, and a
//! French article with an English quotation is French. Texts written for calq.

mod common;

use common::{calq, json};

/// The `mt` object and the findings' codes of one document read from standard input.
fn audit(text: &str) -> (serde_json::Value, Vec<String>) {
    let out = calq()
        .args(["audit", "--format=json", "--fail-on=never", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = json(&out.stdout);
    let doc = &v["documents"][0];
    let codes = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    (doc["mt"].clone(), codes)
}

/// Before blocks17 the five paragraphs of names and figures were furniture, leaving 54
/// words of article text: `too-short`.
const WIRE: &str = "Coalition names new cabinet

VALLORA, June 4 (Newswire) - The three parties that won last month's election agreed on \
Sunday to form a government, and it is expected that the new cabinet will be sworn in by \
the end of the week.

Prime Minister-designate Elena Marsh named Tobias Grant as finance minister, Amara Okafor \
as foreign minister and Luis Ferreira as defence minister.

Grant, 52, a former central bank deputy governor, replaces Ingrid Holm, who held the post \
since 2019.

The Social Union won 41 of 150 seats, the Green Alliance 23 and the Liberal Centre 14, \
giving the coalition 78 seats.

Bond yields fell 12 basis points to 3.41% on Monday, exchange data showed.

Shares of Vallora Bank rose 4.2% to 31.50 crowns on Tuesday.

It was not clear when the new government would present its first budget.
";

#[test]
fn a_wire_item_of_names_and_figures_is_judged() {
    let (mt, _) = audit(WIRE);
    assert!(mt["probability"].is_number(), "{mt}");
    assert_ne!(mt["verdict"], "too-short", "{mt}");
}

const FRENCH: &str = "La ville portuaire votera dimanche sur sa digue

Les habitants de la ville portuaire se prononceront dimanche sur l'avenir de la vieille \
digue, endommagée par deux hivers de tempêtes successives. Le conseil municipal propose de \
consacrer à ces travaux l'argent qui avait été réservé pour un nouveau stade.

Un ingénieur britannique, consulté par la municipalité, a résumé la situation devant le \
conseil.

\"The wall has held for a century, but it will not survive another winter like the last \
two without serious repairs,\" he said.

Selon le maire, les travaux pourraient commencer au printemps et dureraient environ trois \
ans. Les commerçants du bas de la ville, dont les boutiques ont été inondées à plusieurs \
reprises, soutiennent largement le projet.

Les opposants estiment que la ville aurait dû demander l'aide de l'État depuis longtemps, \
et rappellent que d'autres communes de la côte ont obtenu des subventions importantes.
";

#[test]
fn a_french_article_with_an_english_quotation_is_not_english() {
    let (mt, codes) = audit(FRENCH);
    assert_eq!(mt["verdict"], "not-english", "{mt}");
    assert_eq!(mt["language"], "fr", "{mt}");
    assert!(codes.iter().any(|c| c == "UT002"), "{codes:?}");
}
