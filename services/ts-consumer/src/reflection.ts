// gRPC server reflection, v1 and v1alpha (same messages, two packages), from hand-built
// descriptors since the repository has no generated code for them. It answers list_services,
// file_by_filename and file_containing_symbol from the contract's descriptors; extension queries
// get an error response (NOT_FOUND): the contract's only extension is an option.
import {
  create,
  createRegistry,
  toBinary,
  type DescFile,
  type DescMessage,
  type Message,
} from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, type ConnectRouter } from "@connectrpc/connect";
import { consumerv1, runtimev1 } from "@flow-proto/contract";
import { contractFiles, withDependencies } from "./descriptors.js";
import { HealthService } from "./health.js";
import { buildFile, mustMessage, mustService, type FileSpec } from "./protodesc.js";

function reflectionSpec(pkg: string): FileSpec {
  const t = (n: string): string => `.${pkg}.${n}`;
  return {
    name: pkg === "grpc.reflection.v1" ? "grpc/reflection/v1/reflection.proto" : "grpc/reflection/v1alpha/reflection.proto",
    pkg,
    messages: [
      {
        name: "ServerReflectionRequest",
        oneofs: ["message_request"],
        fields: [
          { name: "host", number: 1, type: "string" },
          { name: "file_by_filename", number: 3, type: "string", oneof: 0 },
          { name: "file_containing_symbol", number: 4, type: "string", oneof: 0 },
          { name: "file_containing_extension", number: 5, type: "message", typeName: t("ExtensionRequest"), oneof: 0 },
          { name: "all_extension_numbers_of_type", number: 6, type: "string", oneof: 0 },
          { name: "list_services", number: 7, type: "string", oneof: 0 },
        ],
      },
      {
        name: "ExtensionRequest",
        fields: [
          { name: "containing_type", number: 1, type: "string" },
          { name: "extension_number", number: 2, type: "int32" },
        ],
      },
      {
        name: "ServerReflectionResponse",
        oneofs: ["message_response"],
        fields: [
          { name: "valid_host", number: 1, type: "string" },
          { name: "original_request", number: 2, type: "message", typeName: t("ServerReflectionRequest") },
          { name: "file_descriptor_response", number: 4, type: "message", typeName: t("FileDescriptorResponse"), oneof: 0 },
          { name: "all_extension_numbers_response", number: 5, type: "message", typeName: t("ExtensionNumberResponse"), oneof: 0 },
          { name: "list_services_response", number: 6, type: "message", typeName: t("ListServiceResponse"), oneof: 0 },
          { name: "error_response", number: 7, type: "message", typeName: t("ErrorResponse"), oneof: 0 },
        ],
      },
      { name: "FileDescriptorResponse", fields: [{ name: "file_descriptor_proto", number: 1, type: "bytes", repeated: true }] },
      {
        name: "ExtensionNumberResponse",
        fields: [
          { name: "base_type_name", number: 1, type: "string" },
          { name: "extension_number", number: 2, type: "int32", repeated: true },
        ],
      },
      { name: "ListServiceResponse", fields: [{ name: "service", number: 1, type: "message", typeName: t("ServiceResponse"), repeated: true }] },
      { name: "ServiceResponse", fields: [{ name: "name", number: 1, type: "string" }] },
      {
        name: "ErrorResponse",
        fields: [
          { name: "error_code", number: 1, type: "int32" },
          { name: "error_message", number: 2, type: "string" },
        ],
      },
    ],
    services: [
      {
        name: "ServerReflection",
        methods: [
          {
            name: "ServerReflectionInfo",
            input: "ServerReflectionRequest",
            output: "ServerReflectionResponse",
            clientStreaming: true,
            serverStreaming: true,
          },
        ],
      },
    ],
  };
}

/** The request's fields (the message type is built at run time). */
export type ReflectionRequest = Message & {
  host: string;
  messageRequest:
    | { case: "fileByFilename" | "fileContainingSymbol" | "allExtensionNumbersOfType" | "listServices"; value: string }
    | { case: "fileContainingExtension"; value: Message }
    | { case: undefined; value?: undefined };
};

const versions = ["grpc.reflection.v1", "grpc.reflection.v1alpha"].map((pkg) => {
  const reg = buildFile(reflectionSpec(pkg));
  return {
    service: mustService(reg, `${pkg}.ServerReflection`),
    response: mustMessage(reg, `${pkg}.ServerReflectionResponse`),
  };
});
export const reflectionV1 = versions[0]!.service;
export const reflectionV1alpha = versions[1]!.service;

// Everything this server can describe: the contract, health and reflection itself.
const files: DescFile[] = withDependencies([...contractFiles, HealthService.file, reflectionV1.file, reflectionV1alpha.file]);
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

function fileResponse(f: DescFile): { case: "fileDescriptorResponse"; value: { fileDescriptorProto: Uint8Array[] } } {
  // The file and everything it imports, so a client can build it in one round trip.
  return {
    case: "fileDescriptorResponse",
    value: { fileDescriptorProto: withDependencies([f]).map((d) => toBinary(FileDescriptorProtoSchema, d.proto)).reverse() },
  };
}

function answer(resSchema: DescMessage, req: ReflectionRequest): Message {
  const notFound = (what: string) => ({
    case: "errorResponse" as const,
    value: { errorCode: Code.NotFound, errorMessage: `${what} not found` },
  });
  const r = req.messageRequest;
  let messageResponse: unknown;
  switch (r.case) {
    case "listServices":
      messageResponse = { case: "listServicesResponse", value: { service: services.map((name) => ({ name })) } };
      break;
    case "fileByFilename": {
      const f = byName.get(r.value);
      messageResponse = f ? fileResponse(f) : notFound(`file "${r.value}"`);
      break;
    }
    case "fileContainingSymbol": {
      const f = fileOfSymbol(r.value);
      messageResponse = f ? fileResponse(f) : notFound(`symbol "${r.value}"`);
      break;
    }
    case "fileContainingExtension":
    case "allExtensionNumbersOfType":
      messageResponse = notFound("extension");
      break;
    default:
      messageResponse = {
        case: "errorResponse",
        value: { errorCode: Code.InvalidArgument, errorMessage: "message_request not set" },
      };
  }
  return create(resSchema, { validHost: req.host, originalRequest: req, messageResponse } as never);
}

/** Serves reflection v1 and v1alpha. */
export function registerReflection(router: ConnectRouter): void {
  for (const { service, response } of versions) {
    // Cast: connect types handlers by generated method types; this one is built at run time.
    router.rpc(service.methods[0]!, (async function* (requests: AsyncIterable<ReflectionRequest>) {
      for await (const req of requests) yield answer(response, req);
    }) as never);
  }
}
