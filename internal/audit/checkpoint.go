package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Checkpoint records the head of the chain at one moment, to be kept
// outside the database: a later Verify with its Anchor names entries that
// were removed from the end, or a log re-chained up to the head.
type Checkpoint struct {
	// Entries is the number of entries in the log; with no gaps it is also
	// the Seq of the last one.
	Entries int64 `json:"entries"`
	// LastSeq is the Seq of the last entry.
	LastSeq int64 `json:"lastSeq"`
	// Head is the Hash of the last entry.
	Head string `json:"head"`
	// Keyed tells whether Head is an HMAC (the log was keyed).
	Keyed bool `json:"keyed"`
	// At is when the checkpoint was taken, in UTC.
	At time.Time `json:"at"`
}

// CheckpointOf returns the checkpoint of an intact report, taken at now.
func CheckpointOf(r Report, now time.Time) Checkpoint {
	return Checkpoint{
		Entries: int64(r.Checked), LastSeq: r.LastSeq, Head: r.Head,
		Keyed: strings.HasPrefix(r.Head, KeyedPrefix),
		At:    now.UTC().Truncate(time.Second),
	}
}

// Anchor returns the checkpoint as an Anchor for Verifier.
func (c Checkpoint) Anchor() Anchor {
	return Anchor{Seq: c.LastSeq, Hash: c.Head,
		Source: "the checkpoint of " + c.At.UTC().Format("2006-01-02 15:04:05 UTC")}
}

// ReadCheckpoint reads a checkpoint file written by WriteCheckpoint. A
// file that does not exist is an error that matches os.ErrNotExist.
func ReadCheckpoint(path string) (Checkpoint, error) {
	var c Checkpoint
	data, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("audit: read checkpoint: %w", err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, fmt.Errorf("audit: checkpoint %s: %w", path, err)
	}
	if c.LastSeq < 0 || c.Entries < 0 || (c.LastSeq > 0 && c.Head == "") {
		return c, fmt.Errorf("audit: checkpoint %s: no head entry recorded", path)
	}
	return c, nil
}

// WriteCheckpoint writes c to path as indented JSON, replacing the file
// at once (a new file in the same directory, synced, then renamed), so a
// crash leaves the old checkpoint or the new one, never half of one.
func WriteCheckpoint(path string, c Checkpoint) (err error) {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("audit: checkpoint: %w", err)
	}
	data = append(data, '\n')
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("audit: write checkpoint: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Sync(), tmp.Close())
	if err != nil {
		return fmt.Errorf("audit: write checkpoint: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("audit: write checkpoint: %w", err)
	}
	return nil
}
