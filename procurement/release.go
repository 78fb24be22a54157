package procurement

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The publication log: what a tender's open data (its OCDS release) last
// said and since when. OCDS defines a release's date as "the date on which
// the information contained in the release was first recorded in, or
// published by, any system" (release schema 1.1.5, date), and a release id
// must name the same release in every package (OCDS 1.1.5, Identifiers,
// Release ID). No stored row of a tender carries a change time, so the
// time its published content was first recorded is kept here: exporting
// unchanged content again keeps its date, and so its release id.
//
// The log keeps the latest release per tender, in the settings (key
// procurement.release.<tender id>), which the store audits like every
// setting: one row per tender and no table of its own. A tender that
// changes and changes back gets a new release dated then, which is right:
// the earlier release was followed by another, and the state it returns to
// is new information at that moment.

// releaseKey is the settings key of a tender's latest release.
func releaseKey(tenderID int64) string {
	return "procurement.release." + strconv.FormatInt(tenderID, 10)
}

// releaseJSON is how the latest release is kept in the settings.
type releaseJSON struct {
	Fingerprint string    `json:"fingerprint"`
	Date        time.Time `json:"date"`
}

// RecordRelease returns when the tender's published content, identified
// by fingerprint (a hash of the content without release id and date, as
// the exports compute it), was first recorded: the recorded date when the
// tender's latest release has this fingerprint; otherwise now, to the
// second, which becomes the latest release. An unchanged tender is only
// read; a change is read again and written in one transaction, so two
// exports at once record one release.
func (s *Service) RecordRelease(ctx context.Context, tenderID int64, fingerprint string) (time.Time, error) {
	if fingerprint == "" || strings.ContainsAny(fingerprint, " \t\r\n") {
		return time.Time{}, fmt.Errorf("procurement: record release of tender %d: fingerprint %q: %w", tenderID, fingerprint, apperr.Invalid)
	}
	date, err := latestRelease(ctx, s.store, tenderID, fingerprint)
	if err == nil && date.IsZero() {
		err = s.store.InTx(ctx, func(st Store) error {
			if _, err := st.Tender(ctx, tenderID); err != nil {
				return err
			}
			if date, err = latestRelease(ctx, st, tenderID, fingerprint); err != nil || !date.IsZero() {
				return err
			}
			date = s.opts.Now().UTC().Truncate(time.Second)
			b, err := json.Marshal(releaseJSON{Fingerprint: fingerprint, Date: date})
			if err != nil {
				return err
			}
			return st.SetSetting(ctx, releaseKey(tenderID), string(b))
		})
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("procurement: record release of tender %d: %w", tenderID, err)
	}
	return date, nil
}

// latestRelease returns the date of the tender's latest release when it
// has fingerprint, else the zero time.
func latestRelease(ctx context.Context, st Store, tenderID int64, fingerprint string) (time.Time, error) {
	raw, err := st.Setting(ctx, releaseKey(tenderID))
	if errors.Is(err, apperr.NotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	var r releaseJSON
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return time.Time{}, fmt.Errorf("latest release: %w", err)
	}
	if r.Fingerprint != fingerprint {
		return time.Time{}, nil
	}
	return r.Date, nil
}
