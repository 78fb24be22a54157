package exports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// CalendarFeed is what an iCalendar feed of contract deadlines shows:
// loaded values, written by Calendar.
type CalendarFeed struct {
	// Name is the calendar's display name (X-WR-CALNAME).
	Name string
	// Stamp is when the alerts were computed, the DTSTAMP of every event.
	// It comes from the data (the day the dates were computed for), never
	// from the clock at writing, so the same data gives the same bytes.
	Stamp time.Time
	// BaseURL, when set (https://samenkoop.example.nl), links every event
	// to its contract page.
	BaseURL string
	Alerts  []contracts.Alert
}

// Calendar writes cal as an iCalendar object (RFC 5545): one all-day
// VEVENT per alert. Missed-notice alerts are skipped: they are dated
// "today" and would move every day (contracts.CalendarAlerts leaves them
// out already).
//
// An event's UID names the deadline, not its date (eventUID): the
// contract, the alert kind and the contract period the deadline belongs
// to. A deadline that moves because the contract's terms were corrected
// keeps its UID, so a subscribed calendar moves the event instead of
// deleting it and adding another. Its SEQUENCE (§3.8.7.4) is the
// contract's revision, the number of changes made to the contract since
// it was registered (contracts.ContractSummary.Revision): a date only
// moves when the contract changes, and every change raises the number, so
// a moved event always has a higher SEQUENCE than before, whichever way
// the date moved. A SEQUENCE taken from the date itself would fall when a
// deadline moves earlier (a longer notice period), the one move a client
// must not ignore. The revision also rises on changes that leave the date
// alone, which RFC 5545 allows; a text that changes without a change to
// the contract (a vendor renamed, "Begin nu" once the action date passed)
// keeps its SEQUENCE, and the feed, served whole on every refresh,
// carries it.
//
// The events are all-day DATE values (DTSTART;VALUE=DATE), which RFC 5545
// §3.3.4 defines as calendar dates without a time or time zone: a notice
// deadline is a date in Europe/Amsterdam, and a client shows it on that
// date wherever it runs. A VTIMEZONE is needed only for DATE-TIME values
// with a TZID parameter (§3.6.5), which the feed does not use;
// X-WR-TIMEZONE tells clients that read it which zone the dates belong to.
func Calendar(w io.Writer, cal CalendarFeed) error {
	cw := &calendarWriter{w: bufio.NewWriter(w)}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Samenkoop//Contractdeadlines//NL")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:PUBLISH")
	cw.line("X-WR-CALNAME:" + escapeText(cal.Name))
	cw.line("X-WR-CALDESC:" + escapeText("Opzegtermijnen, actiedata, verlengingsopties en einddata van contracten in Samenkoop"))
	cw.line("X-WR-TIMEZONE:Europe/Amsterdam")
	// Ask clients to refresh a few times a day (RFC 7986 and its
	// predecessor that Outlook reads); the dates change at most daily.
	cw.line("REFRESH-INTERVAL;VALUE=DURATION:PT6H")
	cw.line("X-PUBLISHED-TTL:PT6H")
	stamp := cal.Stamp.UTC().Format("20060102T150405Z")
	base := strings.TrimRight(cal.BaseURL, "/")
	for _, a := range cal.Alerts {
		if a.Missed {
			continue
		}
		cw.line("BEGIN:VEVENT")
		cw.line("UID:" + eventUID(a))
		cw.line(fmt.Sprintf("SEQUENCE:%d", a.Contract.Revision))
		cw.line("DTSTAMP:" + stamp)
		cw.line("DTSTART;VALUE=DATE:" + icalDate(a.Date))
		cw.line("DTEND;VALUE=DATE:" + icalDate(a.Date.AddDays(1)))
		cw.line("SUMMARY:" + escapeText(alertSummary(a)))
		cw.line("DESCRIPTION:" + escapeText(alertDescription(a, base)))
		if base != "" {
			cw.line(fmt.Sprintf("URL:%s/contracten/%d", base, a.Contract.ID))
		}
		// A deadline is a reminder, not an appointment: it does not make
		// anyone look busy.
		cw.line("TRANSP:TRANSPARENT")
		cw.line("END:VEVENT")
	}
	cw.line("END:VCALENDAR")
	if cw.err != nil {
		return fmt.Errorf("exports: calendar: %w", cw.err)
	}
	if err := cw.w.Flush(); err != nil {
		return fmt.Errorf("exports: calendar: %w", err)
	}
	return nil
}

// eventUID returns the UID of an alert's event: contract-7-period-2-notice
// for the notice deadline of the third period of contract 7, and
// contract-7-expiry for its expiry, which happens once. A contract has at
// most one alert of a kind per period, and a period's deadline stays that
// period's when its date moves.
func eventUID(a contracts.Alert) string {
	if a.Kind == contracts.AlertExpiry {
		return fmt.Sprintf("contract-%d-%s@samenkoop", a.Contract.ID, a.Kind)
	}
	return fmt.Sprintf("contract-%d-period-%d-%s@samenkoop", a.Contract.ID, a.Period, a.Kind)
}

// AlertText says in Dutch what an alert asks, by when (its Note, through
// nl): the dashboard shows it and the calendar feed describes its events
// with it. A deadline in the calendar whose action date has passed says
// so first.
func AlertText(a contracts.Alert) string {
	if a.Overdue && !a.Missed && a.Kind != contracts.AlertAction {
		return nl.Message(apperr.AlertBeginNow, apperr.Day(a.Action.String())) + ". " + nl.Warning(a.Note())
	}
	return nl.Warning(a.Note())
}

func alertSummary(a contracts.Alert) string {
	c := a.Contract
	label := nl.Capitalize(nl.AlertKind(a.Kind))
	if a.Overdue {
		// The action date passed and this deadline has not (DESIGN §4).
		label = "Begin nu – " + label
	}
	return fmt.Sprintf("%s: %s (%s, %s)", label, c.Title, c.VendorName, c.OrganizationName)
}

func alertDescription(a contracts.Alert, base string) string {
	c := a.Contract
	lines := []string{
		AlertText(a) + ".",
		"Contract " + c.Number + ": " + c.Title,
		"Organisatie: " + c.OrganizationName + " (" + c.Organization + ")",
		"Leverancier: " + c.VendorName,
	}
	if base != "" {
		lines = append(lines, fmt.Sprintf("%s/contracten/%d", base, c.ID))
	}
	return strings.Join(lines, "\n")
}

func icalDate(d contracts.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year(), d.Month(), d.Day())
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and newline; other control characters are not allowed
// in TEXT and are dropped.
func escapeText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\', r == ';', r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// calendarWriter writes content lines with CRLF endings, folded at 75
// octets (RFC 5545 §3.1), keeping the first error.
type calendarWriter struct {
	w   *bufio.Writer
	err error
}

// maxLine is the longest a content line may be, in octets, without its
// CRLF.
const maxLine = 75

// line writes one content line, folded: a continuation starts with a
// space, which counts towards its 75 octets. Folds fall between
// characters, never inside a UTF-8 sequence, so every physical line is
// valid UTF-8 on its own.
func (cw *calendarWriter) line(s string) {
	if cw.err != nil {
		return
	}
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		cw.write(s[:cut])
		cw.write("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	cw.write(s)
	cw.write("\r\n")
}

func (cw *calendarWriter) write(s string) {
	if cw.err == nil {
		_, cw.err = cw.w.WriteString(s)
	}
}
