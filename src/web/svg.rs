//! Server-side SVG charts for the staff dashboard: heat map, horizontal bars, stacked columns
//! and a line chart, each a pure function from data to a `String` of inline SVG.
//!
//! Rendering on the server keeps the dashboard free of JavaScript. The page is served under a
//! Content-Security-Policy without `'unsafe-inline'`, so nothing here emits a `style` attribute
//! or element: only presentation attributes (`fill`, `stroke`, `font-size`, …) and `class`.
//! Every string that comes from data goes through [`escape`] and every caller-supplied colour is
//! validated, because both land inside markup. Each data mark carries a `<title>` child, which
//! browsers show as a tooltip. No input panics: empty data renders "Aucune donnée", a zero
//! maximum draws empty marks, and values missing from a short list count as 0 (extras are ignored).

use std::fmt::Write;

/// Appends formatted text to a `String`, which cannot fail.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{ let _ = write!($out, $($arg)*); }};
}

const MAX_LABEL: usize = 28; // longer labels are cut and end with "…"
const CHAR_W: f64 = 6.5; // rough width of one character at font-size 11
const DEFAULT_FILL: &str = "#2b6cb0";
const TEXT: &str = "#2d3748";
const MUTED: &str = "#718096";
const LOW: [u8; 3] = [0xee, 0xf4, 0xfb]; // heat map colour for 0…
const HIGH: [u8; 3] = [0x1d, 0x4f, 0x91]; // …and for the maximum
const LEFT: f64 = 56.0; // room for the y-axis labels of the column and line charts
const TOP: f64 = 20.0;
const PLOT_W: f64 = 560.0;
const PLOT_H: f64 = 200.0;
const BAR_MAX: f64 = 360.0; // length of the longest bar

/// Escapes text for XML content and attribute values (`& < > " '`). Control characters that
/// XML 1.0 forbids are dropped, since no reference to them would be well-formed either.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Heat map: one row per `rows` label, one column per `cols` label, `values[r][c]` counts;
/// darker = more. Cell colours run from `#eef4fb` (0) to `#1d4f91` (the maximum).
pub fn heatmap(title: &str, rows: &[String], cols: &[String], values: &[Vec<u64>]) -> String {
    const CELL_W: f64 = 48.0;
    const CELL_H: f64 = 24.0;
    if rows.is_empty() || cols.is_empty() {
        return empty(title);
    }
    let row_values = |r: usize| values.get(r).map(Vec::as_slice).unwrap_or_default();
    let max = (0..rows.len())
        .flat_map(|r| row_values(r).iter().take(cols.len()))
        .copied()
        .max()
        .unwrap_or(0);
    let left = label_width(rows);
    let (width, height) = (cols.len() as f64 * CELL_W, rows.len() as f64 * CELL_H);
    let mut out = open(title, left + width + 8.0, TOP + height + 8.0);
    x_labels(&mut out, cols, left, CELL_W, TOP - 6.0);
    for (r, row) in rows.iter().enumerate() {
        let y = TOP + r as f64 * CELL_H;
        text(&mut out, (left - 6.0, y + 15.0), "end", TEXT, &label(row));
        for (c, col) in cols.iter().enumerate() {
            let v = nth(row_values(r), c);
            let t = if max == 0 { 0.0 } else { v as f64 / max as f64 };
            let x = left + c as f64 * CELL_W;
            put!(
                out,
                r#"<rect class="cell" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}, {} : {v}</title></rect>"#,
                CELL_W - 2.0,
                CELL_H - 2.0,
                shade(t),
                escape(row),
                escape(col)
            );
            if v > 0 {
                let ink = if t > 0.55 { "#ffffff" } else { TEXT };
                let centre = (x + CELL_W / 2.0 - 1.0, y + 15.0);
                text(&mut out, centre, "middle", ink, &v.to_string());
            }
        }
    }
    out + "</svg>"
}

