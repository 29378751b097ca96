//! Codec benchmarks over the same workloads as Go (tests/go/bench) and TypeScript
//! (tests/ts/src/bench): the whole fixture corpus, and a RecordBatch of 256 records of 1 KiB.
//! Baselines run in the same process: a memcpy of the same bytes, and prost's default codegen
//! (`Vec<u8>` bytes, `HashMap` maps) for the batch. MessagePack (`rmp-serde`, named maps) runs
//! through the same generated serde impls as JSON, beside it. `make bench` turns the results into
//! a table.

use std::collections::HashMap;
use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flow_proto::catalog::{self, MessageType};
use flow_proto::common::v1::{Payload, Record, RecordBatch};
use flow_proto::fixtures::FixtureCorpus;
use flow_proto::json::JsonCodec;
use prost::Message;

/// The shared batch workload, built alike in tests/go/bench and tests/ts/src/bench.ts: all three
/// must encode it to the same 299,274 bytes.
fn batch256() -> RecordBatch {
    RecordBatch {
        batch_id: 1,
        stream: "orders".into(),
        records: (0..256u32)
            .map(|i| Record {
                key: Bytes::from(format!("key-{i:012}")),
                value: Some(Payload {
                    metadata: [
                        ("encoding".to_owned(), Bytes::from_static(b"binary/plain")),
                        (
                            "message_type".to_owned(),
                            Bytes::from_static(b"flow.bench.v1.Blob"),
                        ),
                    ]
                    .into(),
                    data: (0..1024u32).map(|j| ((i * 31 + j) % 251) as u8).collect(),
                }),
                attributes: [
                    ("source".to_owned(), "bench".to_owned()),
                    ("partition".to_owned(), (i % 8).to_string()),
                ]
                .into(),
                event_time: Some(flow_proto::wkt::Timestamp {
                    seconds: 1_700_000_000 + i64::from(i),
                    nanos: 123_456_789,
                }),
                position: Bytes::copy_from_slice(&u64::from(i).to_be_bytes()),
            })
            .collect(),
    }
}

