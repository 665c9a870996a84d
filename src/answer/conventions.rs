//! The conventions a chart was computed with, said two ways from one reading of the chart: the full list
//! for a model's prompt ([`for_prompt`]) and the notes a reply tells the user when they matter ([`notes`]).

use crate::saju::chart::model::{Chart, TermView};
use crate::saju::ganzhi::GanZhi;
use crate::saju::pillars::ZiHour;
use crate::saju::time::TimeCorrection;

/// Every convention of the chart, one per line, for the prompt.
pub fn for_prompt(chart: &Chart) -> String {
    let input = &chart.input;
    let c = &chart.birth.correction;
    let mut lines = vec![
        format!(
            "시간대: {} (UTC{}{})",
            input.timezone,
            chart.birth.utc_offset,
            if chart.birth.dst { ", 서머타임" } else { "" }
        ),
        format!("자시 처리: {}", chart.zi_hour().hangul()),
    ];
    if input.hour_known {
        let shift = if c.shift_minutes.abs() >= 0.05 { format!(", {:+.1}분", c.shift_minutes) } else { String::new() };
        let longitude = c.longitude.map_or(String::new(), |l| format!(", 경도 {l:.2}°E"));
        lines.push(format!(
            "시간 보정: {}{longitude}{shift} → 보정 시각 {}",
            chart.time_correction().hangul(),
            chart.birth.corrected_clock
        ));
    } else {
        lines.push(THREE_PILLARS.to_string());
    }
    lines.push(format!("절기·시 경계 경고 범위: {}분", input.boundary_window_minutes));
    lines.join("\n")
}

const THREE_PILLARS: &str = "태어난 시각 모름: 시주 없이 세 기둥(년·월·일주)으로 계산";

/// The notes a reply carries about this chart's conventions: only those that change something here
/// (an unknown hour, a clock correction, a birth in the 자시, a summer-time hour kept as read, a birth near a
/// boundary).
pub fn notes(chart: &Chart) -> Vec<String> {
    let mut out = Vec::new();
    if chart.pillars.hour.is_none() {
        out.push(
            "태어난 시각을 몰라 시주 없이 세 기둥(년·월·일주)으로 본 풀이입니다. 시각을 알게 되면 더 정확해집니다."
                .to_string(),
        );
    } else {
        let correction = match chart.time_correction() {
            TimeCorrection::None | TimeCorrection::Standard => None,
            TimeCorrection::Longitude => Some("경도"),
            TimeCorrection::TrueSolar => Some("진태양시"),
        };
        if let Some(name) = correction {
            out.push(format!("{name} 보정을 적용해 보정 시각 {}로 시주를 정했습니다.", chart.birth.corrected_clock));
        }
        if chart.born_in_zi_hour() {
            let how = match chart.zi_hour() {
                crate::saju::pillars::ZiHour::NextDay => "23시부터 다음 날로 보는 방식",
                crate::saju::pillars::ZiHour::Split => "야자시·조자시를 나누는 방식",
                crate::saju::pillars::ZiHour::SameDay => "자정에 날이 바뀌고 23시대 시주도 당일로 보는 방식",
            };
            out.push(format!("자시(子時)에 태어나, 자시 처리 방식({how})에 따라 일주가 달라질 수 있습니다."));
        }
    }
    if chart.warnings.iter().any(|w| w.code == "summer_time_kept") {
        out.push("서머타임 시행 기간의 출생인데 시계 그대로 보았습니다. 한국 명리의 관행대로 한 시간을 빼 표준시로 보면 시주가 달라질 수 있습니다.".to_string());
    } else if chart.birth.correction.summer_time == "removed" && chart.time_correction().reads_clock() {
        out.push("서머타임 시행 기간의 출생이라, 한국 명리의 관행대로 한 시간을 빼 표준시로 보았습니다.".to_string());
    }
    let longitude = longitude_note(chart);
    let has_longitude = longitude.is_some();
    out.extend(longitude);
    // The longitude note already names the neighbouring hour; a boundary warning about the hour or the day
    // would say it twice.
    let said_by_longitude = |code: &str| has_longitude && code != "near_jie";
    if let Some(w) = chart.warnings.iter().find(|w| w.code.starts_with("near_") && !said_by_longitude(w.code)) {
        out.push(format!("참고: {}", w.message));
    }
    // A birth on a 절's day with the hour unknown: the month hangs on the hour.
    if let Some(w) = chart.warnings.iter().find(|w| w.code == "month_depends_on_hour") {
        out.push(format!("참고: {}", w.message));
    }
    out.extend(jie_note(chart));
    out
}

