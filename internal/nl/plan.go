package nl

import (
	"fmt"

	"github.com/samenkoop/samenkoop/procurement"
)

// Assumed is an assumption of a plan or a suggestion, worded: what it is,
// its value and where the value comes from.
type Assumed struct {
	Name, Value, Source string
}

// Assumption words an assumption a plan or a suggestion rests on
// (procurement.Assumption): "Voorbereiding", "120 dagen",
// "planningsaanname, instelbaar".
func Assumption(a procurement.Assumption) Assumed {
	switch a.Key {
	case procurement.AssumeFrameworkTerm:
		return Assumed{"Raamovereenkomst", "looptijd " + Months(a.Months) + " inclusief opties", "Aw 2012 art. 2.140: maximaal 48 maanden tenzij gemotiveerd"}
	case procurement.AssumeMustShare:
		return Assumed{"Grens consolidatie must", Percent(a.BasisPoints) + " van het volume", "afspraak van de samenwerking, instelbaar"}
	case procurement.AssumePreparation:
		return Assumed{"Voorbereiding", Days(a.Days), "planningsaanname, instelbaar"}
	case procurement.AssumeEvaluation:
		return Assumed{"Beoordeling", Days(a.Days), "planningsaanname, instelbaar"}
	case procurement.AssumeImplementation:
		return Assumed{"Implementatie", Days(a.Days), "planningsaanname, instelbaar"}
	case procurement.AssumeSelection:
		return Assumed{"Selectie", Days(a.Days), "planningsaanname, instelbaar"}
	case procurement.AssumePolicyBands:
		return Assumed{"Inkoopbeleid penvoerder", PolicyBandsAssumption(a.Band), "standaard, per organisatie instelbaar"}
	case procurement.AssumeTimeLimits:
		return Assumed{"Termijnen", timeLimitsAssumption(a.Procedure), "planningsaanname"}
	case procurement.AssumeBundleTerm:
		term := Months(a.Months)
		if a.Options > 0 {
			term += fmt.Sprintf(" + %d × %s optie", a.Options, Months(a.OptionMonths))
		}
		return Assumed{"Looptijd en opties", term + " (raamovereenkomst)", "aanname bundelaar, instelbaar; Aw 2012 art. 2.140: maximaal 48 maanden"}
	case procurement.AssumeWindow:
		return Assumed{"Venster", "benodigde starts binnen " + Months(a.Months) + " in één aanbesteding", "afspraak van de samenwerking, instelbaar"}
	case procurement.AssumeHorizon:
		return Assumed{"Vooruitkijken", Months(a.Months) + " vanaf vandaag", "aanname bundelaar, instelbaar"}
	case procurement.AssumeTenderCost:
		return Assumed{"Transactiekosten per aanbesteding", Money(a.Money), "aanname, instelbaar"}
	case procurement.AssumeParticipantCost:
		return Assumed{"Kosten per deelnemer aan een gezamenlijke aanbesteding", Money(a.Money), "aanname, instelbaar"}
	case procurement.AssumeVolumeDiscount:
		return Assumed{"Volumekorting", Percent(a.BasisPoints) + " op de jaarwaarde, over de initiële looptijd", "aanname, instelbaar"}
	case procurement.AssumeContractKind:
		return Assumed{"Soort opdracht", "diensten zonder totaalprijs, elektronische inschrijving, documenten volledig online", "aanname bundelaar"}
	}
	return Assumed{Name: string(a.Key)}
}

// Assumptions words every assumption of as, in order.
func Assumptions(as []procurement.Assumption) []Assumed {
	out := make([]Assumed, len(as))
	for i, a := range as {
		out[i] = Assumption(a)
	}
	return out
}

// timeLimitsAssumption says which periods a timeline takes for a
// procedure that has none of its own.
func timeLimitsAssumption(p procurement.Procedure) string {
	switch p {
	case procurement.ProcedureCompetitiveNegotiation, procurement.ProcedureCompetitiveDialogue:
		return "de planning gebruikt de termijnen van de niet-openbare procedure voor de selectiefase en inschrijving; onderhandelingsrondes komen daarbij"
	case procurement.ProcedureLight:
		return "verlicht regime: geen wettelijke minimumtermijn voor inschrijving; de planning hanteert een redelijke termijn gelijk aan die van de openbare procedure (Aw 2012 art. 2.38–2.39); de opschortende termijn geldt wel"
	case "":
		return "nog geen procedure bepaald (de raming is onvolledig); de planning hanteert voorlopig de termijnen van de Europese openbare procedure"
	}
	return "onder de drempel gelden geen wettelijke minimumtermijnen; de planning hanteert die van de openbare procedure"
}

// RunOnDay describes the day a statutory period would have ended and ran
// on from (procurement.RunOn): its weekday and date, with the holiday's
// name when it is one: "zondag 27-12-2026", "dinsdag 27-04-2027
// (Koningsdag)".
func RunOnDay(ro procurement.RunOn) string {
	day := WeekdayDate(ro.From)
	if name := Holiday(ro.Off); name != "" {
		day += " (" + name + ")"
	}
	return day
}
