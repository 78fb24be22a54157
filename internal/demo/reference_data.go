package demo

// municipality is a real municipality as the small demo set writes it.
type municipality struct {
	code     string // CBS code
	name     string // official CBS name
	province string // CBS province code
	// population on 1 January 2025, rounded to the nearest thousand (the
	// very smallest to the nearest hundred, where a thousand would be far
	// off)
	population int
	region     string
}

// smallMunicipalities is the small demo set: public facts from CBS, chosen
// to cover all twelve provinces and all four size classes, with the names
// that trip up naive code (an apostrophe, a comma, a non-ASCII letter) and
// the smallest municipalities. reference_test.go checks it against the CBS
// list when that file is at hand.
var smallMunicipalities = []municipality{
	{"GM0014", "Groningen", "PV20", 244_000, "Regio Groningen-Assen"},
	{"GM1966", "Het Hogeland", "PV20", 48_000, "Regio Groningen-Assen"},
	{"GM0080", "Leeuwarden", "PV21", 127_000, "Noord-Nederland"},
	{"GM1900", "Súdwest-Fryslân", "PV21", 93_000, "Noord-Nederland"},
	{"GM0088", "Schiermonnikoog", "PV21", 1_000, "Noord-Nederland"},
	{"GM0096", "Vlieland", "PV21", 1_200, "Noord-Nederland"},
	{"GM0093", "Terschelling", "PV21", 5_000, "Noord-Nederland"},
	{"GM0114", "Emmen", "PV22", 108_000, "Zuidoost-Drenthe"},
	{"GM0106", "Assen", "PV22", 70_000, "Regio Groningen-Assen"},
	{"GM1680", "Aa en Hunze", "PV22", 26_000, "Regio Groningen-Assen"},
	{"GM0193", "Zwolle", "PV23", 133_000, "Regio Zwolle"},
	{"GM0153", "Enschede", "PV23", 161_000, "Regio Twente"},
	{"GM0175", "Ommen", "PV23", 19_000, "Regio Zwolle"},
	{"GM0034", "Almere", "PV24", 226_000, "Metropoolregio Amsterdam"},
	{"GM0184", "Urk", "PV24", 22_000, "Flevoland"},
	{"GM0303", "Dronten", "PV24", 43_000, "Flevoland"},
	{"GM0202", "Arnhem", "PV25", 167_000, "Regio Arnhem-Nijmegen"},
	{"GM0268", "Nijmegen", "PV25", 184_000, "Regio Arnhem-Nijmegen"},
	{"GM0197", "Aalten", "PV25", 27_000, "Regio Achterhoek"},
	{"GM0301", "Zutphen", "PV25", 49_000, "Regio Stedendriehoek"},
	{"GM0344", "Utrecht", "PV26", 374_000, "Regio Utrecht"},
	{"GM0307", "Amersfoort", "PV26", 161_000, "Regio Amersfoort"},
	{"GM0345", "Veenendaal", "PV26", 69_000, "Regio FoodValley"},
	{"GM0352", "Wijk bij Duurstede", "PV26", 24_000, "Regio Utrecht"},
	{"GM0363", "Amsterdam", "PV27", 935_000, "Metropoolregio Amsterdam"},
	{"GM0392", "Haarlem", "PV27", 166_000, "Metropoolregio Amsterdam"},
	{"GM0441", "Schagen", "PV27", 47_000, "Noord-Holland Noord"},
	{"GM0518", "'s-Gravenhage", "PV28", 567_000, "Metropoolregio Rotterdam Den Haag"},
	{"GM0599", "Rotterdam", "PV28", 671_000, "Metropoolregio Rotterdam Den Haag"},
	{"GM0546", "Leiden", "PV28", 128_000, "Holland Rijnland"},
	{"GM0531", "Hendrik-Ido-Ambacht", "PV28", 32_000, "Drechtsteden"},
	{"GM0687", "Middelburg (Z.)", "PV29", 50_000, "Zeeland"},
	{"GM0678", "Kapelle", "PV29", 13_000, "Zeeland"},
	{"GM0796", "'s-Hertogenbosch", "PV30", 160_000, "Noordoost-Brabant"},
	{"GM0820", "Nuenen, Gerwen en Nederwetten", "PV30", 23_000, "Regio Eindhoven"},
	{"GM0772", "Eindhoven", "PV30", 246_000, "Regio Eindhoven"},
	{"GM0935", "Maastricht", "PV31", 123_000, "Zuid-Limburg"},
	{"GM0917", "Heerlen", "PV31", 87_000, "Zuid-Limburg"},
	{"GM0965", "Simpelveld", "PV31", 10_000, "Zuid-Limburg"},
}

