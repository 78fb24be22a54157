package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// STYLE §14: one place speaks Dutch, internal/nl. The domain packages
// return codes and values; internal/web, exports and the command line word
// them through internal/nl. TestDomainSpeaksNoDutch reads every string
// literal of the domain's non-test Go files and fails on one that looks
// like Dutch text for users, unless a table below allows it with a
// reason.

// domainDirs are the domain packages, as the import rules name them
// (domain: contracts and procurement, with their subpackages).
var domainDirs = []string{"contracts", "procurement"}

// dutchWords are Dutch function words that are no English words, and
// the words of procurement the domain's Dutch texts use most and English
// never does; underscores count as letters, so that identifiers
// (description_en) do not match.
var dutchWords = regexp.MustCompile(`(?i)(^|[^\p{L}_])(de|het|een|van|niet|voor|met|en|op|bij|geen|naar|zijn|wordt|worden|dat|deze|dit|als|aan|uit|nog|tot|door|kan|kunnen|moet|moeten|zonder|onder|boven|dan|ook|wel|maar|heeft|hebben|om|te|elke|mag|` +
	`dagen|maanden|jaar|minimaal|maximaal|uiterlijk|aanbesteding|aanbestedingen|perceel|percelen|deelnemer|deelnemers|leverancier|leveranciers|drempel|overeenkomst|opdracht|termijn|gunningsbeslissing|planningsaanname|vooraankondiging|uitnodiging|inschrijving|gezamenlijke|verzonden|groep)([^\p{L}_]|$)`)

// dutchNames are the Dutch names of the months and the days of the week.
var dutchNames = regexp.MustCompile(`(?i)(^|[^\p{L}_])(januari|februari|maart|mei|juni|juli|augustus|oktober|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)([^\p{L}_]|$)`)

// dutchLetters are letters English does not write but Dutch does
// (coördinator, beëindigd, continuïteit, vóór, één).
var dutchLetters = regexp.MustCompile(`[ëïöüéèóáú]`)

// looksDutch reports whether s reads as Dutch text: a phrase with a Dutch
// word, a month or day name, or a letter only Dutch writes. A lone word
// is a code or a word an import reads ("en" for English, "geen" as a
// renewal kind, "jaar" as a price period), not a text.
func looksDutch(s string) bool {
	return strings.Contains(s, " ") && dutchWords.MatchString(s) || dutchNames.MatchString(s) || dutchLetters.MatchString(s)
}

// allowedDutch are the legitimate Dutch literals of the domain, with the
// reason each is no text for users.
var allowedDutch = map[string]string{
	// The contract import reads Dutch spreadsheets: the column names it
	// accepts (the template writes the first of each) and the accented
	// letters it folds are input it recognizes, not text it writes.
	"Looptijd (maanden)":           columnName,
	"looptijd in maanden":          columnName,
	"Verlengingsperiode (maanden)": columnName,
	"Maximaal aantal verlengingen": columnName,
	"maximaal verlengingen":        columnName,
	"Opzegtermijn (maanden)":       columnName,
	"opzegtermijn in maanden":      columnName,
	"Opzegtermijn (dagen)":         columnName,
	"opzegtermijn in dagen":        columnName,
	"Interne doorlooptijd (dagen)": columnName,
	"doorlooptijd (dagen)":         columnName,
	"naam leverancier":             columnName,
	"kvk leverancier":              columnName,
	"waarde per jaar":              columnName,
	"Opzegging op elke dag":        columnName,
	"opzeggen op elke dag":         columnName,
	"opzegging elke dag":           columnName,
	"einde op elke dag":            columnName,
	"Opgezegd op":                  columnName,
	"Continuïteit/escrow":          columnName,
	"rechten op broncode":          columnName,
	"Bevolking op 1 januari":       "column name of the CBS organization table (input it reads)",
	"àáâãäåāăą":                    foldedLetters,
	"èéêëēĕėęě":                    foldedLetters,
	"ìíîïĩīĭįı":                    foldedLetters,
	"òóôõöōŏő":                     foldedLetters,
	"ùúûüũūŭůűų":                   foldedLetters,
	"àáâäã":                        foldedLetters,
	"èéêë":                         foldedLetters,
	"ìíîï":                         foldedLetters,
	"òóôöõ":                        foldedLetters,
	"ùúûü":                         foldedLetters,
}

const (
	columnName    = "column name of the contract import (input it reads, and the template's header)"
	foldedLetters = "accented letters an import or the bundler folds to plain ones (input it reads)"
)

func TestDomainSpeaksNoDutch(t *testing.T) {
	root := moduleRoot(t)
	found := map[string][]string{}
	for _, dir := range domainDirs {
		lits, err := stringLiterals(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for s, where := range lits {
			if looksDutch(s) {
				found[s] = append(found[s], where...)
			}
		}
	}
	for _, s := range slices.Sorted(mapsKeys(found)) {
		if allowedDutch[s] == "" {
			t.Errorf("%s: Dutch text in the domain (STYLE §14): %q; return a code or the values and let internal/nl word them",
				strings.Join(found[s], ", "), s)
		}
	}
	for s := range allowedDutch {
		if _, ok := found[s]; !ok {
			t.Errorf("allowedDutch holds %q, which no domain file has (any more): remove it", s)
		}
	}
}

func mapsKeys(m map[string][]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// stringLiterals returns every string literal of the non-test Go files
// under dir (testdata and hidden directories skipped), each with where it
// occurs (file:line, relative to dir's parent).
func stringLiterals(dir string) (map[string][]string, error) {
	out := map[string][]string{}
	fset := token.NewFileSet()
	base := filepath.Dir(dir)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			out[s] = append(out[s], filepath.ToSlash(rel)+":"+strconv.Itoa(fset.Position(lit.Pos()).Line))
			return true
		})
		return nil
	})
	return out, err
}

// TestLooksDutch tunes the rule: Dutch sentences, labels and names match;
// the domain's English messages, identifiers and the words its imports
// read do not.
func TestLooksDutch(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"geen lopend contract in deze categorie",
		"contract eindigt %s, de dag voor de geplande start",
		"leverancier heeft %s van de uitgaven",
		"college van B&W",
		"beëindigd",
		"coördinator",
		"één perceel",
		"1 januari 2026",
		"zondag",
		"Opzegtermijn gemist: verlengd tot %s",
		"Looptijd (maanden)",
		"Aw 2012 art. 2.71: %d dagen",
		"Gezamenlijke aanbesteding %s %d",
	} {
		if !looksDutch(s) {
			t.Errorf("looksDutch(%q) = false, want true", s)
		}
	}
	for _, s := range []string{
		"must not lie before the start",
		"is required: the vendor's name or KvK number",
		"the notice deadline %s was missed: the contract renewed until %s",
		"exceeds the cap of %d cents (€10^12)",
		"no vendor is named %q: give its KvK number to add it, or add the vendor first",
		"a framework agreement runs at most %d months unless objectively justified (Aw 2012 art. 2.140), got %d",
		"must be on or after %s, the earliest deadline after publication on %s (%s)",
		"description_en",
		"en",
		"geen",
		"stilzwijgend",
		"jaar",
		"Leverancier",
		"Gedelegeerde Verordening (EU) 2025/2152",
		"dagelijks_bestuur",
		"%s (one of: %s)",
	} {
		if looksDutch(s) {
			t.Errorf("looksDutch(%q) = true, want false", s)
		}
	}
}
