package audit

import (
	"fmt"
	"iter"
)

// Report is the outcome of Verify.
type Report struct {
	// Checked is the number of entries that passed, in order from entry 1.
	Checked int
	// LastSeq is the Seq of the last entry that passed (0 for none).
	LastSeq int64
	// Keyed is how many of the entries that passed are keyed (HMAC), and
	// FirstKeyed the Seq of the first of them (0 for none).
	Keyed      int
	FirstKeyed int64
	// Intact is true when every entry passed and every anchor held.
	Intact bool
	// BrokenAt is the Seq of the first entry that failed (or, for a gap or
	// a removed tail, of the first missing one); 0 when Intact.
	BrokenAt int64
	// TailRemoved is set when the entries passed but the log ends before
	// an anchor, or before the first keyed entry the store recorded: the
	// newest entries were removed.
	TailRemoved bool
	// Reason says how the chain breaks at BrokenAt.
	Reason string
	// NeedsKey is set when the chain breaks at a keyed entry because no
	// key was given to check it.
	NeedsKey bool
	// Head is the Hash of the last entry that passed (GenesisHash for an
	// empty log). Recording it elsewhere (a Checkpoint) lets a later check
	// notice that entries up to it were cut off the end.
	Head string
}

// String returns the report as one line for people: "audit log intact:
// N entries", "audit log broken at entry N: reason" or, for a removed
// tail, "audit log incomplete: entries after #N were removed: …".
func (r Report) String() string {
	switch {
	case r.Intact:
		return fmt.Sprintf("audit log intact: %d entries", r.Checked)
	case r.TailRemoved:
		return "audit log incomplete: " + r.Reason
	}
	return fmt.Sprintf("audit log broken at entry %d: %s", r.BrokenAt, r.Reason)
}

// Anchor is a head of the chain recorded outside the database: the log
// must still pass through entry Seq with hash Hash. Seq 0 means unknown:
// then some entry must have Hash.
type Anchor struct {
	Seq  int64
	Hash string
	// Source names where the anchor comes from, for the report: "the
	// checkpoint of 2026-11-22 09:00:00 UTC", "the head given".
	Source string
}

// Verifier checks the chain with what is known outside it.
type Verifier struct {
	// Key is the key the log is keyed with; empty for an unkeyed log.
	// Without it, keyed entries cannot be checked and Verify stops at the
	// first one.
	Key []byte
	// KeyedSince is the Seq of the first keyed entry as the store recorded
	// it beside the log (0 when none was recorded): an entry from there on
	// with a plain hash was re-chained without the key, and a log shorter
	// than that lost its tail.
	KeyedSince int64
	// Anchors are heads recorded outside the database (checkpoints, the
	// head a backup printed).
	Anchors []Anchor
}

// Verify walks entries, which must come in Seq order, and checks each link
// of the chain with a Verifier that knows no key and no anchor (an
// unkeyed log). See Verifier.Verify.
func Verify(entries iter.Seq2[Entry, error]) (Report, error) {
	return Verifier{}.Verify(entries)
}

// Verify walks entries, which must come in Seq order, and checks each
// link of the chain:
//   - the sequence runs 1, 2, 3, … without gaps, so a deleted entry shows;
//   - Hash equals ComputeHash, or ComputeHMAC under v.Key for a keyed
//     entry, so an edited field shows;
//   - no plain hash follows a keyed one, or sits at or after KeyedSince, so
//     a log re-chained without the key shows;
//   - PrevHash equals the previous entry's Hash (GenesisHash for entry 1),
//     so an entry edited and then re-hashed shows at the next one;
//   - the chain passes through every anchor, and is at least as long.
//
// It stops at the first break and reports it. The error is only for
// entries that could not be read; a broken chain is a Report, not an
// error.
func (v Verifier) Verify(entries iter.Seq2[Entry, error]) (Report, error) {
	r := Report{Head: GenesisHash}
	// Every log passes through the genesis: an anchor taken of an empty
	// log holds nothing.
	var anchors []Anchor
	for _, a := range v.Anchors {
		if a.Hash != GenesisHash {
			anchors = append(anchors, a)
		}
	}
	var prev Entry
	for e, err := range entries {
		if err != nil {
			return r, fmt.Errorf("audit: verify after entry %d: %w", prev.Seq, err)
		}
		seq, reason := check(prev, r.Head, e)
		if reason == "" {
			seq, reason = v.checkSeal(r, e)
		}
		if reason == "" {
			seq, reason = checkAnchors(anchors, e)
		}
		if reason != "" {
			r.BrokenAt, r.Reason = seq, reason
			r.NeedsKey = e.Keyed() && len(v.Key) == 0 && seq == e.Seq
			return r, nil
		}
		r.Checked++
		r.LastSeq = e.Seq
		r.Head = e.Hash
		if e.Keyed() {
			if r.Keyed == 0 {
				r.FirstKeyed = e.Seq
			}
			r.Keyed++
		}
		prev = e
	}
	for _, a := range anchors {
		switch {
		case a.Seq == 0:
			r.BrokenAt, r.TailRemoved = r.LastSeq+1, true
			r.Reason = fmt.Sprintf("entries after #%d were removed or re-chained: no entry has the hash %s that %s recorded", r.LastSeq, a.Hash, a.Source)
			return r, nil
		case a.Seq > r.LastSeq:
			r.BrokenAt, r.TailRemoved = r.LastSeq+1, true
			r.Reason = fmt.Sprintf("entries after #%d were removed: %s recorded #%d with hash %s", r.LastSeq, a.Source, a.Seq, a.Hash)
			return r, nil
		}
	}
	if v.KeyedSince > r.LastSeq {
		r.BrokenAt, r.TailRemoved = r.LastSeq+1, true
		r.Reason = fmt.Sprintf("entries after #%d were removed: the log was keyed from entry #%d on", r.LastSeq, v.KeyedSince)
		return r, nil
	}
	r.Intact = true
	return r, nil
}

