//! What the text formats share, so that no format imports another's helpers: escaping for HTML
//! and Markdown, the terminal table builder and its width, and the order tiers are shown in.
//! Sections written for every format (ranges, money over time) stand on this, not on the formats.
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};

/// The order tiers are shown in, in every format.
pub const TIERS: [&str; 5] = ["web", "app", "db", "network", "extras"];

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for a Markdown table cell.
pub fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The width tables are laid out for: `$COLUMNS` when set, else the terminal's, else 140 (so
/// files and pipes get the same, deterministic layout everywhere).
pub fn width() -> u16 {
    if let Some(cols) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= 40)
    {
        return cols;
    }
    let mut probe = Table::new();
    probe.set_content_arrangement(ContentArrangement::Dynamic);
    probe.width().unwrap_or(140)
}

/// A terminal table in the house style, laid out for `width()`.
pub fn new_table() -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(width());
    t
}
