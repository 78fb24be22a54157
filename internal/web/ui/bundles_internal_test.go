package ui

import (
	"fmt"
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestBundleLeadsListed: the lead choice of a suggestion's page offers the
// suggested leads (the cooperation of most participants, the largest
// participant, the user's own organization, the cooperations) and the
// participants that page lists; those of other pages are left to their
// page, so that a bundle of thousands stays one page of the bundler
// (issue 15). With every participant listed, as on the lead page, every
// participant is a choice.
func TestBundleLeadsListed(t *testing.T) {
	t.Parallel()
	s := procurement.Suggestion{Cooperations: []procurement.CooperationShare{{Code: "COOP-ICT", Name: "Coöperatie ICT", Participants: 250}}}
	for i := range 250 {
		p := procurement.BundleParticipant{Candidate: procurement.Candidate{Organization: fmt.Sprintf("GM%04d", i+1), Name: fmt.Sprintf("Gemeente %d", i+1)}}
		p.Volumes = []procurement.LotVolume{{LotID: 1, Annual: contracts.Money(1000 + i)}}
		if i == 200 {
			p.Volumes[0].Annual = 1_000_000
		}
		s.Participants = append(s.Participants, p)
	}
	user := &auth.User{Role: auth.RoleCoordinator, Organization: "GM0250"}
	values := func(opts []option) []string {
		var out []string
		for _, o := range opts {
			out = append(out, o.Value)
		}
		return out
	}

	second := values(bundleLeads(s, s.Participants[100:200], user))
	want := []string{"", "COOP-ICT", "GM0201", "GM0250"}
	for i := 101; i <= 200; i++ {
		want = append(want, fmt.Sprintf("GM%04d", i))
	}
	if !slices.Equal(second, want) {
		t.Errorf("the second page's lead choice = %v,\nwant the suggested leads and GM0101–GM0200: %v", second, want)
	}

	every := values(bundleLeads(s, s.Participants, user))
	if len(every) != 1+250+1 || !slices.Contains(every, "GM0001") || !slices.Contains(every, "GM0249") {
		t.Errorf("with every participant listed the choice has %d options, want the empty one, COOP-ICT and all 250", len(every))
	}
}
