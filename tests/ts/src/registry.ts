// The registry shared by the fixture tests and the benchmark (not a test file: node --test
// only runs *.test.js here). It holds every generated file, found through the package
// namespaces (as in smoke.test.ts) so new proto files need no edits, plus their imports.
import { createRegistry, type DescFile } from "@bufbuild/protobuf";
import * as contract from "@flow-proto/contract";

const generated: DescFile[] = Object.values(contract).flatMap((ns) =>
  Object.values(ns as Record<string, unknown>).filter(
    (v): v is DescFile => typeof v === "object" && v !== null && (v as DescFile).kind === "file",
  ),
);

// Imports are added transitively (google/protobuf/duration.proto, struct.proto, ...):
// createRegistry does not follow dependencies, yet fixtures pack WKTs in Any (Failure.details
// holds a Duration and a Struct). Rust's registry is buf's descriptor set, imports included.
const files = new Set<DescFile>();
const addFile = (f: DescFile): void => {
  if (files.has(f)) return;
  files.add(f);
  f.dependencies.forEach(addFile);
};
generated.forEach(addFile);

export const registry = createRegistry(...files);