/// How near a 절 a birth must be (in minutes) for the reply to say that the month would change if the clock
/// were off by that much. The chart's own warning window is 30 minutes; a remembered birth time ("아침
/// 10시쯤") is often an hour or two off, and a 절 changes the month pillar and every 대운.
const JIE_NOTE_MINUTES: i64 = 180;

/// The 절 nearest the birth when it lies within three hours (`JIE_NOTE_MINUTES`): the term, whether the birth
/// came after it, and how many whole minutes away.
pub(super) fn nearest_jie(chart: &Chart) -> Option<(&TermView, bool, i64)> {
    let birth: jiff::Timestamp = chart.utc.parse().ok()?;
    let terms = [(&chart.solar_terms.previous_jie, true), (&chart.solar_terms.next_jie, false)];
    terms
        .into_iter()
        .filter_map(|(t, after)| {
            let at: jiff::Timestamp = t.utc.parse().ok()?;
            let minutes = (birth.as_second() - at.as_second()).abs() / 60;
            (minutes <= JIE_NOTE_MINUTES).then_some((t, after, minutes))
        })
        .min_by_key(|(_, _, m)| *m)
}

/// A birth within three hours of a 절 (outside the chart's own warning window): which 절, how far, and the
/// month (and at 입춘 the year) a birth on the other side would have.
fn jie_note(chart: &Chart) -> Option<String> {
    if chart.pillars.hour.is_none() || chart.warnings.iter().any(|w| w.code == "near_jie") {
        return None;
    }
    let (term, after, minutes) = nearest_jie(chart)?;
    let step = if after { -1 } else { 1 };
    let month = GanZhi::new(chart.pillars.month.index as i64 + step);
    let mut changed = format!("월주가 {}월", month.hangul());
    if term.name == "입춘" {
        let year = GanZhi::new(chart.pillars.year.index as i64 + step);
        changed = format!("년주가 {}년(띠도 {}띠), {changed}", year.hangul(), year.branch().animal());
    }
    let distance = match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}분"),
        (h, 0) => format!("{h}시간"),
        (h, m) => format!("{h}시간 {m}분"),
    };
    let at = &term.local;
    let day = |r: std::ops::Range<usize>| at.get(r).and_then(|d| d.parse::<u32>().ok()).unwrap_or(0);
    Some(format!(
        "참고: {} 절입({}월 {}일 {}) {distance} {}에 태어나셨어요. 기억하시는 시각이 그만큼 어긋나 있다면 {} 바뀌고 대운도 달라지니, 출생 시각을 한 번 확인해 보시면 좋습니다.",
        term.name,
        day(5..7),
        day(8..10),
        at.get(11..16).unwrap_or(""),
        if after { "뒤" } else { "전" },
        crate::saju::josa::with_ro(&changed)
    ))
}

