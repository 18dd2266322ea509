package serve_test

import (
	"context"
	"testing"

	"mastui/download"
	"mastui/ui/serve"
	"mastui/ui/uitest"
)

// Every session's view gets every event of the one engine (not a share of them); a
// closed view stops while the others go on; the engine's end closes them all.
func TestSharedDownloadsFanOut(t *testing.T) {
	src := uitest.NewDownloads()
	shared := serve.ShareDownloads(src)
	a, closeA, _ := shared.Factory(context.Background())
	b, _, _ := shared.Factory(context.Background())

	src.Ch <- download.StateEvent{Status: st("x", download.Active, 0)}
	src.Ch <- download.ProgressEvent{Status: st("y", download.Active, 5)}
	for name, v := range map[string]<-chan download.Event{"a": a.Events(), "b": b.Events()} {
		got := map[string]bool{}
		for len(got) < 2 {
			got[(<-v).EventStatus().ID] = true
		}
		if !got["x"] || !got["y"] {
			t.Errorf("view %s got %v, want x and y", name, got)
		}
	}

	closeA.Close()
	src.Ch <- download.StateEvent{Status: st("z", download.Active, 0)}
	src.Ch <- download.ProgressEvent{Status: st("z", download.Active, 9)}
	src.Ch <- download.StateEvent{Status: st("end", download.Done, 0)} // pumped after both z events
	var zs []download.Event
	for ev := range b.Events() {
		if ev.EventStatus().ID == "z" {
			zs = append(zs, ev)
		}
		if ev.EventStatus().ID == "end" {
			break
		}
	}
	if len(zs) == 0 || zs[len(zs)-1].EventStatus().Done != 9 {
		t.Errorf("z's events %#v, want the last with 9 bytes", zs)
	}
	if _, open := <-a.Events(); open {
		t.Error("closed view still delivers")
	}
	close(src.Ch) // the engine closed
	for range b.Events() {
	}
	shared.Wait()
	if _, open := <-b.Events(); open {
		t.Error("view open after the engine closed")
	}
}

func st(id string, state download.State, done int64) download.Status {
	return download.Status{Item: download.Item{ID: id}, State: state, Done: done}
}
