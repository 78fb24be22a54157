// Package nl is the one place Samenkoop speaks Dutch (STYLE §14): it
// formats money, numbers, percentages and dates as Dutch readers expect
// them, reads amounts and dates as Dutch users type them, and names every
// value of the domain's enums and the explanations the domain gives as
// values. The domain packages (contracts, procurement) return codes and
// values, never Dutch text; internal/web, exports and the command line
// render them through this package.
//
// Formats follow CLDR's nl locale (money ¤ #,##0.00;¤ -#,##0.00, so
// "€ 1.234,56" and "€ -0,05"; numbers #,##0 with a dot between
// thousands) and the Taalunie's advice for dates (05-12-2026, 5 december
// 2026, weekdays and months in lower case). Where CLDR puts a no-break
// space, Samenkoop writes a plain one, as its documents always have.
package nl
