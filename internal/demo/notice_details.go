package demo

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// What the demo's organizations and tenders state in a European notice.
// The addresses, OINs and contact points are invented: plausible in form
// (a Dutch postcode, an OIN of the municipalities' form 00000001 + nine
// digits + 000), never those of the real body of the same name. The legal
// type and main activity are left to the defaults of the kind
// (contracts.Organization.Effective), but for the other bodies, whose kind
// implies none; the NUTS code is the NUTS 3 region (demoNUTS3), which the
// province's default does not give.

// demoDetails returns the invented notice details of o, the same for the
// same code on every run.
func demoDetails(o contracts.Organization) contracts.OrgDetails {
	h := fnv.New64a()
	h.Write([]byte(o.Code))
	rng := rand.New(rand.NewPCG(h.Sum64(), 11))
	slug := slugOf(o.Name)
	letters := "ABCDEFGHJKLMNPRSTVWXZ"
	city := o.Name
	if o.Kind != contracts.KindMunicipality {
		city = ""
	}
	d := contracts.OrgDetails{
		Street:   fmt.Sprintf("%s %d", demoStreets[rng.IntN(len(demoStreets))], 1+rng.IntN(120)),
		Postcode: fmt.Sprintf("%04d %c%c", 1000+rng.IntN(8999), letters[rng.IntN(len(letters))], letters[rng.IntN(len(letters))]),
		City:     city,
		NUTS:     demoNUTS3(o),
		OIN:      fmt.Sprintf("00000001%09d000", rng.IntN(1_000_000_000)),
		Email:    "inkoop@" + slug + ".nl",
		URL:      "https://www." + slug + ".nl",
	}
	if d.City == "" {
		d.City = demoSeats[rng.IntN(len(demoSeats))]
	}
	if contracts.DefaultLegalType(o.Kind) == "" {
		// The other bodies are municipal companies (a parking or sports
		// company): public undertakings controlled by local authorities.
		d.LegalType, d.MainActivity = "pub-undert-la", contracts.ActivityGeneral
	}
	return d
}

var (
	demoStreets = []string{"Stadhuisplein", "Raadhuisstraat", "Markt", "Burgemeester de Withstraat", "Kerkplein", "Provinciehuisweg"}
	demoSeats   = []string{"Zwolle", "Utrecht", "Arnhem", "Assen", "Leeuwarden", "Groningen", "Middelburg", "Maastricht"}
)

// accents folds the accented letters of Dutch and Frisian place names.
var accents = strings.NewReplacer("â", "a", "á", "a", "ä", "a", "ê", "e", "é", "e", "ë", "e", "è", "e", "ï", "i", "í", "i",
	"ô", "o", "ó", "o", "ö", "o", "û", "u", "ú", "u", "ü", "u")

// slugOf makes a name a host name: lower case, accents dropped, other
// characters dashes ('s-Hertogenbosch: s-hertogenbosch).
func slugOf(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range accents.Replace(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// demoReviewID is the invented OIN of the default review body
// (procurement.DefaultReviewBody) in the demo's tenders.
const demoReviewID = "00000001003214345000"

// withNoticeDetails gives a demo tender the internet address of its
// documents on TenderNed's form and the review body's OIN.
func withNoticeDetails(t procurement.Tender, n int) procurement.Tender {
	t.DocumentsURL = fmt.Sprintf("https://www.tenderned.nl/aankondigingen/overzicht/%d/documenten", 420000+n)
	t.ReviewID = demoReviewID
	return t
}

// trainingTender is a tender under the light regime for social and other
// specific services (Aw 2012 art. 2.38): staff training and e-learning
// in digital skills (CPV 80511000-9 and 80420000-4, both services of
// Annex XIV of Directive 2014/24/EU), for the eight largest municipalities,
// every mandate signed, its contract notice planned three months on.
func (g *generator) trainingTender(rng *rand.Rand, today contracts.Date) (newTender, bool) {
	munis := slices.Clone(g.orgs[contracts.KindMunicipality])
	if len(munis) < 2 {
		return newTender{}, false
	}
	slices.SortStableFunc(munis, func(a, b contracts.Organization) int { return b.Population - a.Population })
	munis = munis[:min(8, len(munis))]
	nt := newTender{
		tender: withNoticeDetails(procurement.Tender{
			Title: "Opleidingen digitale vaardigheden medewerkers",
			Description: "Gezamenlijke inkoop van trainingen en e-learning in digitale vaardigheden en informatieveiligheid " +
				"voor medewerkers, onder het verlichte regime voor sociale en andere specifieke diensten.",
			CategoryName: "ICT-advies en -ondersteuning", CPV: "80511000-9", Lead: munis[0].Code, Kind: procurement.KindSocial,
			Framework: true, TermMonths: 36, Options: []procurement.Option{{Months: 12}},
			Electronic: true, DocumentsOnline: true,
			Publication: firstOfMonth(today).AddMonths(3),
			Status:      procurement.TenderMandating,
		}, 4),
		lots: []procurement.Lot{
			{Title: "Klassikale trainingen", CPV: "80511000-9", Unit: "deelnemersdagen", UnitPrice: 45_000},
			{Title: "E-learning", CPV: "80420000-4", Unit: "licenties", UnitPrice: 6_000},
		},
	}
	for _, o := range munis {
		joined := today.AddDays(-between(rng, 30, 90))
		days := int64(max(20, staffOf(o)/10))
		licences := int64(max(50, staffOf(o)/2))
		nt.participants = append(nt.participants, procurement.Participant{
			Organization: o.Code, Joined: joined,
			Volumes: []procurement.LotVolume{
				{LotID: 1, Quantity: days, Annual: contracts.Money(days) * nt.lots[0].UnitPrice},
				{LotID: 2, Quantity: licences, Annual: contracts.Money(licences) * nt.lots[1].UnitPrice},
			},
			Mandate: procurement.Mandate{Status: procurement.MandateSigned, Requested: joined, Signed: joined.AddDays(14),
				Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true, Litigation: true}},
			Name: o.Name, Kind: o.Kind, Province: o.Province, Population: o.Population,
		})
	}
	return nt, true
}
