//! The five-element balance as horizontal bars (weighted strength, with the count of visible characters),
//! and the strength verdict under them.

use super::svg::{element_look, Canvas, INK, LINE, MUTED};
use crate::saju::chart::model::Chart;

const ROW: f64 = 30.0;
const LABEL_WIDTH: f64 = 64.0;
const VALUE_WIDTH: f64 = 120.0;

/// Height the chart takes.
pub const HEIGHT: f64 = 28.0 + ROW * 5.0 + 28.0;

pub fn draw(c: &mut Canvas, chart: &Chart, x: f64, y: f64, width: f64) {
    c.open_group("오행 분포");
    c.text((x, y + 16.0), 17.0, INK, "start", "bold", "오행 분포");
    let scores = &chart.elements.elements;
    let max = scores.iter().map(|s| s.weighted).fold(1.0, f64::max);
    let bar_space = width - LABEL_WIDTH - VALUE_WIDTH;
    for (i, s) in scores.iter().enumerate() {
        let look = element_look(s.element.code());
        let top = y + 28.0 + i as f64 * ROW;
        c.text((x, top + 18.0), 15.0, INK, "start", "normal", &format!("{}({})", look.hangul, look.hanja));
        c.rect((x + LABEL_WIDTH, top + 4.0), (bar_space, ROW - 10.0), "#f5f7fa", LINE, "");
        let w = (s.weighted / max * bar_space).max(0.0);
        if w > 0.5 {
            c.rect((x + LABEL_WIDTH, top + 4.0), (w, ROW - 10.0), look.fill, LINE, "");
        }
        let value = format!("{}개 · {:.2}", s.plain, s.weighted);
        c.text((x + width, top + 18.0), 14.0, MUTED, "end", "normal", &value);
    }
    let st = &chart.strength;
    let favourable = st.favourable;
    let summary = format!(
        "일간 {} · {} (점수 {:.0}/100) · 용신 추정 {}({}){}",
        chart.day_master.name,
        st.verdict.hangul(),
        st.score,
        favourable.hangul(),
        favourable.hanja(),
        if st.method == "johu" { " · 조후" } else { "" }
    );
    c.text((x, y + 28.0 + ROW * 5.0 + 18.0), 14.0, MUTED, "start", "normal", &summary);
    c.close_group();
}
