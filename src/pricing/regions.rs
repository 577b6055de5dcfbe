//! AWS regions as people write them: code, the location name AWS's price data uses, the
//! Japanese console name, and common aliases (city names in English and Japanese).
//! `resolve` maps any of them to the region; a region's prices are in the catalog only when
//! the catalog has the code (`Catalog::regions`).

/// One AWS region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Region code, e.g. `ap-northeast-1`.
    pub code: &'static str,
    /// Location name as in AWS's price data, e.g. `Asia Pacific (Tokyo)`.
    pub name: &'static str,
    /// Name in the Japanese AWS console, e.g. `アジアパシフィック (東京)`.
    pub name_ja: &'static str,
    /// Other spellings accepted in scenarios and on the command line.
    pub aliases: &'static [&'static str],
}

const fn r(
    code: &'static str,
    name: &'static str,
    name_ja: &'static str,
    aliases: &'static [&'static str],
) -> Region {
    Region {
        code,
        name,
        name_ja,
        aliases,
    }
}

/// Every region archcost knows, sorted by code. The bundled catalog covers the commercial
/// regions whose prices could be sourced (pricing/COVERAGE.md); GovCloud, China and the
/// newest regions are listed so that a scenario naming them gets a precise message.
pub static REGIONS: &[Region] = &[
    r(
        "af-south-1",
        "Africa (Cape Town)",
        "アフリカ (ケープタウン)",
        &["Cape Town", "ケープタウン"],
    ),
    r(
        "ap-east-1",
        "Asia Pacific (Hong Kong)",
        "アジアパシフィック (香港)",
        &["Hong Kong", "香港"],
    ),
    r(
        "ap-east-2",
        "Asia Pacific (Taipei)",
        "アジアパシフィック (台北)",
        &["Taipei", "台北"],
    ),
    r(
        "ap-northeast-1",
        "Asia Pacific (Tokyo)",
        "アジアパシフィック (東京)",
        &["Tokyo", "東京"],
    ),
    r(
        "ap-northeast-2",
        "Asia Pacific (Seoul)",
        "アジアパシフィック (ソウル)",
        &["Seoul", "ソウル"],
    ),
    r(
        "ap-northeast-3",
        "Asia Pacific (Osaka)",
        "アジアパシフィック (大阪)",
        &["Osaka", "大阪"],
    ),
    r(
        "ap-south-1",
        "Asia Pacific (Mumbai)",
        "アジアパシフィック (ムンバイ)",
        &["Mumbai", "ムンバイ"],
    ),
    r(
        "ap-south-2",
        "Asia Pacific (Hyderabad)",
        "アジアパシフィック (ハイデラバード)",
        &["Hyderabad", "ハイデラバード"],
    ),
    r(
        "ap-southeast-1",
        "Asia Pacific (Singapore)",
        "アジアパシフィック (シンガポール)",
        &["Singapore", "シンガポール"],
    ),
    r(
        "ap-southeast-2",
        "Asia Pacific (Sydney)",
        "アジアパシフィック (シドニー)",
        &["Sydney", "シドニー"],
    ),
    r(
        "ap-southeast-3",
        "Asia Pacific (Jakarta)",
        "アジアパシフィック (ジャカルタ)",
        &["Jakarta", "ジャカルタ"],
    ),
    r(
        "ap-southeast-4",
        "Asia Pacific (Melbourne)",
        "アジアパシフィック (メルボルン)",
        &["Melbourne", "メルボルン"],
    ),
    r(
        "ap-southeast-5",
        "Asia Pacific (Malaysia)",
        "アジアパシフィック (マレーシア)",
        &["Malaysia", "Kuala Lumpur", "マレーシア"],
    ),
    r(
        "ap-southeast-6",
        "Asia Pacific (New Zealand)",
        "アジアパシフィック (ニュージーランド)",
        &["New Zealand", "Auckland", "ニュージーランド"],
    ),
    r(
        "ap-southeast-7",
        "Asia Pacific (Thailand)",
        "アジアパシフィック (タイ)",
        &["Thailand", "Bangkok", "タイ"],
    ),
    r(
        "ca-central-1",
        "Canada (Central)",
        "カナダ (中部)",
        &["Canada Central", "Montreal", "カナダ"],
    ),
    r(
        "ca-west-1",
        "Canada West (Calgary)",
        "カナダ西部 (カルガリー)",
        &["Calgary", "カルガリー"],
    ),
    r(
        "cn-north-1",
        "China (Beijing)",
        "中国 (北京)",
        &["Beijing", "北京"],
    ),
    r(
        "cn-northwest-1",
        "China (Ningxia)",
        "中国 (寧夏)",
        &["Ningxia", "寧夏"],
    ),
    r(
        "eu-central-1",
        "EU (Frankfurt)",
        "欧州 (フランクフルト)",
        &["Europe (Frankfurt)", "Frankfurt", "フランクフルト"],
    ),
    r(
        "eu-central-2",
        "EU (Zurich)",
        "欧州 (チューリッヒ)",
        &["Europe (Zurich)", "Zurich", "Zürich", "チューリッヒ"],
    ),
    r(
        "eu-north-1",
        "EU (Stockholm)",
        "欧州 (ストックホルム)",
        &["Europe (Stockholm)", "Stockholm", "ストックホルム"],
    ),
    r(
        "eu-south-1",
        "EU (Milan)",
        "欧州 (ミラノ)",
        &["Europe (Milan)", "Milan", "ミラノ"],
    ),
    r(
        "eu-south-2",
        "EU (Spain)",
        "欧州 (スペイン)",
        &["Europe (Spain)", "Spain", "スペイン"],
    ),
    r(
        "eu-west-1",
        "EU (Ireland)",
        "欧州 (アイルランド)",
        &["Europe (Ireland)", "Ireland", "Dublin", "アイルランド"],
    ),
    r(
        "eu-west-2",
        "EU (London)",
        "欧州 (ロンドン)",
        &["Europe (London)", "London", "ロンドン"],
    ),
    r(
        "eu-west-3",
        "EU (Paris)",
        "欧州 (パリ)",
        &["Europe (Paris)", "Paris", "パリ"],
    ),
    r(
        "il-central-1",
        "Israel (Tel Aviv)",
        "イスラエル (テルアビブ)",
        &["Tel Aviv", "Israel", "テルアビブ"],
    ),
    r(
        "me-central-1",
        "Middle East (UAE)",
        "中東 (アラブ首長国連邦)",
        &["UAE", "アラブ首長国連邦"],
    ),
    r(
        "me-south-1",
        "Middle East (Bahrain)",
        "中東 (バーレーン)",
        &["Bahrain", "バーレーン"],
    ),
    r(
        "mx-central-1",
        "Mexico (Central)",
        "メキシコ (中部)",
        &["Mexico", "メキシコ"],
    ),
    r(
        "sa-east-1",
        "South America (Sao Paulo)",
        "南米 (サンパウロ)",
        &[
            "Sao Paulo",
            "São Paulo",
            "South America (São Paulo)",
            "サンパウロ",
        ],
    ),
    r(
        "us-east-1",
        "US East (N. Virginia)",
        "米国東部 (バージニア北部)",
        &[
            "N. Virginia",
            "Northern Virginia",
            "Virginia",
            "バージニア北部",
            "バージニア",
        ],
    ),
    r(
        "us-east-2",
        "US East (Ohio)",
        "米国東部 (オハイオ)",
        &["Ohio", "オハイオ"],
    ),
    r(
        "us-gov-east-1",
        "AWS GovCloud (US-East)",
        "AWS GovCloud (米国東部)",
        &[],
    ),
    r(
        "us-gov-west-1",
        "AWS GovCloud (US-West)",
        "AWS GovCloud (米国西部)",
        &["AWS GovCloud (US)"],
    ),
    r(
        "us-west-1",
        "US West (N. California)",
        "米国西部 (北カリフォルニア)",
        &[
            "N. California",
            "Northern California",
            "California",
            "北カリフォルニア",
            "カリフォルニア",
        ],
    ),
    r(
        "us-west-2",
        "US West (Oregon)",
        "米国西部 (オレゴン)",
        &["Oregon", "オレゴン"],
    ),
];

