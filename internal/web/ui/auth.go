package ui

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/web"
)

type loginPage struct {
	layout
	Email string
	Terug string
	Error string
}

// loginForm shows the login form with a fresh double-submit CSRF token.
func (u *ui) loginForm(c *fiber.Ctx) error {
	terug := localPath(c.Query("terug", "/"))
	if web.CurrentUser(c) != nil {
		return c.Redirect(terug, fiber.StatusSeeOther)
	}
	return u.renderLogin(c, fiber.StatusOK, "", terug, "")
}

func (u *ui) renderLogin(c *fiber.Ctx, status int, email, terug, msg string) error {
	token, err := auth.NewSecret("")
	if err != nil {
		return err
	}
	u.r.SetCookie(c, web.LoginCSRFCookie, token, time.Hour)
	p := loginPage{layout: u.layout(c, "Inloggen", ""), Email: email, Terug: terug, Error: msg}
	p.CSRF = token
	return c.Status(status).Render("pages/login", p)
}

// login checks the credentials. The answer to a wrong address and a wrong
// password is the same, and too many failures answer 429 with Retry-After.
func (u *ui) login(c *fiber.Ctx) error {
	email, terug := c.FormValue("email"), localPath(c.FormValue("terug"))
	_, _, secret, err := u.auth.Login(c.UserContext(), email, c.FormValue("password"), c.IP())
	var limited *auth.RateLimitedError
	switch {
	case errors.As(err, &limited):
		c.Set(fiber.HeaderRetryAfter, retryAfter(limited.RetryAfter))
		return u.renderLogin(c, fiber.StatusTooManyRequests, email, terug,
			"Te veel mislukte pogingen. Probeer het over "+retryAfter(limited.RetryAfter)+" seconden opnieuw.")
	case errors.Is(err, apperr.Unauthenticated):
		return u.renderLogin(c, fiber.StatusUnauthorized, email, terug, "E-mailadres of wachtwoord is onjuist.")
	case err != nil:
		return err
	}
	u.r.SetCookie(c, web.SessionCookie, secret, u.auth.SessionLifetime())
	u.r.ClearCookie(c, web.LoginCSRFCookie)
	return c.Redirect(terug, fiber.StatusSeeOther)
}

func (u *ui) logout(c *fiber.Ctx) error {
	if err := u.auth.Logout(c.UserContext(), c.Cookies(web.SessionCookie)); err != nil {
		return err
	}
	u.r.ClearCookie(c, web.SessionCookie)
	return c.Redirect("/inloggen", fiber.StatusSeeOther)
}

type accountPage struct {
	layout
	Tokens []auth.Token
	Now    time.Time
	// NewToken is the secret of a token just created, shown this once.
	NewToken     string
	NewTokenName string
	Errors       map[string]string
}

func (u *ui) renderAccount(c *fiber.Ctx, status int, p accountPage) error {
	me := web.CurrentUser(c)
	tokens, err := u.auth.Tokens(c.UserContext(), me.ID)
	if err != nil {
		return err
	}
	p.layout, p.Tokens, p.Now = u.layout(c, "Mijn account", "account"), tokens, u.auth.Now()
	return c.Status(status).Render("pages/account", p)
}

func (u *ui) account(c *fiber.Ctx) error { return u.renderAccount(c, fiber.StatusOK, accountPage{}) }

// tokenLifetimes are the choices of the token form, in days; 0 is no expiry.
var tokenLifetimes = map[string]time.Duration{"30": 30 * 24 * time.Hour, "90": 90 * 24 * time.Hour, "365": 365 * 24 * time.Hour, "0": 0}

func (u *ui) createToken(c *fiber.Ctx) error {
	ttl, ok := tokenLifetimes[c.FormValue("geldigheid")]
	name := c.FormValue("naam")
	if !ok {
		return u.renderAccount(c, fiber.StatusUnprocessableEntity, accountPage{Errors: map[string]string{"geldigheid": "Kies een geldigheidsduur."}})
	}
	_, secret, err := u.auth.CreateToken(c.UserContext(), web.CurrentUser(c).ID, name, ttl)
	if fe := apperr.Fields(err); len(fe) > 0 {
		return u.renderAccount(c, fiber.StatusUnprocessableEntity, accountPage{Errors: map[string]string{"naam": "Geef de token een naam van één regel (hooguit 100 tekens, zonder besturingstekens), zodat u later weet waarvoor hij is."}})
	}
	if err != nil {
		return err
	}
	return u.renderAccount(c, fiber.StatusCreated, accountPage{NewToken: secret, NewTokenName: name})
}

func (u *ui) revokeToken(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	if err := u.auth.RevokeToken(c.UserContext(), web.CurrentUser(c).ID, id); err != nil {
		return err
	}
	return c.Redirect("/account", fiber.StatusSeeOther)
}

// localPath returns p when it is a path on this site, else "/": the login
// form's return address must not send anyone elsewhere.
func localPath(p string) string {
	// Browsers drop tabs and newlines from URLs and read a backslash as a
	// slash, so "/\t/evil.example" would leave the site: refuse them all.
	if strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return "/"
	}
	return p
}

func retryAfter(d time.Duration) string { return fmt.Sprint(int(math.Ceil(d.Seconds()))) }
