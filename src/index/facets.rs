//! Facet counts of a search (official, commune, theme, kind, month) in one pass over the hits.
//!
//! The search page shows, for every query, how many matching messages each official, commune,
//! theme, kind and month has. Tantivy's generic terms aggregation answered that at 7.7 s for
//! `mairie` over 546,000 hits of a million messages (issue 18): it builds buckets through
//! dynamic dispatch and JSON. Here each segment counts term ordinals of the fast-field columns in
//! flat arrays (one increment per value of each hit), and only the segment's non-zero ordinals
//! are turned into strings at the end, then summed across segments. The result is exact (every
//! hit counted), largest first with ties in key order; months newest first.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::search::{FACETS, Facet};

/// How many values of each facet are kept (the web page shows them all).
const TOP: usize = 12;
/// How many months are kept (two years).
const MONTHS: usize = 24;

/// Counts the facet values of every document the query matches.
pub struct FacetCounter;

/// One facet's column in a segment.
enum Source {
    /// A numeric column (the official's id): values counted in a map.
    Numbers(Column<u64>, HashMap<u64, u32>),
    /// A string column: counts per term ordinal, resolved to strings at harvest.
    Strings(StrColumn, Vec<u32>),
    /// The segment has no value for this facet.
    Absent,
}

/// Counts for one segment.
pub struct SegmentFacetCounter {
    sources: Vec<Source>,
}

/// Counts of one segment (or of all): per facet, value → number of messages.
pub type Counts = Vec<HashMap<String, u64>>;

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let fast = reader.fast_fields();
        let mut sources = Vec::with_capacity(FACETS.len());
        for (_, field) in FACETS {
            let source = if *field == "official_id" {
                Source::Numbers(fast.u64(field)?, HashMap::new())
            } else {
                match fast.str(field)? {
                    Some(column) => {
                        let terms = column.num_terms();
                        Source::Strings(column, vec![0; terms])
                    }
                    None => Source::Absent,
                }
            };
            sources.push(source);
        }
        Ok(SegmentFacetCounter { sources })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut total: Counts = vec![HashMap::new(); FACETS.len()];
        for counts in segments {
            for (into, from) in total.iter_mut().zip(counts) {
                if into.is_empty() {
                    *into = from;
                    continue;
                }
                for (key, n) in from {
                    *into.entry(key).or_default() += n;
                }
            }
        }
        Ok(total)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for source in &mut self.sources {
            match source {
                Source::Numbers(column, counts) => {
                    for value in column.values_for_doc(doc) {
                        *counts.entry(value).or_default() += 1;
                    }
                }
                Source::Strings(column, counts) => {
                    for ord in column.term_ords(doc) {
                        if let Some(n) = counts.get_mut(ord as usize) {
                            *n += 1;
                        }
                    }
                }
                Source::Absent => {}
            }
        }
    }

    fn harvest(self) -> Counts {
        self.sources
            .into_iter()
            .map(|source| match source {
                Source::Numbers(_, counts) => counts
                    .into_iter()
                    .map(|(value, n)| (value.to_string(), u64::from(n)))
                    .collect(),
                Source::Strings(column, counts) => {
                    let mut out = HashMap::new();
                    let mut key = String::new();
                    for (ord, n) in counts.into_iter().enumerate() {
                        if n == 0 {
                            continue;
                        }
                        key.clear();
                        // A dictionary that cannot be read loses that value's count, never the
                        // search.
                        if matches!(column.ord_to_str(ord as u64, &mut key), Ok(true)) {
                            out.insert(key.clone(), u64::from(n));
                        }
                    }
                    out
                }
                Source::Absent => HashMap::new(),
            })
            .collect()
    }
}

