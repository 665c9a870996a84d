//! The conventions a chart was computed with, said two ways from one reading of the chart: the full list
//! for a model's prompt ([`for_prompt`]) and the notes a reply tells the user when they matter ([`notes`]).

use crate::saju::chart::model::Chart;
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
            TimeCorrection::None => None,
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
    } else if chart.birth.correction.summer_time == "removed" && chart.time_correction() == TimeCorrection::None {
        out.push("서머타임 시행 기간의 출생이라, 한국 명리의 관행대로 한 시간을 빼 표준시로 보았습니다.".to_string());
    }
    if let Some(w) = chart.warnings.iter().find(|w| w.code.starts_with("near_")) {
        out.push(format!("참고: {}", w.message));
    }
    out
}
