//! Indexes of the compiled-in price texts: where each key's lines are in a region file sorted
//! by key (so a lookup parses only the lines of its key), and where each source id's text is
//! in `pricing/sources.csv`. build.rs includes this file to index the compiled-in files when
//! archcost is built (no scan at run time); the catalog indexes any other text the same way.
//! std only (a build script has no crate to import from).

/// One key's lines: (start of its first line, end of the key, end of its last line), byte
/// offsets into the text.
pub type KeySpan = (u32, u32, u32);

/// The end of the header line and each key's lines after it, in key order (the key is what
/// comes before a line's first comma). None when the text is not a plain generated file: a
/// quoted field, keys out of order, or over 4 GiB; such a file is parsed whole.
pub fn key_spans(text: &str) -> Option<(u32, Vec<KeySpan>)> {
    let at = |i: usize| u32::try_from(i).ok();
    if text.contains('"') {
        return None;
    }
    let header_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut spans: Vec<KeySpan> = Vec::new();
    let mut pos = header_end;
    while pos < text.len() {
        let rest = &text[pos..];
        let end = rest.find('\n').map_or(text.len(), |i| pos + i + 1);
        let key_end = text[pos..end].find(',').map_or(end, |i| pos + i);
        let key = &text[pos..key_end];
        let last = spans.last().map(|&(s, e, _)| &text[s as usize..e as usize]);
        match last {
            Some(last) if last == key => spans.last_mut()?.2 = at(end)?,
            Some(last) if last > key => return None,
            _ => spans.push((at(pos)?, at(key_end)?, at(end)?)),
        }
        pos = end;
    }
    Some((at(header_end)?, spans))
}

/// The lines of a `id,text` file after its header, each as (start, end of the id = the first
/// comma, end of the line without its line break), sorted by id (lines without a comma left
/// out; a repeated id keeps its file order).
#[cfg_attr(not(test), allow(dead_code))] // build.rs indexes pricing/sources.csv with it
pub fn id_spans(text: &str) -> Vec<KeySpan> {
    let mut spans = Vec::new();
    let mut pos = text.find('\n').map_or(text.len(), |i| i + 1);
    while pos < text.len() {
        let next = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..next].trim_end_matches('\n');
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let (Some(comma), Ok(start), Ok(end)) = (
            line.find(','),
            u32::try_from(pos),
            u32::try_from(pos + line.len()),
        ) {
            spans.push((start, start + comma as u32, end));
        }
        pos = next;
    }
    spans.sort_by(|a, b| {
        let id = |s: &KeySpan| &text[s.0 as usize..s.1 as usize];
        id(a).cmp(id(b))
    });
    spans
}
