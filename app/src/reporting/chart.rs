//! The layout of the HR dashboard's bar chart (completions per month): where each bar, label and
//! axis value goes in a 640 × 240 viewBox. Pure geometry, drawn as SVG by the Leptos component
//! `components::bar_chart::BarChart`, so that escaping and attributes are the framework's.

use serde::{Deserialize, Serialize};

/// One period of the chart, e.g. `nov. 2026`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

// Drawing area, in viewBox units; the SVG itself scales to the width of its container.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 240.0;
pub const MARGIN_LEFT: f64 = 48.0; // room for the y-axis values
pub const MARGIN_RIGHT: f64 = 16.0;
const MARGIN_TOP: f64 = 16.0;
const MARGIN_BOTTOM: f64 = 32.0; // room for the x-axis labels
const PLOT_WIDTH: f64 = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const PLOT_HEIGHT: f64 = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
pub const BASELINE_Y: f64 = MARGIN_TOP + PLOT_HEIGHT;
/// Share of each slot left empty between bars.
const BAR_GAP_RATIO: f64 = 0.3;
/// Beyond this many labels, x-axis labels overlap at 640 units wide.
const MAX_X_LABELS: usize = 12;

/// A bar placed in the viewBox, its coordinates already written compactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedBar {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    /// The tooltip: `nov. 2026 : 3`.
    pub tooltip: String,
    /// The x-axis label under the bar, when there is room for it: (x, text).
    pub label: Option<(String, String)>,
}

/// Everything the component draws, apart from the title and description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub bars: Vec<PlacedBar>,
    /// The y-axis values: the maximum at the top and 0 at the baseline, as (y, text).
    pub axis_values: Vec<(String, String)>,
}

/// Places the bars, scaled to the largest value.
pub fn layout(bars: &[Bar]) -> Layout {
    if bars.is_empty() {
        return Layout { bars: Vec::new(), axis_values: Vec::new() };
    }
    let max_value = bars.iter().map(|bar| bar.value).max().unwrap_or(0);
    let slot_width = PLOT_WIDTH / bars.len() as f64;
    let bar_width = slot_width * (1.0 - BAR_GAP_RATIO);
    let label_step = bars.len().div_ceil(MAX_X_LABELS).max(1);
    let placed = bars
        .iter()
        .enumerate()
        .map(|(index, bar)| {
            let slot_x = MARGIN_LEFT + slot_width * index as f64;
            // All-zero data has no scale: every bar is flat rather than dividing by zero.
            let height = if max_value == 0 { 0.0 } else { PLOT_HEIGHT * bar.value as f64 / max_value as f64 };
            PlacedBar {
                x: number(slot_x + slot_width * BAR_GAP_RATIO / 2.0),
                y: number(BASELINE_Y - height),
                width: number(bar_width),
                height: number(height),
                tooltip: format!("{} : {}", bar.label, bar.value),
                label: (index % label_step == 0).then(|| (number(slot_x + slot_width / 2.0), bar.label.clone())),
            }
        })
        .collect();
    Layout { bars: placed, axis_values: vec![(number(MARGIN_TOP), max_value.to_string()), (number(BASELINE_Y), "0".to_owned())] }
}

/// Coordinates with at most two decimals: enough precision, and a smaller page.
pub fn number(value: f64) -> String {
    let rounded = format!("{value:.2}");
    let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
    if trimmed == "-0" {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(values: &[u64]) -> Vec<Bar> {
        values.iter().enumerate().map(|(index, &value)| Bar { label: format!("sem. {}", index + 1), value }).collect()
    }

    #[test]
    fn bars_are_scaled_to_the_maximum() {
        let layout = layout(&bars(&[5, 10, 0]));
        let heights: Vec<&str> = layout.bars.iter().map(|b| b.height.as_str()).collect();
        // The tallest bar fills the plot, the half one half of it, the empty one nothing.
        assert_eq!(heights, [number(PLOT_HEIGHT / 2.0), number(PLOT_HEIGHT), "0".to_owned()]);
        assert_eq!(layout.bars[1].tooltip, "sem. 2 : 10");
        assert_eq!(layout.bars[1].y, number(MARGIN_TOP));
        assert_eq!(layout.axis_values, [(number(MARGIN_TOP), "10".to_owned()), (number(BASELINE_Y), "0".to_owned())]);
    }

    #[test]
    fn all_zero_values_draw_flat_bars() {
        let layout = layout(&bars(&[0, 0, 0, 0]));
        assert_eq!(layout.bars.len(), 4);
        assert!(layout.bars.iter().all(|b| b.height == "0" && !b.y.contains("NaN")));
    }

    #[test]
    fn no_bars_no_axis() {
        assert_eq!(layout(&[]), Layout { bars: Vec::new(), axis_values: Vec::new() });
    }

    #[test]
    fn labels_are_thinned_beyond_twelve_bars() {
        let shown = |n: usize| layout(&bars(&vec![1; n])).bars.iter().filter(|b| b.label.is_some()).count();
        assert_eq!(shown(12), 12);
        assert_eq!(shown(13), 7);
        // 30 bars: every third label (ceil(30 / 12) = 3), starting with the first.
        let layout = layout(&bars(&[1; 30]));
        assert_eq!(shown(30), 10);
        assert_eq!(layout.bars[0].label.as_ref().map(|l| l.1.as_str()), Some("sem. 1"));
        assert_eq!(layout.bars[1].label, None);
        assert_eq!(layout.bars[3].label.as_ref().map(|l| l.1.as_str()), Some("sem. 4"));
        // Every bar keeps its tooltip, hidden label or not.
        assert_eq!(layout.bars[1].tooltip, "sem. 2 : 1");
    }

    #[test]
    fn large_values_do_not_overflow() {
        let layout = layout(&bars(&[u64::MAX, u64::MAX / 2]));
        assert_eq!(layout.bars.len(), 2);
        assert_eq!(layout.axis_values[0].1, u64::MAX.to_string());
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(number(192.0), "192");
        assert_eq!(number(96.5), "96.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.001), "0");
    }
}
