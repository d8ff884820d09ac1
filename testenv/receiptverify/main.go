// receiptverify checks ekyc-operator's deletion receipt log with code the operator's authors did not write:
// golang.org/x/mod/sumdb/note for the signed checkpoints and github.com/transparency-dev/merkle for RFC 6962
// hashing and proofs. It is a test tool: the integration tests run it on real checkpoints and proofs, and on
// tampered copies, which it must reject.
//
//	receiptverify -vkey FILE checkpoint CHECKPOINT      signature check; prints origin, size, root
//	receiptverify -vkey FILE inclusion PROOF.json        proof from 'receipts --index N --proof -o json'
//	receiptverify -vkey FILE consistency OLD PROOF.json  proof from 'receipts --consistency-with OLD -o json'
//	receiptverify -vkey FILE log DIR                     whole exported log: every entry hashed, root compared
//
// Exit code 0 when verified, 1 when not (the reason on stderr), 2 on usage errors.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

type checkpoint struct {
	origin string
	size   uint64
	root   []byte
}

func main() {
	vkeyFile := flag.String("vkey", "", "file with the trusted verifier key(s), one a line")
	flag.Parse()
	if *vkeyFile == "" || flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: receiptverify -vkey FILE checkpoint|inclusion|consistency|log ARGS")
		os.Exit(2)
	}
	verifiers, err := loadVerifiers(*vkeyFile)
	if err != nil {
		fail(2, err)
	}
	args := flag.Args()
	switch args[0] {
	case "checkpoint":
		cp, err := openCheckpoint(readFile(args[1]), verifiers)
		if err != nil {
			fail(1, err)
		}
		fmt.Printf("OK %s %d %s\n", cp.origin, cp.size, base64.StdEncoding.EncodeToString(cp.root))
	case "inclusion":
		err = inclusion(readFile(args[1]), verifiers)
	case "consistency":
		if len(args) < 3 {
			fail(2, errors.New("consistency needs OLD_CHECKPOINT PROOF.json"))
		}
		err = consistency(readFile(args[1]), readFile(args[2]), verifiers)
	case "log":
		err = wholeLog(args[1], verifiers)
	default:
		fail(2, fmt.Errorf("unknown command %q", args[0]))
	}
	if err != nil {
		fail(1, err)
	}
}

func fail(code int, err error) {
	fmt.Fprintln(os.Stderr, "FAIL:", err)
	os.Exit(code)
}

func readFile(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		fail(2, err)
	}
	return b
}

func loadVerifiers(path string) (note.Verifiers, error) {
	var vs []note.Verifier
	for _, line := range strings.Split(string(readFile(path)), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		v, err := note.NewVerifier(line)
		if err != nil {
			return nil, fmt.Errorf("verifier key %q: %w", line, err)
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return nil, errors.New("no verifier key")
	}
	return note.VerifierList(vs...), nil
}

// openCheckpoint verifies the note's signature and parses the C2SP tlog-checkpoint body.
func openCheckpoint(msg []byte, verifiers note.Verifiers) (checkpoint, error) {
	n, err := note.Open(msg, verifiers)
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint signature: %w", err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return checkpoint{}, errors.New("checkpoint body has fewer than three lines")
	}
	size, err := strconv.ParseUint(lines[1], 10, 64)
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint size: %w", err)
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != 32 {
		return checkpoint{}, errors.New("checkpoint root hash is not 32 bytes of base64")
	}
	return checkpoint{origin: lines[0], size: size, root: root}, nil
}

