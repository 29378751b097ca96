// The service's FileDescriptorSet for GetSchema (and reflection): every generated Flow file with
// all its dependencies (google/protobuf/*), dependencies first, as protoc --include_imports does.
import { toBinary, create } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import * as contract from "@flow-proto/contract";
/** Every generated file, found through the package namespaces (each *_pb.ts exports `file_*`). */
export const contractFiles = Object.values(contract).flatMap((ns) => Object.values(ns).filter((v) => typeof v === "object" && v !== null && v.kind === "file"));
/** `roots` and their transitive dependencies, each once, dependencies before dependents. */
export function withDependencies(roots) {
    const seen = new Set();
    const ordered = [];
    const visit = (f) => {
        if (seen.has(f.name))
            return;
        seen.add(f.name);
        for (const d of f.dependencies)
            visit(d);
        ordered.push(f);
    };
    for (const f of roots)
        visit(f);
    return ordered;
}
/** A serialized google.protobuf.FileDescriptorSet of the contract's files. */
export function fileDescriptorSetBytes() {
    return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file: withDependencies(contractFiles).map((f) => f.proto) }));
}
//# sourceMappingURL=descriptors.js.map