package uitest

import "sync"

// Clipboard records what a session copies (uitest.Common installs one, so tests never
// touch the machine's clipboard).
type Clipboard struct {
	mu    sync.Mutex
	texts []string
}

// Copy implements common.Clipboard.
func (c *Clipboard) Copy(text string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.texts = append(c.texts, text)
	return nil
}

// Last is the last text copied ("" when none).
func (c *Clipboard) Last() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.texts) == 0 {
		return ""
	}
	return c.texts[len(c.texts)-1]
}
