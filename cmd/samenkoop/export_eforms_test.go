package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/eformstest"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/procurement"
)

// The demo's tenders (internal/demo): 1 is the telephony tender, 2 the
// case system still collecting, 3 a draft, 4 the training tender under the
// light regime.
const (
	demoTelephony = "1"
	demoCaseSys   = "2"
	demoTraining  = "4"
)

var noticeID = regexp.MustCompile(`<cbc:ID schemeName="notice-id">([0-9a-f-]{36})</cbc:ID>`)

// exportNotice runs samenkoop export eforms and returns the file, or the
// status and errors when it fails.
func exportNotice(t *testing.T, db, tender, notice string) ([]byte, int, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notice.xml")
	_, errOut, status := run(t, context.Background(), "export", "eforms", "--db", db, "--tender", tender, "--notice", notice, "-o", path)
	if status != 0 {
		return nil, status, errOut
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b, 0, errOut
}

// TestExportEForms writes the demo's notices, the telephony tender's PIN
// and contract notice (16), the training tender's (20) and, after the
// award, the telephony tender's award notice (29), each valid against the
// SDK's XSD with every field mandatory for its subtype; refuses an award
// notice before the award with each missing field; and keeps the notice's
// identifier and version while the content stays the same.
func TestExportEForms(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	for _, tt := range []struct {
		name, tender, notice string
		subtype              int
	}{
		{"telephony PIN", demoTelephony, "pin", 4},
		{"telephony contract notice", demoTelephony, "cn", 16},
		{"training contract notice, light regime", demoTraining, "cn", 20},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, status, errOut := exportNotice(t, db, tt.tender, tt.notice)
			if status != 0 {
				t.Fatalf("status %d: %s", status, errOut)
			}
			if !bytes.Contains(b, []byte(`<cbc:SubTypeCode listName="notice-subtype">`+itoa(tt.subtype)+`<`)) {
				t.Errorf("not subtype %d", tt.subtype)
			}
			t.Run("mandatory", func(t *testing.T) { eformstest.CheckMandatory(t, b, tt.subtype) })
			t.Run("xsd", func(t *testing.T) { eformstest.ValidateXSD(t, b) })
		})
	}

	t.Run("the same content is the same notice", func(t *testing.T) {
		a, _, _ := exportNotice(t, db, demoTelephony, "cn")
		b, _, _ := exportNotice(t, db, demoTelephony, "cn")
		ma, mb := noticeID.FindSubmatch(a), noticeID.FindSubmatch(b)
		if ma == nil || mb == nil || !bytes.Equal(ma[1], mb[1]) || !bytes.Contains(b, []byte("<cbc:VersionID>01</cbc:VersionID>")) {
			t.Errorf("notice ids %q and %q; want the same id, version 01", ma, mb)
		}
	})

	t.Run("award notice before the award", func(t *testing.T) {
		_, status, errOut := exportNotice(t, db, demoTelephony, "can")
		if status != 2 || !strings.Contains(errOut, "awardDecision") || !strings.Contains(errOut, "lots[0].vendor") {
			t.Errorf("status %d, errors %q; want 2 listing the award decision and each lot's vendor", status, errOut)
		}
	})

	t.Run("tender without signed mandates", func(t *testing.T) {
		_, status, errOut := exportNotice(t, db, demoCaseSys, "cn")
		if status != 2 || !strings.Contains(errOut, "participants: no participant has signed") {
			t.Errorf("status %d, errors %q; want 2 naming the unsigned mandates", status, errOut)
		}
	})

	t.Run("telephony award notice after the award", func(t *testing.T) {
		before, _, _ := exportNotice(t, db, demoTelephony, "cn")
		award(t, db)
		b, status, errOut := exportNotice(t, db, demoTelephony, "can")
		if status != 0 {
			t.Fatalf("status %d: %s", status, errOut)
		}
		eformstest.CheckMandatory(t, b, 29)
		eformstest.ValidateXSD(t, b)
		if !bytes.Contains(b, []byte("selec-w")) {
			t.Error("no winner in the award notice")
		}
		// The description changed with the award; the contract notice is
		// a new version of the same notice.
		after, _, _ := exportNotice(t, db, demoTelephony, "cn")
		ma, mb := noticeID.FindSubmatch(before), noticeID.FindSubmatch(after)
		if ma == nil || mb == nil || !bytes.Equal(ma[1], mb[1]) || !bytes.Contains(after, []byte("<cbc:VersionID>02</cbc:VersionID>")) {
			t.Errorf("contract notice after the change: ids %q, %q; want the same id, version 02", ma, mb)
		}
	})
}

// award records the telephony tender's award in the database: every lot
// to a vendor of the register, the decision sent 60 days after the
// publication; and it amends the tender's description.
func award(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tender, err := st.Tender(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	lots, err := st.Lots(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range lots {
		l.VendorID = int64(1 + i%2)
		if err := st.UpdateLot(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	tender.Status, tender.AwardDecision = procurement.TenderAwarded, tender.Publication.AddDays(60)
	tender.Description += " Gegund per perceel."
	if err := st.UpdateTender(ctx, tender); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
