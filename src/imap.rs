//! IMAP filing: keeps the data directory in step with the office's mailboxes.
//!
//! - [`session`]: the [`session::Session`] trait (what sync needs from a server) and its real
//!   implementation over async-imap (TLS, STARTTLS, or plain to loopback; a certificate that
//!   does not check out or a STARTTLS that is missing is refused, never downgraded).
//! - [`sync`]: one folder's sync: UIDVALIDITY bookkeeping, `UID FETCH` of everything above the
//!   high-water mark with `BODY.PEEK[]` in pipelined batches bounded in count and bytes, the
//!   mark advanced in the same transaction as its batch; messages over `[ingest]
//!   max_message_mb` are refused from the server's `RFC822.SIZE`, never downloaded.
//! - [`oauth`]: OAuth2 for Microsoft 365 and Google: sign-in once (`mailbox login`), tokens
//!   kept private and refreshed silently, the `XOAUTH2` / `OAUTHBEARER` exchange.
//! - [`daemon`]: one task per mailbox and folder: connect, sync, IDLE (or poll), reconnect with
//!   jittered exponential backoff; SIGTERM finishes the current batch and exits.
//!
//! The mailbox is opened read-only (EXAMINE) and never modified, unless `filed_keyword` is set.

pub mod daemon;
pub mod oauth;
pub mod session;
pub mod sync;

#[cfg(test)]
mod fake;