/// Lower case, letters and digits only ("Asia Pacific (Tokyo)" -> "asiapacifictokyo").
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every spelling of a region: code, name, Japanese name, aliases.
fn spellings(region: &Region) -> impl Iterator<Item = &'static str> {
    [region.code, region.name, region.name_ja]
        .into_iter()
        .chain(region.aliases.iter().copied())
}

/// The region with this exact code.
pub fn by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// The region `text` names: a code, AWS location name, Japanese name or alias, in any case and
/// with any spacing or punctuation ("tokyo", "東京", "Asia Pacific (Tokyo)", "AP-NORTHEAST-1").
pub fn resolve(text: &str) -> Option<&'static Region> {
    let want = fold(text);
    if want.is_empty() {
        return None;
    }
    REGIONS
        .iter()
        .find(|r| spellings(r).any(|s| fold(s) == want))
}

/// The region whose spelling is closest to `text` when it looks like a typo of one.
pub fn suggest(text: &str) -> Option<&'static Region> {
    let want = fold(text);
    let want = want.as_str();
    let want_chars = want.chars().count();
    REGIONS
        .iter()
        .flat_map(|r| spellings(r).map(move |s| (fold(s), r)))
        // Far longer text cannot score above 0.85 (see `too_long_to_be_close`): skip it, so
        // a megabyte of text costs one pass, not a quadratic comparison per spelling.
        .filter(|(s, _)| !too_long_to_be_close(want_chars, s))
        .map(|(s, r)| (strsim::jaro_winkler(want, &s), r))
        .filter(|(score, _)| *score > 0.85)
        // The first of equally close spellings wins (`us-east-9` -> `us-east-1`).
        .fold(
            None,
            |best: Option<(f64, &Region)>, (score, r)| match best {
                Some((b, _)) if b >= score => best,
                _ => Some((score, r)),
            },
        )
        .map(|(_, r)| r)
}

