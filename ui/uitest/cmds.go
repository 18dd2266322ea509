package uitest

import tea "github.com/charmbracelet/bubbletea"

// Messages runs cmd and the batches it yields, returning every message (nil ones
// dropped). It blocks on each command, so only use it where none waits on a timer.
func Messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, Messages(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}
