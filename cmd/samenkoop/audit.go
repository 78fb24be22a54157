package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"time"

	"github.com/spf13/cobra"

	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/config"
)

// auditLong is the audit command's help: what the checks prove and what
// they do not.
const auditLong = `Check and anchor the audit log.

Every change is recorded in the audit log in the same transaction as the
change. Each entry carries the hash of the one before it, so an entry that
is edited, deleted or moved breaks the chain, and "audit verify" names it.

Keyed chain. With audit.keyFile set (SAMENKOOP_AUDIT_KEYFILE; make the file
with "audit keygen"), entries are sealed with HMAC-SHA-256 under that key
instead of a plain SHA-256. The key is read from the file and never stored
in the database. Whoever can write the database but cannot read the key
cannot rewrite the log without "audit verify" reporting "HMAC does not match
under the configured key". A log started without a key continues when one
is configured: the first keyed entry chains onto the last unkeyed hash, so
the earlier entries are sealed with it, and every later entry must be keyed.
The server refuses changes when the log is keyed and no key, or another
key, is configured. Keep a copy of the key elsewhere: without it keyed
entries cannot be verified. Replacing the key makes the entries sealed with
the old one fail verification under the new one.

Anchors. A chain cannot show by itself that its newest entries were cut
off: the shorter chain is intact. "audit checkpoint" records the head (the
number of entries and the last hash) in a file (audit.checkpointFile), and
every backup prints the head too. "audit verify" then checks that the log
still passes through that entry with that hash and is at least as long,
and names a removed tail: "entries after #N were removed: the checkpoint of
<date> recorded #M with hash …".

What this proves: entries up to the newest checkpoint or head you kept
are all there and unchanged; entries after it were sealed by someone who
had the key (or, unkeyed, by anyone who could write the database).

What it does not prove:
  - with the key on the same machine as the database, whoever controls the
    machine (root, or the server process itself) has both and can rewrite
    the log with valid HMACs; only a checkpoint kept where that writer
    cannot change it (another machine, write-once storage, a ticket) still
    shows what was there when it was taken;
  - entries written after the newest checkpoint can be removed unnoticed by
    someone with the key, and by anyone without a key configured;
  - a change made directly in the database, without an entry, leaves no
    trace in the log at all;
  - without the key, keyed entries cannot be checked ("audit verify" says
    so and exits with status 1).`

func (a *app) auditCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Check, key and anchor the audit log",
		Long:  auditLong,
	}
	cmd.AddCommand(a.auditVerifyCmd(), a.auditCheckpointCmd(), a.auditKeygenCmd())
	return cmd
}

func (a *app) auditVerifyCmd() *cobra.Command {
	var (
		checkpoint string
		head       string
		entries    int64
	)
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Walk the audit log's chain; exit status 1 names the first broken entry or a removed tail",
		Long: `Walk the audit log's chain from the first entry and check that no entry was
edited, deleted or reordered, and, with audit.keyFile set, that every keyed
entry's HMAC matches under the key. Prints "audit log intact: N entries" and
the hash of the last entry, or exits with status 1 naming the first broken
entry.

The log is also checked against the checkpoint in audit.checkpointFile (or
--checkpoint FILE) and against --head HASH, a head printed by "samenkoop
backup" (with --entries N, the entry count printed beside it): the log must
still pass through that entry and be at least as long, or the removed tail
is named.

` + "See `samenkoop audit --help` for what this proves and what it does not.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			if entries != 0 && head == "" {
				return usageError(errors.New("--entries goes with --head"))
			}
			var anchors []audit.Anchor
			cp, found, err := readCheckpoint(cmd, cfg, checkpoint)
			if err != nil {
				return err
			}
			if found {
				anchors = append(anchors, cp.Anchor())
			}
			if head != "" {
				anchors = append(anchors, audit.Anchor{Seq: entries, Hash: head, Source: "the head given"})
			}
			ctx := cmd.Context()
			st, err := openStore(ctx, cfg, false)
			if err != nil {
				return err
			}
			defer st.Close()
			r, err := st.VerifyAuditAnchored(ctx, anchors...)
			if err != nil {
				return err
			}
			if !r.Intact {
				msg := r.String()
				if r.NeedsKey {
					msg += "\nset audit.keyFile (SAMENKOOP_AUDIT_KEYFILE) to the key file to check keyed entries"
				}
				return &exitError{code: 1, err: errors.New(msg)}
			}
			out := cmd.OutOrStdout()
			fmt.Fprintln(out, r.String())
			if r.Checked > 0 {
				fmt.Fprintln(out, "last hash:", r.Head)
			}
			switch {
			case r.Keyed > 0:
				fmt.Fprintf(out, "keyed: entries #%d to #%d are sealed with HMAC-SHA-256 and match under the configured key\n", r.FirstKeyed, r.LastSeq)
			case cfg.Audit.KeyFile != "" && r.Checked > 0:
				fmt.Fprintln(out, "keyed: no entry yet; the next change is the first sealed with the configured key")
			}
			for _, an := range anchors {
				if an.Seq > 0 {
					fmt.Fprintf(out, "anchored: the log passes through %s (#%d)\n", an.Source, an.Seq)
				} else {
					fmt.Fprintf(out, "anchored: the log passes through %s\n", an.Source)
				}
			}
			return nil
		},
	}
	verify.Flags().StringVar(&checkpoint, "checkpoint", "", "checkpoint file to verify against (default: audit.checkpointFile)")
	verify.Flags().StringVar(&head, "head", "", "a head hash printed by samenkoop backup: the log must still pass through it")
	verify.Flags().Int64Var(&entries, "entries", 0, "with --head: the number of entries printed beside it")
	return verify
}

