// gRPC server reflection, v1 and v1alpha (same messages, two packages), served from the code
// protoc-gen-es generates from the vendored standard protos (third_party/grpc/proto ->
// src/gen). It answers list_services, file_by_filename and file_containing_symbol from the
// contract's descriptors and the real descriptors of health and reflection themselves;
// extension queries get an error response (NOT_FOUND): the contract's only extension is an option.
import { create, createRegistry, toBinary, type DescFile } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, type ConnectRouter } from "@connectrpc/connect";
import { consumerv1, runtimev1 } from "@flow-proto/contract";
import { contractFiles, withDependencies } from "./descriptors.js";
import * as reflv1 from "./gen/grpc/reflection/v1/reflection_pb.js";
import * as reflv1alpha from "./gen/grpc/reflection/v1alpha/reflection_pb.js";
import { HealthService, healthFile } from "./health.js";

export const reflectionV1 = reflv1.ServerReflection;
export const reflectionV1alpha = reflv1alpha.ServerReflection;

/** A request of either version (their fields are the same). */
export type ReflectionRequest = reflv1.ServerReflectionRequest | reflv1alpha.ServerReflectionRequest;

/** The message_response of either version, as an init shape both versions' schemas accept. */
type ReflectionAnswer =
  | { case: "fileDescriptorResponse"; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: "listServicesResponse"; value: { service: { name: string }[] } }
  | { case: "errorResponse"; value: { errorCode: number; errorMessage: string } };

// Everything this server can describe: the contract, health and reflection itself.
const files: DescFile[] = withDependencies([
  ...contractFiles,
  healthFile,
  reflv1.file_grpc_reflection_v1_reflection,
  reflv1alpha.file_grpc_reflection_v1alpha_reflection,
]);
const byName = new Map(files.map((f) => [`${f.name}.proto`, f]));
const symbols = createRegistry(...files);
const services = [
  runtimev1.RuntimeService.typeName,
  consumerv1.ConsumerService.typeName,
  HealthService.typeName,
  reflectionV1.typeName,
  reflectionV1alpha.typeName,
];

function fileOfSymbol(symbol: string): DescFile | undefined {
  const d = symbols.get(symbol);
  if (d) return d.file;
  // A method or a field is not in the registry: look its parent up ("pkg.Service.Method").
  const dot = symbol.lastIndexOf(".");
  if (dot < 0) return undefined;
  const parent = symbols.get(symbol.slice(0, dot));
  return parent && (parent.kind === "service" || parent.kind === "message") ? parent.file : undefined;
}

function fileResponse(f: DescFile): ReflectionAnswer {
  // The file and everything it imports, so a client can build it in one round trip.
  return {
    case: "fileDescriptorResponse",
    value: { fileDescriptorProto: withDependencies([f]).map((d) => toBinary(FileDescriptorProtoSchema, d.proto)).reverse() },
  };
}

function answer(req: ReflectionRequest): ReflectionAnswer {
  const notFound = (what: string): ReflectionAnswer => ({
    case: "errorResponse",
    value: { errorCode: Code.NotFound, errorMessage: `${what} not found` },
  });
  const r = req.messageRequest;
  switch (r.case) {
    case "listServices":
      return { case: "listServicesResponse", value: { service: services.map((name) => ({ name })) } };
    case "fileByFilename": {
      const f = byName.get(r.value);
      return f ? fileResponse(f) : notFound(`file "${r.value}"`);
    }
    case "fileContainingSymbol": {
      const f = fileOfSymbol(r.value);
      return f ? fileResponse(f) : notFound(`symbol "${r.value}"`);
    }
    case "fileContainingExtension":
    case "allExtensionNumbersOfType":
      return notFound("extension");
    default:
      return { case: "errorResponse", value: { errorCode: Code.InvalidArgument, errorMessage: "message_request not set" } };
  }
}

/** Serves reflection v1 and v1alpha. */
export function registerReflection(router: ConnectRouter): void {
  router.service(reflv1.ServerReflection, {
    async *serverReflectionInfo(requests) {
      for await (const req of requests) {
        yield create(reflv1.ServerReflectionResponseSchema, {
          validHost: req.host,
          originalRequest: req,
          messageResponse: answer(req),
        });
      }
    },
  });
  router.service(reflv1alpha.ServerReflection, {
    async *serverReflectionInfo(requests) {
      for await (const req of requests) {
        yield create(reflv1alpha.ServerReflectionResponseSchema, {
          validHost: req.host,
          originalRequest: req,
          messageResponse: answer(req),
        });
      }
    },
  });
}
