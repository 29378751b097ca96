// The service's FileDescriptorSet for GetSchema (and reflection): every generated Flow file with
// all its dependencies (google/protobuf/*), dependencies first, as protoc --include_imports does.
import { toBinary, create, type DescFile } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import * as contract from "@flow-proto/contract";

/** Every generated file, found through the package namespaces (each *_pb.ts exports `file_*`). */
export const contractFiles: DescFile[] = Object.values(contract).flatMap((ns) =>
  Object.values(ns as Record<string, unknown>).filter(
    (v): v is DescFile => typeof v === "object" && v !== null && (v as DescFile).kind === "file",
  ),
);

/** `roots` and their transitive dependencies, each once, dependencies before dependents. */
export function withDependencies(roots: DescFile[]): DescFile[] {
  const seen = new Set<string>();
  const ordered: DescFile[] = [];
  const visit = (f: DescFile): void => {
    if (seen.has(f.name)) return;
    seen.add(f.name);
    for (const d of f.dependencies) visit(d);
    ordered.push(f);
  };
  for (const f of roots) visit(f);
  return ordered;
}

/** A serialized google.protobuf.FileDescriptorSet of the contract's files. */
export function fileDescriptorSetBytes(): Uint8Array {
  return toBinary(
    FileDescriptorSetSchema,
    create(FileDescriptorSetSchema, { file: withDependencies(contractFiles).map((f) => f.proto) }),
  );
}