// provinceShares is the number of municipalities per province on
// 1 January 2025 (342 in all), by which generated municipalities spread
// over the provinces.
var provinceShares = []struct {
	province string
	count    int
}{
	{"PV20", 10}, {"PV21", 18}, {"PV22", 12}, {"PV23", 25}, {"PV24", 6}, {"PV25", 51},
	{"PV26", 26}, {"PV27", 44}, {"PV28", 50}, {"PV29", 13}, {"PV30", 56}, {"PV31", 31},
}

// regions lists the region names generated municipalities are placed in,
// per province: about 25 in all, after the regional partnerships that
// municipalities buy and plan in.
var regions = map[string][]string{
	"PV20": {"Regio Groningen-Assen", "Oost-Groningen"},
	"PV21": {"Noord-Nederland", "Zuidwest-Fryslân"},
	"PV22": {"Drenthe Noord", "Zuidoost-Drenthe"},
	"PV23": {"Regio Zwolle", "Regio Twente"},
	"PV24": {"Flevoland"},
	"PV25": {"Regio Arnhem-Nijmegen", "Regio Achterhoek", "Regio Stedendriehoek", "Regio FoodValley"},
	"PV26": {"Regio Utrecht", "Regio Amersfoort"},
	"PV27": {"Metropoolregio Amsterdam", "Noord-Holland Noord"},
	"PV28": {"Metropoolregio Rotterdam Den Haag", "Holland Rijnland", "Drechtsteden"},
	"PV29": {"Zeeland"},
	"PV30": {"Regio Eindhoven", "Hart van Brabant", "West-Brabant", "Noordoost-Brabant"},
	"PV31": {"Noord-Limburg", "Zuid-Limburg"},
}

// waterBoard is a real water board with the province of its seat.
type waterBoard struct {
	name     string
	province string
}

// waterBoards lists the 21 Dutch water boards. Their code is WS- and their
// position, from 01.
var waterBoards = []waterBoard{
	{"Wetterskip Fryslân", "PV21"},
	{"Waterschap Noorderzijlvest", "PV20"},
	{"Waterschap Hunze en Aa's", "PV20"},
	{"Waterschap Drents Overijsselse Delta", "PV23"},
	{"Waterschap Vechtstromen", "PV23"},
	{"Waterschap Zuiderzeeland", "PV24"},
	{"Waterschap Vallei en Veluwe", "PV25"},
	{"Waterschap Rijn en IJssel", "PV25"},
	{"Waterschap Rivierenland", "PV25"},
	{"Hoogheemraadschap De Stichtse Rijnlanden", "PV26"},
	{"Hoogheemraadschap Hollands Noorderkwartier", "PV27"},
	{"Waterschap Amstel, Gooi en Vecht", "PV27"},
	{"Hoogheemraadschap van Rijnland", "PV28"},
	{"Hoogheemraadschap van Delfland", "PV28"},
	{"Hoogheemraadschap van Schieland en de Krimpenerwaard", "PV28"},
	{"Waterschap Hollandse Delta", "PV28"},
	{"Waterschap Scheldestromen", "PV29"},
	{"Waterschap Brabantse Delta", "PV30"},
	{"Waterschap De Dommel", "PV30"},
	{"Waterschap Aa en Maas", "PV30"},
	{"Waterschap Limburg", "PV31"},
}

// smallWaterBoards picks, by position in waterBoards, the water boards of
// the small set: those around its Frisian, Utrecht and Brabant members.
var smallWaterBoards = []int{0, 9, 18}

// smallJointArrangements are the joint arrangements of the small set.
var smallJointArrangements = []struct {
	code, name, province, region string
}{
	{"GR-0001", "Dienst Dommelvallei", "PV30", "Regio Eindhoven"},
	{"GR-0002", "Omgevingsdienst regio Utrecht", "PV26", "Regio Utrecht"},
}
