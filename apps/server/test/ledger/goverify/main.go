// goverify checks a Yat ledger with nothing but Go's golang.org/x/mod/sumdb/tlog and note
// packages (an implementation independent of the project): the checkpoint's signature under
// the given verifier key, the inclusion of one entry (read from the entry bundle and compared
// with the expected bytes), and the consistency of an older checkpoint with the current one.
// It fetches tiles over HTTP like any C2SP tlog-tiles client; Go's own tile paths carry the
// tile height ("tile/8/…", "tile/8/data/…"), C2SP's do not ("tile/…", "tile/entries/…").
//
//	goverify -log URL -vkey VKEY [-index N -entry BASE64] [-old FILE]
package main

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type checkpoint struct {
	Origin string `json:"origin"`
	Size   int64  `json:"size"`
	Hash   tlog.Hash
}

func get(url string) []byte {
	res, err := http.Get(url)
	if err != nil {
		fail("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		fail("GET %s: %s", url, res.Status)
	}
	return body
}

func fail(format string, args ...interface{}) {
	json.NewEncoder(os.Stdout).Encode(map[string]interface{}{"ok": false, "error": fmt.Sprintf(format, args...)})
	os.Exit(1)
}

func open(msg []byte, vkey string) checkpoint {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		fail("verifier key: %v", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		fail("checkpoint signature: %v", err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		fail("malformed checkpoint")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("malformed checkpoint size")
	}
	h, err := tlog.ParseHash(lines[2])
	if err != nil {
		fail("malformed checkpoint hash")
	}
	return checkpoint{Origin: lines[0], Size: size, Hash: h}
}

type tiles struct{ base string }

func (t tiles) Height() int { return 8 }
func (t tiles) ReadTiles(ts []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(ts))
	for i, tile := range ts {
		out[i] = get(t.base + "/" + strings.Replace(tile.Path(), "tile/8/", "tile/", 1))
	}
	return out, nil
}
func (t tiles) SaveTiles([]tlog.Tile, [][]byte) {}

func main() {
	logURL := flag.String("log", "", "log prefix URL")
	vkey := flag.String("vkey", "", "log verifier key")
	index := flag.Int64("index", -1, "entry to prove included")
	entry := flag.String("entry", "", "expected entry bytes, base64")
	old := flag.String("old", "", "file with an older signed checkpoint")
	flag.Parse()

	c := open(get(*logURL+"/checkpoint"), *vkey)
	result := map[string]interface{}{"ok": true, "origin": c.Origin, "size": c.Size, "root": c.Hash.String()}
	reader := tlog.TileHashReader(tlog.Tree{N: c.Size, Hash: c.Hash}, tiles{*logURL})

	if *index >= 0 {
		if *index >= c.Size {
			fail("entry %d is not in a tree of size %d", *index, c.Size)
		}
		n := *index / 256
		w := c.Size - n*256
		path := fmt.Sprintf("%s/%s", *logURL, strings.Replace(tlog.Tile{H: 8, L: -1, N: n, W: 256}.Path(), "tile/8/data/", "tile/entries/", 1))
		if w < 256 {
			path = fmt.Sprintf("%s.p/%d", path, w)
		}
		bundle := get(path)
		var data []byte
		for i := int64(0); i <= *index-n*256; i++ {
			if len(bundle) < 2 {
				fail("truncated entry bundle")
			}
			l := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+l {
				fail("truncated entry bundle")
			}
			data, bundle = bundle[2:2+l], bundle[2+l:]
		}
		if *entry != "" {
			want, _ := base64.StdEncoding.DecodeString(*entry)
			if string(want) != string(data) {
				fail("entry %d in the bundle is not the expected entry", *index)
			}
		}
		proof, err := tlog.ProveRecord(c.Size, *index, reader)
		if err != nil {
			fail("inclusion proof: %v", err)
		}
		if err := tlog.CheckRecord(proof, c.Size, c.Hash, *index, tlog.RecordHash(data)); err != nil {
			fail("inclusion: %v", err)
		}
		result["included"] = *index
		result["entry"] = string(data)
	}

	if *old != "" {
		msg, err := os.ReadFile(*old)
		if err != nil {
			fail("%v", err)
		}
		o := open(msg, *vkey)
		if o.Origin != c.Origin || o.Size > c.Size {
			fail("old checkpoint is not an earlier checkpoint of this log")
		}
		proof, err := tlog.ProveTree(c.Size, o.Size, reader)
		if err != nil {
			fail("consistency proof: %v", err)
		}
		if err := tlog.CheckTree(proof, c.Size, c.Hash, o.Size, o.Hash); err != nil {
			fail("consistency: %v", err)
		}
		result["consistentFrom"] = o.Size
	}
	json.NewEncoder(os.Stdout).Encode(result)
}
