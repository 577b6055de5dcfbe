//! The live page's own labels (controls, buttons, banners) in English and Japanese; the report
//! content itself uses `report::i18n`.
use crate::lang::Lang;

/// Every label of the page around the report.
pub struct Texts {
    pub live_review: &'static str,
    pub what_if: &'static str,
    pub workload: &'static str,
    pub assumptions: &'static str,
    pub reset: &'static str,
    pub save: &'static str,
    pub save_name: &'static str,
    pub download_zip: &'static str,
    pub download_toml: &'static str,
    pub share: &'static str,
    pub vs_file: &'static str,
    pub same_as_file: &'static str,
    pub file_error: &'static str,
    pub what_if_error: &'static str,
    pub watching: &'static str,
    pub saved: &'static str,
    pub other_changes: &'static str,
    pub profile_weights: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_code: &'static str,
    pub no_controls: &'static str,
    pub optimize: &'static str,
    pub optimize_note: &'static str,
    pub optimize_error: &'static str,
}

/// The labels of `lang` from the message tables (`ui.serve.*`).
fn load_texts(lang: Lang) -> Texts {
    let t = |id: &'static str| crate::messages::text(lang, id).unwrap_or(id);
    Texts {
        live_review: t("ui.serve.live_review"),
        what_if: t("ui.serve.what_if"),
        workload: t("ui.serve.workload"),
        assumptions: t("ui.serve.assumptions"),
        reset: t("ui.serve.reset"),
        save: t("ui.serve.save"),
        save_name: t("ui.serve.save_name"),
        download_zip: t("ui.serve.download_zip"),
        download_toml: t("ui.serve.download_toml"),
        share: t("ui.serve.share"),
        vs_file: t("ui.serve.vs_file"),
        same_as_file: t("ui.serve.same_as_file"),
        file_error: t("ui.serve.file_error"),
        what_if_error: t("ui.serve.what_if_error"),
        watching: t("ui.serve.watching"),
        saved: t("ui.serve.saved"),
        other_changes: t("ui.serve.other_changes"),
        profile_weights: t("ui.serve.profile_weights"),
        switch_lang: t("ui.serve.switch_lang"),
        switch_lang_code: t("ui.serve.switch_lang_code"),
        no_controls: t("ui.serve.no_controls"),
        optimize: t("ui.serve.optimize"),
        optimize_note: t("ui.serve.optimize_note"),
        optimize_error: t("ui.serve.optimize_error"),
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    static BY_LANG: crate::lang::PerLang<Texts> = crate::lang::PerLang::new();
    BY_LANG.get(lang, load_texts)
}

/// The label of a control for `key` (the last part of a dot path): the message tables'
/// `key.name.*`, the key itself when it has none.
pub fn key_label(lang: Lang, key: &str) -> String {
    crate::report::key_names::control(lang, key)
}