// check returns where and why e does not follow prev (whose hash is
// prevHash; prev.Seq is 0 before the first entry), or "" when it does.
// Only the sequence is checked here; the seal comes next, and the link
// after it (checkLink): an entry whose prev_hash alone was edited is
// reported as edited, not as a broken link.
func check(prev Entry, prevHash string, e Entry) (int64, string) {
	want := prev.Seq + 1
	switch {
	case e.Seq > want && prev.Seq == 0:
		return want, fmt.Sprintf("sequence starts at %d: entries before it are missing", e.Seq)
	case e.Seq > want:
		return want, fmt.Sprintf("sequence gap after %d: next entry is %d", prev.Seq, e.Seq)
	case e.Seq < want:
		return e.Seq, fmt.Sprintf("sequence out of order: entry %d follows entry %d", e.Seq, prev.Seq)
	}
	return 0, ""
}

// checkSeal checks e's own hash under the scheme it names, that the scheme
// may follow what came before (r), and then its link to the previous
// entry's hash (r.Head).
func (v Verifier) checkSeal(r Report, e Entry) (int64, string) {
	switch {
	case e.Keyed() && len(v.Key) == 0:
		return e.Seq, "the entry is keyed (HMAC-SHA-256) and no key was given to check it"
	case e.Keyed() && e.Hash != e.ComputeHMAC(v.Key):
		return e.Seq, "HMAC does not match under the configured key: the entry was edited, or sealed with another key"
	case !e.Keyed() && e.Hash != e.ComputeHash():
		return e.Seq, "hash mismatch: row edited"
	case !e.Keyed() && r.Keyed > 0:
		return e.Seq, fmt.Sprintf("HMAC does not match under the configured key: the entry has a plain SHA-256 hash, but the log is keyed from entry #%d on (re-chained without the key)", r.FirstKeyed)
	case !e.Keyed() && v.KeyedSince > 0 && e.Seq >= v.KeyedSince:
		return e.Seq, fmt.Sprintf("HMAC does not match under the configured key: the entry has a plain SHA-256 hash, but the log is keyed from entry #%d on (re-chained without the key)", v.KeyedSince)
	case e.PrevHash != r.Head && e.Seq == 1:
		return e.Seq, "prev_hash of the first entry is not the genesis value"
	case e.PrevHash != r.Head:
		return e.Seq, fmt.Sprintf("prev_hash does not link to entry %d", e.Seq-1)
	}
	return 0, ""
}

// checkAnchors checks e against the anchors at its Seq, and fixes the Seq
// of an anchor known by hash alone once an entry has that hash.
func checkAnchors(anchors []Anchor, e Entry) (int64, string) {
	for i, a := range anchors {
		switch {
		case a.Seq == 0 && a.Hash == e.Hash:
			anchors[i].Seq = e.Seq
		case a.Seq == e.Seq && a.Hash != e.Hash:
			return e.Seq, fmt.Sprintf("hash %s differs from %s, which recorded #%d with hash %s: the log was rewritten up to there", e.Hash, a.Source, a.Seq, a.Hash)
		}
	}
	return 0, ""
}
