package rules

import "github.com/deploylint/deploylint/scanners"

// SkippedDocument is the document META004 sees for a file deploylint chose not to read.
func SkippedDocument(rel, reason string) *scanners.Document {
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	return &scanners.Document{Kind: scanners.KindSkipped, Path: rel, Data: map[string]any{"reason": reason}, Spans: spans}
}

// LimitStoppedDocument is the document META003 sees when checks of what (on doc) were
// skipped because a scan's limit named limit ran out: an info finding on line 1 of the file.
func LimitStoppedDocument(doc *scanners.Document, what, reason, limit, fix string) *scanners.Document {
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	return &scanners.Document{
		Kind:  scanners.KindEvalStopped,
		Path:  doc.Path,
		Data:  map[string]any{"what": what, "reason": reason, "kind": doc.Kind, "limit": limit, "fix": fix},
		Spans: spans,
	}
}

// ParseErrorDocument is the document META001 sees for a file its parser refused; fix says
// how to repair a file of its kind (the kind's ParseFix), or is empty when the file could not
// be read at all.
func ParseErrorDocument(rel, kind string, line, col int, msg, fix string) *scanners.Document {
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	data := map[string]any{
		"kind":    kind,
		"message": msg,
		"error":   map[string]any{"line": line, "column": col},
	}
	if fix != "" {
		data["fix"] = fix
	}
	r := scanners.LineRange(line, col, col)
	spans := scanners.Spans{}
	spans.Set(scanners.Span{Key: r, Value: r}, "error")
	spans.Set(scanners.Span{Key: scanners.LineRange(1, 1, 1), Value: scanners.LineRange(1, 1, 1)})
	return &scanners.Document{
		Kind:  scanners.KindParseError,
		Path:  rel,
		Data:  data,
		Spans: spans,
	}
}

// ApplyBaseline reports the findings whose fingerprints a baseline accepted as suppressed.
func ApplyBaseline(fs []Finding, accepted map[string]bool) {
	if len(accepted) == 0 {
		return
	}
	for i := range fs {
		f := &fs[i]
		if f.Suppressed == nil && accepted[f.Fingerprint] {
			f.Suppressed = &Suppression{Kind: "baseline", Justification: "accepted in the baseline"}
		}
	}
}