/// Horizontal bar chart, one bar per item, value printed at the end of the bar; `unit` appended
/// to values (may be ""). The largest value spans the full length; negative and non-finite
/// values draw an empty bar.
pub fn bars(title: &str, items: &[(String, f64)], unit: &str) -> String {
    const ROW_H: f64 = 24.0;
    if items.is_empty() {
        return empty(title);
    }
    let clean = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    let max = items.iter().map(|(_, v)| clean(*v)).fold(0.0, f64::max);
    let scale = if max > 0.0 { BAR_MAX / max } else { 0.0 };
    let left = label_width(items.iter().map(|(name, _)| name));
    let unit = escape(unit);
    let height = items.len() as f64 * ROW_H + 8.0;
    let mut out = open(title, left + BAR_MAX + 80.0, height);
    for (i, (name, v)) in items.iter().enumerate() {
        let (y, w) = (4.0 + i as f64 * ROW_H, clean(*v) * scale);
        let shown = format!("{}{unit}", num(*v));
        text(&mut out, (left - 6.0, y + 13.0), "end", TEXT, &label(name));
        put!(
            out,
            r#"<rect class="bar" x="{left:.1}" y="{y:.1}" width="{w:.1}" height="18" fill="{DEFAULT_FILL}"><title>{} : {shown}</title></rect>"#,
            escape(name)
        );
        text(&mut out, (left + w + 6.0, y + 13.0), "start", TEXT, &shown);
    }
    out + "</svg>"
}

/// Stacked columns per period: `cols` labels on the x axis; each series (name, fill colour like
/// "#2b6cb0", values per col), with a legend. A colour that is not `#` + 3 or 6 hex digits is
/// replaced with a default. Column totals are printed above columns when there is room.
pub fn stacked_columns(
    title: &str,
    cols: &[String],
    series: &[(String, String, Vec<u64>)],
) -> String {
    if cols.is_empty() || series.is_empty() {
        return empty(title);
    }
    let total = |c| {
        series
            .iter()
            .map(|s| nth(&s.2, c))
            .fold(0, u64::saturating_add)
    };
    let max = (0..cols.len()).map(total).max().unwrap_or(0);
    let scale = if max == 0 { 0.0 } else { PLOT_H / max as f64 };
    let step = PLOT_W / cols.len() as f64;
    let (base, width) = (TOP + PLOT_H, LEFT + PLOT_W + 8.0);

    // The legend comes first so that the height is known: swatch + name, wrapping when full.
    let mut legend = String::new();
    let (mut x, mut y) = (LEFT, base + 40.0);
    for (name, fill, _) in series {
        let advance = 32.0 + name.chars().count().min(MAX_LABEL) as f64 * CHAR_W;
        if x > LEFT && x + advance > width {
            (x, y) = (LEFT, y + 18.0);
        }
        put!(
            legend,
            r#"<rect class="swatch" x="{x:.1}" y="{:.1}" width="10" height="10" fill="{}"/>"#,
            y - 9.0,
            colour(fill)
        );
        text(&mut legend, (x + 14.0, y), "start", TEXT, &label(name));
        x += advance;
    }

    let mut out = open(title, width, y + 10.0);
    grid(&mut out, base, "0", true);
    grid(&mut out, TOP, &max.to_string(), false);
    for (c, col) in cols.iter().enumerate() {
        let x = LEFT + (c as f64 + 0.15) * step;
        let mut y = base;
        for (name, fill, vals) in series {
            let v = nth(vals, c);
            if v == 0 {
                continue;
            }
            let h = v as f64 * scale;
            y -= h;
            put!(
                out,
                r#"<rect class="segment" x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}"><title>{}, {} : {v}</title></rect>"#,
                step * 0.7,
                colour(fill),
                escape(name),
                escape(col)
            );
        }
        if step >= 24.0 && total(c) > 0 {
            let above = (x + step * 0.35, y - 4.0);
            text(&mut out, above, "middle", TEXT, &total(c).to_string());
        }
    }
    x_labels(&mut out, cols, LEFT, step, base + 16.0);
    out.push_str(&legend);
    out + "</svg>"
}