/// True when a text of `got_chars` characters is too long to be a typo of `candidate` for the
/// Jaro-Winkler cut-offs used here (> 0.8). With `got` at least 10 times longer, at most 1/10
/// of its characters can match, so Jaro ≤ (1/10 + 1 + 1) / 3 = 0.7, and Winkler's prefix boost
/// applies only above 0.7: the score stays ≤ 0.7. Skipping such candidates changes no answer
/// and keeps a huge input from costing a quadratic comparison per candidate.
pub fn too_long_to_be_close(got_chars: usize, candidate: &str) -> bool {
    got_chars >= 10 * candidate.chars().count().max(1)
}

/// "ap-northeast-1 (Asia Pacific (Tokyo))"; the bare code when the region is not known.
pub fn describe(code: &str) -> String {
    match by_code(code) {
        Some(r) => format!("{code} ({})", r.name),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_unique() {
        let mut seen = std::collections::HashMap::new();
        for region in REGIONS {
            for s in spellings(region) {
                if let Some(other) = seen.insert(fold(s), region.code) {
                    assert_eq!(other, region.code, "`{s}` names two regions");
                }
            }
        }
    }

    #[test]
    fn sorted_by_code() {
        assert!(REGIONS.windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn resolves_people_spellings() {
        for text in [
            "tokyo",
            "東京",
            "Asia Pacific (Tokyo)",
            "AP-NORTHEAST-1",
            "アジアパシフィック（東京）",
        ] {
            assert_eq!(
                resolve(text).map(|r| r.code),
                Some("ap-northeast-1"),
                "{text}"
            );
        }
        assert_eq!(resolve("Osaka").map(|r| r.code), Some("ap-northeast-3"));
        assert_eq!(
            resolve("Europe (Frankfurt)").map(|r| r.code),
            Some("eu-central-1")
        );
        assert_eq!(resolve("São Paulo").map(|r| r.code), Some("sa-east-1"));
        assert_eq!(resolve("Mars"), None);
        assert_eq!(resolve(""), None);
        assert_eq!(suggest("Tokio").map(|r| r.code), Some("ap-northeast-1"));
        assert!(suggest("ap-northeast-9").is_some());
    }
}
