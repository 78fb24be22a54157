package exports_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

// updateGolden reports whether the test run asked to rewrite golden files.
// The -update flag is declared once per test binary, by another test file
// of this package; looking it up keeps this file independent of which.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func date(y int, m time.Month, d int) contracts.Date { return contracts.NewDate(y, m, d) }

// feedFixture holds alerts whose names need escaping (commas, a
// semicolon, a backslash, a newline) and non-ASCII letters, and a title
// long enough to fold inside a multi-byte character.
func feedFixture() exports.CalendarFeed {
	nuenen := contracts.AlertContract{ID: 12, Organization: "GM0820", OrganizationName: "Nuenen, Gerwen en Nederwetten",
		Number: "NGN-2023/04", Title: "Telefonie; vast en mobiel", VendorID: 3, VendorName: "KPN B.V."}
	sudwest := contracts.AlertContract{ID: 7, Organization: "GM1900", OrganizationName: "Súdwest-Fryslân",
		Number: "SWF 2021-17", Title: "Zaaksysteem \\ documentbeheer voor de gemeente Súdwest-Fryslân, inclusief koppelingen met Mijn Overheid",
		VendorID: 4, VendorName: "Centric Netherlands B.V.", Revision: 3}
	haag := contracts.AlertContract{ID: 31, Organization: "GM0518", OrganizationName: "'s-Gravenhage",
		Number: "DH-0031", Title: "Werkplekken\nen beheer", VendorID: 5, VendorName: "Ŝtrange Ĉharacters & Co"}
	vlieland := contracts.AlertContract{ID: 40, Organization: "GM0096", OrganizationName: "Vlieland",
		Number: "VL-2024-02", Title: "Kantoorsoftware", VendorID: 6, VendorName: "Leverancier B.V."}
	return exports.CalendarFeed{
		Name:    "Samenkoop: contractdeadlines Nuenen, Gerwen en Nederwetten",
		Stamp:   time.Date(2026, 11, 22, 0, 0, 0, 0, contracts.Amsterdam),
		BaseURL: "https://samenkoop.example.nl/",
		Alerts: []contracts.Alert{
			{Kind: contracts.AlertNotice, Date: date(2026, 11, 22), Missed: true, Deadline: date(2026, 10, 31), End: date(2028, 1, 31), Contract: nuenen},
			{Kind: contracts.AlertNotice, Date: date(2026, 10, 31), End: date(2027, 1, 31), Renewal: date(2028, 1, 31), Contract: nuenen, Period: 1},
			{Kind: contracts.AlertAction, Date: date(2026, 12, 1), Deadline: date(2026, 12, 31), DeadlineKind: contracts.AlertNotice,
				End: date(2027, 3, 31), Renewal: date(2028, 3, 31), Contract: sudwest, Period: 5},
			{Kind: contracts.AlertNotice, Date: date(2026, 12, 31), End: date(2027, 3, 31), Renewal: date(2028, 3, 31), Contract: sudwest, Period: 5},
			{Kind: contracts.AlertOption, Date: date(2027, 6, 30), End: date(2027, 12, 31), Renewal: date(2028, 12, 31), Contract: haag},
			{Kind: contracts.AlertExpiry, Date: date(2028, 12, 31), End: date(2028, 12, 31), Contract: haag},
			// DESIGN §4: the action date passed, the deadline has not: the
			// deadline's event says start now.
			{Kind: contracts.AlertNotice, Date: date(2026, 11, 30), Overdue: true, Action: date(2026, 10, 31),
				End: date(2027, 2, 28), Renewal: date(2028, 2, 29), Contract: vlieland},
			// An indefinite contract: notice by the deadline ends it at the
			// initial end; otherwise its earliest end moves on.
			{Kind: contracts.AlertNotice, Date: date(2027, 3, 31), Indefinite: true, End: date(2027, 6, 30), Renewal: date(2027, 7, 31), Contract: vlieland, Period: 1},
		},
	}
}

