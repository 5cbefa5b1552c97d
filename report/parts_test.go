package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
)

// countingWriter records, at each write, how many items had been encoded.
type countingWriter struct {
	buf     bytes.Buffer
	encoded *atomic.Int64
	at      []int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.at = append(w.at, w.encoded.Load())
	return w.buf.Write(p)
}

// TestSpliceListWritesAWindowAtATime: the items are written as each window is encoded, not
// once all are (a report of 100,000 findings is never held encoded whole), and the document
// is still one list of every item in order.
func TestSpliceListWritesAWindowAtATime(t *testing.T) {
	n := 3*spliceWindow + 7
	var encoded atomic.Int64
	w := &countingWriter{encoded: &encoded}
	head := []byte("{\n  \"items\": [],\n  \"n\": 1\n}")
	err := spliceList(w, head, "items", n, func(i int, _ string) ([]byte, error) {
		encoded.Add(1)
		return []byte(fmt.Sprintf("%d", i)), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if w.at[2] > spliceWindow {
		t.Errorf("the first window was written after %d items were encoded, want at most %d", w.at[2], spliceWindow)
	}
	var doc struct {
		Items []int `json:"items"`
		N     int   `json:"n"`
	}
	if err := json.Unmarshal(w.buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(doc.Items) != n || doc.N != 1 {
		t.Fatalf("%d items and n=%d, want %d and 1", len(doc.Items), doc.N, n)
	}
	for i, v := range doc.Items {
		if v != i {
			t.Fatalf("item %d is %d", i, v)
		}
	}
}