/// Line chart of one value per period (None = gap, no point), y axis from 0 to max with 4
/// gridlines, `unit` e.g. " j". Non-finite values are gaps too; with no value at all the chart
/// renders "Aucune donnée".
pub fn line(title: &str, points: &[(String, Option<f64>)], unit: &str) -> String {
    let known: Vec<(usize, &String, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, (name, v))| Some((i, name, v.filter(|v| v.is_finite())?)))
        .collect();
    if known.is_empty() {
        return empty(title);
    }
    let max = known.iter().map(|k| k.2).fold(0.0, f64::max);
    let top = if max > 0.0 { max } else { 1.0 };
    let (step, base) = (PLOT_W / points.len() as f64, TOP + PLOT_H);
    let unit = escape(unit);
    let mut out = open(title, LEFT + PLOT_W + 8.0, base + 28.0);
    for i in 0..=4 {
        let frac = f64::from(i) / 4.0;
        let body = format!("{}{unit}", num(top * frac));
        grid(&mut out, base - frac * PLOT_H, &body, i == 0);
    }
    let per_unit = PLOT_H / top;
    let at = |i: usize, v: f64| (LEFT + (i as f64 + 0.5) * step, base - v.max(0.0) * per_unit);
    // One path whose pen lifts ("M") after each gap, then one circle per known value.
    let (mut d, mut prev) = (String::new(), None);
    for &(i, _, v) in &known {
        let (x, y) = at(i, v);
        let joined = prev.is_some_and(|p| p + 1 == i);
        put!(d, "{}{x:.1} {y:.1} ", if joined { "L" } else { "M" });
        prev = Some(i);
    }
    put!(
        out,
        r#"<path class="line" d="{}" fill="none" stroke="{DEFAULT_FILL}" stroke-width="2"/>"#,
        d.trim_end()
    );
    for &(i, name, v) in &known {
        let (x, y) = at(i, v);
        put!(
            out,
            r#"<circle class="point" cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{DEFAULT_FILL}"><title>{} : {}{unit}</title></circle>"#,
            escape(name),
            num(v)
        );
    }
    let names: Vec<&String> = points.iter().map(|(name, _)| name).collect();
    x_labels(&mut out, &names, LEFT, step, base + 16.0);
    out + "</svg>"
}

/// The opening `<svg>` tag that every chart shares.
fn open(title: &str, width: f64, height: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{}" class="chart" font-family="system-ui, sans-serif">"#,
        escape(title)
    )
}

/// The placeholder shown when there is nothing to draw.
fn empty(title: &str) -> String {
    let mut out = open(title, 320.0, 60.0);
    text(&mut out, (160.0, 35.0), "middle", MUTED, "Aucune donnée");
    out + "</svg>"
}

/// Appends a `<text>`; `body` must already be escaped. Text lets the pointer through so that
/// hovering reaches the mark underneath and its tooltip.
fn text(out: &mut String, (x, y): (f64, f64), anchor: &str, fill: &str, body: &str) {
    put!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" font-size="11" fill="{fill}" pointer-events="none">{body}</text>"#
    );
}

/// A horizontal rule across the plot area at `y`, labelled on the left; the axis is darker.
fn grid(out: &mut String, y: f64, body: &str, axis: bool) {
    let stroke = if axis { MUTED } else { "#e2e8f0" };
    put!(
        out,
        r#"<line class="grid" x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{stroke}"/>"#,
        LEFT + PLOT_W
    );
    text(out, (LEFT - 6.0, y + 4.0), "end", MUTED, body);
}

/// Period labels centred under their column, skipping some so that they never overlap.
fn x_labels<S: AsRef<str>>(out: &mut String, labels: &[S], left: f64, step: f64, y: f64) {
    let widest = label_width(labels) - 6.0;
    let every = (widest / step).ceil().max(1.0) as usize;
    for (i, name) in labels.iter().enumerate().step_by(every) {
        let x = left + (i as f64 + 0.5) * step;
        text(out, (x, y), "middle", MUTED, &label(name.as_ref()));
    }
}

/// Width of a label column that fits the longest (truncated) label, with a margin.
fn label_width<S: AsRef<str>>(labels: impl IntoIterator<Item = S>) -> f64 {
    let chars = labels
        .into_iter()
        .map(|l| l.as_ref().chars().count().min(MAX_LABEL))
        .max();
    chars.unwrap_or(0) as f64 * CHAR_W + 12.0
}

/// A label for display: escaped, and cut to [`MAX_LABEL`] characters ending in "…".
fn label(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL {
        return escape(text);
    }
    let cut: String = text.chars().take(MAX_LABEL - 1).collect();
    escape(&format!("{}…", cut.trim_end()))
}

/// `values[i]`, or 0 past the end: callers may pass fewer values than labels.
fn nth(values: &[u64], i: usize) -> u64 {
    values.get(i).copied().unwrap_or(0)
}

/// The caller's colour if it is `#` + 3 or 6 hex digits, else the default: it goes into an
/// attribute, so anything else could break out of it.
fn colour(fill: &str) -> &str {
    match fill.strip_prefix('#') {
        Some(hex) if matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            fill
        }
        _ => DEFAULT_FILL,
    }
}