// readCheckpoint reads the checkpoint named by the flag or, without it, by
// audit.checkpointFile. A configured file that does not exist yet is
// noted and skipped; a file named with the flag must exist.
func readCheckpoint(cmd *cobra.Command, cfg config.Config, flag string) (audit.Checkpoint, bool, error) {
	path := flag
	if path == "" {
		path = cfg.Audit.CheckpointFile
	}
	if path == "" {
		return audit.Checkpoint{}, false, nil
	}
	cp, err := audit.ReadCheckpoint(path)
	switch {
	case err == nil:
		return cp, true, nil
	case errors.Is(err, fs.ErrNotExist) && flag == "":
		fmt.Fprintf(cmd.ErrOrStderr(), "no checkpoint at %s yet (samenkoop audit checkpoint writes one): not checked against one\n", path)
		return cp, false, nil
	}
	return cp, false, usageError(err)
}

func (a *app) auditCheckpointCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "checkpoint",
		Short: "Record the audit log's head (entry count and last hash) in a file kept outside the database",
		Long: `Verify the audit log and record its head, the number of entries, the last
entry and its hash and the time, in audit.checkpointFile (or -o FILE), which
"audit verify" checks the log against from then on. An existing checkpoint
in that file is verified first and replaced only when the log still passes
through it; a broken log gets no checkpoint (exit status 1).

The checkpoint is worth only as much as its place: keep it where whoever
can write the database cannot change it (another machine, write-once
storage), or copy each one there, e.g. from a daily job.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.config()
			if err != nil {
				return err
			}
			if out == "" {
				out = cfg.Audit.CheckpointFile
			}
			if out == "" {
				return usageError(errors.New("no checkpoint file: set audit.checkpointFile (SAMENKOOP_AUDIT_CHECKPOINTFILE) or give -o FILE"))
			}
			var anchors []audit.Anchor
			switch old, err := audit.ReadCheckpoint(out); {
			case err == nil:
				anchors = append(anchors, old.Anchor())
			case !errors.Is(err, fs.ErrNotExist):
				return usageError(err)
			}
			ctx := cmd.Context()
			st, err := openStore(ctx, cfg, false)
			if err != nil {
				return err
			}
			defer st.Close()
			r, err := st.VerifyAuditAnchored(ctx, anchors...)
			if err != nil {
				return err
			}
			if !r.Intact {
				return &exitError{code: 1, err: fmt.Errorf("%s\nno checkpoint written", r)}
			}
			cp := audit.CheckpointOf(r, time.Now())
			if err := audit.WriteCheckpoint(out, cp); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "checkpoint written to %s: %d entries, last #%d, head %s\n", out, cp.Entries, cp.LastSeq, cp.Head)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "checkpoint file (default: audit.checkpointFile)")
	return cmd
}

func (a *app) auditKeygenCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "keygen -o FILE",
		Short: "Write a new random key for the audit chain to FILE (mode 0600)",
		Long: `Write a new random 256-bit key, as hex, to FILE, readable by its owner only.
It refuses to overwrite an existing file. Point audit.keyFile
(SAMENKOOP_AUDIT_KEYFILE) at it; from the next change on, entries are sealed
with HMAC-SHA-256 under it. Keep a copy somewhere safe and off this machine:
without the key, keyed entries cannot be verified.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError(errors.New("give the key file with -o FILE"))
			}
			key, err := audit.GenerateKey()
			if err != nil {
				return err
			}
			if err := writeNewFile(out, audit.EncodeKey(key), 0o600); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "audit key written to %s (mode 0600)\nset audit.keyFile: %s (or SAMENKOOP_AUDIT_KEYFILE) and keep a copy off this machine\n", out, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "key file to create")
	return cmd
}

// writeNewFile creates path with perm and writes data, refusing to
// replace an existing file.
func writeNewFile(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		_ = os.Remove(path)
		return err
	}
	return nil
}

// auditKey reads the key audit.keyFile names, or returns nil when none is
// configured; an unreadable or malformed key is a configuration error.
func auditKey(cfg config.Config) ([]byte, error) {
	if cfg.Audit.KeyFile == "" {
		return nil, nil
	}
	key, err := audit.ReadKeyFile(cfg.Audit.KeyFile)
	if err != nil {
		return nil, usageError(fmt.Errorf("audit.keyFile: %w", err))
	}
	return key, nil
}

// cliContext marks ctx so that the changes a command makes are recorded in
// the audit log as the operating-system user's who ran it ("cli" when the
// user cannot be looked up, as in some containers).
func cliContext(ctx context.Context) context.Context {
	name := "cli"
	if u, err := user.Current(); err == nil && u.Username != "" {
		name = u.Username
	}
	return audit.WithActor(ctx, audit.Actor{Kind: audit.KindCLI, Email: name})
}
