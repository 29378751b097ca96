//! The pipeline over real loopback: an in-test source -> the real Go processor -> the real TS
//! consumer. The processor process is killed and restarted half-way; the run must resume from
//! the last committed checkpoint with no record lost or duplicated in the consumer's file.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::source::SeqSource;
use common::{
    MockRuntime, out_path, output_sequence, path_config, start_go_processor, start_ts_consumer, v,
};
use flow_core::{Pipeline, PipelineConfig, StageSpec};
use flow_proto::consumer::v1::TargetStream;
use flow_proto::runtime::v1::runtime_service_server::RuntimeServiceServer;
use flow_proto::source::v1::source_service_server::SourceServiceServer;
use flow_proto::source::v1::{StreamSelection, SyncMode};
use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;

const TOTAL: u64 = 3000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_after_the_processor_is_killed_without_loss_or_duplicates() {
    let Some(mut proc) = start_go_processor("127.0.0.1:0").await else {
        return;
    };
    let Some(_cons) = start_ts_consumer().await else {
        return;
    };
    let proc_addr = proc.addr.clone();
    let cons_addr = _cons.addr.clone();

    let source = SeqSource::new(TOTAL, 10, 10, Duration::from_millis(4));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let source_addr = listener.local_addr().unwrap().to_string();
    let server = {
        let source = source.clone();
        tokio::spawn(async move {
            tonic::transport::Server::builder()
                .add_service(RuntimeServiceServer::new(MockRuntime {
                    versions: vec![v(1, 0)],
                }))
                .add_service(SourceServiceServer::new(source))
                .serve_with_incoming(TcpListenerStream::new(listener))
                .await
                .unwrap();
        })
    };

    let path = out_path("pipeline");
    let mut config = PipelineConfig::new(
        StageSpec {
            endpoint: source_addr,
            component: "seq".into(),
            config: None,
        },
        StageSpec {
            endpoint: proc_addr.clone(),
            component: "text_case".into(),
            config: None,
        },
        StageSpec {
            endpoint: cons_addr,
            component: "jsonl_file".into(),
            config: Some(path_config(&path)),
        },
    );
    config.streams = vec![StreamSelection {
        stream: "seq".into(),
        sync_mode: SyncMode::FullRefresh as i32,
        ..Default::default()
    }];
    config.targets = vec![TargetStream {
        stream: "seq".into(),
        name: "seq".into(),
        ..Default::default()
    }];
    config.max_restarts = Some(10);
    config.sequence_of = Some(Arc::new(|r| std::str::from_utf8(&r.key).ok()?.parse().ok()));
    let mut pipeline = Pipeline::new(config);
    let stats = pipeline.stats_handle();
    let run = tokio::spawn(async move { pipeline.run().await });

    // Half-way: kill the processor, then bring it back on the same address.
    tokio::time::timeout(Duration::from_secs(30), async {
        while stats.lock().unwrap().records < TOTAL / 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("half the records committed within 30 s");
    proc.kill().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _proc2 = start_go_processor(&proc_addr)
        .await
        .expect("restart the processor");

    let result = tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("pipeline finished within 60 s")
        .unwrap()
        .expect("pipeline succeeded");
    server.abort();

    assert!(
        result.restarts >= 1,
        "the kill forced a restart: {result:?}"
    );
    assert_eq!(result.records, TOTAL, "{result:?}");
    assert_eq!((result.duplicates, result.losses), (0, 0), "{result:?}");
    assert!(!result.latencies.is_empty());
    assert!(
        source.starts.lock().unwrap().iter().any(|&s| s > 0),
        "a Read resumed from a committed checkpoint"
    );
    let out = output_sequence(&path);
    assert_eq!(
        out.len() as u64,
        TOTAL,
        "consumer file has every record once"
    );
    assert_eq!(
        out,
        (0..TOTAL).collect::<Vec<_>>(),
        "in order, no duplicates, no gaps"
    );
}
