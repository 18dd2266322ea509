package ui_test

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/views/observations"
	"mastui/ui/views/results"
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

// pageAnswer is the answer of page request req of the Observations results, as the
// results' Requests address it.
func pageAnswer(req uint64, p results.PageLoadedMsg) tea.Msg {
	return toObservations(common.TabMsg{To: results.PageTask, Req: req, Msg: p})
}

// readdress is rewrap with the innermost envelope's request number set to req.
func readdress(env tea.Msg, req uint64, inner tea.Msg) tea.Msg {
	e, ok := env.(common.TabMsg)
	if !ok {
		return inner
	}
	if _, nested := e.Msg.(common.TabMsg); nested {
		e.Msg = readdress(e.Msg, req, inner)
	} else {
		e.Req, e.Msg = req, inner
	}
	return e
}

// request is the number of the request msg answers (its innermost envelope's).
func request(msg tea.Msg) uint64 {
	var req uint64
	for {
		env, ok := msg.(common.TabMsg)
		if !ok {
			return req
		}
		req, msg = env.Req, env.Msg
	}
}