func calendarBytes(t *testing.T, cal exports.CalendarFeed) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.Calendar(&buf, cal); err != nil {
		t.Fatalf("Calendar: %v", err)
	}
	return buf.Bytes()
}

// TestCalendarGolden compares the feed byte for byte (STYLE §11:
// iCalendar is a byte golden); run with -update to rewrite it.
func TestCalendarGolden(t *testing.T) {
	got := calendarBytes(t, feedFixture())
	path := filepath.Join("testdata", "calendar.ics.golden")
	if updateGolden() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./exports -run TestCalendarGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Calendar output differs from %s (run with -update after checking):\n%s", path, got)
	}
	if again := calendarBytes(t, feedFixture()); !bytes.Equal(got, again) {
		t.Error("Calendar is not deterministic: two runs on the same data differ")
	}
}

// TestCalendarContentLines checks RFC 5545 §3.1 on every physical line:
// CRLF endings, at most 75 octets, and folds that never split a UTF-8
// character.
func TestCalendarContentLines(t *testing.T) {
	out := string(calendarBytes(t, feedFixture()))
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatal("output does not end with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, want at most 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8 on its own (a fold split a character): %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded; the fixture should need folding")
	}
}

// TestCalendarFoldsBetweenCharacters: where the 75th octet falls inside a
// two-octet letter, the fold comes before the letter.
func TestCalendarFoldsBetweenCharacters(t *testing.T) {
	name := strings.Repeat("a", 61) + strings.Repeat("é", 40) // "X-WR-CALNAME:" is 13 octets: é starts at octet 75
	out := string(calendarBytes(t, exports.CalendarFeed{Name: name}))
	var calname []string
	for _, l := range strings.Split(out, "\r\n") {
		if strings.HasPrefix(l, "X-WR-CALNAME:") || len(calname) > 0 && strings.HasPrefix(l, " ") {
			calname = append(calname, l)
		} else if len(calname) > 0 {
			break
		}
	}
	if len(calname) < 2 || len(calname[0]) != 74 {
		t.Fatalf("X-WR-CALNAME lines = %q, want a first line of 74 octets", calname)
	}
	unfolded := calname[0]
	for _, l := range calname[1:] {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("continuation %q: %d octets, valid UTF-8 %v", l, len(l), utf8.ValidString(l))
		}
		unfolded += l[1:]
	}
	if unfolded != "X-WR-CALNAME:"+name {
		t.Errorf("unfolded = %q, want the name back", unfolded)
	}
}

