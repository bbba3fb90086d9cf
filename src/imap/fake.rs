//! Scripted fake IMAP session (tests only).
