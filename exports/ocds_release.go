package exports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// The identity of an OCDS release: its content's fingerprint, its date
// and its id (OCDS 1.1.5, Identifiers, Release ID; release schema, date).

// releaseDate is when the release's content was first recorded.
func (d Dossier) releaseDate() time.Time {
	if d.Released.IsZero() {
		return d.Generated
	}
	return d.Released
}

// OCDSFingerprint identifies the content of the tender's OCDS release: the
// SHA-256, in hex, of the release in its canonical form (the JSON OCDS
// writes, compact) without its id and date. The same tender gives the
// same fingerprint whenever it is exported; any change to what the
// release says gives another. procurement.Service.RecordRelease keeps,
// per fingerprint, when that content was first recorded (Dossier.Released).
func OCDSFingerprint(d Dossier) (string, error) {
	r := d.ocdsRelease()
	r.Date = ""
	sum, err := canonicalHash(r)
	if err != nil {
		return "", fmt.Errorf("exports: ocds fingerprint of tender %d: %w", d.Tender.ID, err)
	}
	return hex.EncodeToString(sum), nil
}

// ocdsReleaseID is the release's id: the ocid, a dash and the first 16 hex
// digits of the SHA-256 of the canonical release with its date (id left
// empty). Content and date identify a release: the same content recorded
// at the same moment is the same release in every package, and content
// that returns to an earlier state after a change gets a new date, so a
// new id (OCDS 1.1.5, Identifiers, Release ID: unique and consistent
// within the ocid).
func ocdsReleaseID(r ocdsRelease, date time.Time) (string, error) {
	r.ID, r.Date = "", date.UTC().Format(time.RFC3339)
	sum, err := canonicalHash(r)
	if err != nil {
		return "", err
	}
	return r.OCID + "-" + hex.EncodeToString(sum)[:16], nil
}

// canonicalHash is the SHA-256 of v as compact JSON, written as the
// package writes it (no HTML escaping). encoding/json writes struct fields
// in their order and the release holds no maps, so the form is canonical.
func canonicalHash(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	return sum[:], nil
}
