//! Integration tests, built as one binary (`autotests = false`). They drive the real
//! `permanence` binary on temporary data directories (see `util.rs`), ripgrep-style.

mod util;

mod agenda;
mod attachments;
mod bad_input;
mod browser;
mod cases;
mod cases_bars;
mod cases_eval;
mod cli;
mod doctor;
mod dovecot;
mod go_live;
mod golden;
mod identity_bars;
mod imap;
mod imap_remote;
mod lifecycle;
mod officials;
mod officials_bars;
mod reverse_proxy;
mod security_erasure;
mod security_input;
mod security_web;
mod tagging;
mod triage_web;
mod users;
mod web;
mod web_pages;
