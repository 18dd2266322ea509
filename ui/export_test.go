package ui_test

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/views/observations"
	"mastui/ui/views/searchform"
)

// toObservations addresses msg to the Observations tab, as the tab's own Cmds do.
func toObservations(msg tea.Msg) tea.Msg { return common.TabMsg{To: observations.ID, Msg: msg} }

func searchformSubmit(s common.Search) tea.Msg {
	return toObservations(searchform.SubmitMsg{Search: s})
}

// unwrap is the message inside its envelopes.
func unwrap(msg tea.Msg) tea.Msg {
	for {
		env, ok := msg.(common.TabMsg)
		if !ok {
			return msg
		}
		msg = env.Msg
	}
}

// rewrap puts inner in the envelopes of env (the same address and request).
func rewrap(env, inner tea.Msg) tea.Msg {
	e, ok := env.(common.TabMsg)
	if !ok {
		return inner
	}
	e.Msg = rewrap(e.Msg, inner)
	return e
}