func hashes(list []string) ([][]byte, error) {
	var out [][]byte
	for _, h := range list {
		b, err := base64.StdEncoding.DecodeString(h)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func inclusion(doc []byte, verifiers note.Verifiers) error {
	var p struct {
		Index      uint64   `json:"index"`
		TreeSize   uint64   `json:"treeSize"`
		Entry      string   `json:"entry"`
		Proof      []string `json:"proof"`
		Checkpoint string   `json:"checkpoint"`
	}
	if err := json.Unmarshal(doc, &p); err != nil {
		return fmt.Errorf("proof document: %w", err)
	}
	cp, err := openCheckpoint([]byte(p.Checkpoint), verifiers)
	if err != nil {
		return err
	}
	if cp.size != p.TreeSize {
		return fmt.Errorf("proof is for tree size %d, the checkpoint has %d", p.TreeSize, cp.size)
	}
	entry, err := base64.StdEncoding.DecodeString(p.Entry)
	if err != nil {
		return fmt.Errorf("entry: %w", err)
	}
	path, err := hashes(p.Proof)
	if err != nil {
		return fmt.Errorf("proof hashes: %w", err)
	}
	leaf := rfc6962.DefaultHasher.HashLeaf(entry)
	if err := proof.VerifyInclusion(rfc6962.DefaultHasher, p.Index, cp.size, leaf, path, cp.root); err != nil {
		return fmt.Errorf("inclusion of receipt %d: %w", p.Index, err)
	}
	fmt.Printf("OK receipt %d is in %s at size %d\n", p.Index, cp.origin, cp.size)
	return nil
}

func consistency(oldNote, doc []byte, verifiers note.Verifiers) error {
	var p struct {
		FromSize   uint64   `json:"fromSize"`
		ToSize     uint64   `json:"toSize"`
		Proof      []string `json:"proof"`
		Checkpoint string   `json:"checkpoint"`
	}
	if err := json.Unmarshal(doc, &p); err != nil {
		return fmt.Errorf("proof document: %w", err)
	}
	old, err := openCheckpoint(oldNote, verifiers)
	if err != nil {
		return fmt.Errorf("old %w", err)
	}
	cur, err := openCheckpoint([]byte(p.Checkpoint), verifiers)
	if err != nil {
		return fmt.Errorf("new %w", err)
	}
	if old.origin != cur.origin {
		return fmt.Errorf("checkpoints of different logs: %q and %q", old.origin, cur.origin)
	}
	if old.size != p.FromSize || cur.size != p.ToSize {
		return fmt.Errorf("proof is from %d to %d, the checkpoints are %d and %d", p.FromSize, p.ToSize, old.size, cur.size)
	}
	path, err := hashes(p.Proof)
	if err != nil {
		return fmt.Errorf("proof hashes: %w", err)
	}
	if err := proof.VerifyConsistency(rfc6962.DefaultHasher, old.size, cur.size, path, old.root, cur.root); err != nil {
		return fmt.Errorf("consistency %d -> %d: %w", old.size, cur.size, err)
	}
	fmt.Printf("OK %s grew from %d to %d by appends only\n", cur.origin, old.size, cur.size)
	return nil
}

// tilePath is the C2SP tlog-tiles path of a tile: groups of three digits, all but the last prefixed with x.
func tilePath(level string, index uint64, width int) string {
	s := fmt.Sprintf("%d", index)
	for len(s)%3 != 0 {
		s = "0" + s
	}
	var parts []string
	for i := 0; i < len(s); i += 3 {
		parts = append(parts, s[i:i+3])
	}
	for i := 0; i < len(parts)-1; i++ {
		parts[i] = "x" + parts[i]
	}
	p := filepath.Join(append([]string{"tile", level}, parts...)...)
	if width > 0 {
		p += fmt.Sprintf(".p/%d", width)
	}
	return p
}

func decodeBundle(b []byte) ([][]byte, error) {
	var out [][]byte
	for len(b) > 0 {
		if len(b) < 2 {
			return nil, errors.New("entry bundle ends inside a length")
		}
		n := int(b[0])<<8 | int(b[1])
		b = b[2:]
		if len(b) < n {
			return nil, errors.New("entry bundle ends inside an entry")
		}
		out = append(out, b[:n])
		b = b[n:]
	}
	return out, nil
}

// wholeLog hashes every entry of an exported log and compares the root with the signed checkpoint.
func wholeLog(dir string, verifiers note.Verifiers) error {
	cp, err := openCheckpoint(readFile(filepath.Join(dir, "checkpoint")), verifiers)
	if err != nil {
		return err
	}
	rf := compact.RangeFactory{Hash: rfc6962.DefaultHasher.HashChildren}
	r := rf.NewEmptyRange(0)
	for k := uint64(0); k*256 < cp.size; k++ {
		width := 0
		if cp.size-k*256 < 256 {
			width = int(cp.size - k*256)
		}
		data, err := os.ReadFile(filepath.Join(dir, tilePath("entries", k, width)))
		if err != nil {
			return fmt.Errorf("entry bundle %d: %w", k, err)
		}
		entries, err := decodeBundle(data)
		if err != nil {
			return fmt.Errorf("entry bundle %d: %w", k, err)
		}
		want := 256
		if width > 0 {
			want = width
		}
		if len(entries) != want {
			return fmt.Errorf("entry bundle %d holds %d entries, not %d", k, len(entries), want)
		}
		for _, e := range entries {
			if err := r.Append(rfc6962.DefaultHasher.HashLeaf(e), nil); err != nil {
				return err
			}
		}
	}
	root, err := r.GetRootHash(nil)
	if err != nil {
		return err
	}
	if !bytes.Equal(root, cp.root) {
		return fmt.Errorf("the %d entries hash to root %s, the checkpoint signs %s", cp.size,
			base64.StdEncoding.EncodeToString(root), base64.StdEncoding.EncodeToString(cp.root))
	}
	fmt.Printf("OK %s: %d entries hash to the signed root\n", cp.origin, cp.size)
	return nil
}
