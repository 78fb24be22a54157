package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// fetchFeedIf fetches the feed at path with the request headers given as
// name, value pairs.
func fetchFeedIf(t *testing.T, ta testApp, path string, headers ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return send(t, ta, req)
}

// feedEvent is one event of a feed: its date and SEQUENCE.
type feedEvent struct{ start, sequence string }

func feedEvents(t *testing.T, body string) map[string]feedEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the feed does not parse: %v", err)
	}
	out := map[string]feedEvent{}
	for _, ev := range cal.Events() {
		if _, dup := out[ev.Id()]; dup {
			t.Errorf("two events have UID %s", ev.Id())
		}
		seq := ev.GetProperty(ics.ComponentPropertySequence)
		if seq == nil {
			t.Fatalf("event %s has no SEQUENCE", ev.Id())
		}
		out[ev.Id()] = feedEvent{ev.GetProperty(ics.ComponentPropertyDtStart).Value, seq.Value}
	}
	return out
}

// TestCalendarFeedRevalidates: calendar apps poll the feed every few
// hours. The same data gives the same strong ETag and Last-Modified, and
// a client holding that copy gets 304 without a body, by If-None-Match or
// If-Modified-Since; changed data gives a new tag and a later date.
func TestCalendarFeedRevalidates(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	fx := seedAlerts(t, ta)
	path := createFeed(t, ta, "member")

	resp, body := fetchFeedIf(t, ta, path)
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if resp.StatusCode != 200 || len(etag) != 34 || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
		t.Fatalf("GET feed = %d, ETag %q; want 200 with a strong tag of 32 hex digits", resp.StatusCode, etag)
	}
	lm, err := http.ParseTime(modified)
	if err != nil {
		t.Fatalf("Last-Modified %q: %v", modified, err)
	}
	again, body2 := fetchFeedIf(t, ta, path)
	if again.Header.Get("ETag") != etag || again.Header.Get("Last-Modified") != modified || body2 != body {
		t.Errorf("the same data served twice: ETag %q then %q, Last-Modified %q then %q; want them equal",
			etag, again.Header.Get("ETag"), modified, again.Header.Get("Last-Modified"))
	}

	for _, tc := range []struct {
		name    string
		headers []string
		want    int
	}{
		{"If-None-Match with the tag", []string{"If-None-Match", etag}, 304},
		{"If-None-Match among others, weak", []string{"If-None-Match", `"0123", W/` + etag}, 304},
		{"If-None-Match *", []string{"If-None-Match", "*"}, 304},
		{"If-None-Match with another tag", []string{"If-None-Match", `"0123456789abcdef0123456789abcdef"`}, 200},
		{"If-None-Match wins over If-Modified-Since", []string{"If-None-Match", `"x"`, "If-Modified-Since", modified}, 200},
		{"If-Modified-Since the Last-Modified", []string{"If-Modified-Since", modified}, 304},
		{"If-Modified-Since later", []string{"If-Modified-Since", lm.Add(time.Hour).Format(http.TimeFormat)}, 304},
		{"If-Modified-Since a second earlier", []string{"If-Modified-Since", lm.Add(-time.Second).Format(http.TimeFormat)}, 200},
		{"If-Modified-Since not a date", []string{"If-Modified-Since", "gisteren"}, 200},
	} {
		resp, b := fetchFeedIf(t, ta, path, tc.headers...)
		if resp.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, resp.StatusCode, tc.want)
			continue
		}
		if tc.want == 304 && (b != "" || resp.Header.Get("ETag") != etag || resp.Header.Get("Last-Modified") != modified) {
			t.Errorf("%s: 304 with a %d-byte body, ETag %q, Last-Modified %q; want no body and the validators",
				tc.name, len(b), resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"))
		}
		if tc.want == 200 && b != body {
			t.Errorf("%s: 200 without the feed", tc.name)
		}
	}

	// The notice contract's lead time grows from 14 to 21 days: its
	// action date moves a week earlier.
	before := feedEvents(t, body)
	action := fmt.Sprintf("contract-%d-period-0-action@samenkoop", fx.notice)
	notice := fmt.Sprintf("contract-%d-period-0-notice@samenkoop", fx.notice)
	if before[action] != (feedEvent{"20261116", "0"}) || before[notice] != (feedEvent{"20261130", "0"}) {
		t.Fatalf("before the change: action %v, notice %v; want 16 and 30 November, SEQUENCE 0", before[action], before[notice])
	}
	patch, b := ta.doAs(t, "member", "PATCH", fmt.Sprintf("/api/v1/contracts/%d", fx.notice), strings.NewReader(`{"leadDays":21}`), "application/json")
	if patch.StatusCode != 200 {
		t.Fatalf("PATCH leadDays = %d %s", patch.StatusCode, b)
	}
	changed, body3 := fetchFeedIf(t, ta, path, "If-None-Match", etag, "If-Modified-Since", modified)
	if changed.StatusCode != 200 || changed.Header.Get("ETag") == etag {
		t.Fatalf("after the change: %d, ETag %q; want 200 with a new tag", changed.StatusCode, changed.Header.Get("ETag"))
	}
	if lm2, err := http.ParseTime(changed.Header.Get("Last-Modified")); err != nil || !lm2.After(lm) {
		t.Errorf("after the change Last-Modified %q, want later than %q", changed.Header.Get("Last-Modified"), modified)
	}
	if resp, _ := fetchFeedIf(t, ta, path, "If-Modified-Since", modified); resp.StatusCode != 200 {
		t.Errorf("If-Modified-Since the old copy's date after the change = %d, want 200", resp.StatusCode)
	}
	after := feedEvents(t, body3)
	if got := after[action]; got.start != "20261109" || got.sequence != "1" {
		t.Errorf("the moved action date: %+v; want the same UID on 9 November with SEQUENCE 1, up from 0", got)
	}
	if got := after[notice]; got.start != "20261130" || got.sequence != "1" {
		t.Errorf("the notice deadline: %+v; want it on 30 November, SEQUENCE 1 (the contract changed)", got)
	}
	if len(after) != len(before) {
		t.Errorf("the feed has %d events after the change, %d before: a moved date is the same event", len(after), len(before))
	}
}
