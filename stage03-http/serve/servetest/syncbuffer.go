// Package servetest helps tests run a command in the background: they wait
// for the lines it logs, such as "addr=127.0.0.1:…", in a SyncBuffer.
package servetest

import (
	"bytes"
	"sync"
)

// SyncBuffer is a bytes.Buffer that a running server or command may write
// (its log, say) while the test reads it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what has been written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
