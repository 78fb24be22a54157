package nl

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// How a message is filled: its arguments made Dutch (the catalogue's
// comment in messages.go says how).

// render fills tmpl with args made Dutch (see the catalogue's comment).
func render(tmpl string, args []any) string {
	if !strings.Contains(strings.ReplaceAll(tmpl, "%%", ""), "%") {
		// A text that uses none of its arguments.
		return strings.ReplaceAll(tmpl, "%%", "%")
	}
	dutch := make([]any, len(args))
	for i, a := range args {
		dutch[i] = msgArg(a)
	}
	return fmt.Sprintf(tmpl, dutch...)
}

// msgArg makes one argument Dutch.
func msgArg(a any) any {
	switch v := a.(type) {
	case apperr.Cents:
		return msgMoney(int64(v))
	case apperr.Day:
		return msgDate(string(v))
	case int:
		return msgInt(v)
	case int32:
		return msgInt(v)
	case int64:
		return msgInt(v)
	case float64: // a whole number that came through JSON
		if v == float64(int64(v)) {
			return msgInt(int64(v))
		}
	case []string:
		return strings.Join(v, ", ")
	case apperr.Basis: // the basis a warning or another basis quotes
		return Basis(v)
	case apperr.FieldErrors:
		// The reasons of a warning, as clauses: "het verlicht regime
		// volgt uit …; geef een schriftelijke motivering …".
		clauses := make([]string, len(v))
		for i, e := range v {
			if c, ok := reasonClauses[e.Code]; ok {
				clauses[i] = c
				continue
			}
			s := strings.TrimSuffix(FieldMessage(e), ".")
			if r, size := utf8.DecodeRuneInString(s); size > 0 {
				s = string(unicode.ToLower(r)) + s[size:]
			}
			clauses[i] = s
		}
		return strings.Join(clauses, "; ")
	}
	return a
}

// reasonClauses say why a warning came, where the field problem's own
// text is an instruction to the form's user.
var reasonClauses = map[apperr.Code]string{
	apperr.JustificationRequired: "de schriftelijke motivering ontbreekt (Aw 2012 art. 1.4)",
	apperr.Unknown:               "onbekende procedure",
}

// msgAt returns args[i], or nil when there are fewer arguments.
func msgAt(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return nil
}

// msgStrings returns a list of strings argument, also after JSON.
func msgStrings(a any) []string {
	switch v := a.(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, s := range v {
			out = append(out, fmt.Sprint(s))
		}
		return out
	}
	return nil
}

// msgInt is a whole number in a message: %s writes it with Dutch digit
// grouping (4.000), %d without (2026, for years).
type msgInt int64

func (n msgInt) Format(f fmt.State, verb rune) {
	s := strconv.FormatInt(int64(n), 10)
	if verb != 'd' {
		s = msgGroup(s)
	}
	_, _ = f.Write([]byte(s))
}

// msgGroup puts a dot between every three digits of s from the right,
// keeping a leading minus sign: "-1234567" → "-1.234.567".
func msgGroup(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(s[i])
	}
	return sign + b.String()
}

// msgMoney writes cents as Dutch documents do: € 1.234.567,89. (To be
// replaced by the package's money formatter.)
func msgMoney(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s€\u00a0%s,%02d", sign, msgGroup(strconv.FormatInt(cents/100, 10)), cents%100)
}

// msgDate writes an ISO date as Dutch documents do: 14-12-2026; a value
// that is not an ISO date is written as it is. (To be replaced by the
// package's date formatter.)
func msgDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("02-01-2006")
}
