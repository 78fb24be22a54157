//go:build !linux

package servertest

import "syscall"

// procAttr: only Linux kills a child when its parent dies; elsewhere the
// test's cleanup is what stops the servers.
func procAttr() *syscall.SysProcAttr { return nil }