/// The clock convention in plain words, when the other one would change the chart: the pillars were read from
/// the clock, and local mean time (most Korean 만세력 take about 30 minutes off in Seoul) gives another hour
/// or day pillar.
fn longitude_note(chart: &Chart) -> Option<String> {
    let (minutes, changed) = longitude_change(chart)?;
    let clock = chart.birth.corrected_clock.get(11..16).unwrap_or("");
    Some(format!(
        "시주는 태어난 시계 시각({clock}) 그대로 정했어요. 국내 만세력 다수처럼 경도 보정으로 약 {}분을 빼면 {} 바뀝니다.",
        minutes.round(),
        crate::saju::josa::with_ro(&changed)
    ))
}

/// What the longitude correction would change in this chart, when it changes anything: the minutes taken off
/// and the pillars it moves, in words ("시주가 진시, 일주가 …일").
pub(super) fn longitude_change(chart: &Chart) -> Option<(f64, String)> {
    let w = chart.warnings.iter().find(|w| w.code == "longitude_changes_pillars")?;
    let alt = w.alternative.as_ref()?;
    let mut changed = Vec::new();
    if alt.changed.contains(&"hour") {
        changed.push(format!("시주가 {}시", alt.hour.unwrap_or("-")));
    }
    if alt.changed.contains(&"day") {
        changed.push(format!("일주가 {}일", alt.day));
    }
    (!changed.is_empty()).then(|| (alt.minutes, changed.join(", ")))
}

/// For a birth in the 23시대 with the hour known: the other 자시 convention and the day pillar it would give
/// (one day on under 정자시, one day back when this chart was read that way).
pub(super) fn zi_alternative(chart: &Chart) -> Option<(ZiHour, GanZhi)> {
    let hour: u32 = chart.birth.corrected_clock.get(11..13)?.parse().ok()?;
    if chart.pillars.hour.is_none() || hour != 23 {
        return None;
    }
    let (other, step) = match chart.zi_hour() {
        ZiHour::NextDay => (ZiHour::Split, -1),
        _ => (ZiHour::NextDay, 1),
    };
    Some((other, GanZhi::new(chart.pillars.day.index as i64 + step)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart;

    #[test]
    fn the_longitude_reading_is_said_when_it_changes_the_hour_and_only_then() {
        // 09:20 KST is 08:48 Seoul mean time: 사시 on the clock, 진시 with the correction.
        let near = notes(&test_chart("1990-05-15T09:20", "female"));
        let note = near.iter().find(|n| n.contains("경도 보정")).expect("a longitude note");
        assert!(note.contains("09:20") && note.contains("32분") && note.contains("진시로"), "{note}");
        assert!(
            !near.iter().any(|n| n.starts_with("참고:") && n.contains("시 경계")),
            "said once, not twice: {near:?}"
        );
        // 10:40 is 10:08 mean time: 사시 either way.
        assert!(!notes(&test_chart("1990-05-15T10:40", "female")).iter().any(|n| n.contains("경도")));
    }

    #[test]
    fn a_birth_hours_before_a_jie_says_what_the_other_side_would_be() {
        // 입춘 1994 fell at 10:30 KST: a birth at 08:00 is 계유년 을축월, 2 h 30 min before 갑술년 병인월.
        let notes = notes(&test_chart("1994-02-04T08:00", "male"));
        let note = notes.iter().find(|n| n.contains("절입")).expect("a jie note");
        assert!(note.contains("입춘") && note.contains("2시간 30분 전"), "{note}");
        assert!(note.contains("갑술년") && note.contains("개띠") && note.contains("병인월"), "{note}");
        // Mid-month births say nothing of it.
        assert!(!super::notes(&test_chart("1994-02-20T08:00", "male")).iter().any(|n| n.contains("절입")));
    }

    #[test]
    fn a_summer_time_birth_is_read_on_standard_time_by_default() {
        let chart = test_chart("1988-07-01T09:30", "male");
        assert_eq!(chart.birth.correction.summer_time, "removed");
        assert_eq!(chart.pillars.hour.as_ref().map(|h| h.branch.hangul), Some("진"));
        assert!(notes(&chart).iter().any(|n| n.contains("표준시로 보았습니다")));
    }
}
