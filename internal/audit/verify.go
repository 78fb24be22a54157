package audit

import (
	"fmt"
	"iter"
)

// Report is the outcome of Verify.
type Report struct {
	// Checked is the number of entries that passed, in order from entry 1.
	Checked int
	// Intact is true when every entry passed.
	Intact bool
	// BrokenAt is the Seq of the first entry that failed (or, for a gap,
	// of the first missing one); 0 when Intact.
	BrokenAt int64
	// Reason says how the chain breaks at BrokenAt.
	Reason string
	// Head is the Hash of the last entry that passed (GenesisHash for an
	// empty log). Recording it elsewhere lets a later check notice that
	// entries up to it were cut off the end.
	Head string
}

// String returns the report as one line for people: "audit log intact:
// N entries" or "audit log broken at entry N: reason".
func (r Report) String() string {
	if r.Intact {
		return fmt.Sprintf("audit log intact: %d entries", r.Checked)
	}
	return fmt.Sprintf("audit log broken at entry %d: %s", r.BrokenAt, r.Reason)
}

// Verify walks entries, which must come in Seq order, and checks each
// link of the chain:
//   - the sequence runs 1, 2, 3, … without gaps, so a deleted entry shows;
//   - Hash equals ComputeHash, so an edited field shows;
//   - PrevHash equals the previous entry's Hash (GenesisHash for entry 1),
//     so an entry edited and then re-hashed shows at the next one.
//
// It stops at the first break and reports it. The error is only for
// entries that could not be read; a broken chain is a Report, not an
// error.
func Verify(entries iter.Seq2[Entry, error]) (Report, error) {
	r := Report{Head: GenesisHash}
	var prev Entry
	for e, err := range entries {
		if err != nil {
			return r, fmt.Errorf("audit: verify after entry %d: %w", prev.Seq, err)
		}
		if seq, reason := check(prev, r.Head, e); reason != "" {
			r.BrokenAt, r.Reason = seq, reason
			return r, nil
		}
		r.Checked++
		r.Head = e.Hash
		prev = e
	}
	r.Intact = true
	return r, nil
}

// check returns where and why e does not follow prev (whose hash is
// prevHash; prev.Seq is 0 before the first entry), or "" when it does.
// The hash comes before the link: an entry whose prev_hash alone was
// edited is reported as edited, not as a broken link.
func check(prev Entry, prevHash string, e Entry) (int64, string) {
	want := prev.Seq + 1
	switch {
	case e.Seq > want && prev.Seq == 0:
		return want, fmt.Sprintf("sequence starts at %d: entries before it are missing", e.Seq)
	case e.Seq > want:
		return want, fmt.Sprintf("sequence gap after %d: next entry is %d", prev.Seq, e.Seq)
	case e.Seq < want:
		return e.Seq, fmt.Sprintf("sequence out of order: entry %d follows entry %d", e.Seq, prev.Seq)
	case e.Hash != e.ComputeHash():
		return e.Seq, "hash mismatch: row edited"
	case e.PrevHash != prevHash && prev.Seq == 0:
		return e.Seq, "prev_hash of the first entry is not the genesis value"
	case e.PrevHash != prevHash:
		return e.Seq, fmt.Sprintf("prev_hash does not link to entry %d", prev.Seq)
	}
	return 0, ""
}
