package cli

import (
	"context"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// stopOnSignal returns a context cancelled by the first stop signal, and a function
// telling which signal that was (0 for none). The first signal ends the work in order;
// the handlers are then reset, so a second one kills at once.
func stopOnSignal() (context.Context, func() syscall.Signal) {
	sigs := stopSignals()
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	ctx, cancel := context.WithCancel(context.Background())
	var got atomic.Int32
	go func() {
		s := <-ch
		if n, ok := s.(syscall.Signal); ok {
			got.Store(int32(n))
		}
		signal.Reset(sigs...)
		cancel()
	}()
	return ctx, func() syscall.Signal { return syscall.Signal(got.Load()) }
}

// stopSignals end a command (and the TUI) in order: work cancelled, journal flushed and
// unlocked, terminal restored. SIGHUP (terminal closed) is left alone when it is
// ignored, as under nohup: catching it would undo that.
func stopSignals() []os.Signal {
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	return sigs
}