/// The heat map colour at `t` in 0..=1, interpolated between [`LOW`] and [`HIGH`]; the `as u8`
/// cast saturates, so a `t` out of range cannot produce an invalid colour.
fn shade(t: f64) -> String {
    let mix = |i: usize| f64::from(LOW[i]) + (f64::from(HIGH[i]) - f64::from(LOW[i])) * t;
    let [r, g, b] = [0, 1, 2].map(|i| mix(i).round() as u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A plain number: integers without decimals, others with one decimal and a French comma.
fn num(v: f64) -> String {
    let v = (v * 10.0).round() / 10.0 + 0.0; // `+ 0.0` turns -0.0, printed "-0", into 0
    match v {
        _ if !v.is_finite() => "0".to_owned(),
        _ if v.fract() == 0.0 => format!("{v:.0}"),
        _ => format!("{v:.1}").replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "<script>&\"'";

    fn s(text: &str) -> String {
        text.to_owned()
    }

    /// One root, known entities only, and tags that balance (which also rules out a stray `<`).
    fn assert_well_formed(svg: &str) {
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
        for (i, _) in svg.match_indices('&') {
            let entity = svg[i..].split_inclusive(';').next().unwrap_or("");
            let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
            assert!(known.contains(&entity), "{entity}");
        }
        let mut open = Vec::new();
        for tag in svg.split('<').skip(1) {
            let (tag, _) = tag.split_once('>').expect("unclosed tag");
            let name = tag.trim_start_matches('/').split([' ', '/']).next();
            if tag.starts_with('/') {
                assert_eq!(open.pop(), Some(name), "{svg}");
            } else if !tag.ends_with('/') {
                open.push(name);
            }
        }
        assert!(open.is_empty(), "unclosed {open:?} in {svg}");
    }

    /// Every chart, with `name` as title, unit and one label of each kind.
    fn every_chart(name: &str) -> [String; 4] {
        let cols = [s("2025-01"), s(name)];
        let series = [
            (s(name), s("#2b6cb0"), vec![1, 2]),
            (s("b"), s("#c05621"), vec![3]),
        ];
        let points = [
            (s(name), Some(2.0)),
            (s("2025-02"), None),
            (s("2025-03"), Some(5.5)),
        ];
        [
            heatmap(
                name,
                &[s(name), s("voirie")],
                &cols,
                &[vec![1, 4], vec![0, 2]],
            ),
            bars(name, &[(s(name), 3.0), (s("voirie"), 1.5)], name),
            stacked_columns(name, &cols, &series),
            line(name, &points, name),
        ]
    }

    /// Every value of attribute `name`, in document order.
    fn attrs<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
        let key = format!(" {name}=\"");
        svg.split(&key)
            .skip(1)
            .filter_map(|t| t.split('"').next())
            .collect()
    }

    #[test]
    fn hostile_labels_are_escaped_everywhere() {
        assert_eq!(escape(HOSTILE), "&lt;script&gt;&amp;&quot;&#39;");
        for svg in every_chart(HOSTILE) {
            assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script"));
            assert_well_formed(&svg);
        }
    }

    #[test]
    fn no_output_uses_inline_style() {
        let empty = [bars("t", &[], ""), line("t", &[], "")];
        for svg in every_chart("voirie").iter().chain(&empty) {
            assert!(!svg.contains("style"), "{svg}");
            assert!(svg.contains(r#"role="img" aria-label="#) && svg.contains(r#"class="chart""#));
        }
    }

    #[test]
    fn empty_input_renders_placeholder() {
        let gaps = [(s("2025-01"), None), (s("2025-02"), Some(f64::NAN))];
        for svg in [
            heatmap("t", &[], &[s("a")], &[]),
            heatmap("t", &[s("a")], &[], &[]),
            bars("t", &[], " j"),
            stacked_columns("t", &[s("a")], &[]),
            stacked_columns("t", &[], &[(s("a"), s("#000"), vec![1])]),
            line("t", &[], " j"),
            line("t", &gaps, " j"),
        ] {
            assert!(svg.contains("Aucune donnée"), "{svg}");
            assert_well_formed(&svg);
        }
    }

    #[test]
    fn heatmap_has_one_cell_per_row_and_column() {
        let rows = [s("voirie"), s("logement"), s("école")];
        let cols = [s("2025-01"), s("2025-02"), s("2025-03"), s("2025-04")];
        let values = [vec![1, 2, 3, 4], vec![0, 0, 9, 1], vec![5, 5, 5, 5]];
        let svg = heatmap("Sujets", &rows, &cols, &values);
        assert_eq!(svg.matches("<rect").count(), rows.len() * cols.len());
        assert!(svg.contains(r##"fill="#1d4f91"><title>logement, 2025-03 : 9</title>"##));
        assert!(svg.contains(r##"fill="#eef4fb"><title>logement, 2025-01 : 0</title>"##));
        assert_well_formed(&svg);
    }

    #[test]
    fn bar_widths_are_proportional() {
        let items = [(s("voirie"), 10.0), (s("logement"), 5.0), (s("a"), 0.0)];
        let svg = bars("Délais", &items, " j");
        let widths: Vec<f64> = attrs(&svg, "width")
            .iter()
            .flat_map(|w| w.parse())
            .collect();
        assert_eq!(widths, [BAR_MAX, BAR_MAX / 2.0, 0.0]);
        assert!(svg.contains("<title>logement : 5 j</title>") && svg.contains(">10 j</text>"));
        assert_well_formed(&svg);
    }

    #[test]
    fn zero_maximum_does_not_divide_by_zero() {
        for svg in [
            bars(
                "t",
                &[(s("a"), 0.0), (s("b"), -2.0), (s("c"), f64::NAN)],
                "",
            ),
            heatmap("t", &[s("a")], &[s("b")], &[vec![0]]),
            stacked_columns("t", &[s("a")], &[(s("x"), s("#abc"), vec![0])]),
            line("t", &[(s("a"), Some(0.0)), (s("b"), Some(0.0))], " j"),
        ] {
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
            assert_well_formed(&svg);
        }
    }

    #[test]
    fn line_gap_has_no_point() {
        let points = [(s("01"), Some(2.0)), (s("02"), None), (s("03"), Some(4.5))];
        let svg = line("Délai moyen", &points, " j");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(!svg.contains("02 :") && svg.contains("<title>03 : 4,5 j</title>"));
        // The pen lifts at the gap: two moves and no segment across it.
        let d = attrs(&svg, "d").concat();
        assert_eq!((d.matches('M').count(), d.contains('L')), (2, false));
        assert_eq!(svg.matches("<line").count(), 5, "axis plus 4 gridlines");
        assert_well_formed(&svg);
    }

    #[test]
    fn mismatched_lengths_do_not_panic() {
        let (rows, cols) = ([s("a"), s("b"), s("c")], [s("x"), s("y")]);
        let svg = heatmap("t", &rows, &cols, &[vec![1], vec![1, 2, 3, 4]]);
        assert_eq!(svg.matches("<rect").count(), 6);
        assert!(svg.contains("<title>c, y : 0</title>"));
        let series = [
            (s("a"), s("#123"), vec![1]),
            (s("b"), s("#456"), vec![1, 2, 3]),
        ];
        let svg = stacked_columns("t", &cols, &series);
        assert_eq!(
            svg.matches("<title>").count(),
            3,
            "missing: no mark; extras: ignored"
        );
        assert_well_formed(&svg);
    }

    #[test]
    fn invalid_colours_are_replaced() {
        assert_eq!((colour("#ABC"), colour("#2b6cb0")), ("#ABC", "#2b6cb0"));
        for bad in ["red", "#12", "#gggggg", "#2b6cb0\" onload=\"alert(1)", ""] {
            assert_eq!(colour(bad), DEFAULT_FILL);
        }
        let svg = stacked_columns("t", &[s("a")], &[(s("x"), s("\" onload=\"x()"), vec![1])]);
        assert!(!svg.contains("onload"), "{svg}");
    }

    #[test]
    fn long_labels_are_truncated_and_numbers_plain() {
        let long = "Demande de subvention pour l'association sportive";
        let svg = bars("t", &[(s(long), 1.0)], "");
        assert!(svg.contains(">Demande de subvention pour…</text>"), "{svg}");
        assert!(svg.contains("<title>Demande de subvention pour l&#39;association sportive : 1<"));
        assert_eq!([num(2.0), num(-0.01), num(12.25)], ["2", "0", "12,3"]);
    }
}
