//! `saju chart`: one chart as a Korean table or JSON, or many as JSON lines.

use super::batch::{error_line, run_lines};
use super::{render, CliError};
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use clap::Args;

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// 생년월일 YYYY-MM-DD (음력이면 --lunar)
    #[arg(long, required_unless_present = "batch")]
    date: Option<String>,
    /// 출생 시각 HH:MM[:SS]; 모르면 생략 (세 기둥으로 계산)
    #[arg(long)]
    time: Option<String>,
    /// IANA 시간대
    #[arg(long, default_value = "Asia/Seoul")]
    tz: String,
    /// male | female
    #[arg(long, required_unless_present = "batch")]
    gender: Option<String>,
    /// 날짜가 음력(한국 음력, KASI)입니다
    #[arg(long)]
    lunar: bool,
    /// 음력 윤달입니다 (--lunar와 함께)
    #[arg(long, requires = "lunar")]
    leap: bool,
    /// 관법 묶음: classic(기본: 시계 그대로, 야자시) | korean_app(국내 앱식: 출생지 경도 보정, 정자시,
    /// 서머타임 제거) | fixed_127_5(동경 127.5도 −30분, 자정 기준); 아래 옵션을 주면 그 값이 우선
    #[arg(long, value_name = "classic|korean_app|fixed_127_5")]
    convention: Option<String>,
    /// 23시~자정: split(야자시, 기본) | next_day(정자시) | same_day(자정 기준, 시주도 당일)
    #[arg(long, value_name = "split|next_day|same_day")]
    zi_hour: Option<String>,
    /// none(기본) | longitude | true_solar
    #[arg(long, value_name = "none|longitude|true_solar")]
    time_correction: Option<String>,
    /// 보정에 쓸 경도(동경 +, 서경 −); 기본은 시간대의 기준 도시
    #[arg(long, allow_hyphen_values = true)]
    longitude: Option<f64>,
    /// 보정 없음(none)일 때 서머타임: keep(기본, 시계 그대로) | remove(표준시로)
    #[arg(long, value_name = "keep|remove")]
    summer_time: Option<String>,
    /// 서머타임 전환으로 없거나 두 번 있던 시각: earlier(기본) | later | reject
    #[arg(long)]
    disambiguation: Option<String>,
    /// 절입·시 경계 경고 범위(분, 기본 30)
    #[arg(long)]
    window: Option<u32>,
    /// 세운을 볼 해: 2025 또는 2025-2034
    #[arg(long, value_name = "YEAR[-YEAR]")]
    seun: Option<String>,
    /// 월운을 볼 해
    #[arg(long, value_name = "YEAR")]
    wolun: Option<i32>,
    /// 전체 차트를 JSON으로 출력
    #[arg(long)]
    json: bool,
    /// 명식 그림(사주 원국, 오행 분포, 대운, --seun 세운)을 SVG 파일로 저장 (- 는 표준출력)
    #[arg(long, value_name = "FILE", conflicts_with = "batch")]
    svg: Option<String>,
    /// JSON Lines 파일(- 는 표준입력)의 각 줄 {"id", "input": {...}}을 계산해 한 줄씩 출력
    #[arg(long, value_name = "FILE", conflicts_with_all = ["date", "time", "gender", "lunar"])]
    batch: Option<String>,
}

fn parse_years(s: &str) -> Result<std::ops::RangeInclusive<i32>, CliError> {
    let bad = || CliError(format!("--seun 형식이 올바르지 않습니다: {s} (예: 2025 또는 2025-2034)"));
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let (a, b): (i32, i32) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
    if b < a || b - a > 200 || !(1800..=2200).contains(&a) || !(1800..=2200).contains(&b) {
        return Err(bad());
    }
    Ok(a..=b)
}

pub fn run(args: ChartArgs) -> Result<(), CliError> {
    if let Some(path) = &args.batch {
        return run_batch(path);
    }
    let date = args.date.clone().unwrap_or_default();
    let request = ChartRequest {
        calendar: Some(if args.lunar { "korean_lunar" } else { "solar" }.to_string()),
        datetime: match &args.time {
            Some(t) => format!("{date}T{t}"),
            None => date,
        },
        timezone: Some(args.tz.clone()),
        gender: args.gender.clone().unwrap_or_default(),
        leap_month: Some(args.leap),
        convention: args.convention.clone(),
        zi_hour: args.zi_hour.clone(),
        time_correction: args.time_correction.clone(),
        longitude: args.longitude,
        summer_time: args.summer_time.clone(),
        disambiguation: args.disambiguation.clone(),
        boundary_window_minutes: args.window,
    };
    let input = request.parse()?;
    let extras = ChartExtras { seun_years: args.seun.as_deref().map(parse_years).transpose()?, wolun_year: args.wolun };
    let chart = build_chart(&input, &extras)?;
    if let Some(path) = &args.svg {
        let svg = crate::picture::chart_svg(&chart, crate::clock::this_year());
        if path == "-" {
            println!("{svg}");
            return Ok(());
        }
        std::fs::write(path, svg + "\n").map_err(|e| CliError(format!("{path}에 쓸 수 없습니다: {e}")))?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&chart).expect("chart serializes"));
    } else {
        print!("{}", render::chart_table(&chart));
    }
    Ok(())
}

fn run_batch(path: &str) -> Result<(), CliError> {
    let extras = ChartExtras::default();
    run_lines(path, |id, line, out| {
        let answer = match line.get("input") {
            None => error_line(id, "invalid_input", "input 필드가 없습니다"),
            Some(input) => match serde_json::from_value::<ChartRequest>(input.clone()) {
                Err(e) => error_line(id, "invalid_input", &format!("input을 읽을 수 없습니다: {e}")),
                Ok(request) => match request.parse().and_then(|b| build_chart(&b, &extras)) {
                    Ok(chart) => {
                        // Write the chart straight into the output buffer: no intermediate Value tree.
                        out.extend_from_slice(b"{\"id\":");
                        serde_json::to_writer(&mut *out, id).expect("id serializes");
                        out.extend_from_slice(b",\"answer\":");
                        serde_json::to_writer(&mut *out, &chart).expect("chart serializes");
                        out.push(b'}');
                        return;
                    }
                    Err(e) => error_line(id, e.code(), &e.to_string()),
                },
            },
        };
        serde_json::to_writer(&mut *out, &answer).expect("Value serializes");
    })
}
