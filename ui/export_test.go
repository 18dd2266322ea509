package ui_test

import (
	tea "github.com/charmbracelet/bubbletea"

	"mastui/ui/common"
	"mastui/ui/views/searchform"
)

func searchformSubmit(s common.Search) tea.Msg { return searchform.SubmitMsg{Search: s} }
