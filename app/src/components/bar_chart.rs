//! An accessible SVG bar chart, drawn on the server (no JavaScript): screen readers get its title
//! and description through `role="img"` and `aria-labelledby`; each bar's `<title>` is a mouse
//! tooltip. The geometry is `reporting::chart::layout`.

use leptos::prelude::*;

use crate::{
    i18n::tr,
    reporting::chart::{layout, Bar, BASELINE_Y, HEIGHT, MARGIN_LEFT, MARGIN_RIGHT, WIDTH},
};

/// Defaults for when no stylesheet applies; CSS `fill` on the classes overrides them.
const BAR_FILL: &str = "#000091";
const TEXT_FILL: &str = "#161616";

/// `id` prefixes the ids of the title and description (unique on the page); `description`
/// should state in words what the chart shows (period, total, trend).
#[component]
pub fn BarChart(id: &'static str, title: String, description: String, bars: Vec<Bar>) -> impl IntoView {
    let (title_id, desc_id) = (format!("{id}-titre"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    let layout = layout(&bars);
    let empty = layout.bars.is_empty().then(|| {
        view! {
            <text class="chart__empty" x=(WIDTH / 2.0).to_string() y=(HEIGHT / 2.0).to_string() text-anchor="middle"
                dominant-baseline="middle" font-size="14" fill=TEXT_FILL>{tr("chart-empty")}</text>
        }
    });
    view! {
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby=labelled_by
            viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="100%">
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {empty}
            {layout.axis_values.into_iter().map(|(y, value)| view! {
                <text class="chart__axis-value" x=(MARGIN_LEFT - 6.0).to_string() y=y text-anchor="end"
                    dominant-baseline="middle" font-size="11" fill=TEXT_FILL>{value}</text>
            }).collect_view()}
            {layout.bars.into_iter().map(|bar| {
                let label = bar.label.map(|(x, text)| view! {
                    <text class="chart__label" x=x y=(BASELINE_Y + 16.0).to_string() text-anchor="middle" font-size="11" fill=TEXT_FILL>{text}</text>
                });
                view! {
                    <rect class="chart__bar" fill=BAR_FILL x=bar.x y=bar.y width=bar.width height=bar.height><title>{bar.tooltip}</title></rect>
                    {label}
                }
            }).collect_view()}
            // Drawn last so the bars do not cover it.
            <line class="chart__axis" x1=MARGIN_LEFT.to_string() y1=BASELINE_Y.to_string() x2=(WIDTH - MARGIN_RIGHT).to_string()
                y2=BASELINE_Y.to_string() stroke=TEXT_FILL stroke-width="1"/>
        </svg>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn render(title: &str, description: &str, bars: Vec<Bar>) -> String {
        let owner = Owner::new();
        owner.with(|| {
            let (title, description) = (title.to_owned(), description.to_owned());
            view! { <BarChart id="graphique" title=title description=description bars=bars/> }.to_html()
        })
    }

    #[test]
    fn text_is_escaped_by_the_framework() {
        let svg = render("<script>&\"", "L'équipe <b>RH</b>", vec![Bar { label: "a<b>&".to_owned(), value: 3 }]);
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;&amp;"), "{svg}");
        assert!(svg.contains("a&lt;b&gt;&amp; : 3"), "{svg}");
    }

    #[test]
    fn title_and_description_are_referenced() {
        let svg = render("Parcours terminés par mois", "Hausse en novembre.", vec![Bar { label: "nov.".to_owned(), value: 1 }]);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"graphique-titre graphique-desc\""), "{svg}");
        assert!(svg.contains("<title id=\"graphique-titre\">Parcours terminés par mois</title>"), "{svg}");
        assert!(svg.contains("<desc id=\"graphique-desc\">Hausse en novembre.</desc>"), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 640 240\""), "{svg}");
        assert_eq!(svg.matches("<rect ").count(), 1);
        assert_eq!(svg.matches("<line ").count(), 1);
    }

    #[test]
    fn no_bars_says_so() {
        let svg = render("T", "D", Vec::new());
        assert_eq!(svg.matches("<rect ").count(), 0);
        assert!(svg.contains("class=\"chart__empty\""), "{svg}");
        assert!(svg.contains("x=\"320\" y=\"120\""), "{svg}");
    }
}
