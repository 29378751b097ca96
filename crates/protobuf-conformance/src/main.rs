//! `protobuf-conformance-testee`: the program Google's `conformance_test_runner` drives
//! (`make conformance`, `scripts/conformance.sh`).
//!
//! Protocol (protobuf's `conformance/conformance.proto`): on stdin, a 4-byte little-endian length
//! then a `ConformanceRequest`; on stdout, the same framing around a `ConformanceResponse`; EOF
//! ends the run. Each request holds a test message as binary or JSON and asks for it back in
//! binary or JSON.
//!
//! What is tested is the stack Flow services use: prost types generated with flow-proto-build's
//! options for binary, and `flow_proto::json::JsonCodec` for JSON. Text format, JSPB and the
//! editions test messages are answered `skipped`.

use std::io::{self, Read, Write};

use flow_proto::TypeRegistry;
use flow_proto::json::JsonCodec;
use prost::{Message, Name};

mod generated {
    // Generated for every message of the test protos; the testee uses only a few of them.
    #![allow(clippy::all, missing_docs, dead_code)]
    pub mod conformance {
        include!(concat!(env!("OUT_DIR"), "/conformance.rs"));
    }
    pub mod proto2 {
        include!(concat!(
            env!("OUT_DIR"),
            "/protobuf_test_messages.proto2.rs"
        ));
    }
    pub mod proto3 {
        include!(concat!(
            env!("OUT_DIR"),
            "/protobuf_test_messages.proto3.rs"
        ));
    }
}

use generated::conformance::{
    ConformanceRequest, ConformanceResponse, TestCategory, WireFormat, conformance_request,
    conformance_response::Result as Outcome,
};
use generated::{proto2::TestAllTypesProto2, proto3::TestAllTypesProto3};

/// The descriptors the generated types come from; registered so that JSON can resolve the test
/// messages themselves and `Any` values that pack them.
const DESCRIPTORS: &[u8] = include_bytes!("../conformance.fds.binpb");

/// The two readers the suite needs: JSON_IGNORE_UNKNOWN_PARSING_TEST expects unknown fields and
/// enum names to be skipped (our default codec), every other category expects them rejected.
struct Codecs {
    lenient: JsonCodec,
    strict: JsonCodec,
}

fn main() -> io::Result<()> {
    let mut registry = TypeRegistry::flow();
    registry
        .register_file_descriptor_set(DESCRIPTORS)
        .map_err(io::Error::other)?;
    let lenient = JsonCodec::new(registry);
    let codecs = Codecs {
        strict: lenient.clone().strict(),
        lenient,
    };

    let mut stdin = io::stdin().lock();
    let mut stdout = io::stdout().lock();
    while let Some(request) = read_frame(&mut stdin)? {
        let result = match ConformanceRequest::decode(request.as_slice()) {
            Ok(request) => handle(&request, &codecs),
            Err(e) => Outcome::RuntimeError(format!("undecodable ConformanceRequest: {e}")),
        };
        let response = ConformanceResponse {
            result: Some(result),
        }
        .encode_to_vec();
        let len = u32::try_from(response.len()).map_err(io::Error::other)?;
        stdout.write_all(&len.to_le_bytes())?;
        stdout.write_all(&response)?;
        // The runner waits for each answer before it sends the next request.
        stdout.flush()?;
    }
    Ok(())
}

/// One length-prefixed frame, or `None` at a clean EOF (the runner is done).
fn read_frame(input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match input.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut frame = vec![0; u32::from_le_bytes(len) as usize];
    input.read_exact(&mut frame)?;
    Ok(Some(frame))
}

fn handle(request: &ConformanceRequest, codecs: &Codecs) -> Outcome {
    let codec = if request.test_category() == TestCategory::JsonIgnoreUnknownParsingTest {
        &codecs.lenient
    } else {
        &codecs.strict
    };
    let name = request.message_type.as_str();
    if name == TestAllTypesProto3::full_name() {
        round_trip::<TestAllTypesProto3>(request, codec)
    } else if name == TestAllTypesProto2::full_name() {
        round_trip::<TestAllTypesProto2>(request, codec)
    } else {
        // The editions messages: the runner only sends them with --maximum_edition 2023.
        Outcome::Skipped(format!("message type `{name}` is not generated"))
    }
}

/// Parses the payload into `M` and writes it back in the requested format.
fn round_trip<M: Message + Name + Default>(
    request: &ConformanceRequest,
    codec: &JsonCodec,
) -> Outcome {
    use conformance_request::Payload;
    let message = match &request.payload {
        Some(Payload::ProtobufPayload(bytes)) => {
            M::decode(bytes.clone()).map_err(|e| e.to_string())
        }
        Some(Payload::JsonPayload(json)) => codec.decode::<M>(json).map_err(|e| e.to_string()),
        Some(Payload::JspbPayload(_)) => return Outcome::Skipped("JSPB is not supported".into()),
        Some(Payload::TextPayload(_)) => {
            return Outcome::Skipped("text format is not supported".into());
        }
        None => return Outcome::RuntimeError("request without payload".into()),
    };
    let message = match message {
        Ok(message) => message,
        Err(e) => return Outcome::ParseError(e),
    };
    match request.requested_output_format() {
        WireFormat::Protobuf => Outcome::ProtobufPayload(message.encode_to_vec().into()),
        WireFormat::Json => match codec.encode(&message) {
            Ok(json) => Outcome::JsonPayload(json),
            Err(e) => Outcome::SerializeError(e.to_string()),
        },
        WireFormat::Jspb => Outcome::Skipped("JSPB is not supported".into()),
        WireFormat::TextFormat => Outcome::Skipped("text format is not supported".into()),
        WireFormat::Unspecified => Outcome::RuntimeError("no output format requested".into()),
    }
}
