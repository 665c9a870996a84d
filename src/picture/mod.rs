//! Chart pictures: a pure function from a [`Chart`] to an SVG document (the four pillars grid, the
//! five-element balance, the 대운 timeline and the asked 세운), used by the HTTP API, the web page and
//! `saju chart --svg`. Depends only on the engine.

mod daeun;
mod elements;
mod pillars_grid;
mod svg;

pub use svg::escape;

use crate::saju::chart::Chart;
use svg::{Canvas, FONT_FAMILY, INK, LINE, MUTED};

const WIDTH: f64 = 640.0;
const MARGIN: f64 = 24.0;
const SECTION_GAP: f64 = 28.0;
const HEADER: f64 = 56.0;

/// The whole chart picture. `current_year` picks the 대운 and 세운 to highlight.
pub fn chart_svg(chart: &Chart, current_year: i32) -> String {
    let inner = WIDTH - MARGIN * 2.0;
    let mut c = Canvas::default();
    let title = title(chart);
    c.text((MARGIN, MARGIN + 18.0), 21.0, INK, "start", "bold", &title);
    c.text((MARGIN, MARGIN + 40.0), 14.0, MUTED, "start", "normal", &subtitle(chart));
    let mut y = MARGIN + HEADER;
    pillars_grid::draw(&mut c, chart, MARGIN, y, inner);
    y += pillars_grid::HEIGHT + SECTION_GAP / 2.0;
    c.line(MARGIN, y, WIDTH - MARGIN, y, LINE);
    y += SECTION_GAP / 2.0;
    elements::draw(&mut c, chart, MARGIN, y, inner);
    y += elements::HEIGHT + SECTION_GAP / 2.0;
    c.line(MARGIN, y, WIDTH - MARGIN, y, LINE);
    y += SECTION_GAP / 2.0;
    daeun::draw(&mut c, chart, MARGIN, y, inner, current_year);
    y += daeun::HEIGHT;
    let seun = daeun::seun_height(chart);
    if seun > 0.0 {
        y += SECTION_GAP;
        daeun::draw_seun(&mut c, chart, MARGIN, y, inner, current_year);
        y += seun;
    }
    let height = y + MARGIN;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0}" width="{WIDTH}" height="{height:.0}" role="img" aria-labelledby="saju-chart-title saju-chart-desc" font-family="{}"><title id="saju-chart-title">{}</title><desc id="saju-chart-desc">{}</desc><rect width="100%" height="100%" fill="#ffffff"/>{}</svg>"##,
        svg::escape(FONT_FAMILY),
        svg::escape(&title),
        svg::escape(&description(chart)),
        c.body
    )
}

fn title(chart: &Chart) -> String {
    let p = &chart.pillars;
    let hour = p.hour.as_ref().map_or("시주 모름".to_string(), |h| format!("{}시", h.hangul));
    format!("사주 명식 · {}년 {}월 {}일 {hour}", p.year.hangul, p.month.hangul, p.day.hangul)
}

fn subtitle(chart: &Chart) -> String {
    let b = &chart.birth;
    let gender = if chart.input.gender == "female" { "여성" } else { "남성" };
    let lunar = b.lunar_date.as_ref().map(|l| format!(" · {}", l.text)).unwrap_or_default();
    let clock = if chart.input.hour_known {
        let local = b.local.replacen('T', " ", 1);
        local.strip_suffix(":00").map(str::to_string).unwrap_or(local)
    } else {
        b.solar_date.clone()
    };
    format!("양력 {clock} ({}){lunar} · {gender}", chart.input.timezone)
}

/// A sentence a screen reader reads for the whole picture.
fn description(chart: &Chart) -> String {
    let p = &chart.pillars;
    let hour = p.hour.as_ref().map_or("시주 모름".to_string(), |h| format!("시주 {}({})", h.hangul, h.hanja));
    let elements: Vec<String> =
        chart.elements.elements.iter().map(|s| format!("{} {}개", s.element.hangul(), s.plain)).collect();
    format!(
        "년주 {}({}), 월주 {}({}), 일주 {}({}), {hour}. 일간 {}. 오행: {}. 대운수 {}.",
        p.year.hangul,
        p.year.hanja,
        p.month.hangul,
        p.month.hanja,
        p.day.hangul,
        p.day.hanja,
        chart.day_master.name,
        elements.join(", "),
        chart.daeun.number
    )
}

#[cfg(test)]
mod tests;
