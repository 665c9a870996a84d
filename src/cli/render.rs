//! The Korean chart table printed by `saju chart`.

use super::text::{center, pad};
use crate::saju::chart::model::{Chart, PillarView};
use std::fmt::Write;

const COL: usize = 10;
const LABEL: usize = 10;

fn element_hangul(code: &str) -> &'static str {
    match code {
        "wood" => "목",
        "fire" => "화",
        "earth" => "토",
        "metal" => "금",
        "water" => "수",
        _ => "?",
    }
}

fn polarity_sign(code: &str) -> &'static str {
    if code == "yang" {
        "+"
    } else {
        "-"
    }
}

fn row(out: &mut String, label: &str, cells: &[String]) {
    let _ = write!(out, "{}", pad(label, LABEL));
    for c in cells {
        let _ = write!(out, "{}", center(c, COL));
    }
    out.push('\n');
}

/// Columns in the traditional order: 시주 일주 월주 년주 (right to left from the year).
fn columns(chart: &Chart) -> Vec<Option<&PillarView>> {
    let p = &chart.pillars;
    vec![p.hour.as_ref(), Some(&p.day), Some(&p.month), Some(&p.year)]
}

pub fn chart_table(chart: &Chart) -> String {
    let mut out = String::new();
    let b = &chart.birth;
    let i = &chart.input;
    let gender = if i.gender == "male" { "남" } else { "여" };
    let calendar = if i.calendar == "korean_lunar" { "음력 입력" } else { "양력" };
    let _ = writeln!(
        out,
        "사주팔자 · {} {} ({}, UTC{} {}) · {}",
        calendar,
        i.datetime.replace('T', " "),
        i.timezone,
        b.utc_offset,
        b.zone_abbreviation,
        gender
    );
    if let Some(l) = &b.lunar_date {
        let _ = writeln!(out, "양력 {} · {}", b.solar_date, l.text);
    }
    let _ = writeln!(
        out,
        "시간 보정: {} (보정 시각 {}, {:+.1}분) · 자시: {}",
        b.correction.description,
        b.corrected_clock.replace('T', " "),
        b.correction.shift_minutes,
        crate::saju::pillars::ZiHour::parse(i.zi_hour).map_or(i.zi_hour, |z| z.short_hangul())
    );
    out.push('\n');

    let cols = columns(chart);
    let cell = |f: &dyn Fn(&PillarView) -> String| -> Vec<String> {
        cols.iter().map(|c| c.map_or_else(|| "?".to_string(), f)).collect()
    };
    row(&mut out, "", &["시주", "일주", "월주", "년주"].map(String::from));
    row(&mut out, "천간 십신", &cell(&|p| p.stem.ten_god.map_or("일간".to_string(), |t| t.hangul.to_string())));
    row(
        &mut out,
        "천간",
        &cell(&|p| {
            format!(
                "{}{} {}{}",
                p.stem.hanja,
                p.stem.hangul,
                element_hangul(p.stem.element),
                polarity_sign(p.stem.polarity)
            )
        }),
    );
    row(
        &mut out,
        "지지",
        &cell(&|p| {
            format!(
                "{}{} {}{}",
                p.branch.hanja,
                p.branch.hangul,
                element_hangul(p.branch.element),
                polarity_sign(p.branch.polarity)
            )
        }),
    );
    row(&mut out, "지지 십신", &cell(&|p| p.branch.ten_god.hangul.to_string()));
    row(&mut out, "지장간", &cell(&|p| p.branch.hidden_stems.iter().map(|h| h.hangul).collect::<String>()));
    row(&mut out, "12운성", &cell(&|p| p.life_stage.hangul.to_string()));
    row(&mut out, "납음", &cell(&|p| p.nayin.hangul.to_string()));
    row(&mut out, "공망", &cell(&|p| if p.void { "공망".to_string() } else { String::new() }));
    out.push('\n');

    let _ = writeln!(out, "일간: {} · 공망: {}", chart.day_master.name, chart.void_branches.branches.join(""));
    out.push_str("오행 (개수 / 가중):\n");
    for e in &chart.elements.elements {
        let name = element_hangul(e.element.code());
        let bar = "█".repeat(e.plain as usize);
        let _ = writeln!(out, "  {name} {} {} / {:.1}", pad(&bar, 8), e.plain, e.weighted);
    }
    let s = &chart.strength;
    let _ = writeln!(
        out,
        "신강약(추정): {} (점수 {:.1}) · 용신(추정): {}{}",
        s.verdict.hangul(),
        s.score,
        element_hangul(s.favourable.code()),
        if s.method == "johu" {
            format!(" (조후; 억부로는 {})", element_hangul(s.eokbu.code()))
        } else {
            String::new()
        }
    );
    if !chart.relations.is_empty() {
        let names: Vec<String> = chart
            .relations
            .iter()
            .map(|r| {
                let at: Vec<&str> = r.members.iter().map(|m| &m.position.hangul()[..3]).collect();
                format!("{}({})", r.hangul_name, at.join("·"))
            })
            .collect();
        let _ = writeln!(out, "관계: {}", names.join(", "));
    }
    if !chart.shinsal.is_empty() {
        let names: Vec<String> = chart
            .shinsal
            .iter()
            .map(|s| format!("{}({})", s.hangul, s.positions.iter().map(|p| p.hangul()).collect::<Vec<_>>().join("·")))
            .collect();
        let _ = writeln!(out, "신살: {}", names.join(", "));
    }
    out.push('\n');

    let d = &chart.daeun;
    let _ = writeln!(
        out,
        "대운 ({}, 대운수 {}: {}년 {}개월 {}일 {}시간, 기준 {} {})",
        if d.direction == "forward" { "순행" } else { "역행" },
        d.number,
        d.start_age.years,
        d.start_age.months,
        d.start_age.days,
        d.start_age.hours,
        d.jie.name,
        d.jie.local.replace('T', " ")
    );
    let ages: Vec<String> = d.pillars.iter().map(|c| format!("{:.0}세", c.start_age.floor())).collect();
    let names: Vec<String> = d.pillars.iter().map(|c| c.hangul.to_string()).collect();
    let years: Vec<String> = d.pillars.iter().map(|c| c.start_year.to_string()).collect();
    for line in [ages, names, years] {
        let _ = writeln!(out, "  {}", line.iter().map(|s| center(s, 7)).collect::<String>());
    }
    if let Some(seun) = &chart.seun {
        out.push_str("\n세운:\n");
        for y in seun {
            let rel = if y.relations.is_empty() { String::new() } else { format!(" · {}", y.relations.join(", ")) };
            let _ = writeln!(
                out,
                "  {} {}({}) 천간 {} / 지지 {} · 대운 {}{}",
                y.year,
                y.hangul,
                y.hanja,
                y.stem_ten_god.hangul,
                y.branch_ten_god.hangul,
                y.daeun.unwrap_or("-"),
                rel
            );
        }
    }
    if let Some(w) = &chart.wolun {
        let _ = writeln!(out, "\n{}년 월운:", w.year);
        for m in &w.months {
            let _ = writeln!(
                out,
                "  {}월 {}({}) {} {} 시작 · {} / {}",
                m.month,
                m.hangul,
                m.hanja,
                m.starts.name,
                m.starts.local.replace('T', " "),
                m.stem_ten_god.hangul,
                m.branch_ten_god.hangul
            );
        }
    }
    if !chart.warnings.is_empty() {
        out.push_str("\n주의:\n");
        for w in &chart.warnings {
            let _ = writeln!(out, "  · {}", w.message);
        }
    }
    out
}
