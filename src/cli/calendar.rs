//! `saju calendar`: lunar↔solar conversion and the 24 solar terms of a year.

use super::batch::{error_line, run_lines};
use super::CliError;
use crate::saju::calendar::korean_lunar::{self, LunarDate};
use crate::saju::calendar::terms_report::year_terms;
use crate::saju::error::SajuError;
use crate::saju::time::civil::parse_date;
use clap::{Args, Subcommand};
use serde_json::{json, Value};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CalendarArgs {
    #[command(subcommand)]
    command: Option<CalendarCommand>,
    /// JSON Lines 변환 요청 파일(- 는 표준입력): {"id", "direction": "lunar_to_solar"|"solar_to_lunar", "input": {...}}
    #[arg(long, value_name = "FILE")]
    batch: Option<String>,
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// 음력 → 양력 (예: 2005-11-14, 윤달이면 --leap)
    LunarToSolar {
        date: String,
        #[arg(long)]
        leap: bool,
        #[arg(long)]
        json: bool,
    },
    /// 양력 → 음력
    SolarToLunar {
        date: String,
        #[arg(long)]
        json: bool,
    },
    /// 한 해의 24절기 (한국 시각과 UTC)
    Terms {
        #[arg(long)]
        year: i32,
        /// 현지 시각을 보일 시간대
        #[arg(long, default_value = "Asia/Seoul")]
        tz: String,
        #[arg(long)]
        json: bool,
    },
}

fn ymd(s: &str) -> Result<(i32, u32, u32), SajuError> {
    parse_date(s).ok_or_else(|| SajuError::InvalidDate(format!("{s} (형식: YYYY-MM-DD)")))
}

fn lunar_to_solar(y: i32, m: u32, d: u32, leap: bool) -> Result<(i32, u32, u32), SajuError> {
    korean_lunar::to_solar_from_parts(y, m, d, leap)
}

fn solar_to_lunar(s: &str) -> Result<LunarDate, SajuError> {
    let (y, m, d) = ymd(s)?;
    crate::saju::time::LocalDateTime::new(y, m, d, 0, 0, 0)?;
    korean_lunar::from_solar(y, m, d)
}

pub fn run(args: CalendarArgs) -> Result<(), CliError> {
    match (args.command, args.batch) {
        (_, Some(path)) => run_batch(&path),
        (Some(CalendarCommand::LunarToSolar { date, leap, json }), None) => {
            let (y, m, d) = ymd(&date)?;
            let (sy, sm, sd) = lunar_to_solar(y, m, d, leap)?;
            if json {
                println!(
                    "{}",
                    json!({"lunar": {"year": y, "month": m, "day": d, "leap": leap}, "solar": format!("{sy:04}-{sm:02}-{sd:02}")})
                );
            } else {
                println!(
                    "음력 {y}년 {}{m}월 {d}일 → 양력 {sy}년 {sm}월 {sd}일 ({sy:04}-{sm:02}-{sd:02})",
                    if leap { "윤" } else { "" }
                );
            }
            Ok(())
        }
        (Some(CalendarCommand::SolarToLunar { date, json }), None) => {
            let l = solar_to_lunar(&date)?;
            if json {
                println!(
                    "{}",
                    json!({"solar": date, "lunar": {"year": l.year, "month": l.month, "day": l.day, "leap": l.leap}})
                );
            } else {
                println!("양력 {date} → {}", l.hangul());
            }
            Ok(())
        }
        (Some(CalendarCommand::Terms { year, tz, json }), None) => terms(year, &tz, json),
        (None, None) => {
            Err(CliError("하위 명령(lunar-to-solar, solar-to-lunar, terms) 또는 --batch FILE이 필요합니다".into()))
        }
    }
}

fn terms(year: i32, tz: &str, as_json: bool) -> Result<(), CliError> {
    let rows = year_terms(year, tz)?;
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"year": year, "timezone": tz, "terms": rows})).expect("json")
        );
    } else {
        println!("{year}년 24절기 ({tz})");
        for r in rows {
            let kind = if r.jie { "절" } else { "중기" };
            println!(
                "  {}({}) {:>3}°  {kind:<2}  {} {} (UTC{})  {}",
                r.name,
                r.hanja,
                r.longitude,
                &r.local[..10],
                &r.local[11..19],
                r.utc_offset,
                r.utc
            );
        }
    }
    Ok(())
}

fn run_batch(path: &str) -> Result<(), CliError> {
    run_lines(path, |id, line, out| {
        let input = line.get("input").cloned().unwrap_or(Value::Null);
        let answer = match line.get("direction").and_then(Value::as_str) {
            Some("lunar_to_solar") => {
                let num = |k: &str| input.get(k).and_then(Value::as_i64);
                match (num("year"), num("month"), num("day")) {
                    (Some(y), Some(m), Some(d))
                        if (1..=9999).contains(&y) && (0..=99).contains(&m) && (0..=99).contains(&d) =>
                    {
                        let leap = input.get("leap").and_then(Value::as_bool).unwrap_or(false);
                        match lunar_to_solar(y as i32, m as u32, d as u32, leap) {
                            Ok((sy, sm, sd)) => {
                                json!({"id": id, "answer": {"valid": true, "solar": format!("{sy:04}-{sm:02}-{sd:02}")}})
                            }
                            Err(e) => {
                                json!({"id": id, "answer": {"valid": false, "code": e.code(), "message": e.to_string()}})
                            }
                        }
                    }
                    _ => {
                        json!({"id": id, "answer": {"valid": false, "code": "invalid_input", "message": "input에 정수 year, month, day가 필요합니다"}})
                    }
                }
            }
            Some("solar_to_lunar") => match input.get("solar").and_then(Value::as_str) {
                Some(s) => match solar_to_lunar(s) {
                    Ok(l) => {
                        json!({"id": id, "answer": {"valid": true, "year": l.year, "month": l.month, "day": l.day, "leap": l.leap}})
                    }
                    Err(e) => json!({"id": id, "answer": {"valid": false, "code": e.code(), "message": e.to_string()}}),
                },
                None => {
                    json!({"id": id, "answer": {"valid": false, "code": "invalid_input", "message": "input.solar(YYYY-MM-DD)가 필요합니다"}})
                }
            },
            Some(other) => error_line(
                id,
                "invalid_input",
                &format!("알 수 없는 direction: {other} (lunar_to_solar 또는 solar_to_lunar)"),
            ),
            None => error_line(id, "invalid_input", "direction 필드가 필요합니다"),
        };
        serde_json::to_writer(&mut *out, &answer).expect("Value serializes");
    })
}