// TestCalendarParses reads the feed back with a real iCalendar parser
// (github.com/arran4/golang-ical) and checks every event: all-day dates,
// UIDs that name the deadline and not its date, SEQUENCE from the
// contract's revision, and names with commas, semicolons and non-ASCII letters
// that survive escaping and folding.
func TestCalendarParses(t *testing.T) {
	fx := feedFixture()
	cal, err := ics.ParseCalendar(bytes.NewReader(calendarBytes(t, fx)))
	if err != nil {
		t.Fatalf("ParseCalendar: %v", err)
	}
	prop := func(cb *ics.ComponentBase, p ics.ComponentProperty) *ics.IANAProperty { return cb.GetProperty(p) }
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "X-WR-CALNAME" && p.Value != fx.Name {
			t.Errorf("X-WR-CALNAME = %q, want %q", p.Value, fx.Name)
		}
	}
	type want struct {
		uid, sequence, start, summary, descriptionStart string
	}
	wants := []want{
		{"contract-12-period-1-notice@samenkoop", "0", "20261031", "Uiterste opzegdatum: Telefonie; vast en mobiel (KPN B.V., Nuenen, Gerwen en Nederwetten)",
			"Opzeggen uiterlijk 31-10-2026, anders verlengt het contract tot 31-01-2028."},
		{"contract-7-period-5-action@samenkoop", "3", "20261201", "Actiedatum: " + fx.Alerts[2].Contract.Title + " (Centric Netherlands B.V., Súdwest-Fryslân)",
			"Actiedatum: start de besluitvorming over opzeggen (uiterlijk 31-12-2026)."},
		{"contract-7-period-5-notice@samenkoop", "3", "20261231", "Uiterste opzegdatum: " + fx.Alerts[2].Contract.Title + " (Centric Netherlands B.V., Súdwest-Fryslân)",
			"Opzeggen uiterlijk 31-12-2026, anders verlengt het contract tot 31-03-2028."},
		{"contract-31-period-0-option@samenkoop", "0", "20270630", "Besluit verlengingsoptie: Werkplekken\nen beheer (Ŝtrange Ĉharacters & Co, 's-Gravenhage)",
			"Optie verlengen: besluit uiterlijk 30-06-2027; verlengd loopt het contract tot 31-12-2028, anders eindigt het op 31-12-2027."},
		{"contract-31-expiry@samenkoop", "0", "20281231", "Contract verloopt: Werkplekken\nen beheer (Ŝtrange Ĉharacters & Co, 's-Gravenhage)",
			"Verloopt op 31-12-2028."},
		{"contract-40-period-0-notice@samenkoop", "0", "20261130", "Begin nu – Uiterste opzegdatum: Kantoorsoftware (Leverancier B.V., Vlieland)",
			"Begin nu: de actiedatum 31-10-2026 is verstreken. Opzeggen uiterlijk 30-11-2026, anders verlengt het contract tot 29-02-2028."},
		{"contract-40-period-1-notice@samenkoop", "0", "20270331", "Uiterste opzegdatum: Kantoorsoftware (Leverancier B.V., Vlieland)",
			"Opzeggen uiterlijk 31-03-2027 om te eindigen op 30-06-2027; daarna loopt het contract voor onbepaalde tijd door (vroegste einde dan 31-07-2027)."},
	}
	events := cal.Events()
	if len(events) != len(wants) {
		t.Fatalf("%d events, want %d (the missed-notice alert is no event)", len(events), len(wants))
	}
	for i, ev := range events {
		w := wants[i]
		if got := prop(&ev.ComponentBase, ics.ComponentPropertyUniqueId).Value; got != w.uid {
			t.Errorf("event %d UID = %q, want %q", i, got, w.uid)
		}
		if got := prop(&ev.ComponentBase, ics.ComponentPropertySequence); got == nil || got.Value != w.sequence {
			t.Errorf("event %d SEQUENCE = %v, want %s (the contract's revision)", i, got, w.sequence)
		}
		start := prop(&ev.ComponentBase, ics.ComponentPropertyDtStart)
		if start.Value != w.start || len(start.ICalParameters["VALUE"]) != 1 || start.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("event %d DTSTART = %q %v, want %s as VALUE=DATE", i, start.Value, start.ICalParameters, w.start)
		}
		day, err := ev.GetAllDayStartAt()
		if err != nil || day.Format("20060102") != w.start {
			t.Errorf("event %d GetAllDayStartAt = %v, %v; want %s", i, day, err, w.start)
		}
		if got := prop(&ev.ComponentBase, ics.ComponentPropertySummary).Value; got != w.summary {
			t.Errorf("event %d SUMMARY = %q, want %q", i, got, w.summary)
		}
		desc := prop(&ev.ComponentBase, ics.ComponentPropertyDescription).Value
		if !strings.HasPrefix(desc, w.descriptionStart+"\n") {
			t.Errorf("event %d DESCRIPTION = %q, want it to start with %q", i, desc, w.descriptionStart)
		}
		if stamp := prop(&ev.ComponentBase, ics.ComponentPropertyDtstamp).Value; stamp != "20261121T230000Z" {
			t.Errorf("event %d DTSTAMP = %q, want the data's day, midnight in Amsterdam, in UTC", i, stamp)
		}
	}
	if url := prop(&events[0].ComponentBase, ics.ComponentPropertyUrl).Value; url != "https://samenkoop.example.nl/contracten/12" {
		t.Errorf("URL = %q, want the contract page", url)
	}
}

