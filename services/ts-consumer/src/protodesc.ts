// Builds small protobuf file descriptors by hand, for the standard gRPC services (health,
// reflection) that have no generated code in this repository: proto/ holds only Flow's own
// files and may not be edited. A descriptor is enough for @connectrpc/connect to serve a
// service and for @bufbuild/protobuf to encode and decode its messages.
import {
  create,
  createFileRegistry,
  type DescMessage,
  type DescService,
  type FileRegistry,
  type MessageInitShape,
} from "@bufbuild/protobuf";
import {
  DescriptorProtoSchema,
  EnumDescriptorProtoSchema,
  FieldDescriptorProtoSchema,
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
  MethodDescriptorProtoSchema,
} from "@bufbuild/protobuf/wkt";

/** One field of a hand-written message. `typeName` is fully qualified, with a leading dot. */
export interface FieldSpec {
  name: string;
  number: number;
  type: "string" | "bytes" | "int32" | "enum" | "message";
  typeName?: string;
  repeated?: boolean;
  /** Index into the message's `oneofs`, for a oneof member. */
  oneof?: number;
}

export interface MessageSpec {
  name: string;
  fields: FieldSpec[];
  oneofs?: string[];
  enums?: EnumSpec[];
}

export interface EnumSpec {
  name: string;
  values: [string, number][];
}

export interface MethodSpec {
  name: string;
  input: string;
  output: string;
  clientStreaming?: boolean;
  serverStreaming?: boolean;
}

export interface FileSpec {
  name: string;
  pkg: string;
  messages: MessageSpec[];
  services: { name: string; methods: MethodSpec[] }[];
}

const TYPES: Record<FieldSpec["type"], FieldDescriptorProto_Type> = {
  string: FieldDescriptorProto_Type.STRING,
  bytes: FieldDescriptorProto_Type.BYTES,
  int32: FieldDescriptorProto_Type.INT32,
  enum: FieldDescriptorProto_Type.ENUM,
  message: FieldDescriptorProto_Type.MESSAGE,
};

// protoc fills json_name the same way; set it so that JSON names match other languages.
function jsonName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function enumProto(e: EnumSpec): MessageInitShape<typeof EnumDescriptorProtoSchema> {
  return { name: e.name, value: e.values.map(([name, number]) => ({ name, number })) };
}

function fieldProto(f: FieldSpec): MessageInitShape<typeof FieldDescriptorProtoSchema> {
  return {
    name: f.name,
    number: f.number,
    jsonName: jsonName(f.name),
    label: f.repeated ? FieldDescriptorProto_Label.REPEATED : FieldDescriptorProto_Label.OPTIONAL,
    type: TYPES[f.type],
    ...(f.typeName !== undefined ? { typeName: f.typeName } : {}),
    ...(f.oneof !== undefined ? { oneofIndex: f.oneof } : {}),
  };
}

function messageProto(m: MessageSpec): MessageInitShape<typeof DescriptorProtoSchema> {
  return {
    name: m.name,
    field: m.fields.map(fieldProto),
    oneofDecl: (m.oneofs ?? []).map((name) => ({ name })),
    enumType: (m.enums ?? []).map(enumProto),
  };
}

function methodProto(pkg: string, m: MethodSpec): MessageInitShape<typeof MethodDescriptorProtoSchema> {
  return {
    name: m.name,
    inputType: `.${pkg}.${m.input}`,
    outputType: `.${pkg}.${m.output}`,
    clientStreaming: m.clientStreaming ?? false,
    serverStreaming: m.serverStreaming ?? false,
  };
}

/** A registry holding the one file described by `spec` (which must not import other files). */
export function buildFile(spec: FileSpec): FileRegistry {
  const file = create(FileDescriptorProtoSchema, {
    name: spec.name,
    package: spec.pkg,
    syntax: "proto3",
    messageType: spec.messages.map(messageProto),
    service: spec.services.map((s) => ({ name: s.name, method: s.methods.map((m) => methodProto(spec.pkg, m)) })),
  });
  return createFileRegistry(file, () => undefined);
}

/** Looks up a message that must exist: a missing one is a bug in the spec above it. */
export function mustMessage(reg: FileRegistry, typeName: string): DescMessage {
  const m = reg.getMessage(typeName);
  if (!m) throw new Error(`descriptor bug: message ${typeName} not built`);
  return m;
}

/** Looks up a service that must exist. */
export function mustService(reg: FileRegistry, typeName: string): DescService {
  const s = reg.getService(typeName);
  if (!s) throw new Error(`descriptor bug: service ${typeName} not built`);
  return s;
}
