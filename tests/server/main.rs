//! The HTTP service in-process: the real app on 127.0.0.1:0 with a temporary data dir, used over HTTP.

mod admin;
mod charts;
mod common;
mod conversation;
mod fuzz;
mod operations;
mod plugins;
mod profiles;
mod security;
mod sessions;
mod users;
mod web;
