//! The four pillars as the familiar grid: 시주 일주 월주 년주 from left to right, 천간 over 지지 in their
//! 오행 colours, with 십신, 12운성 and 지장간 under each.

use super::svg::{element_look, Canvas, INK, LINE, MUTED};
use crate::saju::chart::model::{Chart, PillarView};

const LABEL_WIDTH: f64 = 64.0;
const GAP: f64 = 8.0;
const BOX: f64 = 84.0;
const ROW: f64 = 26.0;

/// Height the grid takes.
pub const HEIGHT: f64 = ROW * 2.0 + BOX * 2.0 + GAP + ROW * 3.0 + 8.0;

/// Draws the grid with its top-left corner at (x, y) across `width`.
pub fn draw(c: &mut Canvas, chart: &Chart, x: f64, y: f64, width: f64) {
    let columns: [(&str, Option<&PillarView>); 4] = [
        ("시주(時柱)", chart.pillars.hour.as_ref()),
        ("일주(日柱)", Some(&chart.pillars.day)),
        ("월주(月柱)", Some(&chart.pillars.month)),
        ("년주(年柱)", Some(&chart.pillars.year)),
    ];
    let col = (width - LABEL_WIDTH - GAP * 3.0) / 4.0;
    let stem_y = y + ROW * 2.0;
    let branch_y = stem_y + BOX + GAP;
    let under_y = branch_y + BOX;
    c.open_group("사주 원국: 시주, 일주, 월주, 년주");
    for (label, row_y) in [
        ("십신", y + ROW * 2.0 - 8.0),
        ("천간", stem_y + BOX / 2.0 + 5.0),
        ("지지", branch_y + BOX / 2.0 + 5.0),
        ("십신", under_y + ROW - 6.0),
        ("12운성", under_y + ROW * 2.0 - 6.0),
        ("지장간", under_y + ROW * 3.0 - 6.0),
    ] {
        c.text((x, row_y), 14.0, MUTED, "start", "normal", label);
    }
    for (i, (label, pillar)) in columns.into_iter().enumerate() {
        let cx = x + LABEL_WIDTH + i as f64 * (col + GAP);
        let mid = cx + col / 2.0;
        c.text((mid, y + ROW - 6.0), 16.0, INK, "middle", "bold", label);
        match pillar {
            Some(p) => draw_pillar(c, p, cx, col, &Rows { top: y, stem: stem_y, branch: branch_y, under: under_y }),
            None => {
                for top in [stem_y, branch_y] {
                    c.rect((cx, top), (col, BOX), "#ffffff", LINE, r#" stroke-dasharray="4 4""#);
                    c.text((mid, top + BOX / 2.0 + 6.0), 16.0, MUTED, "middle", "normal", "모름");
                }
                c.text((mid, under_y + ROW - 6.0), 14.0, MUTED, "middle", "normal", "시간 모름");
            }
        }
    }
    c.close_group();
}

/// The y of each band of the grid.
#[derive(Clone, Copy)]
struct Rows {
    top: f64,
    stem: f64,
    branch: f64,
    under: f64,
}

fn draw_pillar(c: &mut Canvas, p: &PillarView, cx: f64, col: f64, rows: &Rows) {
    let Rows { top: y, stem: stem_y, branch: branch_y, under: under_y } = *rows;
    let mid = cx + col / 2.0;
    let stem_god = p.stem.ten_god.map_or("일간", |g| g.hangul);
    c.text((mid, y + ROW * 2.0 - 8.0), 15.0, INK, "middle", "normal", stem_god);
    let cells = [
        (stem_y, p.stem.hanja, p.stem.hangul, p.stem.element, p.stem.polarity, false),
        (branch_y, p.branch.hanja, p.branch.hangul, p.branch.element, p.branch.polarity, p.void),
    ];
    for (top, hanja, hangul, element, polarity, void) in cells {
        let look = element_look(element);
        c.rect((cx, top), (col, BOX), look.fill, LINE, "");
        c.text((mid, top + 50.0), 40.0, look.text, "middle", "bold", hanja);
        let sign = if polarity == "yang" { "+" } else { "−" };
        c.text(
            (mid, top + BOX - 10.0),
            14.0,
            look.text,
            "middle",
            "normal",
            &format!("{hangul} · {sign}{}", look.hangul),
        );
        if void {
            c.text((cx + col - 6.0, top + 16.0), 12.0, look.text, "end", "normal", "공망");
        }
    }
    c.text((mid, under_y + ROW - 6.0), 15.0, INK, "middle", "normal", p.branch.ten_god.hangul);
    c.text((mid, under_y + ROW * 2.0 - 6.0), 15.0, INK, "middle", "normal", p.life_stage.hangul);
    let hidden: String = p.branch.hidden_stems.iter().map(|h| h.hanja).collect();
    c.text((mid, under_y + ROW * 3.0 - 6.0), 15.0, MUTED, "middle", "normal", &hidden);
}
