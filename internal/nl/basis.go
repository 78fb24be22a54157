package nl

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// bases is the Dutch text of every kind of legal basis (apperr.Basis) whose
// text is a template; basisRenderers writes the others. A basis is a
// clause without a final stop: the timeline writes it beside the date,
// and a warning quotes it between brackets.
var bases = map[apperr.Code]string{
	apperr.BasisPublication:              "Aw 2012 art. 2.71–2.74a: termijnen lopen vanaf verzending van de aankondiging",
	apperr.BasisPreparation:              "uiterlijke start: %d dagen voorbereiding voor publicatie (planningsaanname)",
	apperr.BasisPlanning:                 "planningsaanname (geen wettelijke termijn)",
	apperr.BasisOpen:                     "Aw 2012 art. 2.71: %d dagen",
	apperr.BasisOpenElectronic:           "Aw 2012 art. 2.71/2.74a: %d dagen, min %d bij elektronische inschrijving",
	apperr.BasisOpenPIN:                  "PIANOo: %d dagen na vooraankondiging (wettelijke ondergrens %d dagen, Aw 2012 art. 2.71)",
	apperr.BasisOpenUrgent:               "Aw 2012 art. 2.71–2.74a: minimaal %d dagen bij urgentie",
	apperr.BasisDocumentsNotOnline:       "%s, plus %d omdat de documenten niet volledig online staan (Aw 2012 art. 2.74a)",
	apperr.BasisRestrictedRequests:       "Aw 2012 art. 2.71–2.74a: minimaal %d dagen voor verzoeken tot deelneming",
	apperr.BasisRestrictedRequestsUrgent: "Aw 2012 art. 2.74: minimaal %d dagen voor verzoeken tot deelneming bij urgentie",
	apperr.BasisRestrictedTenders:        "Aw 2012 art. 2.71–2.74a: minimaal %d dagen na uitnodiging",
	apperr.BasisRestrictedElectronic:     "Aw 2012 art. 2.71–2.74a: minimaal %d dagen na uitnodiging (elektronische inschrijving)",
	apperr.BasisRestrictedTendersUrgent:  "Aw 2012 art. 2.74: minimaal %d dagen na uitnodiging bij urgentie",
	apperr.BasisLightPeriod: "planningsaanname: het verlicht regime kent geen wettelijke minimumtermijn (Aw 2012 art. 2.38–2.39); " +
		"%d dagen, de termijn van de openbare procedure bij elektronische inschrijving, als redelijke termijn",
	apperr.BasisLightNoMinimum:         "het verlicht regime kent geen wettelijke minimumtermijn (Aw 2012 art. 2.38–2.39); de termijn moet wel redelijk zijn",
	apperr.BasisClarification:          "PIANOo: laatste nota van inlichtingen uiterlijk %d dagen voor de sluitingstermijn",
	apperr.BasisSelectionClarification: "PIANOo: laatste nota van inlichtingen in de selectiefase uiterlijk %d dagen voor de sluitingstermijn",
	apperr.BasisStandstill:             "Aw 2012 art. 2.127: opschortende termijn van %d kalenderdagen, beginnend de dag na verzending van de gunningsbeslissing",
	apperr.BasisNoStandstill:           "Aw 2012 art. 2.127: geen opschortende termijn voor een nadere overeenkomst onder een raamovereenkomst",
	apperr.BasisSignature:              "Aw 2012 art. 2.127: eerste dag na de opschortende termijn",
	apperr.BasisAwardNotice: "Aw 2012 art. 2.39: aankondiging van de gegunde opdracht; aanname: de aankondigingen worden per kwartaal gebundeld " +
		"en uiterlijk 30 dagen na het einde van het kwartaal waarin de overeenkomst is gesloten verzonden (Richtlijn 2014/24/EU art. 75 lid 2); " +
		"de planning houdt de 30e dag aan",
	apperr.BasisChosenDeadline: "gekozen sluitingstermijn; vroegst toegestaan %s (%s)",
	apperr.BasisDecisionSent:   "verzonden gunningsbeslissing",
	apperr.BasisNeededStart:    "benodigde start van de deelnemers",
}

// basisRenderers write the bases whose Dutch needs more than a template:
// a period that runs on names the weekdays and the holiday. (Set in init:
// the run-on renders the basis it extends through Message.)
var basisRenderers map[apperr.Code]func(args []any) string

func init() {
	basisRenderers = map[apperr.Code]func(args []any) string{apperr.BasisRunOn: runOn}
}

// runOn is a period that ran on past a day off: its basis, the day it
// would have ended and the working day it ends on.
func runOn(args []any) string {
	off, _ := msgAt(args, 2).(string)
	day := basisWeekdayDate(msgAt(args, 1))
	if name := Holiday(contracts.DayOff(off)); name != "" {
		day += " (" + name + ")"
	}
	return fmt.Sprintf("%s; eindigt op %s; loopt door tot %s (Algemene termijnenwet art. 1)",
		msgArg(msgAt(args, 0)), day, basisWeekdayDate(msgAt(args, 3)))
}

// Basis returns the Dutch text of the legal basis b: "Aw 2012 art. 2.71:
// 45 dagen", "Aw 2012 art. 2.127: opschortende termijn van 20
// kalenderdagen, …; eindigt op zondag 27-12-2026; loopt door tot maandag
// 28-12-2026 (Algemene termijnenwet art. 1)". A basis without a kind is
// empty.
func Basis(b apperr.Basis) string {
	if b.Kind == "" {
		return ""
	}
	return Message(b.Kind, b.Args...)
}

// basisWeekdayDate writes a date argument with its weekday: zondag
// 27-12-2026. A value that is no date is written as a message writes it.
func basisWeekdayDate(a any) string {
	if day, ok := a.(apperr.Day); ok {
		if d, err := contracts.ParseDate(string(day)); err == nil {
			return WeekdayDate(d)
		}
	}
	return fmt.Sprint(msgArg(a))
}