/// The facets the page shows: per facet the 12 largest values (count descending, then value),
/// months the 24 latest.
pub fn top(counts: Counts) -> Vec<Facet> {
    FACETS
        .iter()
        .zip(counts)
        .map(|((name, _), counts)| {
            let mut values: Vec<(String, u64)> = counts.into_iter().collect();
            if *name == "month" {
                values.sort_by(|a, b| b.0.cmp(&a.0));
                values.truncate(MONTHS);
            } else {
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                values.truncate(TOP);
            }
            Facet { name, values }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::index::MailIndex;
    use crate::index::row::IndexRow;
    use crate::index::search::{Filter, SearchRequest, search};

    fn row(id: i64) -> IndexRow {
        let communes: Vec<String> = (0..(id % 3))
            .map(|k| format!("38{:03}", (id + k) % 17))
            .collect();
        IndexRow {
            id,
            blob: format!("{id:064}"),
            message_id: format!("<{id}@test>"),
            // Many messages share a date: paging must still be a total order.
            date: 1_700_000_000 + (id / 10) * 86_400 * 9,
            kind: if id % 7 == 0 { "bulk" } else { "personal" }.to_string(),
            language: "fr".to_string(),
            failed: false,
            official: String::new(),
            communes: communes.join(" "),
            themes: match id % 4 {
                0 => "voirie",
                1 => "voirie finances-locales",
                2 => "",
                _ => "ecoles",
            }
            .to_string(),
            official_id: (id % 5 != 0).then_some(1_000 + id % 23),
            commune_codes: communes,
            attachment_text: String::new(),
        }
    }

    /// An index of 600 messages in several segments (a commit every 100).
    fn index(dir: &std::path::Path) -> MailIndex {
        let index = MailIndex::open(dir).unwrap();
        let mut writer = index.writer(15, 1).unwrap();
        for id in 1..=600 {
            writer
                .upsert(
                    &row(id),
                    None,
                    crate::index::DocLimits {
                        max_text_bytes: 1 << 20,
                    },
                )
                .unwrap();
            if id % 100 == 0 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        index
    }

    fn brute(rows: &[IndexRow]) -> Counts {
        let mut counts: Counts = vec![HashMap::new(); FACETS.len()];
        for r in rows {
            if let Some(official) = r.official_id {
                *counts[0].entry(official.to_string()).or_default() += 1;
            }
            for code in &r.commune_codes {
                *counts[1].entry(code.clone()).or_default() += 1;
            }
            for theme in r.themes.split_whitespace() {
                *counts[2].entry(theme.to_string()).or_default() += 1;
            }
            *counts[3].entry(r.kind.clone()).or_default() += 1;
            *counts[4]
                .entry(crate::util::local_month(r.date))
                .or_default() += 1;
        }
        counts
    }

    fn values(facets: &[Facet]) -> Vec<(&'static str, Vec<(String, u64)>)> {
        facets.iter().map(|f| (f.name, f.values.clone())).collect()
    }

    #[test]
    fn every_hit_is_counted_across_segments() {
        let dir = tempfile::tempdir().unwrap();
        let index = index(dir.path());
        let reader = index.reader().unwrap();
        assert!(reader.searcher().segment_readers().len() > 1);
        let rows: Vec<IndexRow> = (1..=600).map(row).collect();
        for (filters, keep) in [
            (vec![], &(|_: &IndexRow| true) as &dyn Fn(&IndexRow) -> bool),
            (vec![Filter::Kind("bulk".into())], &|r: &IndexRow| {
                r.kind == "bulk"
            }),
            (vec![Filter::Theme("voirie".into())], &|r: &IndexRow| {
                r.themes.contains("voirie")
            }),
        ] {
            for by_date in [false, true] {
                let req = SearchRequest {
                    filters: filters.clone(),
                    facets: true,
                    by_date,
                    limit: 5,
                    ..Default::default()
                };
                let got = search(&index, &reader, &req).unwrap();
                let expected: Vec<IndexRow> = rows.iter().filter(|r| keep(r)).cloned().collect();
                assert_eq!(got.total, expected.len());
                assert_eq!(values(&got.facets), values(&top(brute(&expected))));
            }
        }
    }

    #[test]
    fn facets_keep_the_largest_values_and_the_latest_months() {
        let mut counts: Counts = vec![HashMap::new(); FACETS.len()];
        for k in 0..20u64 {
            counts[1].insert(format!("38{k:03}"), k % 5);
            counts[4].insert(format!("20{:02}-{:02}", 20 + k / 12, k % 12 + 1), 1);
        }
        let facets = top(counts);
        let communes = &facets[1].values;
        assert_eq!(communes.len(), TOP);
        assert_eq!(communes[0], ("38004".to_string(), 4));
        assert_eq!(communes[1], ("38009".to_string(), 4));
        assert!(communes.windows(2).all(|w| w[0].1 >= w[1].1));
        let months: Vec<&str> = facets[4].values.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(months.first(), Some(&"2021-08"));
        assert!(months.windows(2).all(|w| w[0] > w[1]));
    }

    /// Paging through every hit, by date or by score, gives each message exactly once, even
    /// when the segments merge between two pages (the browser test's flaky paging).
    #[test]
    fn paging_is_a_total_order_across_a_merge() {
        let dir = tempfile::tempdir().unwrap();
        let index = index(dir.path());
        for by_date in [true, false] {
            let mut seen = Vec::new();
            let mut offset = 0;
            loop {
                let reader = index.reader().unwrap();
                let req = SearchRequest {
                    query: if by_date {
                        String::new()
                    } else {
                        "kind:personal".into()
                    },
                    by_date,
                    limit: 37,
                    offset,
                    ..Default::default()
                };
                let page = search(&index, &reader, &req).unwrap();
                if page.hits.is_empty() {
                    break;
                }
                if offset == 37 {
                    // Merge every segment into one between the first and second pages.
                    let mut writer: tantivy::IndexWriter =
                        index.inner().writer_with_num_threads(1, 15 << 20).unwrap();
                    let ids = index.inner().searchable_segment_ids().unwrap();
                    writer.merge(&ids).wait().unwrap();
                    writer.wait_merging_threads().unwrap();
                    assert_eq!(
                        index.reader().unwrap().searcher().segment_readers().len(),
                        1
                    );
                }
                seen.extend(page.hits.iter().map(|h| (h.date, h.id)));
                offset += page.hits.len();
            }
            let total = if by_date { 600 } else { 600 - 600 / 7 };
            assert_eq!(seen.len(), total, "by_date {by_date}");
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                unique.len(),
                total,
                "a message shown twice (by_date {by_date})"
            );
            if by_date {
                assert!(
                    seen.windows(2).all(|w| w[0] > w[1]),
                    "newest first, then id"
                );
            }
        }
    }
}
