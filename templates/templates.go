// Package templates embeds the HTML UI: layouts, partials, pages and the
// static assets (own CSS, no CDN, no build step).
package templates

import "embed"

// FS holds layouts/, partials/, pages/ and static/.
//
//go:embed layouts partials pages static
var FS embed.FS
