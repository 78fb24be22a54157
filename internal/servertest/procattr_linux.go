package servertest

import "syscall"

// procAttr makes the kernel kill a server whose test process died without
// stopping it (a panic, a go test -timeout), so that no server outlives
// its test.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
