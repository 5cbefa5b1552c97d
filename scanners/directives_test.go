package scanners_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/deploylint/deploylint/scanners"
)

func TestParseDirectives(t *testing.T) {
	long := "CERT=" + strings.Repeat("A", 2<<20) + "\n"
	src := "A=1 # deploylint:ignore ENV006 -- lab network\n" +
		"## deploylint:ignore env001,ENV002 -- rotated by the vault agent\n" +
		"B=2\n" +
		long +
		"# deploylint:ignore-file NGX008\r\n"
	got := scanners.ParseDirectives([]byte(src))
	want := []scanners.Directive{
		{Line: 1, IDs: []string{"ENV006"}, Reason: "lab network"},
		// A doubled hash still makes a comment line of its own: it covers the next line.
		{Line: 2, IDs: []string{"ENV001", "ENV002"}, Reason: "rotated by the vault agent", OwnLine: true},
		// After a 2 MiB line, and with a CRLF ending.
		{Line: 5, IDs: []string{"NGX008"}, File: true, OwnLine: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
