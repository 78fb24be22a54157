package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/benchtest"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/web"
)

// listBench is a demo register at one scale served by the real app, with
// a coordinator's session (all organizations) and an admin's API token.
type listBench struct {
	st     *store.Store
	app    *fiber.App
	cookie string
	token  string
	db     *sql.DB
}

var (
	listBenchOnce = map[demo.Scale]*sync.Once{demo.ScaleSmall: {}, demo.ScaleNational: {}, demo.ScaleStress: {}}
	listBenches   = map[demo.Scale]*listBench{}
)

// benchRegister generates the register at scale once per process.
func benchRegister(b *testing.B, scale demo.Scale) *listBench {
	b.Helper()
	listBenchOnce[scale].Do(func() {
		ctx := context.Background()
		now := func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
		// Kept for the process (a later -count reuses it), removed by the OS.
		dir, err := os.MkdirTemp("", "samenkoop-bench-")
		if err != nil {
			b.Fatal(err)
		}
		// A database of `samenkoop demo` at this scale, when named, is
		// copied (the benchmark writes users and sessions) and read on
		// the real clock its dates were stored for: generating the
		// stress set here takes many minutes.
		path := dir + "/" + string(scale) + ".db"
		src := os.Getenv("SAMENKOOP_BENCH_DB_" + strings.ToUpper(string(scale)))
		if src != "" {
			now = time.Now
			if err := copyFile(src, path); err != nil {
				b.Fatal(err)
			}
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		if src == "" {
			if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: scale, Seed: 1, Now: now}); err != nil {
				b.Fatal(err)
			}
		}
		svc := contracts.NewService(st.Register(), contracts.Options{Now: now})
		authSvc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
		coord, err := authSvc.CreateUser(ctx, auth.User{Email: "coordinator@bench.nl", Name: "Coördinator", Role: auth.RoleCoordinator}, "correct horse battery")
		if err != nil {
			b.Fatal(err)
		}
		_, _, cookie, err := authSvc.Login(ctx, coord.Email, "correct horse battery", "192.0.2.1")
		if err != nil {
			b.Fatal(err)
		}
		admin, err := authSvc.CreateUser(ctx, auth.User{Email: "admin@bench.nl", Name: "Admin", Role: auth.RoleAdmin}, "correct horse battery")
		if err != nil {
			b.Fatal(err)
		}
		_, token, err := authSvc.CreateToken(ctx, admin.ID, "bench", 0)
		if err != nil {
			b.Fatal(err)
		}
		app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
			web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})
		db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_stmt_cache_size=64")
		if err != nil {
			b.Fatal(err)
		}
		listBenches[scale] = &listBench{st: st, app: app, cookie: cookie, token: token, db: db}
	})
	lb := listBenches[scale]
	if lb == nil {
		b.Fatal("register not generated")
	}
	return lb
}

