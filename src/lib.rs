//! Permanence files the inbound mail of a French parliamentary office.
//!
//! Every message goes through the same spine, one module per stage (see `ARCHITECTURE.md`):
//!
//! ```text
//! source (maildir, mbox, files, stdin, IMAP later)
//!   -> pipeline: hash -> raw store (fsync) -> parse -> SQLite (one transaction per batch)
//!   -> index (tantivy, French analysis; derived, rebuilt by `reindex`)
//! search / show / export / stats read SQLite, the raw store and the index.
//! ```
//!
//! SQLite ([`store`]) is the source of truth, [`rawstore`] keeps every original byte for byte,
//! and [`index`] is derived data that can always be rebuilt from those two.

#![forbid(unsafe_code)]
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

pub mod access;
pub mod agenda;
pub mod cases;
pub mod cli;
pub mod communes;
pub mod config;
pub mod context;
pub mod demo;
pub mod doctor;
pub mod explain;
pub mod export;
pub mod extract;
pub mod french;
pub mod ids;
pub mod imap;
pub mod index;
pub mod lifecycle;
pub mod officials;
pub mod parse;
pub mod person;
pub mod pipeline;
pub mod private;
pub mod rawstore;
pub mod rematch;
pub mod retention;
pub mod rules;
pub mod source;
pub mod stats;
pub mod store;
pub mod users;
pub mod util;
pub mod web;
pub mod worker;
