// Package policy proves that the breaking-change policy in the root buf.yaml does what the README
// promises: every known-breaking edit of the contract is refused and every allowed edit passes.
// Like Envoy's API policy tests, it edits a scratch copy of the buf workspace (the root buf.yaml
// and its module, proto/) and runs the real buf binary there, from the copy's root with no path
// argument as a developer would, against an image of the untouched workspace.
package policy

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// edit changes one file of the scratch copy; it fails the test if the pattern is not found, so
// that a contract change cannot silently turn a case into a no-op.
type edit struct {
	file    string // relative to proto/
	pattern string // regular expression, must match exactly once
	replace string // replacement ($1 etc. allowed); ignored when newFile is set
}

type policyCase struct {
	name  string
	edits []edit
	// extra files to create (relative to proto/) with their contents.
	newFiles map[string]string
	// moved rewrites every reference to a message that moved to another package, as a real move
	// would, so that the module still compiles and only the policy can refuse it.
	moved *move
}

// move describes a message moved from one package to another.
type move struct {
	from, to string // fully qualified names
	toFile   string // the file that now defines it (relative to proto/)
}

// buf's exit code for "the check ran and found violations" (lint and breaking).
const bufFoundViolations = 100

var breakingCases = []policyCase{
	{name: "delete a field", edits: []edit{{
		file: "flow/common/v1/diagnostic.proto", pattern: `(?m)^\s*string summary = 2;\n`, replace: "",
	}}},
	{name: "change a field's type", edits: []edit{{
		file: "flow/common/v1/record.proto", pattern: `uint32 records = 1;`, replace: "string records = 1;",
	}}},
	{name: "renumber a field", edits: []edit{{
		file: "flow/common/v1/capability.proto", pattern: `string name = 1;`, replace: "string name = 3;",
	}}},
	{name: "rename a field", edits: []edit{{
		file: "flow/common/v1/payload.proto", pattern: `string tracestate = 2;`, replace: "string trace_state = 2;",
	}}},
	{name: "delete an RPC", edits: []edit{{
		file: "flow/runtime/v1/runtime.proto", pattern: `(?m)^\s*rpc Shutdown\(ShutdownRequest\) returns \(ShutdownResponse\);\n`, replace: "",
	}}},
	{name: "change an RPC's streaming", edits: []edit{{
		file: "flow/frame/v1/frame.proto", pattern: `rpc Exchange\(stream ExchangeRequest\)`, replace: "rpc Exchange(ExchangeRequest)",
	}}},
	{name: "delete an enum value", edits: []edit{{
		file: "flow/common/v1/diagnostic.proto", pattern: `(?m)^\s*SEVERITY_INFO = 3;\n`, replace: "",
	}}},
	{
		name: "move a message to another package",
		edits: []edit{{
			file: "flow/common/v1/capability.proto", pattern: `(?s)message Capability \{.*?\n\}\n`, replace: "",
		}},
		newFiles: map[string]string{
			"flow/moved/v1/capability.proto": "syntax = \"proto3\";\n\npackage flow.moved.v1;\n\n" +
				"// Moved here.\nmessage Capability {\n  // Name.\n  string name = 1;\n  // Params.\n  map<string, string> params = 2;\n}\n",
		},
		moved: &move{
			from: "flow.common.v1.Capability", to: "flow.moved.v1.Capability",
			toFile: "flow/moved/v1/capability.proto",
		},
	},
}

var allowedCases = []policyCase{
	{name: "add a field", edits: []edit{{
		file: "flow/common/v1/payload.proto", pattern: `(?m)^(\s*string tracestate = 2;\n)`,
		replace: "$1  // Added in a minor release.\n  string baggage = 3;\n",
	}}},
	{name: "add a message", newFiles: map[string]string{
		"flow/common/v1/added.proto": "syntax = \"proto3\";\n\npackage flow.common.v1;\n\n" +
			"option go_package = \"github.com/flow-proto/flow-proto/gen/go/flow/common/v1;commonv1\";\n\n" +
			"// Added in a minor release.\nmessage Added {\n  // A field.\n  string value = 1;\n}\n",
	}},
	{name: "add an enum value", edits: []edit{{
		file: "flow/common/v1/diagnostic.proto", pattern: `(?m)^(\s*SEVERITY_INFO = 3;\n)`,
		replace: "$1  // Added in a minor release.\n  SEVERITY_HINT = 4;\n",
	}}},
	{name: "add an RPC", edits: []edit{
		{
			file: "flow/frame/v1/frame.proto", pattern: `(?m)^(service FrameService \{\n)`,
			replace: "$1  // Added in a minor release.\n  rpc Ping(PingRequest) returns (PingResponse);\n",
		},
		{
			file: "flow/frame/v1/frame.proto", pattern: `(?m)^(service FrameService \{)`,
			replace: "// Request of Ping.\nmessage PingRequest {}\n\n// Response of Ping.\nmessage PingResponse {}\n\n$1",
		},
	}},
	{name: "edit a comment", edits: []edit{{
		file: "flow/common/v1/record.proto", pattern: `// Records of one stream sent together\.`,
		replace: "// Records of one stream, sent together.",
	}}},
}

