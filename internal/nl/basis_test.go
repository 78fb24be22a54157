package nl

import (
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestBasis: every legal basis of a timeline reads as the timeline, the
// dossier and the deadline warnings have always written it.
func TestBasis(t *testing.T) {
	t.Parallel()
	base := apperr.Base
	day := func(s string) apperr.Day { return apperr.Day(s) }
	electronic := base(apperr.BasisOpenElectronic, 45, 5)
	tests := []struct {
		name string
		b    apperr.Basis
		want string
	}{
		{"the publication", base(apperr.BasisPublication), "Aw 2012 art. 2.71–2.74a: termijnen lopen vanaf verzending van de aankondiging"},
		{"the preparation before it", base(apperr.BasisPreparation, 120), "uiterlijke start: 120 dagen voorbereiding voor publicatie (planningsaanname)"},
		{"a planning assumption", base(apperr.BasisPlanning), "planningsaanname (geen wettelijke termijn)"},
		{"open, paper (Aw 2012 art. 2.71)", base(apperr.BasisOpen, 45), "Aw 2012 art. 2.71: 45 dagen"},
		{"open, electronic (Aw 2012 art. 2.71/2.74a)", electronic, "Aw 2012 art. 2.71/2.74a: 45 dagen, min 5 bij elektronische inschrijving"},
		{"open after a prior information notice (PIANOo)", base(apperr.BasisOpenPIN, 29, 22),
			"PIANOo: 29 dagen na vooraankondiging (wettelijke ondergrens 22 dagen, Aw 2012 art. 2.71)"},
		{"open in urgency", base(apperr.BasisOpenUrgent, 15), "Aw 2012 art. 2.71–2.74a: minimaal 15 dagen bij urgentie"},
		{"documents not online (Aw 2012 art. 2.74a)", base(apperr.BasisDocumentsNotOnline, electronic, 5),
			"Aw 2012 art. 2.71/2.74a: 45 dagen, min 5 bij elektronische inschrijving, plus 5 omdat de documenten niet volledig online staan (Aw 2012 art. 2.74a)"},
		{"restricted: requests", base(apperr.BasisRestrictedRequests, 30), "Aw 2012 art. 2.71–2.74a: minimaal 30 dagen voor verzoeken tot deelneming"},
		{"restricted: requests in urgency", base(apperr.BasisRestrictedRequestsUrgent, 15),
			"Aw 2012 art. 2.74: minimaal 15 dagen voor verzoeken tot deelneming bij urgentie"},
		{"restricted: tenders", base(apperr.BasisRestrictedTenders, 40), "Aw 2012 art. 2.71–2.74a: minimaal 40 dagen na uitnodiging"},
		{"restricted: electronic tenders", base(apperr.BasisRestrictedElectronic, 35),
			"Aw 2012 art. 2.71–2.74a: minimaal 35 dagen na uitnodiging (elektronische inschrijving)"},
		{"restricted: tenders in urgency", base(apperr.BasisRestrictedTendersUrgent, 10), "Aw 2012 art. 2.74: minimaal 10 dagen na uitnodiging bij urgentie"},
		{"the light regime's assumed period", base(apperr.BasisLightPeriod, 40),
			"planningsaanname: het verlicht regime kent geen wettelijke minimumtermijn (Aw 2012 art. 2.38–2.39); 40 dagen, de termijn van de openbare procedure bij elektronische inschrijving, als redelijke termijn"},
		{"the light regime's earliest deadline", base(apperr.BasisLightNoMinimum),
			"het verlicht regime kent geen wettelijke minimumtermijn (Aw 2012 art. 2.38–2.39); de termijn moet wel redelijk zijn"},
		{"a period that runs on past a Sunday (Atw art. 1)", base(apperr.BasisRunOn, electronic, day("2026-12-13"), "sunday", day("2026-12-14")),
			"Aw 2012 art. 2.71/2.74a: 45 dagen, min 5 bij elektronische inschrijving; eindigt op zondag 13-12-2026; loopt door tot maandag 14-12-2026 (Algemene termijnenwet art. 1)"},
		{"a period that runs on past King's Day (Atw art. 3)", base(apperr.BasisRunOn, base(apperr.BasisStandstill, 20), day("2027-04-27"), "kings_day", day("2027-04-28")),
			"Aw 2012 art. 2.127: opschortende termijn van 20 kalenderdagen, beginnend de dag na verzending van de gunningsbeslissing; eindigt op dinsdag 27-04-2027 (Koningsdag); loopt door tot woensdag 28-04-2027 (Algemene termijnenwet art. 1)"},
		{"a period that runs on past a day made equal by decree (Atw art. 3 lid 3)",
			base(apperr.BasisRunOn, base(apperr.BasisOpen, 45), day("2026-12-24"), "by_decree", day("2026-12-28")),
			"Aw 2012 art. 2.71: 45 dagen; eindigt op donderdag 24-12-2026 (bij besluit gelijkgestelde dag, Algemene termijnenwet art. 3 lid 3); loopt door tot maandag 28-12-2026 (Algemene termijnenwet art. 1)"},
		{"the documents' extension, then the run-on", base(apperr.BasisRunOn, base(apperr.BasisDocumentsNotOnline, base(apperr.BasisOpen, 45), 5),
			day("2026-04-03"), "good_friday", day("2026-04-07")),
			"Aw 2012 art. 2.71: 45 dagen, plus 5 omdat de documenten niet volledig online staan (Aw 2012 art. 2.74a); eindigt op vrijdag 03-04-2026 (Goede Vrijdag); loopt door tot dinsdag 07-04-2026 (Algemene termijnenwet art. 1)"},
		{"the last clarification notice", base(apperr.BasisClarification, 10), "PIANOo: laatste nota van inlichtingen uiterlijk 10 dagen voor de sluitingstermijn"},
		{"the last clarification notice of the selection", base(apperr.BasisSelectionClarification, 6),
			"PIANOo: laatste nota van inlichtingen in de selectiefase uiterlijk 6 dagen voor de sluitingstermijn"},
		{"the standstill (Aw 2012 art. 2.127)", base(apperr.BasisStandstill, 20),
			"Aw 2012 art. 2.127: opschortende termijn van 20 kalenderdagen, beginnend de dag na verzending van de gunningsbeslissing"},
		{"no standstill for a call-off", base(apperr.BasisNoStandstill),
			"Aw 2012 art. 2.127: geen opschortende termijn voor een nadere overeenkomst onder een raamovereenkomst"},
		{"the signature", base(apperr.BasisSignature), "Aw 2012 art. 2.127: eerste dag na de opschortende termijn"},
		{"the light regime's award notice (Aw 2012 art. 2.39)", base(apperr.BasisAwardNotice),
			"Aw 2012 art. 2.39: aankondiging van de gegunde opdracht; aanname: de aankondigingen worden per kwartaal gebundeld en uiterlijk 30 dagen na het einde van het kwartaal waarin de overeenkomst is gesloten verzonden (Richtlijn 2014/24/EU art. 75 lid 2); de planning houdt de 30e dag aan"},
		{"a deadline chosen by hand quotes the earliest and its basis", base(apperr.BasisChosenDeadline, day("2026-12-14"),
			base(apperr.BasisRunOn, electronic, day("2026-12-13"), "sunday", day("2026-12-14"))),
			"gekozen sluitingstermijn; vroegst toegestaan 14-12-2026 (Aw 2012 art. 2.71/2.74a: 45 dagen, min 5 bij elektronische inschrijving; eindigt op zondag 13-12-2026; loopt door tot maandag 14-12-2026 (Algemene termijnenwet art. 1))"},
		{"the award decision actually sent", base(apperr.BasisDecisionSent), "verzonden gunningsbeslissing"},
		{"the participants' needed start", base(apperr.BasisNeededStart), "benodigde start van de deelnemers"},
		{"no basis", apperr.Basis{}, ""},
	}
	for _, tt := range tests {
		if got := Basis(tt.b); got != tt.want {
			t.Errorf("%s: Basis(%+v) =\n%q, want\n%q", tt.name, tt.b, got, tt.want)
		}
	}
}

// TestWarningQuotesBasis: a warning about a deadline too short quotes the
// earliest deadline's basis in Dutch, and its English the English one.
func TestWarningQuotesBasis(t *testing.T) {
	t.Parallel()
	w := apperr.Warn(apperr.WarnDeadlineTooShort, apperr.Day("2026-12-01"), apperr.Day("2026-11-03"), apperr.Day("2026-12-14"),
		apperr.Base(apperr.BasisRunOn, apperr.Base(apperr.BasisOpenElectronic, 45, 5), apperr.Day("2026-12-13"), "sunday", apperr.Day("2026-12-14")))
	if got, want := Warning(w), "de gekozen sluitingstermijn 01-12-2026 is korter dan de minimumtermijn: na publicatie op 03-11-2026 is 14-12-2026 de vroegste sluitingstermijn "+
		"(Aw 2012 art. 2.71/2.74a: 45 dagen, min 5 bij elektronische inschrijving; eindigt op zondag 13-12-2026; loopt door tot maandag 14-12-2026 (Algemene termijnenwet art. 1))"; got != want {
		t.Errorf("Warning() =\n%q, want\n%q", got, want)
	}
	if got, want := w.Message(), "the chosen tender deadline 2026-12-01 is shorter than the minimum period: after publication on 2026-11-03 the earliest deadline is 2026-12-14 "+
		"(Aw 2012 art. 2.71/2.74a: 45 days, less 5 for electronic submission; its last day 2026-12-13 is no working day (sunday), so it runs on to 2026-12-14 (Algemene termijnenwet art. 1))"; got != want {
		t.Errorf("Message() =\n%q, want\n%q", got, want)
	}
}
