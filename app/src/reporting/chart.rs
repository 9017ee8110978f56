//! Bar chart of completions over time for the HR dashboard, rendered on the server as an
//! accessible SVG string: it needs no JavaScript, and screen readers get its title and
//! description through `role="img"` and `aria-labelledby`.

/// One period of the chart, e.g. `2026-11` or `sem. 47`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

// Drawing area, in viewBox units; the SVG itself scales to the width of its container.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const MARGIN_LEFT: f64 = 48.0; // room for the y-axis values
const MARGIN_RIGHT: f64 = 16.0;
const MARGIN_TOP: f64 = 16.0;
const MARGIN_BOTTOM: f64 = 32.0; // room for the x-axis labels
const PLOT_WIDTH: f64 = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
const BASELINE_Y: f64 = MARGIN_TOP + PLOT_HEIGHT;
/// Share of each slot left empty between bars.
const BAR_GAP_RATIO: f64 = 0.3;
/// Beyond this many labels, x-axis labels overlap at 640 units wide.
const MAX_X_LABELS: usize = 12;

/// Defaults for when no stylesheet applies; CSS `fill` on the classes overrides them.
const BAR_FILL: &str = "#000091";
const TEXT_FILL: &str = "#161616";

/// The complete `<svg>` element. `title` names the chart, `description` should state what it
/// shows in words (period, total, trend): `role="img"` hides the bars from screen readers, whose
/// per-bar `<title>` only serves as a mouse tooltip.
pub fn bar_chart_svg(title: &str, description: &str, bars: &[Bar]) -> String {
    let slug = id_slug(title);
    let title_id = format!("{slug}-titre");
    let desc_id = format!("{slug}-desc");

    let mut svg = String::with_capacity(512 + bars.len() * 256);
    svg.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{title_id} {desc_id}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"100%\">"
    ));
    svg.push_str(&format!("<title id=\"{title_id}\">{}</title>", escape_xml(title)));
    svg.push_str(&format!("<desc id=\"{desc_id}\">{}</desc>", escape_xml(description)));

    if bars.is_empty() {
        svg.push_str(&format!(
            "<text class=\"chart__empty\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
             dominant-baseline=\"middle\" font-size=\"14\" fill=\"{TEXT_FILL}\">Aucune donnée</text>",
            WIDTH / 2.0,
            HEIGHT / 2.0
        ));
        push_baseline(&mut svg);
        svg.push_str("</svg>");
        return svg;
    }

    let max_value = bars.iter().map(|bar| bar.value).max().unwrap_or(0);
    // y-axis: the maximum at the top, zero at the baseline.
    svg.push_str(&axis_value_text(MARGIN_TOP, max_value));
    svg.push_str(&axis_value_text(BASELINE_Y, 0));

    let slot_width = PLOT_WIDTH / bars.len() as f64;
    let bar_width = slot_width * (1.0 - BAR_GAP_RATIO);
    let label_step = bars.len().div_ceil(MAX_X_LABELS).max(1);

    for (index, bar) in bars.iter().enumerate() {
        let slot_x = MARGIN_LEFT + slot_width * index as f64;
        // All-zero data has no scale: every bar is flat rather than dividing by zero.
        let bar_height =
            if max_value == 0 { 0.0 } else { PLOT_HEIGHT * bar.value as f64 / max_value as f64 };
        let label = escape_xml(&bar.label);
        svg.push_str(&format!(
            "<rect class=\"chart__bar\" fill=\"{BAR_FILL}\" x=\"{}\" y=\"{}\" width=\"{}\" \
             height=\"{}\"><title>{label} : {}</title></rect>",
            number(slot_x + slot_width * BAR_GAP_RATIO / 2.0),
            number(BASELINE_Y - bar_height),
            number(bar_width),
            number(bar_height),
            bar.value
        ));
        if index % label_step == 0 {
            svg.push_str(&format!(
                "<text class=\"chart__label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" \
                 font-size=\"11\" fill=\"{TEXT_FILL}\">{label}</text>",
                number(slot_x + slot_width / 2.0),
                number(BASELINE_Y + 16.0)
            ));
        }
    }

    // Drawn last so the bars do not cover it.
    push_baseline(&mut svg);
    svg.push_str("</svg>");
    svg
}

fn push_baseline(svg: &mut String) {
    svg.push_str(&format!(
        "<line class=\"chart__axis\" x1=\"{MARGIN_LEFT}\" y1=\"{BASELINE_Y}\" x2=\"{}\" \
         y2=\"{BASELINE_Y}\" stroke=\"{TEXT_FILL}\" stroke-width=\"1\"/>",
        WIDTH - MARGIN_RIGHT
    ));
}

fn axis_value_text(y: f64, value: u64) -> String {
    format!(
        "<text class=\"chart__axis-value\" x=\"{}\" y=\"{}\" text-anchor=\"end\" \
         dominant-baseline=\"middle\" font-size=\"11\" fill=\"{TEXT_FILL}\">{value}</text>",
        number(MARGIN_LEFT - 6.0),
        number(y)
    )
}

