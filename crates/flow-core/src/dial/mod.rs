//! The side of core that dials Flow services: connect with backoff and handshake, drive each
//! data-plane stream with the service's rules checked, and run a resumable pipeline over them.
//!
//! - [`connection`]: dial with backoff, `GetServiceInfo`, `Handshake`;
//! - [`processor_session`], [`consumer_session`], [`source_session`]: each stream as core
//!   speaks it, with the service's side of the rules checked;
//! - [`pipeline`]: source -> processor -> consumer with checkpoints as barriers, resumed from
//!   the last committed checkpoint after any failure.

pub mod connection;
pub mod consumer_session;
pub mod credit;
mod duplex;
pub mod error;
pub mod pipeline;
pub mod processor_session;
mod session;
pub mod source_session;

pub use duplex::new_instruction_id;
