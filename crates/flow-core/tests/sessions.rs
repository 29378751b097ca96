//! ProcessorSession against the real Go processor and ConsumerSession against the real TS
//! consumer, over loopback.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{out_path, output_sequence, path_config, start_go_processor, start_ts_consumer};
use flow_core::{
    Backoff, ConnectOptions, ConsumerEvent, ConsumerSession, ProcessorEvent, ProcessorSession,
    connect_with,
};
use flow_proto::common::v1::{Credit, Payload, Record, RecordBatch};
use flow_proto::consumer::v1::{TargetStream, WriteStart};
use flow_proto::processor::v1::ProcessStart;

const LIMIT: Duration = Duration::from_secs(20);

fn text_batch(batch_id: u64, range: std::ops::Range<u64>) -> RecordBatch {
    RecordBatch {
        batch_id,
        stream: "seq".into(),
        records: range
            .map(|n| Record {
                key: n.to_string().into_bytes().into(),
                value: Some(Payload {
                    metadata: BTreeMap::from([(
                        "encoding".to_string(),
                        b"text/plain".to_vec().into(),
                    )]),
                    data: format!("rec-{n}").into_bytes().into(),
                }),
                ..Default::default()
            })
            .collect(),
    }
}

async fn connect(addr: &str) -> flow_core::ServiceConnection {
    let opts = ConnectOptions {
        max_attempts: Some(5),
        ..Default::default()
    };
    connect_with(addr, &opts, &mut Backoff::default())
        .await
        .expect("connect + handshake")
}

#[tokio::test]
async fn processor_session_against_the_go_processor() {
    let Some(proc) = start_go_processor("127.0.0.1:0").await else {
        return;
    };
    tokio::time::timeout(LIMIT, async {
        let conn = connect(&proc.addr).await;
        assert_eq!((conn.version.major, conn.version.minor), (1, 0));
        let mut s = ProcessorSession::start(
            &mut conn.processor(),
            ProcessStart {
                component: "text_case".into(),
                // Output credit for 2 records only: the 5 results must come in pieces.
                initial_credit: Some(Credit {
                    records: 2,
                    bytes: 1 << 20,
                }),
                max_batch_bytes: 1 << 20,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        // No batch before the processor's first credit.
        assert_eq!(s.input_credit().records, 0);
        assert_eq!(s.next_event().await.unwrap(), Some(ProcessorEvent::Credit));
        let batch = text_batch(1, 0..5);
        assert!(s.fits(&batch));
        s.send_batch(batch).await.unwrap();
        s.send_barrier("cp-1".into(), 1).await.unwrap();

        let mut out = Vec::new();
        let mut complete = false;
        while !complete {
            match s.next_event().await.unwrap().unwrap() {
                ProcessorEvent::Output(o) => {
                    assert_eq!(o.input_batch_id, 1);
                    out.extend(o.batches.into_iter().flat_map(|b| b.records));
                    complete = o.complete;
                    if !complete {
                        // Exactly the granted 2 records came; grant room for the rest.
                        assert_eq!(out.len() % 2, 0);
                        s.grant(Credit {
                            records: 2,
                            bytes: 1 << 20,
                        })
                        .await
                        .unwrap();
                    }
                }
                ProcessorEvent::Credit => {}
                other => panic!("unexpected {other:?} before the output completed"),
            }
        }
        let data: Vec<String> = out
            .iter()
            .map(|r| String::from_utf8(r.value.as_ref().unwrap().data.to_vec()).unwrap())
            .collect();
        assert_eq!(data, ["REC-0", "REC-1", "REC-2", "REC-3", "REC-4"]);
        assert_eq!(
            out[0].attributes.get("processed_by").map(String::as_str),
            Some("go-processor")
        );
        loop {
            match s.next_event().await.unwrap().unwrap() {
                ProcessorEvent::BarrierAck(ack) => {
                    assert_eq!((ack.checkpoint_id.as_str(), ack.seq), ("cp-1", 1));
                    break;
                }
                ProcessorEvent::Credit => {}
                other => panic!("unexpected {other:?} before barrier_ack"),
            }
        }
        s.drain("test", true).await.unwrap();
        while let Some(ev) = s.next_event().await.unwrap() {
            assert_eq!(
                ev,
                ProcessorEvent::Credit,
                "nothing but credit after the drain"
            );
        }
    })
    .await
    .expect("processor session within 20 s");
}

#[tokio::test]
async fn consumer_session_against_the_ts_consumer() {
    let Some(cons) = start_ts_consumer().await else {
        return;
    };
    let path = out_path("consumer-session");
    tokio::time::timeout(LIMIT, async {
        let conn = connect(&cons.addr).await;
        let mut s = ConsumerSession::start(
            &mut conn.consumer(),
            WriteStart {
                component: "jsonl_file".into(),
                config: Some(path_config(&path)),
                streams: vec![TargetStream {
                    stream: "seq".into(),
                    name: "seq".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(s.next_event().await.unwrap(), Some(ConsumerEvent::Credit));
        for (id, range) in [(1, 0..3), (2, 3..7)] {
            let b = text_batch(id, range);
            assert!(s.fits(&b));
            s.send_batch(b).await.unwrap();
        }
        s.send_barrier("cp-1".into(), 1).await.unwrap();
        let mut acked = Vec::new();
        loop {
            match s.next_event().await.unwrap().unwrap() {
                ConsumerEvent::BatchAck(a) => {
                    assert!(a.failure.is_none() && a.record_errors.is_empty(), "{a:?}");
                    acked.push(a.batch_id);
                }
                ConsumerEvent::CheckpointCommitted(c) => {
                    assert_eq!((c.checkpoint_id.as_str(), c.seq), ("cp-1", 1));
                    break;
                }
                ConsumerEvent::Credit => {}
            }
        }
        acked.sort();
        assert_eq!(acked, [1, 2]);
        assert_eq!(s.unacked(), 0);
        s.drain("test").await.unwrap();
        while s.next_event().await.unwrap().is_some() {}
    })
    .await
    .expect("consumer session within 20 s");
    assert_eq!(output_sequence(&path), (0..7).collect::<Vec<_>>());
}