/// Coordinates with at most two decimals: enough precision, and a smaller page.
fn number(value: f64) -> String {
    let rounded = format!("{value:.2}");
    let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Stable, ASCII-only id prefix from the title, so the same chart keeps the same ids between
/// renders (hydration, snapshots). Two charts with the same title on one page would share ids:
/// give them distinct titles.
fn id_slug(title: &str) -> String {
    match crate::course::slug::slugify(title) {
        slug if slug.is_empty() => "graphique".to_owned(),
        slug => format!("graphique-{slug}"),
    }
}

/// Text and attribute content for XML: the five predefined entities.
fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[u64]) -> Vec<Bar> {
        values
            .iter()
            .enumerate()
            .map(|(index, &value)| Bar { label: format!("sem. {}", index + 1), value })
            .collect()
    }

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    /// `<text ...>` elements carrying x-axis labels.
    fn x_labels(svg: &str) -> usize {
        count(svg, "class=\"chart__label\"")
    }

    #[test]
    fn text_is_escaped() {
        let svg = bar_chart_svg(
            "<script>&\"",
            "L'équipe <b>RH</b>",
            &[Bar { label: "a<b>&'\"".to_string(), value: 3 }],
        );
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(">&lt;script&gt;&amp;&quot;</title>"));
        assert!(svg.contains("L&apos;équipe &lt;b&gt;RH&lt;/b&gt;"));
        assert!(svg.contains("<title>a&lt;b&gt;&amp;&apos;&quot; : 3</title>"));
        assert!(svg.contains(">a&lt;b&gt;&amp;&apos;&quot;</text>"));
    }

    #[test]
    fn title_and_description_are_referenced() {
        let svg = bar_chart_svg("Parcours terminés par mois", "Hausse en novembre.", &bars(&[1]));
        assert!(svg.starts_with("<svg "));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains(
            "aria-labelledby=\"graphique-parcours-termines-par-mois-titre \
             graphique-parcours-termines-par-mois-desc\""
        ));
        assert!(svg.contains("<title id=\"graphique-parcours-termines-par-mois-titre\">"));
        assert!(svg.contains("<desc id=\"graphique-parcours-termines-par-mois-desc\">"));
        assert!(svg.contains("viewBox=\"0 0 640 240\""));
        assert!(svg.contains("width=\"100%\""));
    }

    #[test]
    fn ids_are_stable_and_safe() {
        assert_eq!(id_slug("Complétions 2026"), "graphique-completions-2026");
        assert_eq!(id_slug("Übersicht Straße"), "graphique-ubersicht-strasse");
        assert_eq!(id_slug(""), "graphique");
        assert_eq!(id_slug("<script>&\""), "graphique-script");
        assert_eq!(id_slug("A  B"), id_slug("a-b"));
    }

    #[test]
    fn one_rect_per_bar_scaled_to_the_maximum() {
        let svg = bar_chart_svg("T", "D", &bars(&[5, 10, 0]));
        assert_eq!(count(&svg, "<rect "), 3);
        assert_eq!(count(&svg, "fill=\"#000091\""), 3);
        // The tallest bar fills the plot, the half one half of it, the empty one nothing.
        assert!(svg.contains(&format!("height=\"{}\"", number(PLOT_HEIGHT))));
        assert!(svg.contains(&format!("height=\"{}\"", number(PLOT_HEIGHT / 2.0))));
        assert!(svg.contains("height=\"0\""));
        assert!(svg.contains("<title>sem. 2 : 10</title>"));
        // y-axis maximum and baseline.
        assert!(svg.contains(">10</text>"));
        assert_eq!(count(&svg, "<line "), 1);
    }

    #[test]
    fn all_zero_values_draw_flat_bars() {
        let svg = bar_chart_svg("T", "D", &bars(&[0, 0, 0, 0]));
        assert_eq!(count(&svg, "<rect "), 4);
        assert_eq!(count(&svg, "height=\"0\""), 4);
        assert!(!svg.contains("NaN"));
        assert!(!svg.contains("inf"));
    }

    #[test]
    fn no_bars_says_so() {
        let svg = bar_chart_svg("T", "D", &[]);
        assert_eq!(count(&svg, "<rect "), 0);
        assert!(svg.contains(">Aucune donnée</text>"));
        assert!(svg.contains("x=\"320\" y=\"120\" text-anchor=\"middle\""));
        assert!(svg.contains("<title id=\"graphique-t-titre\">T</title>"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn labels_are_thinned_beyond_twelve_bars() {
        assert_eq!(x_labels(&bar_chart_svg("T", "D", &bars(&[1; 12]))), 12);
        // 30 bars: every third label (ceil(30 / 12) = 3), starting with the first.
        let svg = bar_chart_svg("T", "D", &bars(&[1; 30]));
        assert_eq!(count(&svg, "<rect "), 30);
        assert_eq!(x_labels(&svg), 10);
        assert!(svg.contains(">sem. 1</text>"));
        assert!(!svg.contains(">sem. 2</text>"));
        assert!(svg.contains(">sem. 4</text>"));
        assert!(svg.contains(">sem. 28</text>"));
        // Every bar keeps its tooltip, hidden label or not.
        assert!(svg.contains("<title>sem. 2 : 1</title>"));
        assert_eq!(x_labels(&bar_chart_svg("T", "D", &bars(&[1; 13]))), 7);
    }

    #[test]
    fn large_values_do_not_overflow() {
        let svg = bar_chart_svg("T", "D", &bars(&[u64::MAX, u64::MAX / 2]));
        assert_eq!(count(&svg, "<rect "), 2);
        assert!(svg.contains(&format!(">{}</text>", u64::MAX)));
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(number(192.0), "192");
        assert_eq!(number(96.5), "96.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.001), "0");
    }
}