func TestAlertText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    contracts.Alert
		want string
	}{
		{"DESIGN §4: notice deadline, the last day still in time", contracts.Alert{Kind: contracts.AlertNotice, Date: date(2025, 10, 31), End: date(2026, 1, 31), Renewal: date(2027, 1, 31)},
			"Opzeggen uiterlijk 31-10-2025, anders verlengt het contract tot 31-01-2027"},
		{"DESIGN §4: the alert says the deadline was missed", contracts.Alert{Kind: contracts.AlertNotice, Missed: true, Date: date(2025, 11, 3), Deadline: date(2025, 10, 31), End: date(2027, 1, 31)},
			"Opzegtermijn gemist: verlengd tot 31-01-2027 (uiterste opzegdatum was 31-10-2025)"},
		{"GLPI #12620: action date before a notice deadline", contracts.Alert{Kind: contracts.AlertAction, Date: date(2025, 10, 1), Deadline: date(2025, 10, 31), DeadlineKind: contracts.AlertNotice},
			"Actiedatum: start de besluitvorming over opzeggen (uiterlijk 31-10-2025)"},
		{"action date before an option decision", contracts.Alert{Kind: contracts.AlertAction, Date: date(2025, 6, 16), Deadline: date(2025, 6, 30), DeadlineKind: contracts.AlertOption},
			"Actiedatum: start de besluitvorming over de verlengingsoptie (besluit uiterlijk 30-06-2025)"},
		{"express option", contracts.Alert{Kind: contracts.AlertOption, Date: date(2025, 6, 30), End: date(2025, 12, 31), Renewal: date(2026, 12, 31)},
			"Optie verlengen: besluit uiterlijk 30-06-2025; verlengd loopt het contract tot 31-12-2026, anders eindigt het op 31-12-2025"},
		{"expiry", contracts.Alert{Kind: contracts.AlertExpiry, Date: date(2027, 12, 31), End: date(2027, 12, 31)}, "Verloopt op 31-12-2027"},
		{"DESIGN §4: overdue action, start now", contracts.Alert{Kind: contracts.AlertAction, Overdue: true, Date: date(2025, 10, 2), Action: date(2025, 10, 1),
			Deadline: date(2025, 10, 31), DeadlineKind: contracts.AlertNotice},
			"Begin nu: de actiedatum 01-10-2025 is verstreken; opzeggen uiterlijk 31-10-2025"},
		{"DESIGN §4: overdue action on an option, start now", contracts.Alert{Kind: contracts.AlertAction, Overdue: true, Date: date(2025, 6, 20), Action: date(2025, 6, 16),
			Deadline: date(2025, 6, 30), DeadlineKind: contracts.AlertOption},
			"Begin nu: de actiedatum 16-06-2025 is verstreken; besluit over de verlengingsoptie uiterlijk 30-06-2025"},
		{"DESIGN §4: a calendar deadline whose action date passed", contracts.Alert{Kind: contracts.AlertNotice, Overdue: true, Date: date(2025, 10, 31), Action: date(2025, 10, 1),
			End: date(2026, 1, 31), Renewal: date(2027, 1, 31)},
			"Begin nu: de actiedatum 01-10-2025 is verstreken. Opzeggen uiterlijk 31-10-2025, anders verlengt het contract tot 31-01-2027"},
		{"DESIGN §4: indefinite continuation", contracts.Alert{Kind: contracts.AlertNotice, Indefinite: true, Date: date(2025, 10, 31), End: date(2026, 1, 31), Renewal: date(2026, 2, 28)},
			"Opzeggen uiterlijk 31-10-2025 om te eindigen op 31-01-2026; daarna loopt het contract voor onbepaalde tijd door (vroegste einde dan 28-02-2026)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := exports.AlertText(tt.a); got != tt.want {
				t.Errorf("AlertText(%s %s) = %q, want %q", tt.a.Kind, tt.a.Date, got, tt.want)
			}
		})
	}
}
