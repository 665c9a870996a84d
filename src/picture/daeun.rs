//! The 대운 timeline (ten-year cycles, the one running in `current_year` highlighted) and, when the chart
//! carries them, the 세운 of the asked years.

use super::svg::{element_look, Canvas, ACCENT, INK, LINE, MUTED};
use crate::saju::chart::model::Chart;
use crate::saju::ganzhi::GanZhi;

const CELL_GAP: f64 = 6.0;
const TITLE: f64 = 28.0;
const CELL: f64 = 26.0 + 40.0 * 2.0 + 36.0;
/// Most cycles or years drawn in one row.
pub const MAX_CELLS: usize = 10;

/// Height of the 대운 row.
pub const HEIGHT: f64 = TITLE + CELL;

/// Height of the 세운 row, if the chart has one.
pub fn seun_height(chart: &Chart) -> f64 {
    if chart.seun.as_ref().is_some_and(|s| !s.is_empty()) {
        TITLE + CELL
    } else {
        0.0
    }
}

/// One cell: a label above, the pillar's stem and branch in their colours, two lines below.
struct Cell<'a> {
    top_label: String,
    ganzhi: &'a str,
    lines: [String; 2],
    highlighted: bool,
}

fn draw_cells(c: &mut Canvas, cells: &[Cell], x: f64, y: f64, width: f64) {
    let n = MAX_CELLS.max(cells.len()) as f64;
    let w = (width - CELL_GAP * (n - 1.0)) / n;
    for (i, cell) in cells.iter().enumerate() {
        let cx = x + i as f64 * (w + CELL_GAP);
        let mid = cx + w / 2.0;
        if cell.highlighted {
            c.rect((cx - 3.0, y - 3.0), (w + 6.0, CELL + 2.0), "#fbf3ec", ACCENT, r#" stroke-width="2""#);
        }
        let weight = if cell.highlighted { "bold" } else { "normal" };
        let label_colour = if cell.highlighted { ACCENT } else { MUTED };
        c.text((mid, y + 16.0), 13.0, label_colour, "middle", weight, &cell.top_label);
        let Some(g) = GanZhi::parse(cell.ganzhi) else { continue };
        let parts = [(g.stem().hanja(), g.stem().element().code()), (g.branch().hanja(), g.branch().element().code())];
        for (k, (hanja, element)) in parts.into_iter().enumerate() {
            let look = element_look(element);
            let top = y + 24.0 + k as f64 * 40.0;
            c.rect((cx + 2.0, top), (w - 4.0, 36.0), look.fill, LINE, "");
            c.text((mid, top + 26.0), 22.0, look.text, "middle", "bold", hanja);
        }
        for (k, line) in cell.lines.iter().enumerate() {
            c.text((mid, y + 24.0 + 80.0 + 14.0 + k as f64 * 15.0), 11.0, INK, "middle", "normal", line);
        }
    }
}

pub fn draw(c: &mut Canvas, chart: &Chart, x: f64, y: f64, width: f64, current_year: i32) {
    let d = &chart.daeun;
    let direction = if d.direction == "forward" { "순행" } else { "역행" };
    c.open_group("대운");
    c.text((x, y + 16.0), 17.0, INK, "start", "bold", &format!("대운 · 대운수 {} · {direction}", d.number));
    let cells: Vec<Cell> = d
        .pillars
        .iter()
        .take(MAX_CELLS)
        .map(|p| Cell {
            top_label: format!("{}세", p.start_age.floor()),
            ganzhi: p.hangul,
            lines: [p.start_year.to_string(), format!("{}·{}", p.stem_ten_god.hangul, p.branch_ten_god.hangul)],
            highlighted: (p.start_year..=p.end_year).contains(&current_year),
        })
        .collect();
    draw_cells(c, &cells, x, y + TITLE, width);
    c.close_group();
}

pub fn draw_seun(c: &mut Canvas, chart: &Chart, x: f64, y: f64, width: f64, current_year: i32) {
    let Some(years) = chart.seun.as_ref().filter(|s| !s.is_empty()) else { return };
    c.open_group("세운");
    let title = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a.year != b.year => format!("세운 · {}–{}년", a.year, b.year),
        (Some(a), _) => format!("세운 · {}년", a.year),
        _ => "세운".to_string(),
    };
    c.text((x, y + 16.0), 17.0, INK, "start", "bold", &title);
    let cells: Vec<Cell> = years
        .iter()
        .take(MAX_CELLS)
        .map(|s| Cell {
            top_label: format!("{}년", s.year),
            ganzhi: s.hangul,
            lines: [format!("{}·{}", s.stem_ten_god.hangul, s.branch_ten_god.hangul), s.life_stage.hangul.to_string()],
            highlighted: s.year == current_year,
        })
        .collect();
    draw_cells(c, &cells, x, y + TITLE, width);
    c.close_group();
}