/// The same messages as prost generates them by default, for the baseline.
mod default_codegen {
    use super::HashMap;

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Payload {
        #[prost(map = "string, bytes", tag = "1")]
        pub metadata: HashMap<String, Vec<u8>>,
        #[prost(bytes = "vec", tag = "2")]
        pub data: Vec<u8>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Timestamp {
        #[prost(int64, tag = "1")]
        pub seconds: i64,
        #[prost(int32, tag = "2")]
        pub nanos: i32,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Record {
        #[prost(bytes = "vec", tag = "1")]
        pub key: Vec<u8>,
        #[prost(message, optional, tag = "2")]
        pub value: Option<Payload>,
        #[prost(map = "string, string", tag = "3")]
        pub attributes: HashMap<String, String>,
        #[prost(message, optional, tag = "4")]
        pub event_time: Option<Timestamp>,
        #[prost(bytes = "vec", tag = "5")]
        pub position: Vec<u8>,
    }
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct RecordBatch {
        #[prost(uint64, tag = "1")]
        pub batch_id: u64,
        #[prost(string, tag = "2")]
        pub stream: String,
        #[prost(message, repeated, tag = "3")]
        pub records: Vec<Record>,
    }
}

/// A decoded message of any Flow type, for the MessagePack ops: the catalog's `FlowMessage`
/// knows binary and JSON only, so the bench builds its own table over the same macro.
trait SerdeMessage: Send + Sync {
    /// Writes as MessagePack, structs as maps named by their JSON field names.
    fn to_msgpack(&self) -> Vec<u8>;
    /// Encodes as protobuf binary, to check the MessagePack round trip.
    fn to_binary(&self) -> Vec<u8>;
}

impl<M: Message + serde::Serialize + Send + Sync> SerdeMessage for M {
    fn to_msgpack(&self) -> Vec<u8> {
        rmp_serde::to_vec_named(self).expect("MessagePack encodes")
    }
    fn to_binary(&self) -> Vec<u8> {
        self.encode_to_vec()
    }
}

/// Reads MessagePack into a boxed generated message.
type FromMsgpackFn = fn(&[u8]) -> Result<Box<dyn SerdeMessage>, rmp_serde::decode::Error>;

/// One message type's MessagePack entry points, as plain function pointers.
struct MsgpackType {
    full_name: &'static str,
    from_binary: fn(&[u8]) -> Box<dyn SerdeMessage>,
    from_msgpack: FromMsgpackFn,
}

macro_rules! msgpack_table {
    ($(($name:literal, $ty:path)),* $(,)?) => {
        &[$(
            MsgpackType {
                full_name: $name,
                from_binary: |bytes| {
                    Box::new(<$ty as Message>::decode(bytes).expect("fixture decodes"))
                },
                from_msgpack: |bytes| {
                    rmp_serde::from_slice::<$ty>(bytes).map(|m| Box::new(m) as Box<dyn SerdeMessage>)
                },
            }
        ),*]
    };
}

/// Sorted by full name, as the catalog's table.
static MSGPACK_TYPES: &[MsgpackType] = flow_proto_types::for_each_message!(msgpack_table);

fn msgpack_type(full_name: &str) -> &'static MsgpackType {
    MSGPACK_TYPES
        .binary_search_by(|t| t.full_name.cmp(full_name))
        .map(|i| &MSGPACK_TYPES[i])
        .unwrap_or_else(|_| panic!("{full_name}: no MessagePack entry"))
}

struct CorpusCase {
    mtype: &'static MessageType,
    msgpack_type: &'static MsgpackType,
    binary: Vec<u8>,
    json: Vec<u8>,
    msgpack: Vec<u8>,
    /// Why the MessagePack does not read back as the same message, if it does not.
    msgpack_round_trip: Result<(), String>,
}

fn corpus() -> Vec<CorpusCase> {
    FixtureCorpus::bundled()
        .cases()
        .expect("corpus readable")
        .into_iter()
        .map(|c| {
            let binary = c.read_binpb().unwrap();
            let msgpack_type = msgpack_type(&c.message);
            let message = (msgpack_type.from_binary)(&binary);
            let msgpack = message.to_msgpack();
            // Maps are BTreeMaps, so equal messages encode to equal binary.
            let msgpack_round_trip = match (msgpack_type.from_msgpack)(&msgpack) {
                Ok(back) if back.to_binary() == message.to_binary() => Ok(()),
                Ok(_) => Err("reads back as another message".to_owned()),
                Err(e) => Err(e.to_string()),
            };
            CorpusCase {
                mtype: catalog::message_type(&c.message).expect("known message"),
                msgpack_type,
                binary,
                json: c.read_json().unwrap(),
                msgpack,
                msgpack_round_trip: msgpack_round_trip
                    .map_err(|e| format!("{}/{}: {e}", c.message, c.name)),
            }
        })
        .collect()
}

fn bench_batch(c: &mut Criterion) {
    let codec = JsonCodec::default();
    let batch = batch256();
    let binary = Bytes::from(batch.encode_to_vec());
    let json = codec.encode_to_vec(&batch).unwrap();
    let msgpack = rmp_serde::to_vec_named(&batch).unwrap();
    assert_eq!(
        rmp_serde::from_slice::<RecordBatch>(&msgpack).unwrap(),
        batch,
        "batch256: MessagePack round trip"
    );
    eprintln!(
        "batch256: {} bytes binary, {} bytes JSON, {} bytes MessagePack",
        binary.len(),
        json.len(),
        msgpack.len()
    );

    let mut group = c.benchmark_group("batch256");
    group.throughput(Throughput::Bytes(binary.len() as u64));
    group.bench_function("memcpy", |b| b.iter(|| black_box(binary.to_vec())));
    group.bench_function("binary_decode", |b| {
        // tonic hands prost a `Bytes`; `Bytes` fields then share it instead of copying.
        b.iter(|| RecordBatch::decode(black_box(binary.clone())).unwrap())
    });
    group.bench_function("binary_decode_default_codegen", |b| {
        b.iter(|| default_codegen::RecordBatch::decode(black_box(&binary[..])).unwrap())
    });
    group.bench_function("binary_encode", |b| {
        b.iter(|| black_box(&batch).encode_to_vec())
    });
    let default_batch = default_codegen::RecordBatch::decode(&binary[..]).unwrap();
    group.bench_function("binary_encode_default_codegen", |b| {
        b.iter(|| black_box(&default_batch).encode_to_vec())
    });
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("json_encode", |b| {
        b.iter(|| codec.encode_to_vec(black_box(&batch)).unwrap())
    });
    group.bench_function("json_decode", |b| {
        b.iter(|| codec.decode::<RecordBatch>(black_box(&json)).unwrap())
    });
    group.throughput(Throughput::Bytes(msgpack.len() as u64));
    group.bench_function("msgpack_encode", |b| {
        b.iter(|| rmp_serde::to_vec_named(black_box(&batch)).unwrap())
    });
    group.bench_function("msgpack_decode", |b| {
        b.iter(|| rmp_serde::from_slice::<RecordBatch>(black_box(&msgpack)).unwrap())
    });
    group.finish();
}

fn bench_corpus(c: &mut Criterion) {
    let codec = JsonCodec::default();
    let cases = corpus();
    let decoded: Vec<_> = cases
        .iter()
        .map(|c| (c.mtype.decode)(&c.binary).unwrap())
        .collect();
    let binary_bytes: usize = cases.iter().map(|c| c.binary.len()).sum();
    let json_bytes: usize = cases.iter().map(|c| c.json.len()).sum();
    let msgpack_bytes: usize = cases.iter().map(|c| c.msgpack.len()).sum();
    let serde_decoded: Vec<_> = cases
        .iter()
        .map(|c| (c.msgpack_type.from_binary)(&c.binary))
        .collect();
    eprintln!(
        "corpus: {} cases, {binary_bytes} bytes binary, {json_bytes} bytes JSON, {msgpack_bytes} bytes MessagePack",
        cases.len()
    );
    // MessagePack decode runs over the cases whose MessagePack reads back as the same message,
    // with binary decode over the same cases beside it for the ratio.
    let failures: Vec<_> = cases
        .iter()
        .filter_map(|c| c.msgpack_round_trip.as_ref().err())
        .collect();
    let readable: Vec<_> = cases
        .iter()
        .filter(|c| c.msgpack_round_trip.is_ok())
        .collect();
    let readable_binary_bytes: usize = readable.iter().map(|c| c.binary.len()).sum();
    let readable_msgpack_bytes: usize = readable.iter().map(|c| c.msgpack.len()).sum();
    if !failures.is_empty() {
        eprintln!(
            "corpus: MessagePack does not read back for {} of {} cases; msgpack_decode runs over \
             the other {} ({readable_binary_bytes} bytes binary, {readable_msgpack_bytes} bytes \
             MessagePack):",
            failures.len(),
            cases.len(),
            readable.len()
        );
        for failure in &failures {
            eprintln!("  {failure}");
        }
    }
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(binary_bytes as u64));
    group.bench_function("binary_decode", |b| {
        b.iter(|| {
            for case in &cases {
                black_box((case.mtype.decode)(&case.binary).unwrap());
            }
        })
    });
    group.bench_function("binary_encode", |b| {
        b.iter(|| {
            for message in &decoded {
                black_box(message.encode_binary());
            }
        })
    });
    group.throughput(Throughput::Bytes(json_bytes as u64));
    group.bench_function("json_decode", |b| {
        b.iter(|| {
            for case in &cases {
                black_box((case.mtype.decode_json)(&codec, &case.json).unwrap());
            }
        })
    });
    group.bench_function("json_encode", |b| {
        b.iter(|| {
            for message in &decoded {
                black_box(message.to_json(&codec).unwrap());
            }
        })
    });
    group.throughput(Throughput::Bytes(readable_binary_bytes as u64));
    group.bench_function("binary_decode_msgpack_cases", |b| {
        b.iter(|| {
            for case in &readable {
                black_box((case.mtype.decode)(&case.binary).unwrap());
            }
        })
    });
    group.throughput(Throughput::Bytes(readable_msgpack_bytes as u64));
    group.bench_function("msgpack_decode", |b| {
        b.iter(|| {
            for case in &readable {
                black_box((case.msgpack_type.from_msgpack)(&case.msgpack).unwrap());
            }
        })
    });
    group.throughput(Throughput::Bytes(msgpack_bytes as u64));
    group.bench_function("msgpack_encode", |b| {
        b.iter(|| {
            for message in &serde_decoded {
                black_box(message.to_msgpack());
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2))
        .sample_size(20);
    targets = bench_batch, bench_corpus
}
criterion_main!(benches);