// The buf workspace's files: its config, and its one module (buf.yaml's `modules: - path: proto`).
const (
	workspaceConfig = "buf.yaml"
	moduleDir       = "proto"
)

func TestBreakingPolicy(t *testing.T) {
	buf := os.Getenv("BUF")
	workspace := os.Getenv("BUF_WORKSPACE")
	if buf == "" || workspace == "" {
		t.Skip("set BUF and BUF_WORKSPACE (make test-policy does)")
	}
	baseline := filepath.Join(t.TempDir(), "baseline.binpb")
	run(t, workspace, buf, "build", "-o", baseline)

	for _, c := range breakingCases {
		t.Run("breaking/"+c.name, func(t *testing.T) {
			dir := scratchCopy(t, workspace, c)
			// The edited module must still compile, so the refusal is the policy's doing.
			run(t, dir, buf, "build")
			code, out := exitCode(dir, buf, "breaking", "--against", baseline)
			if code != bufFoundViolations {
				t.Fatalf("buf breaking exited %d, want %d (a breaking change must be refused):\n%s", code, bufFoundViolations, out)
			}
			t.Logf("refused as expected:\n%s", firstLines(out, 3))
		})
	}
	for _, c := range allowedCases {
		t.Run("allowed/"+c.name, func(t *testing.T) {
			dir := scratchCopy(t, workspace, c)
			if code, out := exitCode(dir, buf, "breaking", "--against", baseline); code != 0 {
				t.Fatalf("buf breaking exited %d, want 0 (an allowed change must pass):\n%s", code, out)
			}
			// An allowed change must also keep the module lint-clean, or it could not land.
			if code, out := exitCode(dir, buf, "lint"); code != 0 {
				t.Fatalf("buf lint exited %d on an allowed change:\n%s", code, out)
			}
		})
	}
}

// scratchCopy copies the workspace (buf.yaml and proto/) into a temporary directory, applies the
// case's edits to its module and returns the copy's root.
func scratchCopy(t *testing.T, workspace string, c policyCase) string {
	t.Helper()
	root := t.TempDir()
	config, err := os.ReadFile(filepath.Join(workspace, workspaceConfig))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, workspaceConfig), config, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, moduleDir)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(workspace, moduleDir))); err != nil {
		t.Fatal(err)
	}
	for _, e := range c.edits {
		path := filepath.Join(dir, e.file)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(e.pattern)
		if n := len(re.FindAllIndex(src, -1)); n != 1 {
			t.Fatalf("%s: pattern %q matched %d times, want 1: update this test with the contract", e.file, e.pattern, n)
		}
		if err := os.WriteFile(path, re.ReplaceAll(src, []byte(e.replace)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c.moved != nil {
		rewriteReferences(t, dir, *c.moved)
	}
	for name, content := range c.newFiles {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// run runs a command in dir and fails the test unless it exits 0.
func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	if code, out := exitCode(dir, name, args...); code != 0 {
		t.Fatalf("%s %s (in %s): exit %d\n%s", name, strings.Join(args, " "), dir, code, out)
	}
}

// exitCode runs a command in dir and returns its exit code and combined output.
func exitCode(dir, name string, args ...string) (int, string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	default:
		return -1, err.Error()
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// rewriteReferences points every use of m.from at m.to and imports m.toFile where needed.
func rewriteReferences(t *testing.T, dir string, m move) {
	t.Helper()
	uses := regexp.MustCompile(regexp.QuoteMeta(m.from) + `\b`)
	pkg := regexp.MustCompile(`(?m)^package [a-z0-9.]+;\n`)
	rewritten := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".proto") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil || !uses.Match(src) {
			return err
		}
		src = uses.ReplaceAll(src, []byte(m.to))
		loc := pkg.FindIndex(src)
		if loc == nil {
			t.Fatalf("%s: no package line", path)
		}
		imp := []byte("\nimport \"" + m.toFile + "\";\n")
		src = append(src[:loc[1]:loc[1]], append(imp, src[loc[1]:]...)...)
		rewritten++
		return os.WriteFile(path, src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if rewritten == 0 {
		t.Fatalf("no file references %s: update this test with the contract", m.from)
	}
}
