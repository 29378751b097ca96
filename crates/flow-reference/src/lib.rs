//! Reference Flow services built on `flow-sdk`, each also a binary (`flow-ref-source`,
//! `flow-ref-processor`, `flow-ref-consumer`, `flow-ref-worker`):
//!
//! - [`source::CountingSource`]: records with sequence numbers `0..n`, resumable exactly after
//!   a checkpoint;
//! - [`processor::CaseProcessor`]: identity or upper-casing of record values;
//! - [`consumer::FileConsumer`]: appends JSON lines to a file, fsyncs on commit, and resumes
//!   without duplicates;
//! - [`worker`] (`flow-ref-worker`): the `count` and `echo` task handlers, pulling tasks from
//!   core's ExecutionService;
//! - [`cli`]: the command line and serving the source, processor and consumer binaries share.

// `Failure` is the contract's error type, built at most once per stream and sent as is: boxing
// it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod consumer;
pub mod processor;
pub mod serve;
pub mod source;
pub mod worker;
