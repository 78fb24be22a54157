// Package exports writes documents out of Samenkoop: tender dossiers,
// dependency reports, spend workbooks, OCDS and iCalendar. It takes loaded
// domain values and writes to an io.Writer; it never touches the store or
// the web framework. format.go holds the nl-NL formatting that the web UI
// shares.
package exports