// copyFile copies the file at src to dst.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkContractListPages measures /contracten for a coordinator (all
// organizations, the default view: expired contracts hidden, by notice
// deadline) on its first, middle and last page, through the whole app,
// beside the bare work the page needs: the store's very statements
// (store.ContractListStatements: the counter total, the page's keys, the
// page's rows with every column, both joins and the licence line count)
// on a database/sql connection of its own. Small and national scale;
// stress scale (10× national) with SAMENKOOP_BENCH_STRESS=1. A scale
// whose SAMENKOOP_BENCH_DB_SMALL, _NATIONAL or _STRESS names a database of
// `samenkoop demo` runs on a copy of it instead of a generated register:
//
//	SAMENKOOP_BENCH_STRESS=1 SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db SAMENKOOP_BENCH_DB_STRESS=/tmp/stress.db \
//	go test ./internal/web -run X -bench ContractListPages -benchtime 100x
//
// The target: ≤ 10 ms a page, flat across scales.
func BenchmarkContractListPages(b *testing.B) {
	scales := []demo.Scale{demo.ScaleSmall, demo.ScaleNational}
	if os.Getenv("SAMENKOOP_BENCH_STRESS") == "1" {
		scales = append(scales, demo.ScaleStress)
	}
	for _, scale := range scales {
		b.Run(string(scale), func(b *testing.B) {
			lb := benchRegister(b, scale)
			var total int
			if err := lb.db.QueryRow(`SELECT count(*) FROM contracts WHERE expired = 0`).Scan(&total); err != nil {
				b.Fatal(err)
			}
			for _, at := range []struct {
				name string
				row  int // the row the page follows; -1 for the first page
			}{{"first", -1}, {"middle", total / 2}, {"last", total - 30}} {
				cursor := ""
				if at.row >= 0 {
					var k contracts.Cursor
					k.Sort, k.Keys = "notice", make([]string, 3)
					if err := lb.db.QueryRow(`SELECT notice_key, current_end, id FROM contracts WHERE expired = 0
						ORDER BY notice_key, current_end, id LIMIT 1 OFFSET ?`, at.row).Scan(&k.Keys[0], &k.Keys[1], &k.Keys[2]); err != nil {
						b.Fatal(err)
					}
					cursor = k.Encode()
				}
				b.Run(at.name+"/page", func(b *testing.B) {
					path := "/contracten"
					if cursor != "" {
						path += "?cursor=" + cursor
					}
					benchtest.CPUTime(b, func() {
						for b.Loop() {
							req := httptest.NewRequest("GET", path, nil)
							req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: lb.cookie})
							resp, err := lb.app.Test(req, -1)
							if err != nil {
								b.Fatal(err)
							}
							body, err := io.ReadAll(resp.Body)
							resp.Body.Close()
							if err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(`<code>`)) {
								b.Fatalf("status %d, %v: %.300s", resp.StatusCode, err, body)
							}
						}
					})
				})
				b.Run(at.name+"/bare", func(b *testing.B) {
					f := contracts.ContractFilter{Scope: contracts.Everyone(), HideExpired: true, Sort: contracts.SortNotice, PageSize: 50}.Normalize()
					var err error
					if f.Seek, err = contracts.DecodeCursor("cursor", cursor, "notice", 3); err != nil {
						b.Fatal(err)
					}
					stmts, err := store.ContractListStatements(f)
					if err != nil {
						b.Fatal(err)
					}
					benchtest.CPUTime(b, func() {
						for b.Loop() {
							if n := bareContractPage(b, lb.db, stmts, f.PageSize); n == 0 {
								b.Fatal("no rows")
							}
						}
					})
				})
			}
		})
	}
}

// bareContractPage runs the statements of one page as the store does and
// reads every column of every row; it returns the rows read.
func bareContractPage(b *testing.B, db *sql.DB, stmts store.ContractListSQL, size int) int {
	ctx := context.Background()
	var total, candidates int
	dest := []any{&total}
	if stmts.Bounded {
		dest = []any{&candidates, &total}
	}
	if err := db.QueryRowContext(ctx, stmts.Total, stmts.TotalArgs...).Scan(dest...); err != nil {
		b.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, stmts.Keys, stmts.KeysArgs...)
	if err != nil {
		b.Fatal(err)
	}
	cols, _ := rows.Columns()
	vals := make([]sql.RawBytes, len(cols))
	dest = make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	ids := make([]int64, 0, size)
	for rows.Next() && len(ids) < size+1 {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		if string(vals[len(vals)-1]) != "1" {
			continue
		}
		id, _ := strconv.ParseInt(string(vals[len(vals)-2]), 10, 64)
		ids = append(ids, id)
	}
	rows.Close()
	js, _ := json.Marshal(ids[:min(len(ids), size)])
	rows, err = db.QueryContext(ctx, stmts.Rows, string(js))
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ = rows.Columns()
	vals = make([]sql.RawBytes, len(cols))
	dest = make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}
